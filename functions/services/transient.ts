/**
 * Transient faults and their retry: a DynamoDB write that lost to a lock (a transaction on the same item), was
 * throttled, or met a network error or a 5xx will most likely go through a moment later, and a run of hours
 * must not fail on one of them. The SDK retries some of these itself (three attempts); these retries come on
 * top, with longer waits, for what a run's steps read and write. A failed condition, a validation error or a
 * missing item is never transient: trying again gives the same answer.
 *
 * Own code rather than p-retry: the whole of it is the loop below, and the policy must be injectable (tests
 * sleep for nothing, the Lambdas and the server read it from the environment).
 */
import { isConnectionError } from '../store/client.js';
import type { Store } from '../store/port.js';

export interface RetryPolicy {
  /** Attempts in all, the first included (1: no retry). */
  attempts: number;
  /** The first wait's upper bound; each later one doubles, up to maxDelayMs. Waits are drawn in [0, bound). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How to wait (tests pass one that does not). */
  sleep?: (ms: number) => Promise<void>;
  /** Told of each retry, for a log line. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 10_000 };

/** RETRY_ATTEMPTS and RETRY_BASE_DELAY_MS over the defaults. */
export function retryPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  const whole = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new RangeError(`${name}: must be a whole number >= ${min}, got "${raw}"`);
    return n;
  };
  return {
    ...DEFAULT_RETRY,
    attempts: whole('RETRY_ATTEMPTS', DEFAULT_RETRY.attempts, 1),
    baseDelayMs: whole('RETRY_BASE_DELAY_MS', DEFAULT_RETRY.baseDelayMs, 0),
  };
}

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
]);
/** Reasons DynamoDB gives per item of a cancelled transaction that a retry can get past. */
const TRANSIENT_CODES = new Set(['TransactionConflict', 'ThrottlingError']);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  codes?: unknown;
  CancellationReasons?: { Code?: string }[];
  $metadata?: { httpStatusCode?: number };
}

/** Whether trying the same call again a little later may well succeed. */
export function isTransient(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as ErrorShape;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  // A cancelled transaction (the SDK's, or the store's after its own retries): transient only when no item's
  // condition failed and some item lost to a lock or a throttle.
  const codes = Array.isArray(e.codes)
    ? (e.codes as unknown[]).map(String)
    : name === 'TransactionCanceledException'
      ? (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None')
      : null;
  if (codes) return !codes.includes('ConditionalCheckFailed') && codes.some((c) => TRANSIENT_CODES.has(c));
  if (name === 'ConditionalCheckFailedException' || name === 'ValidationException') return false;
  if (TRANSIENT_NAMES.has(name)) return true;
  if (isConnectionError(err) || e.code === 'EAI_AGAIN') return true;
  if (/transaction is ongoing|socket hang up/i.test(message)) return true;
  const status = e.$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500;
}

/** Calls `fn` until it succeeds, retrying transient faults with exponential backoff and full jitter. */
export async function withRetry<T>(fn: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= policy.attempts || !isTransient(err)) throw err;
      const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delay = Math.random() * bound;
      policy.onRetry?.(err, attempt, delay);
      await sleep(delay);
    }
  }
}

/**
 * The store methods a run's steps call, each safe to repeat: reads, and writes that are idempotent (a chunk is
 * stored once per index, a transition is guarded by the status it leaves). Creating runs and models is not among
 * them: a retry after a write that did land would be refused as a duplicate.
 */
const RETRIED: ReadonlySet<keyof Store> = new Set<keyof Store>([
  'getRun',
  'getModelHead',
  'getModelVersion',
  'transitionRun',
  'listChunks',
  'putChunk',
  'getChunk',
  'putGroup',
  'getGroup',
  'putResult',
  'getResult',
  'getDistributions',
]);

/** The store with every call of a run's steps retried on transient faults. */
export function retryingStore(store: Store, policy: RetryPolicy = DEFAULT_RETRY): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (!RETRIED.has(key as keyof Store)) return method;
      return (...args: unknown[]) => withRetry(() => method(...args) as Promise<unknown>, policy);
    },
  });
}
