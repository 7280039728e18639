/**
 * The step Lambdas' world for a test file: DynamoDB Local with a fresh table, named to the handlers through the
 * environment variables the stack sets (TABLE_NAME, DYNAMODB_ENDPOINT), and a quiet logger. Set before the first
 * invocation: the handlers build their container's services once, on first use.
 */
import { readFileSync } from 'node:fs';
import { createDynamoClient } from '../../functions/store/client.js';
import { DynamoStore } from '../../functions/store/dynamo.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { startLocalDynamo } from '../functions/local-dynamo.js';

export const SMALL = JSON.parse(readFileSync(new URL('../../examples/small-municipality.json', import.meta.url), 'utf8')) as unknown;

export interface LambdaEnv {
  store: DynamoStore;
  tableName: string;
  endpoint: string;
  close(): Promise<void>;
}

export async function startLambdaEnv(): Promise<LambdaEnv> {
  const ddb = await startLocalDynamo();
  const client = createDynamoClient(ddb.endpoint);
  const tableName = `lambda-${process.pid}`;
  await ensureTable(client, tableName);
  process.env.TABLE_NAME = tableName;
  process.env.DYNAMODB_ENDPOINT = ddb.endpoint;
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  return {
    store: new DynamoStore(client, tableName),
    tableName,
    endpoint: ddb.endpoint,
    close: async () => {
      client.destroy();
      await ddb.cleanup();
    },
  };
}
