/**
 * The run lifecycle on a real DynamoDB Local: its steps one by one, each from (tenant, runId[, index]) alone as
 * the cloud's Lambdas will call them, and stored chunks of another partial format, which are played again.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import runChunk from '../../functions/executors/chunk-worker.js';
import { RunLifecycle } from '../../functions/services/run-lifecycle.js';
import { newRunRecord } from '../../functions/services/runs.js';
import { systemClock, type RunRecord, type Store } from '../../functions/store/port.js';
import { PARTIAL_FORMAT, prepareRun, runTrials, simulate } from '../../simulation/index.js';
import { startHarness, waitForRun, type Harness } from './harness.js';

const SMALL = JSON.parse(readFileSync(new URL('../../examples/small-municipality.json', import.meta.url), 'utf8')) as unknown;
const TENANT = 'alfa';

let h: Harness;
let modelId: string;

beforeAll(async () => {
  h = await startHarness({ workers: 2 });
  const res = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: SMALL });
  modelId = ((await res.json()) as { id: string }).id;
});

afterAll(async () => {
  await h?.close();
});

/** A queued run stored as POST /runs stores it, but not handed to any executor. */
async function storedRun(trials: number, seed: number): Promise<RunRecord> {
  const record = newRunRecord(TENANT, { modelId, trials, seed }, 1, 2, new Date());
  return (await h.store.createRun(record, 1000)).run;
}

/** A running run with every chunk stored, not yet merged. */
async function playedRun(trials: number, seed: number): Promise<RunRecord> {
  const run = await storedRun(trials, seed);
  const life = new RunLifecycle(h.store, systemClock);
  const begun = await life.begin(TENANT, run.id);
  for (const { index, from, to } of await life.pendingChunks(TENANT, run.id)) {
    await life.storeChunk(TENANT, run.id, index, runChunk({ input: begun!.input, from, to }));
  }
  return run;
}

/** The harness's store, counting the chunks read through it. */
function countingChunkReads(): { store: Store; count: () => number } {
  let reads = 0;
  const store = new Proxy(h.store, {
    get(target, key, receiver) {
      if (key === 'getChunk') {
        return (...args: Parameters<Store['getChunk']>) => {
          reads++;
          return target.getChunk(...args);
        };
      }
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store, count: () => reads };
}

async function storedResult(runId: string): Promise<unknown> {
  return JSON.parse((await h.store.getResult(TENANT, runId)) ?? 'null');
}

describe('the run lifecycle', () => {
  it('plays a chunk stored in another partial format again, and the run ends with the command line result', async () => {
    const run = await storedRun(600, 7);
    expect(run.chunks).toBe(6);
    // Partials of the right trial ranges but another seed, in formats this code does not read: merged as they
    // are, they would give other numbers; refused, they must be played again.
    const other = prepareRun({ model: SMALL, trials: 600, seed: 99 });
    const stale = (from: number, to: number, format: number | undefined) => {
      const { format: _current, ...rest } = runTrials(other, from, to).partial.toJSON();
      return JSON.stringify(format === undefined ? rest : { ...rest, format });
    };
    // Chunk 0 with format 1 recorded on its item; chunk 1 as stored before formats were recorded: no format on
    // the item, none in the partial, only the merge finds it out.
    await h.store.putChunk(TENANT, run.id, 0, 100, stale(0, 100, 1), 1);
    await h.store.putChunk(TENANT, run.id, 1, 100, stale(100, 200, undefined));

    await h.executor.start(run);
    const status = await waitForRun(h, h.alfa.viewer, run.id);

    expect(status).toMatchObject({ status: 'succeeded' });
    expect(await storedResult(run.id)).toEqual(simulate({ model: SMALL, trials: 600, seed: 7 }));
    expect((await h.store.listChunks(TENANT, run.id)).map((c) => c.format)).toEqual(new Array(6).fill(PARTIAL_FORMAT));
    expect(await h.store.getRun(TENANT, run.id)).toMatchObject({ chunksDone: 6, trialsDone: 600 });
  });

  it('runs from steps that each start from (tenant, runId[, index]) alone, as plan, worker and merge Lambdas', async () => {
    const run = await storedRun(350, 3);
    const step = () => new RunLifecycle(h.store, systemClock);

    const begun = await step().begin(TENANT, run.id);
    const plan = await step().pendingChunks(TENANT, run.id);
    for (const { index } of plan) {
      const { input } = await step().load(TENANT, run.id);
      const { from, to } = await step().chunk(TENANT, run.id, index);
      await step().storeChunk(TENANT, run.id, index, runChunk({ input, from, to }));
    }
    const merged = await step().complete(TENANT, run.id);

    expect(begun?.run.status).toBe('running');
    expect(plan.map((c) => [c.from, c.to])).toEqual([
      [0, 100],
      [100, 200],
      [200, 300],
      [300, 350],
    ]);
    expect(merged).toEqual({ status: 'succeeded' });
    expect(await storedResult(run.id)).toEqual(simulate({ model: SMALL, trials: 350, seed: 3 }));
    expect(await step().complete(TENANT, run.id)).toEqual({ status: 'succeeded' });
    expect(await step().begin(TENANT, run.id)).toBeNull();
    expect(await step().fail(TENANT, run.id, new Error('late'))).toBe(false);
  });

  it('names the chunks still missing instead of merging part of a run', async () => {
    const run = await storedRun(300, 5);
    const life = new RunLifecycle(h.store, systemClock);
    const begun = await life.begin(TENANT, run.id);
    const { from, to } = await life.chunk(TENANT, run.id, 1);
    await life.storeChunk(TENANT, run.id, 1, runChunk({ input: begun!.input, from, to }));

    const merged = await life.complete(TENANT, run.id);

    expect(merged).toEqual({
      status: 'pending',
      pending: [
        { index: 0, from: 0, to: 100 },
        { index: 2, from: 200, to: 300 },
      ],
    });
    expect(await h.store.getRun(TENANT, run.id)).toMatchObject({ status: 'running' });
    expect(await h.store.getResult(TENANT, run.id)).toBeNull();
  });

  it('merges a run from its group partials alone once every group is merged', async () => {
    const run = await playedRun(1000, 21);
    const life = new RunLifecycle(h.store, systemClock);
    const groups = await life.groups(TENANT, run.id);
    // 10 chunks in groups of ⌈√(10 × 2)⌉ = 5.
    expect(groups).toEqual([
      { group: 0, first: 0, end: 5 },
      { group: 1, first: 5, end: 10 },
    ]);
    for (const { group } of groups) expect(await life.mergeGroup(TENANT, run.id, group)).toEqual({ status: 'merged' });

    const reads = countingChunkReads();
    expect(await new RunLifecycle(reads.store, systemClock).complete(TENANT, run.id)).toEqual({ status: 'succeeded' });

    expect(reads.count()).toBe(0);
    expect(await storedResult(run.id)).toEqual(simulate({ model: SMALL, trials: 1000, seed: 21 }));
    expect(await life.mergeGroup(TENANT, run.id, 0)).toEqual({ status: 'ended' });
  });

  it("reads a group's chunks instead of a group partial of another format or of other trials", async () => {
    const run = await playedRun(1000, 22);
    const life = new RunLifecycle(h.store, systemClock);
    await life.mergeGroup(TENANT, run.id, 0);
    // Group 1's partial covers only its first chunk: merged as it is, the run would lack 400 trials.
    const partOfGroup = await h.store.getChunk(TENANT, run.id, 5);
    await h.store.putGroup(TENANT, run.id, 1, partOfGroup!);
    const reads = countingChunkReads();
    expect(await new RunLifecycle(reads.store, systemClock).complete(TENANT, run.id)).toEqual({ status: 'succeeded' });
    expect(reads.count()).toBe(5);

    // A whole group's partial, but of another format.
    const stale = await playedRun(600, 23);
    await life.mergeGroup(TENANT, stale.id, 0);
    const group = JSON.parse((await h.store.getGroup(TENANT, stale.id, 0))!) as { format: number };
    await h.store.putGroup(TENANT, stale.id, 0, JSON.stringify({ ...group, format: PARTIAL_FORMAT - 1 }));
    expect(await life.complete(TENANT, stale.id)).toEqual({ status: 'succeeded' });

    expect(await storedResult(run.id)).toEqual(simulate({ model: SMALL, trials: 1000, seed: 22 }));
    expect(await storedResult(stale.id)).toEqual(simulate({ model: SMALL, trials: 600, seed: 23 }));
  });

  it('stores no group partial while a chunk of the group is missing, and names it', async () => {
    const run = await storedRun(600, 24);
    const life = new RunLifecycle(h.store, systemClock);
    const begun = await life.begin(TENANT, run.id);
    for (const index of [0, 2]) {
      const { from, to } = await life.chunk(TENANT, run.id, index);
      await life.storeChunk(TENANT, run.id, index, runChunk({ input: begun!.input, from, to }));
    }

    // 6 chunks in groups of 4 and 2.
    expect(await life.mergeGroup(TENANT, run.id, 0)).toEqual({
      status: 'pending',
      pending: [1, 3].map((index) => ({ index, from: index * 100, to: index * 100 + 100 })),
    });
    expect(await h.store.getGroup(TENANT, run.id, 0)).toBeNull();
    await expect(life.mergeGroup(TENANT, run.id, 2)).rejects.toThrow("group 2 is outside the run's 2 chunk groups");
  });

  it('fails a run whose saved model no longer validates, with the reason in words', async () => {
    const broken = await h.store.createModel(TENANT, 'broken-model', 'broken', { name: 'broken' }, new Date().toISOString());
    const record = newRunRecord(TENANT, { modelId: broken.id, trials: 100, seed: 1 }, 1, 2, new Date());
    const { run } = await h.store.createRun(record, 4);

    await h.executor.start(run);
    const status = await waitForRun(h, h.alfa.viewer, run.id);

    expect(status.status).toBe('failed');
    expect(status.error).toMatch(/^the saved model or scenarios are no longer valid: /);
  });
});
