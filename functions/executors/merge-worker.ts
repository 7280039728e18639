/**
 * Worker-thread entry for the second kind of pool task: a run's final merge (RunLifecycle.complete). Reading,
 * decoding and folding every chunk and summarising the result take seconds of CPU for a large run; in a worker
 * thread they leave the server's event loop free to answer /health, run status and results meanwhile.
 *
 * The thread opens its own store client to the same DynamoDB endpoint and table (clients cannot cross a thread
 * boundary) and keeps it for later merges.
 */
import { RunLifecycle, type Completion } from '../services/run-lifecycle.js';
import { retryPolicyFromEnv } from '../services/transient.js';
import { createDynamoClient } from '../store/client.js';
import { DynamoStore } from '../store/dynamo.js';
import { systemClock } from '../store/port.js';

/** Where the server's table is: what a thread needs to open its own client to it. */
export interface StoreLocation {
  endpoint: string;
  table: string;
}

export interface MergeTask {
  store: StoreLocation;
  tenant: string;
  runId: string;
}

const stores = new Map<string, DynamoStore>();

function storeAt({ endpoint, table }: StoreLocation): DynamoStore {
  const key = `${endpoint} ${table}`;
  let store = stores.get(key);
  if (!store) {
    store = new DynamoStore(createDynamoClient(endpoint), table);
    stores.set(key, store);
  }
  return store;
}

/**
 * Merges a run's stored chunks, stores its result and marks it succeeded, as RunLifecycle.complete does (the
 * same code, so the same bits). Its finishing time comes from the system clock.
 */
export default function mergeRun({ store, tenant, runId }: MergeTask): Promise<Completion> {
  return new RunLifecycle(storeAt(store), systemClock, { retry: retryPolicyFromEnv() }).complete(tenant, runId);
}
