/**
 * The DynamoDB document client, made once per process (per Lambda container in the cloud) and shared by the
 * store, the table setup and the migrations.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB Local accepts any region and keys; fixed ones keep a developer's AWS profile out of the picture. */
const LOCAL_REGION = 'eu-north-1';
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * A document client: for DynamoDB Local when given its endpoint, else the default AWS configuration (credentials
 * from the usual chain; the region given, or the configured one).
 */
export function createDynamoClient(endpoint?: string, options: { region?: string } = {}): DynamoDBDocumentClient {
  const client = endpoint
    ? new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint })
    : new DynamoDBClient(options.region ? { region: options.region } : {});
  // Optional record fields are absent rather than stored as NULL.
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
