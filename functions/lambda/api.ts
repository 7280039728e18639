/**
 * The API Lambda: the same Hono app as `npm start`, behind API Gateway's HTTP API, built once per container. Runs
 * are started on the state machine (EXECUTOR=step-functions, STATE_MACHINE_ARN); tests build the handler with
 * their own ports through createApiHandler.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { defaultIsContentTypeBinary, handle, type LambdaEvent } from 'hono/aws-lambda';
import { createApp } from '../app.js';
import { executorKind, stepFunctionsExecutorFromEnv } from '../executors/select-executor.js';
import { systemClock, type Clock, type Executor, type Store } from '../store/port.js';
import { containerServices } from './context.js';
import { createLogger } from './logger.js';

/** How many workers a run's chunks are planned for (about eight chunks each): the fan-out's width. */
export const DEFAULT_PLAN_WORKERS = 16;

export interface ApiHandlerDeps {
  store: Store;
  executor: Executor;
  clock?: Clock;
  /** Default: PLAN_WORKERS, else DEFAULT_PLAN_WORKERS. */
  workers?: number;
  logger?: Logger;
}

/**
 * The body of a text answer is sent as base64 where its bytes matter: the Swedish CSV starts with a byte order
 * mark, which reading the answer as text would drop (a UTF-8 decode strips it), and Excel needs it.
 */
export function isContentTypeBinary(contentType: string): boolean {
  return /^text\/csv\b/i.test(contentType) || defaultIsContentTypeBinary(contentType);
}

export function planWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PLAN_WORKERS;
  if (raw === undefined || raw === '') return DEFAULT_PLAN_WORKERS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`PLAN_WORKERS: must be a whole number >= 1, got "${raw}"`);
  return n;
}

export function createApiHandler(deps: ApiHandlerDeps) {
  const logger = deps.logger ?? createLogger();
  const app = createApp({
    store: deps.store,
    executor: deps.executor,
    clock: deps.clock ?? systemClock,
    workers: deps.workers ?? planWorkers(),
    // Method, path, status and tenant only: the Authorization header never reaches the log.
    onRequest: ({ tenant, ...entry }) => logger.info('request', { ...entry, ...(tenant ? { tenant } : {}) }),
  });
  return adapt(handle(app, { isContentTypeBinary }));
}

let shared: ApiHandler | undefined;

function containerHandler(): ApiHandler {
  if (!shared) {
    const kind = executorKind(process.env, 'step-functions');
    if (kind !== 'step-functions') throw new Error('EXECUTOR: the API Lambda starts runs on Step Functions only (EXECUTOR=step-functions)');
    const { store, logger } = containerServices();
    shared = createApiHandler({ store, executor: stepFunctionsExecutorFromEnv(process.env), logger });
  }
  return shared;
}

export type ApiHandler = (event: APIGatewayProxyEventV2, context?: Context) => ReturnType<ReturnType<typeof handle>>;

/**
 * API Gateway leaves `body` out of a request without one, where Hono's event type has null; Hono's type also
 * wants an `authorizer` in the request context, which it never reads and an HTTP API without one does not send.
 */
function adapt(hono: ReturnType<typeof handle>): ApiHandler {
  return (event, context) => hono({ ...event, body: event.body ?? null } as unknown as LambdaEvent, context);
}

export const handler: ApiHandler = (event, context) => containerHandler()(event, context);
