/**
 * The one table, described as plain data: the local table creation (ensure-table.ts) and the CDK stack both
 * build it from this, so the keys and indexes cannot drift apart between the embedded default and the cloud.
 * Item layout: dynamo.ts.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export type AttributeType = 'S' | 'N' | 'B';

export interface KeyDescription {
  partitionKey: { name: string; type: AttributeType };
  sortKey?: { name: string; type: AttributeType };
}

export interface IndexDescription extends KeyDescription {
  name: string;
  /** KEYS_ONLY: readers fetch the item itself with a strongly consistent get (indexes are eventually consistent). */
  projection: 'KEYS_ONLY' | 'ALL';
}

export interface TableDescription extends KeyDescription {
  billing: 'PAY_PER_REQUEST';
  globalSecondaryIndexes: IndexDescription[];
  /** The attribute DynamoDB expires items by, if any. */
  timeToLiveAttribute?: string;
}

/**
 * The sparse index of runs that have not finished. Only a run item carries `unfinished`, and only while the run
 * is queued or running (its value is that status); the terminal transition removes it in the same write. So the
 * index holds just the few runs a restart must resume, in every tenant, and no scan of the table is needed.
 */
export const UNFINISHED_INDEX = 'unfinished-runs';
export const UNFINISHED_ATTRIBUTE = 'unfinished';

export const TABLE: TableDescription = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  billing: 'PAY_PER_REQUEST',
  globalSecondaryIndexes: [
    {
      name: UNFINISHED_INDEX,
      // By status, then by run key (RUN#<ulid>): a restart reads the running runs, then the queued ones in order.
      partitionKey: { name: UNFINISHED_ATTRIBUTE, type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      projection: 'KEYS_ONLY',
    },
  ],
  // Only a run's working data expires (dynamo.ts): chunk and group partials, of no use once the run is merged,
  // and megabytes each. Models, runs and results are kept until a user deletes them.
  timeToLiveAttribute: 'expiresAt',
};

function keySchema(keys: KeyDescription) {
  return [
    { AttributeName: keys.partitionKey.name, KeyType: 'HASH' as const },
    ...(keys.sortKey ? [{ AttributeName: keys.sortKey.name, KeyType: 'RANGE' as const }] : []),
  ];
}

/** Every attribute a key of the table or of an index names, once each (DynamoDB refuses unused definitions). */
export function attributeDefinitions(table: TableDescription, indexes = table.globalSecondaryIndexes) {
  const types = new Map<string, AttributeType>();
  for (const keys of [table, ...indexes]) {
    types.set(keys.partitionKey.name, keys.partitionKey.type);
    if (keys.sortKey) types.set(keys.sortKey.name, keys.sortKey.type);
  }
  return [...types].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
}

/** One index as CreateTable and UpdateTable take it. */
export function indexInput(index: IndexDescription) {
  return { IndexName: index.name, KeySchema: keySchema(index), Projection: { ProjectionType: index.projection } };
}

export function createTableInput(tableName: string, table: TableDescription = TABLE): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: table.billing,
    AttributeDefinitions: attributeDefinitions(table),
    KeySchema: keySchema(table),
    ...(table.globalSecondaryIndexes.length > 0 ? { GlobalSecondaryIndexes: table.globalSecondaryIndexes.map(indexInput) } : {}),
  };
}
