/**
 * One-time migration of tables created before the unfinished-runs index (table.ts): runs that were queued or
 * running then lack the index's attribute, so the index cannot find them and a restart would never resume them.
 *
 * It has to look at every item once, so it scans; that is why it lives here and not in the store, whose reads
 * are all tenant-scoped queries or the index. A marker item records that the table is migrated, so the scan runs
 * on the first start after the upgrade and never again. The cloud table is created with the index and needs none
 * of this.
 */
import { GetCommand, PutCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UNFINISHED_ATTRIBUTE } from '../store/table.js';

/** Outside every tenant's partition (tenant keys are `T#<tenant>`). */
const MARKER = { pk: 'META', sk: 'MIGRATION#unfinished-runs-index' };

/** Gives every queued or running run the index attribute, once per table. Returns how many runs it marked. */
export async function backfillUnfinishedRuns(doc: DynamoDBDocumentClient, table: string, now = new Date()): Promise<number> {
  const marker = await doc.send(new GetCommand({ TableName: table, Key: MARKER, ConsistentRead: true }));
  if (marker.Item) return 0;
  let marked = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'begins_with(sk, :run) AND #status IN (:queued, :running) AND attribute_not_exists(#u)',
        ExpressionAttributeNames: { '#status': 'status', '#u': UNFINISHED_ATTRIBUTE },
        ExpressionAttributeValues: { ':run': 'RUN#', ':queued': 'queued', ':running': 'running' },
        ProjectionExpression: 'pk, sk, #status',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: table,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: 'SET #u = #status',
            // A run that finished since the scan read it stays out of the index.
            ConditionExpression: '#status = :seen AND attribute_not_exists(#u)',
            ExpressionAttributeNames: { '#status': 'status', '#u': UNFINISHED_ATTRIBUTE },
            ExpressionAttributeValues: { ':seen': item.status },
          }),
        );
        marked++;
      } catch (err) {
        if ((err as { name?: unknown }).name !== 'ConditionalCheckFailedException') throw err;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  await doc.send(new PutCommand({ TableName: table, Item: { ...MARKER, migratedAt: now.toISOString(), marked } }));
  return marked;
}
