/**
 * The one DynamoDB table, built from functions/store/table.ts's TABLE: the same description the local table
 * creation uses, so keys and indexes cannot drift between DynamoDB Local and the cloud.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE, type KeyDescription, type TableDescription } from '../../functions/store/table.js';

const ATTRIBUTE_TYPES = { S: AttributeType.STRING, N: AttributeType.NUMBER, B: AttributeType.BINARY } as const;
const PROJECTIONS = { KEYS_ONLY: ProjectionType.KEYS_ONLY, ALL: ProjectionType.ALL } as const;

function keys(description: KeyDescription): { partitionKey: Attribute; sortKey?: Attribute } {
  const attribute = (key: { name: string; type: keyof typeof ATTRIBUTE_TYPES }): Attribute => ({
    name: key.name,
    type: ATTRIBUTE_TYPES[key.type],
  });
  return { partitionKey: attribute(description.partitionKey), ...(description.sortKey ? { sortKey: attribute(description.sortKey) } : {}) };
}

export class Data extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, description: TableDescription = TABLE) {
    super(scope, id);
    if (description.billing !== 'PAY_PER_REQUEST')
      throw new Error(`table billing ${String(description.billing)} is not supported by the stack`);
    this.table = new Table(this, 'Table', {
      ...keys(description),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Models, runs and results of a municipality: neither a stack deletion nor a mistaken replacement may drop them.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryption.AWS_MANAGED,
      ...(description.timeToLiveAttribute ? { timeToLiveAttribute: description.timeToLiveAttribute } : {}),
    });
    for (const index of description.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({ indexName: index.name, ...keys(index), projectionType: PROJECTIONS[index.projection] });
    }
  }
}
