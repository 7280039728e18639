/**
 * The app on a real DynamoDB Local, for API tests: a fresh table, a worker-thread executor, and tokens of every
 * role for two tenants. `request` goes through `app.request()`; `listen` serves the same app on a real port.
 */
import { serveApp } from '../../functions/http/node-server.js';
import { expect } from 'vitest';
import { createApp } from '../../functions/app.js';
import { createToken } from '../../functions/auth/tokens.js';
import { LocalExecutor } from '../../functions/executors/local-executor.js';
import type { RunLimits } from '../../functions/services/runs.js';
import { freePort } from '../../functions/local-services.js';
import { createDynamoClient } from '../../functions/store/client.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { DynamoStore } from '../../functions/store/dynamo.js';
import { systemClock, type Role } from '../../functions/store/port.js';
import { startLocalDynamo } from './local-dynamo.js';

export { freePort };

export { startLocalDynamo };

export type TokenSet = Record<'admin' | 'editor' | 'viewer', string>;

export interface Harness {
  app: ReturnType<typeof createApp>;
  store: DynamoStore;
  executor: LocalExecutor;
  /** Tokens of tenant "alfa" and of tenant "beta". */
  alfa: TokenSet;
  beta: TokenSet;
  endpoint: string;
  request(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  /** Serves the app on a free port; returns its base URL and a function that stops it. */
  listen(): Promise<{ url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

let tables = 0;

export async function startHarness(opts: { workers?: number; limits?: RunLimits } = {}): Promise<Harness> {
  const ddb = await startLocalDynamo();
  const client = createDynamoClient(ddb.endpoint);
  const table = `test-${process.pid}-${++tables}`;
  await ensureTable(client, table);
  const store = new DynamoStore(client, table);
  const workers = opts.workers ?? 2;
  // Merges on a pool thread, as the server does. At normal priority: these tests are about what the API answers,
  // and at nice +10 their runs got a tenth of a core while anything else ran on the machine (one waited 120 s).
  const executor = new LocalExecutor(store, systemClock, workers, { mergeStore: { endpoint: ddb.endpoint, table }, nice: 0 });
  const app = createApp({ store, executor, clock: systemClock, workers, ...(opts.limits ? { limits: opts.limits } : {}) });
  const tokensFor = async (tenant: string): Promise<TokenSet> => {
    const make = async (role: Role) => (await createToken(store, tenant, role, new Date(), `test ${role}`)).token;
    return { admin: await make('admin'), editor: await make('editor'), viewer: await make('viewer') };
  };
  const alfa = await tokensFor('alfa');
  const beta = await tokensFor('beta');
  return {
    app,
    store,
    executor,
    alfa,
    beta,
    endpoint: ddb.endpoint,
    request: async (path, init = {}) => {
      const { token, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('Authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('Content-Type', 'application/json');
      return app.request(path, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
    },
    listen: async () => {
      const port = await freePort();
      const server = serveApp(app, { port, hostname: '127.0.0.1' });
      return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
    },
    close: async () => {
      await executor.idle();
      await executor.close();
      client.destroy();
      await ddb.cleanup();
    },
  };
}

/** Polls a run until it has finished. */
export async function waitForRun(h: Harness, token: string, id: string, timeoutMs = 120_000): Promise<{ status: string; error?: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await h.request(`/api/v1/runs/${id}`, { token });
    const body = (await res.json()) as { status: string; error?: string };
    if (body.status === 'succeeded' || body.status === 'failed') return body;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A parsed JSON answer, read field by field in the tests. */
export type Json = Record<string, any>;

/** Asserts a problem answer (RFC 9457) with the given status and returns its body. */
export async function expectProblem(res: Response, status: number): Promise<Json> {
  const text = await res.text();
  expect(res.status, text.slice(0, 500)).toBe(status);
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as Json;
  expect(typeof body.title).toBe('string');
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.status).toBe(status);
  return body;
}

export async function okJson(res: Response, status = 200): Promise<Json> {
  const text = await res.text();
  expect(res.status, text.slice(0, 500)).toBe(status);
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  return JSON.parse(text) as Json;
}
