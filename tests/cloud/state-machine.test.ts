/**
 * The synthesised state machine, executed here (issue 9): the definition taken out of the CDK stack's template
 * (function ARNs as placeholders, infra/definition.ts), run by aws-local-stepfunctions with each Task bound to the
 * real exported handler of its entry file in functions/lambda/, called in-process with a Lambda-shaped event and
 * context (local-state-machine.ts), against DynamoDB Local. Its result must be the command line's, bit for bit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionName } from '../../functions/executors/step-functions-executor.js';
import { RunLifecycle } from '../../functions/services/run-lifecycle.js';
import { MAX_ACTIVE_RUNS, newRunRecord } from '../../functions/services/runs.js';
import { systemClock, type RunRecord } from '../../functions/store/port.js';
import { simulate } from '../../simulation/index.js';
import { SMALL, startLambdaEnv, type LambdaEnv } from '../lambda/lambda-env.js';
import { runLocally, type Handlers, type LocalHandler } from './local-state-machine.js';
import { stepHandlers, synthesisedDefinition } from './state-machine-executor.js';

const TENANT = 'alfa';
let env: LambdaEnv;
let definition: Record<string, unknown>;
let handlers: Handlers;
let modelId: string;

beforeAll(async () => {
  // The environment first: the handlers make their container's services on first use, from TABLE_NAME.
  env = await startLambdaEnv();
  definition = synthesisedDefinition(3);
  handlers = await stepHandlers();
  modelId = (await env.store.createModel(TENANT, 'small', 'Small municipality', SMALL, new Date().toISOString())).id;
});

afterAll(async () => {
  await env?.close();
});

/** A queued run as POST /runs stores it: 450 trials over several chunks. */
async function queuedRun(trials: number, seed: number): Promise<RunRecord> {
  return (await env.store.createRun(newRunRecord(TENANT, { modelId, trials, seed }, 1, 2, new Date()), 10)).run;
}

const start = (run: RunRecord) => ({ tenant: TENANT, runId: run.id });
const commandLine = (trials: number, seed: number) => JSON.stringify(simulate({ model: SMALL, trials, seed }));

describe('the synthesised state machine, executed here', () => {
  it("ends a run with the command line's result, bit for bit", async () => {
    const run = await queuedRun(450, 11);
    const execution = await runLocally(definition, handlers, start(run));

    expect(execution.status).toBe('succeeded');
    expect(await env.store.getResult(TENANT, run.id)).toBe(commandLine(450, 11));
    expect(await env.store.getRun(TENANT, run.id)).toMatchObject({ status: 'succeeded', trialsDone: 450, chunksDone: run.chunks });
    const workers = execution.invocations.filter((i) => i.state === 'Worker');
    expect(workers.map((w) => (w.event as { index: number }).index).sort()).toEqual([...Array(run.chunks).keys()]);
    // 5 chunks in groups of 4 and 1: two group merges, each stored, between the Map and the merge.
    const groups = execution.invocations.filter((i) => i.state === 'MergeGroup');
    expect(groups.map((g) => (g.event as { group: number }).group).sort()).toEqual([0, 1]);
    for (const group of [0, 1]) expect(await env.store.getGroup(TENANT, run.id, group)).not.toBeNull();
    const order = execution.invocations.map((i) => i.state);
    expect(order.lastIndexOf('Worker')).toBeLessThan(order.indexOf('MergeGroup'));
    expect(order.lastIndexOf('MergeGroup')).toBeLessThan(order.indexOf('Merge'));
  });

  it('retries a group merge that throws once, and the result is still identical', async () => {
    const run = await queuedRun(450, 15);
    let thrown = 0;
    const flaky: LocalHandler = async (event, context) => {
      if ((event as { group: number }).group === 1 && thrown++ === 0) throw new Error('the container was recycled');
      return handlers.MergeGroup(event, context);
    };
    const execution = await runLocally(definition, { ...handlers, MergeGroup: flaky }, start(run));

    expect(execution.status).toBe('succeeded');
    expect(thrown).toBe(2);
    expect(execution.trace.some((t) => t.type === 'retried' && t.state === 'MergeGroup')).toBe(true);
    expect(await env.store.getResult(TENANT, run.id)).toBe(commandLine(450, 15));
  });

  it('retries a worker that throws once, and the result is still identical', async () => {
    const run = await queuedRun(450, 12);
    let thrown = 0;
    const flaky: LocalHandler = async (event, context) => {
      if ((event as { index: number }).index === 1 && thrown++ === 0) throw new Error('the container was recycled');
      return handlers.Worker(event, context);
    };
    const execution = await runLocally(definition, { ...handlers, Worker: flaky }, start(run));

    expect(execution.status).toBe('succeeded');
    expect(thrown).toBe(2);
    expect(execution.trace.some((t) => t.type === 'retried' && t.state === 'Worker')).toBe(true);
    expect(await env.store.getResult(TENANT, run.id)).toBe(commandLine(450, 12));
  });

  it('leaves a run failed, with its reason, when a worker always fails', async () => {
    const run = await queuedRun(450, 13);
    const broken: LocalHandler = async (event, context) => {
      if ((event as { index: number }).index === 2) throw new RangeError('chunk 2 ran out of memory');
      return handlers.Worker(event, context);
    };
    const execution = await runLocally(definition, { ...handlers, Worker: broken }, start(run));

    expect(execution.status).toBe('failed');
    expect(execution.invocations.filter((i) => i.state === 'MarkFailed')).toHaveLength(1);
    const stored = await env.store.getRun(TENANT, run.id);
    expect(stored?.status).toBe('failed');
    // The user reads a plain reason with a reference; the internal message is in the log under it.
    expect(stored?.error).toContain(`reference ${stored?.errorRef}`);
    expect(stored?.error).not.toContain('memory');
    expect(await env.store.getResult(TENANT, run.id)).toBeNull();
  });

  it('resumes a failed run in a new execution: only the missing chunks are played, the result is the command line one', async () => {
    const run = await queuedRun(450, 15);
    // The failed execution ends while its other workers may still be storing chunks: wait for them, so that the
    // chunks stored before the retry are known exactly.
    const inFlight: Promise<unknown>[] = [];
    const broken: LocalHandler = (event, context) => {
      if ((event as { index: number }).index === 2) return Promise.reject(new RangeError('chunk 2 ran out of memory'));
      const played = Promise.resolve(handlers.Worker(event, context));
      inFlight.push(played);
      return played;
    };
    expect((await runLocally(definition, { ...handlers, Worker: broken }, start(run))).status).toBe('failed');
    await Promise.allSettled(inFlight);
    const storedBefore = (await env.store.listChunks(TENANT, run.id)).map((c) => c.index);
    expect(storedBefore).not.toContain(2);

    const life = new RunLifecycle(env.store, systemClock);
    const moved = await life.retry(TENANT, run.id, MAX_ACTIVE_RUNS);
    expect(moved.moved).toBe(true);
    const again = moved.moved ? moved.run : run;
    expect(again).toMatchObject({ status: 'queued', attempt: 2 });
    expect(again.error).toBeUndefined();
    expect(executionName(again)).toBe(`${run.id}-r2`);
    const execution = await runLocally(definition, handlers, start(again), { executionName: executionName(again) });

    expect(execution.status).toBe('succeeded');
    const played = execution.invocations.filter((i) => i.state === 'Worker').map((w) => (w.event as { index: number }).index);
    expect(played.sort()).toEqual([...Array(run.chunks).keys()].filter((i) => !storedBefore.includes(i)));
    expect(await env.store.getResult(TENANT, run.id)).toBe(commandLine(450, 15));
  });

  it('stops a cancelled run: its remaining workers play nothing, the merge leaves it cancelled, its chunks are kept', async () => {
    const run = await queuedRun(450, 16);
    const life = new RunLifecycle(env.store, systemClock);
    // The run is cancelled once chunk 0 is stored, as a user's POST /cancel would while the Map goes on; the
    // other workers are held until then, so that every one of them starts after the cancel.
    let cancelled!: () => void;
    const afterCancel = new Promise<void>((done) => (cancelled = done));
    const cancelling: LocalHandler = async (event, context) => {
      if ((event as { index: number }).index !== 0) {
        await afterCancel;
        return handlers.Worker(event, context);
      }
      const out = await handlers.Worker(event, context);
      expect((await life.cancel(TENANT, run.id)).moved).toBe(true);
      cancelled();
      return out;
    };
    const execution = await runLocally(definition, { ...handlers, Worker: cancelling }, start(run));

    expect(execution.invocations.filter((i) => i.state === 'MarkFailed')).toHaveLength(0);
    const stored = await env.store.getRun(TENANT, run.id);
    expect(stored?.status).toBe('cancelled');
    expect(stored?.chunksDone).toBe(1);
    expect((await env.store.listChunks(TENANT, run.id)).length).toBe(stored?.chunksDone);
    expect(await env.store.getResult(TENANT, run.id)).toBeNull();
  });

  it('leaves one result and no chunk counted twice when the same run is started twice at once', async () => {
    const run = await queuedRun(450, 14);
    const [a, b] = await Promise.all([runLocally(definition, handlers, start(run)), runLocally(definition, handlers, start(run))]);

    expect([a.status, b.status]).toEqual(['succeeded', 'succeeded']);
    expect(await env.store.getResult(TENANT, run.id)).toBe(commandLine(450, 14));
    expect(await env.store.getRun(TENANT, run.id)).toMatchObject({ status: 'succeeded', trialsDone: 450, chunksDone: run.chunks });
    expect((await env.store.listChunks(TENANT, run.id)).map((c) => c.index)).toEqual([...Array(run.chunks).keys()]);
  });
});
