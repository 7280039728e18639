/**
 * The one loop that follows DynamoDB's query pages. A query answers at most 1 MB (or `Limit` items) at a time
 * and hands back LastEvaluatedKey while more may follow; every listing, part read and index lookup goes through
 * here so none of them can stop at the first page by mistake.
 */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export type Item = Record<string, unknown>;

export interface QueryOutcome {
  items: Item[];
  /** Where DynamoDB would go on: set when `max` stopped the loop before the end. */
  next?: Item;
}

/**
 * Every item the query matches, page after page, or the first `max` of them. With `max`, each request asks for
 * no more than are still wanted, so the answer never holds more than `max` items.
 */
export async function queryItems(doc: DynamoDBDocumentClient, input: QueryCommandInput, max?: number): Promise<QueryOutcome> {
  const items: Item[] = [];
  let start: Item | undefined = input.ExclusiveStartKey;
  do {
    const page = await doc.send(
      new QueryCommand({
        ...input,
        ExclusiveStartKey: start,
        ...(max === undefined ? {} : { Limit: max - items.length }),
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start && (max === undefined || items.length < max));
  return start ? { items, next: start } : { items };
}
