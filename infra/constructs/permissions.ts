/**
 * Which table actions each function may call: what functions/store/dynamo.ts and blobs.ts really send for the
 * steps that function runs. Transactions need no action of their own: DynamoDB authorises each Put or Update
 * inside a TransactWriteItems as that action.
 *
 * Not granted, on purpose:
 * - Scan to anyone: the store never scans (the one migration that does runs from a developer's machine).
 * - DeleteItem to the steps: they only add items. The one delete they could send is blobs.ts's best-effort
 *   cleanup of orphaned parts after a lost race or of a group partial's earlier parts when a retried group merge
 *   writes it again, which then fails quietly and leaves harmless orphans.
 * - The unfinished-runs index to anyone in the cloud: only the local executor reads it, to resume after a restart;
 *   in the cloud the state machine carries a run to its end.
 *
 * Tokens share the tenant's partition (pk = T#<tenant>), so IAM cannot fence them off from a step by key:
 * dynamodb:LeadingKeys constrains the partition key only. The steps are kept off tokens by their code.
 */
import { type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IFunction } from 'aws-cdk-lib/aws-lambda';

const dynamo = (...actions: string[]) => actions.map((a) => `dynamodb:${a}`);

export const TABLE_ACTIONS = {
  // DescribeTable: the /health check (store.ping).
  api: dynamo('GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'DescribeTable'),
  // begin (read, queued -> running) and pendingChunks (a query of the run's chunks).
  plan: dynamo('GetItem', 'Query', 'UpdateItem'),
  // load (run, model version and their blob parts) and storeChunk (parts, the chunk item, the run's progress).
  worker: dynamo('GetItem', 'Query', 'PutItem', 'UpdateItem'),
  // mergeGroup: reads the run and the group's chunks, writes the group's partial (parts, then the item).
  mergeGroup: dynamo('GetItem', 'Query', 'PutItem'),
  // complete: reads the group partials (or chunks), writes result and distributions, marks the run succeeded.
  merge: dynamo('GetItem', 'Query', 'PutItem', 'UpdateItem'),
  // fail: reads the run (its scenarios may sit in parts) and moves it to failed.
  fail: dynamo('GetItem', 'Query', 'UpdateItem'),
} as const;

export type FunctionRole = keyof typeof TABLE_ACTIONS;

/** Grants `fn` exactly its table actions, on the table itself (no index ARN: none of them queries an index). */
export function grantTableActions(fn: IFunction, table: ITable, role: FunctionRole): void {
  fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: [...TABLE_ACTIONS[role]], resources: [table.tableArn] }));
}
