/**
 * Creates the table from its description (table.ts) when it is absent, and adds any index and the time-to-live
 * the description has and an existing table lacks: tables in users' `.data/` were created before the
 * unfinished-runs index and the expiry of run data existed.
 * In the cloud the stack creates the table; this is for DynamoDB Local and tests.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type TableDescription as DescribedTable,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { attributeDefinitions, createTableInput, indexInput, TABLE, type TableDescription } from './table.js';

const READY_TIMEOUT_MS = 60_000;

export interface TableSetup {
  created: boolean;
  /** Indexes that an existing table lacked and now has. */
  addedIndexes: string[];
  /** Whether the time-to-live was switched on now. */
  enabledTimeToLive: boolean;
}

/** Makes the table match its description and waits until it and all its indexes are ACTIVE. */
export async function ensureTable(client: DynamoDBDocumentClient, tableName: string, table: TableDescription = TABLE): Promise<TableSetup> {
  let created = false;
  if ((await describe(client, tableName)) === null) {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName, table)));
      created = true;
    } catch (err) {
      // Another process created it between our look and our create: fine.
      if (!(err instanceof ResourceInUseException)) throw err;
    }
  }
  const addedIndexes: string[] = [];
  for (;;) {
    const current = await waitUntilActive(client, tableName);
    const present = new Set((current.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    const missing = table.globalSecondaryIndexes.find((i) => !present.has(i.name));
    if (!missing) break;
    try {
      // DynamoDB takes one new index per UpdateTable; each is built (and back-filled from items that already
      // carry its key attribute) before the next.
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: attributeDefinitions(table, [missing]),
          GlobalSecondaryIndexUpdates: [{ Create: indexInput(missing) }],
        }),
      );
      addedIndexes.push(missing.name);
    } catch (err) {
      // Another process is adding it right now: wait for it like for our own.
      if (!(err instanceof ResourceInUseException)) throw err;
    }
  }
  return { created, addedIndexes, enabledTimeToLive: await ensureTimeToLive(client, tableName, table) };
}

async function ensureTimeToLive(client: DynamoDBDocumentClient, tableName: string, table: TableDescription): Promise<boolean> {
  const attribute = table.timeToLiveAttribute;
  if (!attribute) return false;
  const current = (await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }))).TimeToLiveDescription;
  if (current?.AttributeName === attribute && (current.TimeToLiveStatus === 'ENABLED' || current.TimeToLiveStatus === 'ENABLING'))
    return false;
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: attribute, Enabled: true } }),
  );
  return true;
}

async function describe(client: DynamoDBDocumentClient, tableName: string): Promise<DescribedTable | null> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table ?? null;
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return null;
    throw err;
  }
}

async function waitUntilActive(client: DynamoDBDocumentClient, tableName: string): Promise<DescribedTable> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const t = await describe(client, tableName);
    if (t?.TableStatus === 'ACTIVE' && (t.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE')) return t;
    if (Date.now() > deadline)
      throw new Error(`table ${tableName} and its indexes did not become ACTIVE within ${READY_TIMEOUT_MS / 1000} s`);
    await new Promise((done) => setTimeout(done, 250));
  }
}
