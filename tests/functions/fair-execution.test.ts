/**
 * Fair, bounded execution and runs that survive faults (issue 10, items 3 and 4), against a real DynamoDB Local:
 * chunks handed out in turn across tenants (checked by the order of the store's writes, never by seconds), a
 * run's cost refused before admission, the limit of open runs, cancel, the time limit, transient faults retried,
 * a failed run resumed by /retry with the command line's result, and a failure shown with a reference only.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../functions/app.js';
import { createToken } from '../../functions/auth/tokens.js';
import { LocalExecutor } from '../../functions/executors/local-executor.js';
import { newRunRecord } from '../../functions/services/runs.js';
import { systemClock, type Executor, type RunRecord, type Store } from '../../functions/store/port.js';
import { simulate } from '../../simulation/index.js';
import { expectProblem, okJson, startHarness, waitForRun, type Harness, type Json } from './harness.js';

const example = (name: string): Json => JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Json;
const SMALL = example('small-municipality.json');
const REFERENCE = example('reference-midsize.json');

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ workers: 2 });
});

afterAll(async () => {
  await h?.close();
});

/** The harness's store with `wrap` in front of some of its methods; every other call goes straight through. */
function storeWith(wraps: Partial<{ [K in keyof Store]: (real: Store[K]) => Store[K] }>): Store {
  return new Proxy(h.store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const real = (value as (...a: unknown[]) => unknown).bind(target);
      const wrap = (wraps as Record<string | symbol, ((r: unknown) => unknown) | undefined>)[key];
      return wrap ? wrap(real) : real;
    },
  });
}

async function tenantToken(tenant: string, role: 'viewer' | 'editor' = 'editor'): Promise<string> {
  return (await createToken(h.store, tenant, role, new Date(), `fair test ${tenant}`)).token;
}

async function saveModel(tenant: string, model: Json): Promise<string> {
  const id = `m-${Math.random().toString(36).slice(2, 10)}`;
  await h.store.createModel(tenant, id, model.name as string, model, new Date().toISOString());
  return id;
}

/** A queued run as POST /runs stores it (planned for two workers), not handed to any executor. */
async function queuedRun(tenant: string, modelId: string, trials: number, seed: number): Promise<RunRecord> {
  return (await h.store.createRun(newRunRecord(tenant, { modelId, trials, seed }, 1, 2, new Date()), 100)).run;
}

const commandLine = (model: Json, trials: number, seed: number) => simulate({ model, trials, seed });
const storedResult = async (tenant: string, id: string) => JSON.parse((await h.store.getResult(tenant, id)) ?? 'null') as unknown;

/** No retry waits in tests: the policy's delays are a millisecond or less. */
const FAST_RETRY = { attempts: 5, baseDelayMs: 1, maxDelayMs: 2 };

/** An error shaped as DynamoDB's lock time-out. */
const lockTimeout = () =>
  Object.assign(new Error('Transaction is ongoing for the item'), {
    name: 'TransactionConflictException',
    $metadata: { httpStatusCode: 400 },
  });

describe('the local executor', () => {
  it("serves tenants in turn: another tenant's small run ends long before a huge run's chunks are through", async () => {
    const events: string[] = [];
    const store = storeWith({
      putChunk:
        (real) =>
        async (tenant, runId, index, ...rest) => {
          const out = await real(tenant, runId, index, ...rest);
          events.push(`${tenant}:chunk`);
          return out;
        },
      transitionRun:
        (real) =>
        async (tenant, id, from, to, ...rest) => {
          const moved = await real(tenant, id, from, to, ...rest);
          if (moved && to === 'succeeded') events.push(`${tenant}:succeeded`);
          return moved;
        },
    });
    const executor = new LocalExecutor(store, systemClock, 2, { retry: FAST_RETRY });
    try {
      const big = await queuedRun('fair-big', await saveModel('fair-big', SMALL), 4_800, 1);
      const small = await queuedRun('fair-small', await saveModel('fair-small', SMALL), 100, 2);
      expect(big.chunks).toBe(16);
      expect(small.chunks).toBe(1);
      // The huge run first, the small one right after: first come, first served would finish all 16 chunks first.
      await executor.start(big);
      await executor.start(small);
      await executor.idle();

      const bigChunksBefore = events.slice(0, events.indexOf('fair-small:succeeded')).filter((e) => e === 'fair-big:chunk').length;
      expect(events).toContain('fair-big:succeeded');
      // Two threads busy with the big run's first chunks when the small run came, then every other chunk is the
      // small run's; its merge overlaps a few more of the big run's: far fewer than 16.
      expect(bigChunksBefore).toBeLessThanOrEqual(6);
      expect(await storedResult('fair-small', small.id)).toEqual(commandLine(SMALL, 100, 2));
    } finally {
      await executor.close();
    }
  });

  it('retries a chunk write that fails transiently, and the run ends with the same result as without', async () => {
    let failures = 0;
    const store = storeWith({
      putChunk:
        (real) =>
        async (...args) => {
          if (failures < 3) {
            failures++;
            throw lockTimeout();
          }
          return real(...args);
        },
    });
    const executor = new LocalExecutor(store, systemClock, 2, { retry: FAST_RETRY });
    try {
      const run = await queuedRun('fair-transient', await saveModel('fair-transient', SMALL), 600, 3);
      await executor.start(run);
      await executor.idle();

      expect(failures).toBe(3);
      expect(await h.store.getRun('fair-transient', run.id)).toMatchObject({ status: 'succeeded', chunksDone: run.chunks });
      expect(await storedResult('fair-transient', run.id)).toEqual(commandLine(SMALL, 600, 3));
    } finally {
      await executor.close();
    }
  });

  it('stops a run at its time limit and fails it with a reason that says so', async () => {
    const executor = new LocalExecutor(h.store, systemClock, 2, { retry: FAST_RETRY, timeLimitMs: 1_500 });
    try {
      const run = await queuedRun('fair-time', await saveModel('fair-time', REFERENCE), 3_200, 4);
      await executor.start(run);
      await executor.idle();

      const ended = await h.store.getRun('fair-time', run.id);
      expect(ended?.status).toBe('failed');
      expect(ended?.error).toMatch(/the run took longer than its time limit of 2 s and was stopped/);
      expect(ended?.errorRef).toBeUndefined();
      expect(ended?.chunksDone).toBeLessThan(run.chunks);
    } finally {
      await executor.close();
    }
  });
});

describe('POST /api/v1/runs: what is admitted', () => {
  /** The app on the harness's store with an executor that plays nothing: what is admitted stays queued. */
  const held: RunRecord[] = [];
  const paused: Executor = { start: async (run) => void held.push(run) };
  const app = () => createApp({ store: h.store, executor: paused, clock: systemClock, workers: 2 });
  const post = (token: string, json: Json) =>
    app().request('/api/v1/runs', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(json),
    });

  it('refuses 1,000,000 trials of 20 scenarios, naming how many trials, scenarios or months would fit; admits 100,000 × 7', async () => {
    const token = await tenantToken('fair-cost');
    const modelId = await saveModel('fair-cost', REFERENCE);
    const options = (REFERENCE.options as Json[]).map((o) => o.id as string);
    // The baseline and 19 more: each option alone, and pairs of them.
    const pairs = options.flatMap((a, i) => options.slice(i + 1).map((b) => [a, b]));
    const scenarios = [
      { id: 'baseline', label: 'Baseline', options: [] },
      ...[...options.map((o) => [o]), ...pairs].slice(0, 19).map((opts, i) => ({ id: `s${i}`, label: `S${i}`, options: opts })),
    ];
    expect(scenarios).toHaveLength(20);

    const refused = await expectProblem(await post(token, { modelId, trials: 1_000_000, seed: 1, scenarios }), 422);
    expect(refused.title).toBe('Körningen är för stor / the run is too large');
    expect(refused.maxTrials).toBeGreaterThan(1_000);
    expect(refused.maxTrials).toBeLessThan(1_000_000);
    expect(refused.detail).toContain(
      `trials to at most ${(refused.maxTrials as number).toLocaleString('en-US')} at this model and 20 scenarios`,
    );
    expect(refused.detail).toContain(
      `the scenarios to at most ${refused.maxScenarios as number} (the baseline included) at 1,000,000 trials`,
    );
    expect(refused.maxScenarios).toBeGreaterThanOrEqual(1);
    expect(refused.maxScenarios).toBeLessThan(20);
    expect(refused.estimatedWork).toBeGreaterThan(refused.maxWork);

    // The advice holds: at the trials it names the same run is admitted.
    const fits = await okJson(await post(token, { modelId, trials: refused.maxTrials as number, seed: 1, scenarios }), 202);
    expect(fits.status).toBe('queued');
    const reference = await okJson(await post(token, { modelId, trials: 100_000, seed: 1 }), 202);
    expect(reference.status).toBe('queued');
  });

  it('refuses a 240-month model with 19,000 episodes a year per segment, naming the horizon to shorten', async () => {
    const token = await tenantToken('fair-long');
    const busy = structuredClone(REFERENCE);
    busy.horizonMonths = 240;
    for (const inflow of busy.inflow as Json[]) {
      inflow.episodesPerYear = 19_000;
      delete inflow.trendPerYear;
    }
    const modelId = await saveModel('fair-long', busy);

    const refused = await expectProblem(await post(token, { modelId, trials: 10_000, seed: 1 }), 422);
    expect(refused.maxTrials).toBeLessThan(1_000);
    expect(refused.maxHorizonMonths).toBeLessThan(240);
    expect(refused.detail).toContain(`horizonMonths to at most ${refused.maxHorizonMonths as number}`);
  });

  it('counts running runs against the limit of open runs, and the 429 names the limit', async () => {
    const token = await tenantToken('fair-open');
    const modelId = await saveModel('fair-open', SMALL);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await okJson(await post(token, { modelId, trials: 100, seed: i }), 202)).id as string);
    // One of them starts: it is still under way, so the tenant still has four.
    await h.store.transitionRun('fair-open', ids[0], ['queued'], 'running', { startedAt: new Date().toISOString() });

    const refused = await expectProblem(await post(token, { modelId, trials: 100, seed: 9 }), 429);
    expect(refused.limit).toBe(4);
    expect(refused.detail).toContain('at most 4 runs queued or running');
  });
});

describe('cancel and retry', () => {
  it('cancels a running run: it stops, is cancelled with its chunks kept; a retry plays the rest to the command line result', async () => {
    const token = await tenantToken('fair-cancel');
    const viewer = await tenantToken('fair-cancel', 'viewer');
    const modelId = await saveModel('fair-cancel', SMALL);
    const { id } = await okJson(await h.request('/api/v1/runs', { method: 'POST', token, json: { modelId, trials: 4_800, seed: 5 } }), 202);
    for (;;) {
      const now = await okJson(await h.request(`/api/v1/runs/${id}`, { token }));
      if (now.progress.chunksDone >= 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await expectProblem(await h.request(`/api/v1/runs/${id}/cancel`, { method: 'POST', token: viewer }), 403);

    const cancelled = await okJson(await h.request(`/api/v1/runs/${id}/cancel`, { method: 'POST', token }));
    expect(cancelled.status).toBe('cancelled');
    await h.executor.idle();

    const after = await okJson(await h.request(`/api/v1/runs/${id}`, { token }));
    expect(after.status).toBe('cancelled');
    expect(after.progress.chunksDone).toBeGreaterThanOrEqual(1);
    expect(after.progress.chunksDone).toBeLessThan(after.progress.chunks);
    expect(await h.store.listChunks('fair-cancel', id as string)).toHaveLength(after.progress.chunksDone as number);
    const again = await expectProblem(await h.request(`/api/v1/runs/${id}/cancel`, { method: 'POST', token }), 409);
    expect(again.runStatus).toBe('cancelled');

    const retried = await okJson(await h.request(`/api/v1/runs/${id}/retry`, { method: 'POST', token }), 202);
    expect(retried).toMatchObject({ status: 'queued', attempt: 2 });
    expect((await waitForRun(h, token, id as string)).status).toBe('succeeded');
    expect(await okJson(await h.request(`/api/v1/runs/${id}/result`, { token }))).toEqual(commandLine(SMALL, 4_800, 5));
    const done = await expectProblem(await h.request(`/api/v1/runs/${id}/cancel`, { method: 'POST', token }), 409);
    expect(done.runStatus).toBe('succeeded');
    const notFailed = await expectProblem(await h.request(`/api/v1/runs/${id}/retry`, { method: 'POST', token }), 409);
    expect(notFailed.runStatus).toBe('succeeded');
    await expectProblem(await h.request('/api/v1/runs/no-such-run/cancel', { method: 'POST', token }), 404);
  });

  it('shows a failed run a reason with a reference, never the internal message, and /retry resumes it to the command line result', async () => {
    const tenant = 'fair-retry';
    const token = await tenantToken(tenant);
    const modelId = await saveModel(tenant, SMALL);
    // Chunk 3's write always fails with an error that is not transient: the run fails at it.
    const secret = 'ValidationException: Item size has exceeded the maximum allowed size (table pp-internal-7)';
    const store = storeWith({
      putChunk:
        (real) =>
        async (t, runId, index, ...rest) => {
          if (index === 3) throw Object.assign(new Error(secret), { name: 'ValidationException' });
          return real(t, runId, index, ...rest);
        },
    });
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    const broken = new LocalExecutor(store, systemClock, 2, { retry: FAST_RETRY });
    const run = await queuedRun(tenant, modelId, 600, 6);
    try {
      await broken.start(run);
      await broken.idle();
    } finally {
      spy.mockRestore();
      await broken.close();
    }

    const failed = await okJson(await h.request(`/api/v1/runs/${run.id}`, { token }));
    expect(failed.status).toBe('failed');
    expect(failed.errorRef).toMatch(/^[0-9a-z]{26}$/);
    expect(failed.error).toBe(`the run stopped on an internal error; reference ${failed.errorRef}`);
    expect(JSON.stringify(failed)).not.toContain('ValidationException');
    // The internal message is in the log, under the reference the user was given.
    const line = logged
      .map((args) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '))
      .find((l) => l.includes(failed.errorRef));
    expect(line).toContain(secret);
    const keptChunks = (await h.store.listChunks(tenant, run.id)).map((c) => c.index);
    expect(keptChunks).not.toContain(3);

    const retried = await okJson(await h.request(`/api/v1/runs/${run.id}/retry`, { method: 'POST', token }), 202);
    expect(retried).toMatchObject({ status: 'queued', attempt: 2 });
    expect(retried.error).toBeUndefined();
    expect((await waitForRun(h, token, run.id)).status).toBe('succeeded');
    expect(await storedResult(tenant, run.id)).toEqual(commandLine(SMALL, 600, 6));
    expect(await h.store.getRun(tenant, run.id)).toMatchObject({ chunksDone: run.chunks, trialsDone: 600, attempt: 2 });
  });
});
