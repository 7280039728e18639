/**
 * The embedded default's moving parts, shared by the server and the token command: DynamoDB Local with its
 * data on disk, the table, and the store on top. Settings come from the environment.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { StoreLocation } from './executors/merge-worker.js';
import { backfillUnfinishedRuns } from './migrations/unfinished-runs-index.js';
import { countReads, createDynamoClient, type ReadCount } from './store/client.js';
import { startDynamoDbLocal } from './store/ddb-local.js';
import { DynamoDbSupervisor } from './store/ddb-supervisor.js';
import { ensureTable } from './store/ensure-table.js';
import { DynamoStore } from './store/dynamo.js';

export const TABLE_NAME = process.env.TABLE_NAME ?? 'placement-planner';

export interface LocalSettings {
  port: number;
  ddbPort: number;
  dataDir: string;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const num = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new RangeError(`${name}: must be a port number (1-65535), got "${raw}"`);
    return n;
  };
  return { port: num('PORT', 3000), ddbPort: num('DDB_PORT', 8000), dataDir: env.DATA_DIR || '.data' };
}

/** True when something already answers as DynamoDB on the port (a running server's DynamoDB Local). */
async function answers(endpoint: string): Promise<boolean> {
  const client = createDynamoClient(endpoint);
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1500) });
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/**
 * Opens the local store: joins the DynamoDB Local of a running server if one answers on DDB_PORT, otherwise
 * starts one on the data directory (and stops it in `close`).
 */
export async function openLocalStore(
  s: LocalSettings,
  opts: { reuse: boolean },
): Promise<{ store: DynamoStore; location: StoreLocation; close(): Promise<void> }> {
  const endpoint = `http://127.0.0.1:${s.ddbPort}`;
  const running = opts.reuse && (await answers(endpoint));
  const local = running ? null : await startDynamoDbLocal({ port: s.ddbPort, dataDir: join(s.dataDir, 'dynamodb') });
  const location = { endpoint: local?.endpoint ?? endpoint, table: TABLE_NAME };
  const client = createDynamoClient(location.endpoint);
  await prepareTable(client);
  return {
    store: new DynamoStore(client, TABLE_NAME),
    // For threads that open their own client to the same table (the executor's merges).
    location,
    close: async () => {
      client.destroy();
      await local?.stop();
    },
  };
}

/**
 * The table setup on every start of DynamoDB Local: a fixed number of small requests whatever the data (describe
 * the table and its time-to-live, read the migration's marker). Tables in `.data/` from before the unfinished-runs
 * index give their open runs its attribute, by the one scan there is, once per table.
 */
async function prepareTable(client: ReturnType<typeof createDynamoClient>): Promise<void> {
  await ensureTable(client, TABLE_NAME);
  await backfillUnfinishedRuns(client, TABLE_NAME);
}

/**
 * The Node server's store: DynamoDB Local on the data directory, kept running by a supervisor (restarted on the
 * same port and data when it dies). The store's client goes to the same endpoint throughout and refuses at once
 * while the supervisor is not ready; `count` counts the requests of every table setup.
 */
export function supervisedLocalStore(
  s: LocalSettings,
  opts: { count?: ReadCount; onRestarted?: () => void; log?: (line: string) => void } = {},
): {
  store: DynamoStore;
  /** For threads that open their own client to the same table (the executor's merges). */
  location: StoreLocation;
  supervisor: DynamoDbSupervisor;
  counted(count: ReadCount): { store: DynamoStore; destroy(): void };
  close(): Promise<void>;
} {
  const supervisor = new DynamoDbSupervisor({
    port: s.ddbPort,
    dataDir: join(s.dataDir, 'dynamodb'),
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.onRestarted ? { onRestarted: opts.onRestarted } : {}),
    prepare: async (endpoint) => {
      const setup = createDynamoClient(endpoint);
      if (opts.count) countReads(setup, opts.count);
      try {
        await prepareTable(setup);
      } finally {
        setup.destroy();
      }
    },
  });
  const client = createDynamoClient(supervisor.endpoint(), { open: supervisor.ready });
  return {
    store: new DynamoStore(client, TABLE_NAME),
    location: { endpoint: supervisor.endpoint(), table: TABLE_NAME },
    supervisor,
    /**
     * A store of its own for one job, its requests counted in `count` alone (the app's, /health's pings among
     * them, go through `store`): start-up's listing of the runs to resume. Destroy its client when done.
     */
    counted: (count: ReadCount) => {
      const own = createDynamoClient(supervisor.endpoint(), { open: supervisor.ready });
      countReads(own, count);
      return { store: new DynamoStore(own, TABLE_NAME), destroy: () => own.destroy() };
    },
    close: async () => {
      await supervisor.stop();
      client.destroy();
    },
  };
}

/** A port that was free a moment ago, for tests and benchmarks on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}
