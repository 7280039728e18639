/**
 * The DynamoDB store against a real DynamoDB Local: what DynamoDB decides (conditions, transactions, pagination,
 * item size limits) is exercised, not imitated.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../functions/store/blobs.js';
import { createDynamoClient } from '../../functions/store/client.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../functions/store/ddb-local.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { DynamoStore, RUN_DATA_DAYS } from '../../functions/store/dynamo.js';
import { backfillUnfinishedRuns } from '../../functions/migrations/unfinished-runs-index.js';
import { createTableInput, TABLE as TABLE_DESCRIPTION, UNFINISHED_ATTRIBUTE, UNFINISHED_INDEX } from '../../functions/store/table.js';
import { BadCursor, Conflict, NotFound, TooManyQueued, type RunRecord, type TokenRecord } from '../../functions/store/port.js';

const TABLE = `store-test-${Date.now()}`;
const NOW = '2025-01-01T00:00:00.000Z';
const LATER = '2025-01-02T00:00:00.000Z';
const ulid = monotonicFactory();

let port: number;
let dataDir: string;
let ddb: DynamoDbLocal;
let doc: DynamoDBDocumentClient;
let store: DynamoStore;

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

async function connect(): Promise<void> {
  ddb = await startDynamoDbLocal({ port, dataDir });
  doc = createDynamoClient(ddb.endpoint);
  await ensureTable(doc, TABLE);
  store = new DynamoStore(doc, TABLE);
}

beforeAll(async () => {
  port = await freePort();
  dataDir = await mkdtemp(join(tmpdir(), 'store-test-'));
  await connect();
});

afterAll(async () => {
  doc?.destroy();
  await ddb?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

let tenantCount = 0;
/** A tenant of its own per test, so tests sharing the table never see each other's items. */
function newTenant(): string {
  return `kommun-${++tenantCount}-${Date.now()}`;
}

function newRun(tenant: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    tenant,
    id: ulid(),
    modelId: 'm1',
    modelVersion: 1,
    trials: 1000,
    seed: 42,
    status: 'queued',
    chunks: 4,
    chunkSize: 250,
    chunksDone: 0,
    trialsDone: 0,
    createdAt: NOW,
    ...overrides,
  };
}

/** A deterministic model of about `bytes` characters of JSON that gzip cannot shrink much (random digits). */
function bigModel(bytes: number): { name: string; series: number[] } {
  let state = 12345;
  const series: number[] = [];
  let length = 0;
  while (length < bytes) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const value = state / 2 ** 32;
    series.push(value);
    length += String(value).length + 1;
  }
  return { name: 'big', series };
}

describe('DynamoStore models', () => {
  it('creates a model at version 1 and refuses the same id again', async () => {
    const tenant = newTenant();

    const head = await store.createModel(tenant, 'm1', 'Placeringar', { a: 1 }, NOW);
    const again = await store.createModel(tenant, 'm1', 'Annan', { a: 2 }, NOW).catch((e: unknown) => e);

    expect(head).toEqual({ id: 'm1', name: 'Placeringar', latestVersion: 1, createdAt: NOW, updatedAt: NOW });
    expect(again).toBeInstanceOf(Conflict);
    expect((await store.getModelVersion(tenant, 'm1', 1))?.model).toEqual({ a: 1 });
  });

  it('saves the next version with the current version and refuses a stale or missing one', async () => {
    const tenant = newTenant();
    await store.createModel(tenant, 'm1', 'v1', { v: 1 }, NOW);

    const saved = await store.saveModelVersion(tenant, 'm1', 1, 'v2', { v: 2 }, LATER);
    const stale = await store.saveModelVersion(tenant, 'm1', 1, 'stale', { v: 'stale' }, LATER).catch((e: unknown) => e);
    const missing = await store.saveModelVersion(tenant, 'nope', 1, 'x', {}, LATER).catch((e: unknown) => e);
    const absurd = await store.saveModelVersion(tenant, 'm1', Number.MAX_SAFE_INTEGER, 'x', {}, LATER).catch((e: unknown) => e);

    expect(saved).toEqual({ id: 'm1', name: 'v2', latestVersion: 2, createdAt: NOW, updatedAt: LATER });
    expect(stale).toBeInstanceOf(Conflict);
    expect(missing).toBeInstanceOf(NotFound);
    expect(absurd).toBeInstanceOf(Conflict);
    expect(await store.getModelHead(tenant, 'm1')).toEqual(saved);
    expect(await store.getModelVersion(tenant, 'm1', 3)).toBeNull();
  });

  it('lets exactly one of two concurrent saves on the same version win', async () => {
    const tenant = newTenant();
    await store.createModel(tenant, 'm1', 'v1', { v: 1 }, NOW);

    const outcomes = await Promise.allSettled([
      store.saveModelVersion(tenant, 'm1', 1, 'a', { by: 'a' }, LATER),
      store.saveModelVersion(tenant, 'm1', 1, 'b', { by: 'b' }, LATER),
    ]);

    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(Conflict);
    const winner = won[0].status === 'fulfilled' ? won[0].value.name : '';
    expect((await store.getModelVersion(tenant, 'm1', 2))?.model).toEqual({ by: winner });
  });

  it('keeps a saved version unchanged after later saves', async () => {
    const tenant = newTenant();
    await store.createModel(tenant, 'm1', 'v1', { v: 1, list: [1, 2, 3] }, NOW);

    await store.saveModelVersion(tenant, 'm1', 1, 'v2', { v: 2 }, LATER);
    await store.saveModelVersion(tenant, 'm1', 2, 'v3', { v: 3 }, LATER);

    expect(await store.getModelVersion(tenant, 'm1', 1)).toEqual({
      id: 'm1',
      version: 1,
      model: { v: 1, list: [1, 2, 3] },
      createdAt: NOW,
    });
    expect((await store.getModelVersion(tenant, 'm1', 3))?.model).toEqual({ v: 3 });
  });

  it('round-trips a 3 MB model split over several items', async () => {
    const tenant = newTenant();
    const model = bigModel(3 * 1024 * 1024);

    await store.createModel(tenant, 'big', 'big', model, NOW);
    const read = await store.getModelVersion(tenant, 'big', 1);

    const raw = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: `T#${tenant}`, sk: 'MODELVER#big#V#0000000001' } }));
    expect(raw.Item?.gzParts).toBeGreaterThan(1);
    expect(JSON.stringify(read?.model)).toBe(JSON.stringify(model));
  });

  it('pages models with a small limit and no cursor on the last page', async () => {
    const tenant = newTenant();
    for (const id of ['a', 'b', 'c', 'd', 'e']) await store.createModel(tenant, id, id, {}, NOW);
    await store.saveModelVersion(tenant, 'c', 1, 'c2', {}, LATER);

    const first = await store.listModels(tenant, 2);
    const second = await store.listModels(tenant, 2, first.cursor);
    const third = await store.listModels(tenant, 2, second.cursor);

    expect([first, second, third].flatMap((p) => p.items.map((m) => m.id))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(second.items[0]).toMatchObject({ id: 'c', latestVersion: 2 });
    expect(third.cursor).toBeUndefined();
  });
});

describe('DynamoStore runs', () => {
  it('lists runs newest first across pages, without chunk or result items', async () => {
    const tenant = newTenant();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const run = newRun(tenant);
      ids.push(run.id);
      await store.createRun(run, 10);
    }
    await store.putChunk(tenant, ids[4], 0, 250, 'partial');
    await store.putResult(tenant, ids[4], 'result', 'dist');

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listRuns(tenant, 2, cursor);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.cursor;
      pages++;
    } while (cursor);

    expect(seen).toEqual([...ids].reverse());
    expect(pages).toBe(3);
  });

  it('refuses malformed cursors and cursors of another tenant or listing', async () => {
    const tenant = newTenant();
    const other = newTenant();
    for (const id of ['a', 'b']) {
      await store.createModel(tenant, id, id, {}, NOW);
      await store.createModel(other, id, id, {}, NOW);
    }
    const foreign = (await store.listModels(other, 1)).cursor;
    const modelCursor = (await store.listModels(tenant, 1)).cursor;

    await expect(store.listModels(tenant, 1, 'not a cursor!')).rejects.toBeInstanceOf(BadCursor);
    await expect(store.listModels(tenant, 1, Buffer.from('{"pk":1}').toString('base64url'))).rejects.toBeInstanceOf(BadCursor);
    await expect(store.listModels(tenant, 1, foreign)).rejects.toBeInstanceOf(BadCursor);
    await expect(store.listRuns(tenant, 1, modelCursor)).rejects.toBeInstanceOf(BadCursor);
  });

  it('returns the same run for a repeated idempotency key and counts it once', async () => {
    const tenant = newTenant();
    const first = await store.createRun(newRun(tenant, { idempotencyKey: 'key-1' }), 2);

    const retry = await store.createRun(newRun(tenant, { idempotencyKey: 'key-1', seed: 7 }), 2);
    const second = await store.createRun(newRun(tenant), 2);

    expect(first.created).toBe(true);
    expect(retry).toEqual({ run: first.run, created: false });
    expect(second.created).toBe(true);
    await expect(store.createRun(newRun(tenant), 2)).rejects.toBeInstanceOf(TooManyQueued);
    expect((await store.listRuns(tenant, 10)).items).toHaveLength(2);
  });

  it('refuses a run beyond the limit of open runs (queued or running) until one ends', async () => {
    const tenant = newTenant();
    const runs = [newRun(tenant), newRun(tenant)];
    for (const run of runs) await store.createRun(run, 2);

    await expect(store.createRun(newRun(tenant), 2)).rejects.toBeInstanceOf(TooManyQueued);
    await store.transitionRun(tenant, runs[0].id, ['queued'], 'running', { startedAt: LATER });
    // A running run still counts: the limit is on the runs under way, not on the queue alone.
    const stillFull = await store.createRun(newRun(tenant), 2).catch((e: unknown) => e);
    expect(stillFull).toBeInstanceOf(TooManyQueued);
    expect((stillFull as TooManyQueued).message).toMatch(/at most 2 runs queued or running/);
    await store.transitionRun(tenant, runs[0].id, ['running'], 'cancelled', { finishedAt: LATER });
    const freed = await store.createRun(newRun(tenant), 2);
    const retryAtLimit = await store.createRun(newRun(tenant, { idempotencyKey: 'k' }), 2).catch((e: unknown) => e);

    expect(freed.created).toBe(true);
    expect(retryAtLimit).toBeInstanceOf(TooManyQueued);
  });

  it('takes a failed run back to queued with its reason cleared, counted and listed unfinished again; a cancelled one leaves both', async () => {
    const tenant = newTenant();
    const run = newRun(tenant);
    await store.createRun(run, 1);
    await store.transitionRun(tenant, run.id, ['queued'], 'running', { startedAt: LATER });
    await store.transitionRun(tenant, run.id, ['running'], 'failed', { finishedAt: LATER, error: 'stopped', errorRef: 'ref-1' });
    const unfinished = async () => (await store.listUnfinishedRuns()).map((r) => r.id);
    expect(await unfinished()).not.toContain(run.id);

    const back = await store.transitionRun(
      tenant,
      run.id,
      ['failed', 'cancelled'],
      'queued',
      { attempt: 2 },
      { clear: ['error', 'errorRef', 'finishedAt', 'startedAt'] },
    );
    expect(back).toBe(true);
    expect(await store.getRun(tenant, run.id)).toEqual({ ...run, status: 'queued', attempt: 2 });
    expect(await unfinished()).toContain(run.id);
    await expect(store.createRun(newRun(tenant), 1)).rejects.toBeInstanceOf(TooManyQueued);

    expect(await store.transitionRun(tenant, run.id, ['queued', 'running'], 'cancelled', { finishedAt: LATER })).toBe(true);
    expect(await unfinished()).not.toContain(run.id);
    expect((await store.createRun(newRun(tenant), 1)).created).toBe(true);
  });

  it('refuses to queue a failed run again when the tenant has the most runs open, and leaves it failed', async () => {
    const tenant = newTenant();
    const run = newRun(tenant);
    await store.createRun(run, 1);
    await store.transitionRun(tenant, run.id, ['queued'], 'failed', { finishedAt: LATER, error: 'stopped' });
    await store.createRun(newRun(tenant), 1);
    const again = () =>
      store.transitionRun(tenant, run.id, ['failed'], 'queued', { attempt: 2 }, { clear: ['error', 'finishedAt'], maxOpen: 1 });

    await expect(again()).rejects.toBeInstanceOf(TooManyQueued);
    expect(await store.getRun(tenant, run.id)).toMatchObject({ status: 'failed', error: 'stopped' });
    expect(await store.transitionRun(tenant, run.id, ['failed'], 'queued', { attempt: 2 }, { maxOpen: 2 })).toBe(true);
  });

  it('holds the queued limit under concurrent creation', async () => {
    const tenant = newTenant();

    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => store.createRun(newRun(tenant), 4)));

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(4);
    expect(outcomes.filter((o) => o.status === 'rejected').every((o) => (o as PromiseRejectedResult).reason instanceof TooManyQueued)).toBe(
      true,
    );
  });

  it('moves a run only from the allowed statuses and applies the patch', async () => {
    const tenant = newTenant();
    const run = newRun(tenant);
    await store.createRun(run, 4);

    const started = await store.transitionRun(tenant, run.id, ['queued'], 'running', { startedAt: LATER, error: undefined });
    const startedAgain = await store.transitionRun(tenant, run.id, ['queued'], 'running', {});
    const failed = await store.transitionRun(tenant, run.id, ['queued', 'running'], 'failed', {
      finishedAt: LATER,
      error: 'server stopped',
    });
    const missing = await store.transitionRun(tenant, 'no-such-run', ['queued'], 'running', {});

    expect([started, startedAgain, failed, missing]).toEqual([true, false, true, false]);
    expect(await store.getRun(tenant, run.id)).toEqual({
      ...run,
      status: 'failed',
      startedAt: LATER,
      finishedAt: LATER,
      error: 'server stopped',
    });
  });

  it('counts each chunk once even when it is stored twice', async () => {
    const tenant = newTenant();
    const run = newRun(tenant);
    await store.createRun(run, 4);

    await store.putChunk(tenant, run.id, 0, 250, 'zero');
    const twice = await Promise.all([store.putChunk(tenant, run.id, 1, 250, 'one'), store.putChunk(tenant, run.id, 1, 250, 'one')]);
    const again = await store.putChunk(tenant, run.id, 0, 250, 'zero, later copy');

    expect(twice.map((r) => r.chunksDone).sort()).toEqual([2, 2]);
    expect(again).toMatchObject({ chunksDone: 2, trialsDone: 500 });
    expect((await store.listChunks(tenant, run.id)).map((c) => c.index)).toEqual([0, 1]);
    expect(await store.getChunk(tenant, run.id, 0)).toBe('zero');
    await expect(store.putChunk(tenant, 'no-such-run', 0, 1, 'x')).rejects.toBeInstanceOf(NotFound);
  });

  it('replaces a chunk stored with another or no format, counting it once; the same format stays', async () => {
    const tenant = newTenant();
    const run = newRun(tenant);
    await store.createRun(run, 4);
    await store.putChunk(tenant, run.id, 0, 250, 'zero, format 1', 1);
    await store.putChunk(tenant, run.id, 1, 250, 'one, format unknown');

    await store.putChunk(tenant, run.id, 0, 250, 'zero, format 2', 2);
    await store.putChunk(tenant, run.id, 1, 250, 'one, format 2', 2);
    const after = await store.putChunk(tenant, run.id, 0, 250, 'zero, format 2 again', 2);

    expect(await store.listChunks(tenant, run.id)).toEqual([
      { index: 0, format: 2 },
      { index: 1, format: 2 },
    ]);
    expect(await store.getChunk(tenant, run.id, 0)).toBe('zero, format 2');
    expect(await store.getChunk(tenant, run.id, 1)).toBe('one, format 2');
    expect(after).toMatchObject({ chunksDone: 2, trialsDone: 500 });
  });

  it('stores large partials and results whole, and replaces a result', async () => {
    const tenant = newTenant();
    const run = newRun(tenant);
    await store.createRun(run, 4);
    const partial = JSON.stringify(bigModel(1024 * 1024));
    const dist = JSON.stringify(bigModel(2 * 1024 * 1024));

    await store.putChunk(tenant, run.id, 3, 250, partial);
    await store.putResult(tenant, run.id, 'first', dist);
    await store.putResult(tenant, run.id, 'second', dist);

    expect(await store.getChunk(tenant, run.id, 3)).toBe(partial);
    expect(await store.getChunk(tenant, run.id, 4)).toBeNull();
    expect(await store.getResult(tenant, run.id)).toBe('second');
    expect(await store.getDistributions(tenant, run.id)).toBe(dist);
  });

  it('removes the parts of a replaced result', async () => {
    const tenant = newTenant();
    const run = newRun(tenant);
    await store.createRun(run, 4);
    const first = JSON.stringify(bigModel(1024 * 1024));
    const second = JSON.stringify({ ...bigModel(1024 * 1024), name: 'second' });

    await store.putResult(tenant, run.id, first, 'd');
    await store.putResult(tenant, run.id, second, 'd');

    const owner = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: `T#${tenant}`, sk: `RUNDATA#${run.id}#RESULT` } }));
    const parts = await doc.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `T#${tenant}`, ':prefix': `PART#RUNDATA#${run.id}#RESULT#` },
        ProjectionExpression: 'sk',
      }),
    );
    expect(parts.Items).toHaveLength(owner.Item?.gzParts as number);
    expect(await store.getResult(tenant, run.id)).toBe(second);
  });

  it('lists the queued and running runs of every tenant', async () => {
    const [a, b] = [newTenant(), newTenant()];
    const queued = newRun(a);
    const running = newRun(b);
    const done = newRun(a);
    for (const run of [queued, running, done]) await store.createRun(run, 4);
    await store.transitionRun(b, running.id, ['queued'], 'running', {});
    await store.transitionRun(a, done.id, ['queued'], 'succeeded', {});

    const unfinished = (await store.listUnfinishedRuns()).filter((r) => r.tenant === a || r.tenant === b);

    expect(unfinished.map((r) => r.id).sort()).toEqual([queued.id, running.id].sort());
  });

  it('keeps scenarios as given, small or too big for the run item', async () => {
    const tenant = newTenant();
    const small = newRun(tenant, {
      scenarios: [
        { id: 'base', options: [] },
        { id: 'x', options: ['a'], note: null },
      ],
    });
    const big = newRun(tenant, { scenarios: [{ id: 'big', options: [bigModel(600 * 1024)] }] });

    await store.createRun(small, 4);
    await store.createRun(big, 4);

    expect((await store.getRun(tenant, small.id))?.scenarios).toEqual(small.scenarios);
    expect((await store.getRun(tenant, big.id))?.scenarios).toEqual(big.scenarios);
    expect((await store.listRuns(tenant, 1)).items[0].scenarios).toEqual(big.scenarios);
  });

  it('shows no chunk whose parts were written but whose item was not', async () => {
    const tenant = newTenant();
    const run = newRun(tenant);
    await store.createRun(run, 4);
    const sk = `RUNDATA#${run.id}#CHUNK#000002`;
    const blobs = new BlobStore(doc, TABLE);

    await blobs.writeParts(await blobs.prepare(`T#${tenant}`, sk, JSON.stringify(bigModel(1024 * 1024))));

    expect(await store.getChunk(tenant, run.id, 2)).toBeNull();
    expect(await store.listChunks(tenant, run.id)).toEqual([]);
    expect(await store.getRun(tenant, run.id)).toMatchObject({ chunksDone: 0 });
  });

  it('lets chunk and group partials and their parts expire after RUN_DATA_DAYS, and nothing else', async () => {
    const tenant = newTenant();
    const run = newRun(tenant);
    await store.createRun(run, 4);
    const large = JSON.stringify(bigModel(1024 * 1024));
    const before = Math.floor(Date.now() / 1000) + RUN_DATA_DAYS * 86_400;
    await store.putChunk(tenant, run.id, 0, 250, large, 3);
    await store.putGroup(tenant, run.id, 0, large);
    await store.putGroup(tenant, run.id, 0, large);
    await store.putResult(tenant, run.id, large, '{}');
    const after = Math.floor(Date.now() / 1000) + RUN_DATA_DAYS * 86_400;

    const items = await doc.send(
      new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `T#${tenant}` } }),
    );
    const expiring = (items.Items ?? []).filter((item) => item.expiresAt !== undefined);
    const owners = (sk: string) => sk.replace(/^PART#/, '').replace(/#[0-9a-f]{16}#\d{5}$/, '');
    expect(new Set(expiring.map((item) => owners(item.sk as string)))).toEqual(
      new Set([`RUNDATA#${run.id}#CHUNK#000000`, `RUNDATA#${run.id}#GROUP#0000`]),
    );
    // Owners and parts alike (the partial is over 1 MB: several parts each), the second group write's only.
    expect(expiring.filter((item) => (item.sk as string).startsWith('PART#')).length).toBeGreaterThanOrEqual(4);
    for (const item of expiring) {
      expect(item.expiresAt).toBeGreaterThanOrEqual(before);
      expect(item.expiresAt).toBeLessThanOrEqual(after);
    }
    expect(await store.getGroup(tenant, run.id, 0)).toBe(large);
  });
});

describe('the unfinished-runs index', () => {
  /** The run keys the sparse index holds for a tenant, as DynamoDB itself answers for the index. */
  async function indexed(tenant: string): Promise<{ sk: string; unfinished: string }[]> {
    const out: { sk: string; unfinished: string }[] = [];
    for (const status of ['queued', 'running', 'succeeded', 'failed']) {
      const page = await doc.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: UNFINISHED_INDEX,
          KeyConditionExpression: '#u = :s',
          ExpressionAttributeNames: { '#u': UNFINISHED_ATTRIBUTE },
          ExpressionAttributeValues: { ':s': status },
        }),
      );
      for (const item of page.Items ?? []) if (item.pk === `T#${tenant}`) out.push({ sk: item.sk as string, unfinished: status });
    }
    return out;
  }

  it('holds a run while it is queued or running and drops it in the terminal transition', async () => {
    const tenant = newTenant();
    const [queued, running, succeeded, failed] = [newRun(tenant), newRun(tenant), newRun(tenant), newRun(tenant)];
    for (const run of [queued, running, succeeded, failed]) await store.createRun(run, 4);
    for (const run of [running, succeeded, failed]) await store.transitionRun(tenant, run.id, ['queued'], 'running', {});
    await store.transitionRun(tenant, succeeded.id, ['running'], 'succeeded', {});
    await store.transitionRun(tenant, failed.id, ['running'], 'failed', { error: 'x' });

    expect(await indexed(tenant)).toEqual([
      { sk: `RUN#${queued.id}`, unfinished: 'queued' },
      { sk: `RUN#${running.id}`, unfinished: 'running' },
    ]);
    const found = (await store.listUnfinishedRuns()).filter((r) => r.tenant === tenant);
    expect(found.map((r) => [r.id, r.status])).toEqual([
      [running.id, 'running'],
      [queued.id, 'queued'],
    ]);
    expect(found[1]).not.toHaveProperty(UNFINISHED_ATTRIBUTE);
  });

  it('is added to a table created without it, and the open runs of before are back-filled once', async () => {
    const oldTable = `${TABLE}-old`;
    await doc.send(new CreateTableCommand(createTableInput(oldTable, { ...TABLE_DESCRIPTION, globalSecondaryIndexes: [] })));
    const old = new DynamoStore(doc, oldTable);
    const tenant = newTenant();
    const [queued, running, done] = [newRun(tenant), newRun(tenant), newRun(tenant)];
    for (const run of [queued, running, done]) await old.createRun(run, 4);
    await old.transitionRun(tenant, running.id, ['queued'], 'running', {});
    await old.transitionRun(tenant, done.id, ['queued'], 'succeeded', {});
    // As the code before the index wrote them: no index attribute at all.
    for (const run of [queued, running]) {
      await doc.send(
        new UpdateCommand({
          TableName: oldTable,
          Key: { pk: `T#${tenant}`, sk: `RUN#${run.id}` },
          UpdateExpression: `REMOVE ${UNFINISHED_ATTRIBUTE}`,
        }),
      );
    }

    const setup = await ensureTable(doc, oldTable);
    const marked = await backfillUnfinishedRuns(doc, oldTable);
    const again = await backfillUnfinishedRuns(doc, oldTable);

    expect(setup).toEqual({ created: false, addedIndexes: [UNFINISHED_INDEX], enabledTimeToLive: true });
    const ttl = await doc.send(new DescribeTimeToLiveCommand({ TableName: oldTable }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
    const described = await doc.send(new DescribeTableCommand({ TableName: oldTable }));
    expect(described.Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus])).toEqual([[UNFINISHED_INDEX, 'ACTIVE']]);
    expect(marked).toBe(2);
    expect(again).toBe(0);
    const found = (await old.listUnfinishedRuns()).filter((r) => r.tenant === tenant);
    expect(found.map((r) => r.id)).toEqual([running.id, queued.id]);
    expect(await ensureTable(doc, oldTable)).toEqual({ created: false, addedIndexes: [], enabledTimeToLive: false });
  });
});

describe('DynamoStore tenants and tokens', () => {
  it('shows nothing of one tenant to another', async () => {
    const owner = newTenant();
    const stranger = newTenant();
    await store.createModel(owner, 'm1', 'm', { secret: true }, NOW);
    const run = newRun(owner, { idempotencyKey: 'shared-key' });
    await store.createRun(run, 4);
    await store.putChunk(owner, run.id, 0, 250, 'partial');
    await store.putResult(owner, run.id, 'result', 'dist');

    expect(await store.getModelHead(stranger, 'm1')).toBeNull();
    expect(await store.getModelVersion(stranger, 'm1', 1)).toBeNull();
    expect((await store.listModels(stranger, 10)).items).toEqual([]);
    expect(await store.getRun(stranger, run.id)).toBeNull();
    expect((await store.listRuns(stranger, 10)).items).toEqual([]);
    expect(await store.listChunks(stranger, run.id)).toEqual([]);
    expect(await store.getChunk(stranger, run.id, 0)).toBeNull();
    expect(await store.getResult(stranger, run.id)).toBeNull();
    expect(await store.getDistributions(stranger, run.id)).toBeNull();
    expect(await store.transitionRun(stranger, run.id, ['queued'], 'failed', {})).toBe(false);
    await expect(store.saveModelVersion(stranger, 'm1', 1, 'x', {}, LATER)).rejects.toBeInstanceOf(NotFound);
    await expect(store.putChunk(stranger, run.id, 1, 250, 'x')).rejects.toBeInstanceOf(NotFound);
    expect((await store.createRun(newRun(stranger, { idempotencyKey: 'shared-key' }), 4)).created).toBe(true);
    expect(await store.getRun(owner, run.id)).toMatchObject({ status: 'queued', chunksDone: 1 });
  });

  it('answers nothing, not an error, for ids DynamoDB could not take as keys', async () => {
    const tenant = newTenant();
    const long = 'x'.repeat(2000);

    expect(await store.getModelHead(tenant, long)).toBeNull();
    expect(await store.getRun(tenant, long)).toBeNull();
    expect(await store.getModelVersion(tenant, 'm1', 0)).toBeNull();
  });

  it('finds a token by its hash until it is revoked', async () => {
    const tenant = newTenant();
    const record: TokenRecord = { tenant, tokenId: 'tok1', role: 'editor', label: 'kalkyl', createdAt: NOW };
    await store.putToken(record, 'hash-1');
    await store.putToken({ tenant, tokenId: 'tok2', role: 'viewer', createdAt: NOW }, 'hash-2');

    const found = await store.findToken(tenant, 'hash-1');
    const elsewhere = await store.findToken(newTenant(), 'hash-1');
    const revoked = await store.revokeToken(tenant, 'tok1', LATER);
    const unknown = await store.revokeToken(tenant, 'tok-unknown', LATER);

    expect(found).toEqual(record);
    expect(elsewhere).toBeNull();
    expect([revoked, unknown]).toEqual([true, false]);
    expect(await store.findToken(tenant, 'hash-1')).toBeNull();
    expect(await store.findToken(tenant, 'hash-2')).toMatchObject({ tokenId: 'tok2', role: 'viewer' });
    expect((await store.listTokens(tenant)).map((t) => [t.tokenId, t.revokedAt])).toEqual([
      ['tok1', LATER],
      ['tok2', undefined],
    ]);
    await expect(store.putToken(record, 'hash-1')).rejects.toBeInstanceOf(Conflict);
  });
});

describe('DynamoDB Local on disk', () => {
  it('answers ping and keeps ensureTable idempotent', async () => {
    await ensureTable(doc, TABLE);

    expect(await store.ping()).toBe(true);
    expect(await new DynamoStore(doc, 'no-such-table').ping()).toBe(false);
  });

  it('refuses to start beside a running server: on its data or on a taken port', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'store-other-'));

    const sameData = await startDynamoDbLocal({ port: await freePort(), dataDir }).catch((e: unknown) => e);
    const samePort = await startDynamoDbLocal({ port, dataDir: elsewhere }).catch((e: unknown) => e);
    await rm(elsewhere, { recursive: true, force: true });

    expect(String(sameData)).toMatch(/still running/);
    expect(String(samePort)).toMatch(/port .* is taken/);
    expect(await store.ping()).toBe(true);
  });

  it('stops a DynamoDB Local orphaned by a killed server before starting on the same data', async () => {
    const orphanDir = await mkdtemp(join(tmpdir(), 'store-orphan-'));
    const orphanPort = await freePort();
    const module = pathToFileURL(join(import.meta.dirname, '../../functions/store/ddb-local.ts')).href;
    const code = `import(${JSON.stringify(module)}).then((m) => m.startDynamoDbLocal({ port: ${orphanPort}, dataDir: ${JSON.stringify(orphanDir)} })).then(() => console.log('ready'));`;
    const server = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((ok, fail) => {
      server.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && ok());
      server.once('exit', (c) => fail(new Error(`the server exited with ${c}`)));
    });
    const orphan = (JSON.parse(await readFile(join(orphanDir, 'dynamodb-local.pid'), 'utf8')) as { pid: number }).pid;
    server.kill('SIGKILL');
    await new Promise((ok) => server.once('exit', ok));

    const again = await startDynamoDbLocal({ port: orphanPort, dataDir: orphanDir });
    const orphanAlive = await readFile(`/proc/${orphan}/cmdline`, 'utf8').then(
      (t) => t.length > 0,
      () => false,
    );
    await again.stop();
    await rm(orphanDir, { recursive: true, force: true });

    expect(orphanAlive).toBe(false);
  });

  it('keeps the data across a restart on the same data directory', async () => {
    const tenant = newTenant();
    await store.createModel(tenant, 'kept', 'kept', bigModel(600 * 1024), NOW);
    const run = newRun(tenant);
    await store.createRun(run, 4);

    doc.destroy();
    await ddb.stop();
    await connect();

    expect((await store.getModelVersion(tenant, 'kept', 1))?.model).toEqual(bigModel(600 * 1024));
    expect(await store.getRun(tenant, run.id)).toEqual(run);
  });
});
