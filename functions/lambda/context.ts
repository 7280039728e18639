/**
 * What the Lambdas share within one container: the DynamoDB client, the store, the run lifecycle and the
 * logger, made once on the first invocation (not per request) from the environment: TABLE_NAME, and
 * DYNAMODB_ENDPOINT for DynamoDB Local in tests. Lazily, so a test can set the environment before the first call.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RunLifecycle, timeLimitFromEnv } from '../services/run-lifecycle.js';
import { retryPolicyFromEnv } from '../services/transient.js';
import { createDynamoClient } from '../store/client.js';
import { DynamoStore } from '../store/dynamo.js';
import { systemClock, type Clock, type Store } from '../store/port.js';
import { createLogger } from './logger.js';

export interface LambdaSettings {
  tableName: string;
  /** DynamoDB Local; absent in the cloud, where the client takes the function's region and role. */
  endpoint?: string;
}

export function lambdaSettings(env: NodeJS.ProcessEnv = process.env): LambdaSettings {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set: the stack gives every function the name of its table');
  return { tableName, ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}) };
}

/** What a step handler works with. */
export interface StepServices {
  store: Store;
  clock: Clock;
  lifecycle: RunLifecycle;
  logger: Logger;
}

/**
 * A failure's internal message goes to the structured log under the reference the run shows; store calls are
 * retried on transient faults (RETRY_ATTEMPTS, RETRY_BASE_DELAY_MS) and runs stopped at RUN_TIME_LIMIT_MINUTES.
 */
export function stepServices(store: Store, clock: Clock = systemClock, logger: Logger = createLogger()): StepServices {
  const lifecycle = new RunLifecycle(store, clock, {
    retry: retryPolicyFromEnv(),
    timeLimitMs: timeLimitFromEnv(),
    log: ({ tenant, runId, errorRef, cause }) =>
      logger.error('run failed', { tenant, runId, errorRef, error: cause instanceof Error ? cause : String(cause) }),
  });
  return { store, clock, lifecycle, logger };
}

export interface ContainerServices extends StepServices {
  client: DynamoDBDocumentClient;
}

let container: ContainerServices | undefined;

/** The container's services, made on first use and kept for every later invocation. */
export function containerServices(): ContainerServices {
  if (!container) {
    const settings = lambdaSettings();
    const client = createDynamoClient(settings.endpoint);
    container = { client, ...stepServices(new DynamoStore(client, settings.tableName)) };
  }
  return container;
}
