/**
 * What the benchmarks that need the whole app share: DynamoDB Local in a throwaway directory, the table, the
 * store, a worker-thread executor and the app served on a free loopback port, with an editor token. Every
 * resource registers how it is released in `cleanup`, which the caller runs in reverse.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { serveApp } from '../functions/http/node-server.js';
import { createApp } from '../functions/app.js';
import { createToken } from '../functions/auth/tokens.js';
import { serverWorkers } from '../functions/executors/local.js';
import { LocalExecutor } from '../functions/executors/local-executor.js';
import { freePort } from '../functions/local-services.js';
import { createDynamoClient } from '../functions/store/client.js';
import { startDynamoDbLocal } from '../functions/store/ddb-local.js';
import { ensureTable } from '../functions/store/ensure-table.js';
import { DynamoStore } from '../functions/store/dynamo.js';
import { systemClock } from '../functions/store/port.js';

export type Cleanup = (() => Promise<void>)[];

export interface BenchApp {
  /** http://127.0.0.1:<port>, without a trailing slash. */
  url: string;
  store: DynamoStore;
  tenant: string;
  token: string;
}

/** How the executor runs: as the server does (the default), or as before this change, for comparisons. */
export interface BenchExecutorOptions {
  /** Merge on this thread instead of a pool thread. */
  mergeInline?: boolean;
  /** The pool threads' nice increment; default the executor's (SERVING_NICE). */
  nice?: number;
}

export async function startBenchApp(
  cleanup: Cleanup,
  tenant: string,
  tokenLabel: string,
  opts: BenchExecutorOptions = {},
): Promise<BenchApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pp-bench-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const ddb = await startDynamoDbLocal({ port: await freePort(), dataDir });
  cleanup.push(() => ddb.stop());
  const client = createDynamoClient(ddb.endpoint);
  cleanup.push(async () => client.destroy());
  await ensureTable(client, 'bench');
  const store = new DynamoStore(client, 'bench');
  const workers = serverWorkers();
  const executor = new LocalExecutor(store, systemClock, workers, {
    ...(opts.mergeInline ? {} : { mergeStore: { endpoint: ddb.endpoint, table: 'bench' } }),
    ...(opts.nice === undefined ? {} : { nice: opts.nice }),
  });
  cleanup.push(async () => {
    // Stopping the pool fails whatever run is still going; wait (bounded) until the executor has recorded it.
    await executor.close();
    await Promise.race([executor.idle(), sleep(30_000)]);
  });
  const app = createApp({ store, executor, clock: systemClock, workers });
  const port = await freePort();
  const server = serveApp(app, { port, hostname: '127.0.0.1' });
  cleanup.push(() => new Promise<void>((ok) => server.close(() => ok())));
  const { token } = await createToken(store, tenant, 'editor', new Date(), tokenLabel);
  return { url: `http://127.0.0.1:${port}`, store, tenant, token };
}

/**
 * Runs a benchmark's body with a cleanup list that is always worked off in reverse: at the end, on Ctrl-C, and
 * when the watchdog fires (a bench that hangs stops instead, with a non-zero exit).
 */
export async function withCleanup(name: string, watchdogMs: number, body: (cleanup: Cleanup) => Promise<void>): Promise<void> {
  const cleanup: Cleanup = [];
  const shutdown = async () => {
    for (const step of cleanup.reverse()) await step().catch((e: unknown) => console.error(`cleanup: ${String(e)}`));
    cleanup.length = 0;
  };
  const watchdog = setTimeout(() => {
    console.error(`${name}: gave up after ${watchdogMs / 1000} s`);
    void shutdown().finally(() => process.exit(1));
  }, watchdogMs);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown().finally(() => process.exit(130)));
  try {
    await body(cleanup);
  } finally {
    await shutdown();
    clearTimeout(watchdog);
  }
}
