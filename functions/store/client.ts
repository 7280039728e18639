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
 * DynamoDB Local is on loopback: a connection takes well under a millisecond, so one that is not made within a
 * second is to a process that is stopped or gone (a killed one refuses at once). A request that has connected may
 * take long on a busy machine (a chunk of several MB in a transaction), so its own limit is generous; both only
 * bound a hang, the SDK's retries (3 attempts, with backoff) still cover a blip. While DynamoDB Local restarts
 * (store/ddb-supervisor.ts) the client keeps its endpoint and simply connects to the new process.
 */
const LOCAL_REQUEST_HANDLER = { connectionTimeout: 1_000, requestTimeout: 60_000, throwOnRequestTimeout: true };

export interface ClientOptions {
  region?: string;
  /**
   * Asked before every request: while it returns false the request fails at once with StoreUnavailable instead of
   * going out (while DynamoDB Local is starting or restarting, its port may briefly be another program's).
   */
  open?: () => boolean;
}

/**
 * A document client: for DynamoDB Local when given its endpoint, else the default AWS configuration (credentials
 * from the usual chain; the region given, or the configured one).
 */
export function createDynamoClient(endpoint?: string, options: ClientOptions = {}): DynamoDBDocumentClient {
  const client = endpoint
    ? new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint, requestHandler: LOCAL_REQUEST_HANDLER })
    : new DynamoDBClient(options.region ? { region: options.region } : {});
  // Optional record fields are absent rather than stored as NULL.
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const open = options.open;
  if (open) {
    doc.middlewareStack.add(
      (next) => async (args) => {
        if (!open()) throw new StoreUnavailable();
        return next(args);
      },
      { step: 'initialize', name: 'storeGate' },
    );
  }
  return doc;
}

/** The store cannot be reached right now (DynamoDB Local is starting or restarting); the app answers 503. */
export class StoreUnavailable extends Error {
  constructor(message = 'DynamoDB Local is starting or restarting') {
    super(message);
    this.name = 'StoreUnavailable';
  }
}

/** Node's codes for a connection that could not be made or was cut: the store is down or restarting. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * True when an error from the client means the store was not reachable, rather than that it refused the request:
 * a connection refused or cut, a connection or request timeout (the SDK names both TimeoutError), or the gate
 * above. The SDK throws Node's own error after its retries; wrapped errors are looked through (`cause`, and the
 * `errors` of an AggregateError, which Node gives when it tried several addresses).
 */
export function isConnectionError(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 5) return false;
  const e = err as { name?: unknown; code?: unknown; cause?: unknown; errors?: unknown };
  if (e.name === 'StoreUnavailable' || e.name === 'TimeoutError') return true;
  if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isConnectionError(inner, depth + 1))) return true;
  return isConnectionError(e.cause, depth + 1);
}

/** Requests sent and items they read, counted by `countReads`. */
export interface ReadCount {
  requests: number;
  items: number;
}

/**
 * Counts every request the client sends and the items it reads (a query's or scan's scanned items, a get's item,
 * a batch's or transaction's items): how start-up shows that its cost does not grow with the data.
 */
export function countReads(doc: DynamoDBDocumentClient, count: ReadCount = { requests: 0, items: 0 }): ReadCount {
  doc.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      count.requests++;
      count.items += itemsRead(out.output as Record<string, unknown>);
      return out;
    },
    { step: 'initialize', name: 'countReads' },
  );
  return count;
}

function itemsRead(output: Record<string, unknown>): number {
  if (typeof output.ScannedCount === 'number') return output.ScannedCount;
  if (Array.isArray(output.Items)) return output.Items.length;
  if (output.Item) return 1;
  const responses = output.Responses;
  if (Array.isArray(responses)) return responses.length;
  if (responses && typeof responses === 'object')
    return Object.values(responses).reduce((n: number, items) => n + (Array.isArray(items) ? items.length : 0), 0);
  return 0;
}
