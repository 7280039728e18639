/**
 * The step Lambdas (plan, worker, merge-group, merge, fail) called in-process as Step Functions calls them, each with the event
 * of the contract and nothing kept between calls but the table, against DynamoDB Local.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFailHandler, handler as failHandler } from '../../functions/lambda/fail.js';
import { handler as mergeGroupHandler } from '../../functions/lambda/merge-group.js';
import { handler as mergeHandler } from '../../functions/lambda/merge.js';
import { createPlanHandler, handler as planHandler } from '../../functions/lambda/plan.js';
import { stepServices } from '../../functions/lambda/context.js';
import { createWorkerHandler, handler as workerHandler } from '../../functions/lambda/worker.js';
import { newRunRecord } from '../../functions/services/runs.js';
import { systemClock, type RunRecord } from '../../functions/store/port.js';
import { PARTIAL_FORMAT, simulate } from '../../simulation/index.js';
import { jsonLogLines } from './json-log.js';
import { SMALL, startLambdaEnv, type LambdaEnv } from './lambda-env.js';

const TENANT = 'alfa';
let env: LambdaEnv;
let modelId: string;

beforeAll(async () => {
  env = await startLambdaEnv();
  modelId = (await env.store.createModel(TENANT, 'small', 'Small municipality', SMALL, new Date().toISOString())).id;
});

afterAll(async () => {
  await env?.close();
});

/**
 * A queued run as POST /runs stores it, planned for two workers (chunks of 100 trials for small runs). The limit
 * of open runs is lifted: many of these tests leave their run running.
 */
async function storedRun(trials: number, seed: number, model = modelId): Promise<RunRecord> {
  return (await env.store.createRun(newRunRecord(TENANT, { modelId: model, trials, seed }, 1, 2, new Date()), 1000)).run;
}

const ref = (run: RunRecord) => ({ tenant: TENANT, runId: run.id });

describe('the step Lambdas', () => {
  it('play a run through plan, workers in any order (one twice) and merge to the command line result, byte for byte', async () => {
    const run = await storedRun(450, 11);

    const plan = await planHandler(ref(run));
    const indexes = plan.chunks.map((c) => c.index);
    const outputs = [];
    for (const chunk of [...plan.chunks].reverse()) outputs.push(await workerHandler(chunk));
    outputs.push(await workerHandler(plan.chunks[2]));
    const grouped = await Promise.all(plan.groups.map((g) => mergeGroupHandler(g)));
    const merged = await mergeHandler(plan);

    expect(plan).toEqual({
      ...ref(run),
      chunks: [0, 1, 2, 3, 4].map((index) => ({ ...ref(run), index })),
      groups: [0, 1].map((group) => ({ ...ref(run), group })),
    });
    expect(grouped).toEqual([
      { group: 0, skipped: false },
      { group: 1, skipped: false },
    ]);
    expect(indexes).toHaveLength(run.chunks);
    expect(outputs.map((o) => o.skipped)).toEqual([false, false, false, false, false, true]);
    expect(merged).toEqual({ status: 'succeeded' });
    expect(await env.store.getResult(TENANT, run.id)).toBe(JSON.stringify(simulate({ model: SMALL, trials: 450, seed: 11 })));
    expect(await env.store.getRun(TENANT, run.id)).toMatchObject({ status: 'succeeded', chunksDone: 5, trialsDone: 450 });
  });

  it('changes nothing when a worker is duplicated, at once or after the chunk is stored', async () => {
    const run = await storedRun(300, 4);
    const { chunks } = await planHandler(ref(run));

    const racing = await Promise.all([workerHandler(chunks[1]), workerHandler(chunks[1])]);
    const first = await env.store.getChunk(TENANT, run.id, 1);
    const retried = await workerHandler(chunks[1]);

    expect(racing.map((o) => o.index)).toEqual([1, 1]);
    expect(retried).toEqual({ index: 1, skipped: true });
    expect(await env.store.getChunk(TENANT, run.id, 1)).toBe(first);
    expect(await env.store.listChunks(TENANT, run.id)).toEqual([{ index: 1, format: PARTIAL_FORMAT }]);
    expect(await env.store.getRun(TENANT, run.id)).toMatchObject({ chunksDone: 1, trialsDone: 100 });
  });

  it('plays again a chunk stored in another partial format', async () => {
    const run = await storedRun(200, 6);
    const { chunks } = await planHandler(ref(run));
    await workerHandler(chunks[0]);
    const text = (await env.store.getChunk(TENANT, run.id, 0))!;
    const stale = await storedRun(200, 6);
    await planHandler(ref(stale));
    await env.store.putChunk(TENANT, stale.id, 0, 100, text, PARTIAL_FORMAT - 1);

    const out = await workerHandler({ ...ref(stale), index: 0 });

    expect(out).toEqual({ index: 0, skipped: false });
    expect(await env.store.listChunks(TENANT, stale.id)).toEqual([{ index: 0, format: PARTIAL_FORMAT }]);
  });

  it('refuses to merge with a chunk missing, naming it, and leaves the run running', async () => {
    const run = await storedRun(300, 5);
    const { chunks } = await planHandler(ref(run));
    for (const chunk of chunks.filter((c) => c.index !== 1)) await workerHandler(chunk);

    await expect(mergeHandler(ref(run))).rejects.toThrow(`chunks 1 of run ${run.id} are not stored; nothing was merged`);
    await expect(mergeHandler(ref(run))).rejects.toMatchObject({ name: 'ChunksPending', indexes: [1] });
    expect(await env.store.getRun(TENANT, run.id)).toMatchObject({ status: 'running' });
    expect(await env.store.getResult(TENANT, run.id)).toBeNull();
  });

  it('refuses a group merge with a chunk of the group missing, naming it, and skips one of an ended run', async () => {
    const run = await storedRun(300, 8);
    const { chunks, groups } = await planHandler(ref(run));
    await workerHandler(chunks[0]);

    await expect(mergeGroupHandler(groups[0])).rejects.toMatchObject({ name: 'ChunksPending', indexes: [1, 2] });
    await expect(mergeGroupHandler({ ...ref(run), group: -1 })).rejects.toThrow('group: ');
    for (const chunk of chunks.slice(1)) await workerHandler(chunk);
    await mergeHandler(ref(run));
    expect(await mergeGroupHandler(groups[0])).toEqual({ group: 0, skipped: true });
  });

  it('plays no chunk of a run that has already failed', async () => {
    const run = await storedRun(200, 3);
    const { chunks } = await planHandler(ref(run));
    const cause = JSON.stringify({ errorType: 'Error', errorMessage: 'a sibling chunk failed' });
    await failHandler({ ...ref(run), error: { Error: 'Error', Cause: cause } });

    expect(await workerHandler(chunks[0])).toEqual({ index: chunks[0].index, skipped: true });
    expect(await env.store.listChunks(TENANT, run.id)).toEqual([]);
    expect(await env.store.getRun(TENANT, run.id)).toMatchObject({ status: 'failed', chunksDone: 0 });
  });

  it("marks a run failed with a plain reason and a reference; the Catch's Lambda error, without its stack trace, goes to the log", async () => {
    const run = await storedRun(200, 2);
    await planHandler(ref(run));
    const cause = JSON.stringify({ errorType: 'Error', errorMessage: 'chunk 1 ran out of memory', trace: ['Error: at worker.ts:12'] });

    let out: unknown;
    const entries = await jsonLogLines(
      async () => {
        const services = () => stepServices(env.store, systemClock, new Logger({ serviceName: 'test', logLevel: 'INFO' }));
        out = await createFailHandler(services)({ ...ref(run), chunks: [], error: { Error: 'Error', Cause: cause } });
      },
      { stderr: true },
    );

    expect(out).toEqual({ status: 'failed' });
    const stored = await env.store.getRun(TENANT, run.id);
    expect(stored?.status).toBe('failed');
    expect(stored?.errorRef).toMatch(/^[0-9a-z]{26}$/);
    expect(stored?.error).toBe(`the run stopped on an internal error; reference ${stored?.errorRef}`);
    expect(stored?.error).not.toContain('memory');
    const logged = entries.find((e) => e.errorRef === stored?.errorRef);
    expect(logged).toMatchObject({ level: 'ERROR', tenant: TENANT, runId: run.id });
    expect(JSON.stringify(logged)).toContain('chunk 1 ran out of memory');
    expect(JSON.stringify(logged)).not.toContain('worker.ts:12');
  });

  it('keeps the service error of a Catch of Step Functions itself out of the reason, and in the log', async () => {
    const run = await storedRun(200, 3);
    await planHandler(ref(run));

    const entries = await jsonLogLines(
      async () => {
        const services = () => stepServices(env.store, systemClock, new Logger({ serviceName: 'test', logLevel: 'INFO' }));
        await createFailHandler(services)({
          ...ref(run),
          error: { Error: 'States.Timeout', Cause: 'The task timed out after 900 seconds.' },
        });
      },
      { stderr: true },
    );

    const stored = await env.store.getRun(TENANT, run.id);
    expect(stored?.error).toContain(`reference ${stored?.errorRef}`);
    expect(stored?.error).not.toContain('States.Timeout');
    expect(JSON.stringify(entries.find((e) => e.errorRef === stored?.errorRef))).toContain(
      'The task timed out after 900 seconds. (States.Timeout)',
    );
  });

  it('leaves a run that has succeeded as it is when a late Catch reaches the fail step', async () => {
    const run = await storedRun(100, 8);
    const plan = await planHandler(ref(run));
    for (const chunk of plan.chunks) await workerHandler(chunk);
    await mergeHandler(plan);

    const out = await failHandler({ ...ref(run), error: { Error: 'States.TaskFailed', Cause: 'late' } });
    const replanned = await planHandler(ref(run));

    expect(out).toEqual({ status: 'failed' });
    expect(await env.store.getRun(TENANT, run.id)).toMatchObject({ status: 'succeeded' });
    expect(replanned.chunks).toEqual([]);
    expect(await mergeHandler(ref(run))).toEqual({ status: 'succeeded' });
  });

  it('fails in the plan a run whose saved model no longer validates, and a later Catch keeps that reason', async () => {
    const broken = await env.store.createModel(TENANT, 'broken', 'broken', { name: 'broken' }, new Date().toISOString());
    const run = await storedRun(100, 1, broken.id);

    await expect(planHandler(ref(run))).rejects.toMatchObject({ name: 'ValidationError' });
    const reason = (await env.store.getRun(TENANT, run.id))?.error;
    await failHandler({ ...ref(run), error: { Error: 'ValidationError', Cause: '{"errorType":"ValidationError","errorMessage":"x"}' } });

    expect(reason).toMatch(/^the saved model or scenarios are no longer valid: /);
    expect(await env.store.getRun(TENANT, run.id)).toMatchObject({ status: 'failed', error: reason });
  });

  it('refuses a malformed event, naming the field', async () => {
    await expect(workerHandler({ tenant: TENANT, runId: 'r', index: -1 })).rejects.toThrow(/^worker: malformed event: index: /);
    await expect(planHandler({ tenant: TENANT })).rejects.toThrow(/^plan: malformed event: runId: /);
  });

  it('logs JSON lines that each carry the run id and tenant', async () => {
    const run = await storedRun(200, 9);
    const entries = await jsonLogLines(async () => {
      const services = () => stepServices(env.store, systemClock, new Logger({ serviceName: 'test', logLevel: 'INFO' }));
      const { chunks } = await createPlanHandler(services)(ref(run));
      await createWorkerHandler(services)(chunks[0]);
    });
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const entry of entries) expect(entry).toMatchObject({ tenant: TENANT, runId: run.id, service: 'test' });
    expect(entries.filter((e) => e.index === 0).map((e) => e.message)).toEqual(['worker: start', 'worker: chunk stored', 'worker: done']);
  });
});
