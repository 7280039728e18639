/**
 * The app while its store cannot be reached (DynamoDB Local restarting): the SDK's connection errors are a 503
 * problem with Retry-After, never a 500; a result held in memory is still served to a token the store confirmed
 * within the last minute; a token never confirmed gets 503, not 401; /health says the store is unreachable. The
 * store here is the real one on DynamoDB Local, cut off by a switch in front of it, and a real client pointed at a
 * port nothing listens on shows that the SDK's own error is the one recognised.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app.js';
import { authenticate, createToken, hashToken, RecentTokens } from '../../functions/auth/tokens.js';
import { toHttpError } from '../../functions/http/errors.js';
import { createDynamoClient, isConnectionError, StoreUnavailable } from '../../functions/store/client.js';
import { DynamoStore } from '../../functions/store/dynamo.js';
import { systemClock, type Store, type TokenRecord } from '../../functions/store/port.js';
import { expectProblem, freePort, startHarness, waitForRun, type Harness } from './harness.js';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED', errno: -111 });

/** The store behind a switch: while `down`, every call fails as the SDK fails against a dead endpoint. */
function switchable(store: Store): { store: Store; down: boolean } {
  const state = { down: false, store: store };
  state.store = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (state.down ? Promise.reject(refused()) : (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
  return state;
}

describe('the store unreachable', () => {
  let h: Harness;
  let runId: string;

  beforeAll(async () => {
    h = await startHarness({ workers: 1 });
    const model = await h.request('/api/v1/models', {
      method: 'POST',
      token: h.alfa.editor,
      json: (await import('../../examples/small-municipality.json', { with: { type: 'json' } })).default,
    });
    expect(model.status).toBe(201);
    const run = await h.request('/api/v1/runs', {
      method: 'POST',
      token: h.alfa.editor,
      json: { modelId: ((await model.json()) as { id: string }).id, trials: 200, seed: 3 },
    });
    runId = ((await run.json()) as { id: string }).id;
    expect((await waitForRun(h, h.alfa.editor, runId)).status).toBe('succeeded');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('answers 503 with Retry-After instead of 500, still serves a cached result, and recovers', async () => {
    const gate = switchable(h.store);
    const app = createApp({ store: gate.store, executor: h.executor, clock: systemClock, workers: 1 });
    const get = (path: string, token = h.alfa.viewer) => app.request(path, { headers: { Authorization: `Bearer ${token}` } });

    // While the store answers: the result is read (and kept), the token confirmed.
    const before = await get(`/api/v1/runs/${runId}/result`);
    expect(before.status).toBe(200);
    const text = await before.text();
    const otherToken = (await createToken(h.store, 'alfa', 'viewer', new Date(), 'never used before the outage')).token;

    gate.down = true;
    const cached = await get(`/api/v1/runs/${runId}/result`);
    expect(cached.status).toBe(200);
    expect(await cached.text()).toBe(text);

    const status = await get(`/api/v1/runs/${runId}`);
    const problem = await expectProblem(status, 503);
    expect(status.headers.get('retry-after')).toBe('5');
    expect(problem.title).toMatch(/nås inte .*\/ the store is not reachable/);

    // A token the store never confirmed cannot be checked: 503 (try again), not 401 (it is not wrong).
    await expectProblem(await get(`/api/v1/runs/${runId}/result`, otherToken), 503);
    const health = await app.request('/health');
    expect((await expectProblem(health, 503)).store).toBe('unreachable');

    gate.down = false;
    expect((await get(`/api/v1/runs/${runId}`)).status).toBe(200);
    expect((await get(`/api/v1/runs/${runId}/result`, otherToken)).status).toBe(200);
    expect(await (await app.request('/health')).json()).toEqual({ status: 'ok' });
  });

  it('recognises the SDK’s own error against a port nothing listens on, and the gate’s', async () => {
    const client = createDynamoClient(`http://127.0.0.1:${await freePort()}`);
    const err = await new DynamoStore(client, 'any').getRun('alfa', 'x').catch((e: unknown) => e);
    client.destroy();
    expect(isConnectionError(err)).toBe(true);
    expect(toHttpError(err)?.status).toBe(503);
    expect(toHttpError(err)?.headers).toEqual({ 'Retry-After': '5' });

    let open = false;
    const gated = createDynamoClient(h.endpoint, { open: () => open });
    const shut = await new DynamoStore(gated, 'any').getRun('alfa', 'x').catch((e: unknown) => e);
    open = true;
    const through = await new DynamoStore(gated, 'no-such-table').getRun('alfa', 'x').catch((e: unknown) => e);
    gated.destroy();
    expect(shut).toBeInstanceOf(StoreUnavailable);
    expect(toHttpError(shut)?.status).toBe(503);
    // Open again, the request reaches DynamoDB Local: its refusal is the store's, not a connection error.
    expect(isConnectionError(through)).toBe(false);
  });

  it('maps timeouts and wrapped connection errors to 503, and nothing else', () => {
    const timeout = Object.assign(new Error('the request socket did not establish a connection'), { name: 'TimeoutError' });
    expect(toHttpError(timeout)?.status).toBe(503);
    expect(toHttpError(new Error('chunk 3 of run x', { cause: refused() }))?.status).toBe(503);
    expect(toHttpError(new AggregateError([refused()], 'connect failed'))?.status).toBe(503);
    expect(toHttpError(Object.assign(new Error('ECONNRESET'), { code: 'ECONNRESET' }))?.status).toBe(503);
    expect(toHttpError(new Error('a bug'))).toBeNull();
    expect(toHttpError(Object.assign(new Error('no table'), { name: 'ResourceNotFoundException' }))).toBeNull();
  });
});

describe('tokens confirmed lately', () => {
  const record: TokenRecord = { tenant: 'alfa', tokenId: 't1', role: 'viewer', createdAt: '2026-01-01T00:00:00.000Z' };
  const token = 'ppt_alfa_' + 'x'.repeat(43);

  function storeAnswering(answer: () => Promise<TokenRecord | null>): Store {
    return { findToken: answer } as unknown as Store;
  }

  it('are accepted without the store for 60 s after the store last confirmed them, only when it cannot be reached', async () => {
    let now = 0;
    const recent = new RecentTokens(60_000, 10, () => now);
    let answer: () => Promise<TokenRecord | null> = async () => record;
    const store = storeAnswering(() => answer());

    expect(await authenticate(store, token, recent)).toEqual(record);
    answer = () => Promise.reject(refused());
    now = 59_000;
    expect(await authenticate(store, token, recent)).toEqual(record);
    now = 60_001;
    await expect(authenticate(store, token, recent)).rejects.toThrow(/ECONNREFUSED/);

    // Any other failure of the store is not papered over.
    now = 100_000;
    answer = async () => record;
    await authenticate(store, token, recent);
    answer = () => Promise.reject(new Error('a bug'));
    now = 105_001;
    await expect(authenticate(store, token, recent)).rejects.toThrow(/a bug/);
  });

  it('are taken without asking the store within 5 s of their confirmation, asked again ahead in its last second', async () => {
    let now = 0;
    const recent = new RecentTokens(60_000, 10, () => now);
    let asked = 0;
    let answer: TokenRecord | null = record;
    const store = storeAnswering(async () => (asked++, answer));
    expect(await authenticate(store, token, recent)).toEqual(record);
    answer = null; // revoked by another process
    now = 3_999;
    expect(await authenticate(store, token, recent)).toEqual(record);
    expect(asked).toBe(1);
    // In the last second it is still taken, and the store is asked once in the background...
    now = 4_500;
    expect(await authenticate(store, token, recent)).toEqual(record);
    expect(asked).toBe(2);
    await Promise.resolve();
    // ...whose answer (revoked) the next request gets, still within the 5 s.
    expect(await authenticate(store, token, recent)).toBeNull();
  });

  it('is never taken more than 5 s after the store last confirmed it: then every request waits for one answer', async () => {
    let now = 0;
    const recent = new RecentTokens(60_000, 10, () => now);
    let asked = 0;
    let release: (r: TokenRecord | null) => void = () => undefined;
    let answer: () => Promise<TokenRecord | null> = async () => record;
    const store = storeAnswering(() => (asked++, answer()));
    await authenticate(store, token, recent);
    now = 5_001;
    answer = () => new Promise((ok) => (release = ok));
    const waiting = Array.from({ length: 50 }, () => authenticate(store, token, recent));
    let settled = false;
    void Promise.all(waiting).then(() => (settled = true));
    await new Promise((ok) => setTimeout(ok, 5));
    expect(settled).toBe(false);
    expect(asked).toBe(2); // one question for all 50
    release(null);
    expect(await Promise.all(waiting)).toEqual(Array(50).fill(null));
  });

  it('are not taken from an answer asked for before a revocation through this server', async () => {
    let now = 0;
    const recent = new RecentTokens(60_000, 10, () => now);
    let release: (r: TokenRecord | null) => void = () => undefined;
    let answer: () => Promise<TokenRecord | null> = async () => record;
    const store = storeAnswering(() => answer());
    await authenticate(store, token, recent);
    now = 6_000;
    answer = () => new Promise((ok) => (release = ok));
    const before = authenticate(store, token, recent);
    const slow = release;
    recent.forget('alfa', 't1');
    answer = async () => null;
    expect(await authenticate(store, token, recent)).toBeNull(); // asked afresh, not joined to the older question
    slow(record); // the store's answer from before the revocation...
    expect(await before).toEqual(record); // ...is that request's (it came first)
    expect(recent.recall(hashToken(token))).toBeUndefined(); // but is not remembered
  });

  it('are forgotten at once when revoked through this server (forget), whatever their age', async () => {
    const recent = new RecentTokens();
    let answer: TokenRecord | null = record;
    const store = storeAnswering(async () => answer);
    await authenticate(store, token, recent);
    answer = null;
    recent.forget('beta', 't1'); // another tenant's token of the same id is not this one
    expect(await authenticate(store, token, recent)).toEqual(record);
    recent.forget('alfa', 't1');
    expect(await authenticate(store, token, recent)).toBeNull();
  });

  it('are forgotten as soon as the store says a token is revoked or unknown', async () => {
    let now = 0;
    const recent = new RecentTokens(60_000, 10, () => now);
    let answer: () => Promise<TokenRecord | null> = async () => record;
    const store = storeAnswering(() => answer());
    await authenticate(store, token, recent);
    answer = async () => null;
    now = 5_001;
    expect(await authenticate(store, token, recent)).toBeNull();
    answer = () => Promise.reject(refused());
    await expect(authenticate(store, token, recent)).rejects.toThrow(/ECONNREFUSED/);
    expect(recent.recall(hashToken(token))).toBeUndefined();
  });

  it('are bounded in number, the oldest going first', () => {
    const recent = new RecentTokens(60_000, 2);
    for (const h of ['a', 'b', 'c']) recent.remember(h, record);
    expect([recent.recall('a'), recent.recall('b'), recent.recall('c')]).toEqual([undefined, record, record]);
  });
});
