/**
 * The first phase of `npm run bench:cloud`: the real state machine, executed here. The definition is taken out of
 * the synthesised PlacementPlannerStack (infra/definition.ts) with the Distributed Map's MaxConcurrency set to
 * `concurrency`, run by aws-local-stepfunctions (tests/cloud/local-state-machine.ts) with each Task bound to the
 * real handler of functions/lambda/{plan,worker,merge,fail}.ts, in-process, against DynamoDB Local
 * (started here as tests/lambda/lambda-env.ts does; that file's harness imports vitest). Each invocation is timed (state, Map index, start, ms).
 *
 * One thread: the interpreter runs up to MaxConcurrency Map items at once, but the engine is synchronous, so two
 * in-process workers interleave at their awaits and never play at the same time. A worker's time here is its
 * wall time on that thread, which includes the moments its sibling was playing; the Map's span (first worker
 * start to last worker end) is the workers' CPU summed plus the DynamoDB waits nothing overlapped. Running the
 * play on worker threads would need a change to the worker handler (production code); not done.
 */
import { gzipSync } from 'node:zlib';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { newRunRecord } from '../functions/services/runs.js';
import { stateMachineDefinition } from '../infra/definition.js';
import { DEFAULT_SETTINGS } from '../infra/settings.js';
import { PlacementPlannerStack } from '../infra/stack.js';
import { simulate } from '../simulation/index.js';
import { runLocally, type Handlers, type LocalHandler } from '../tests/cloud/local-state-machine.js';
import { startLambdaEnv } from '../tests/lambda/lambda-env.js';

const TENANT = 'bench';

export interface LocalBenchOptions {
  model: unknown;
  trials: number;
  seed: number;
  /** The Map's MaxConcurrency in the synthesised stack. */
  concurrency: number;
  /** PLAN_WORKERS: the chunk plan, as the API makes it (functions/lambda/api.ts). */
  planWorkers: number;
}

export interface Timing {
  state: string;
  index?: number;
  /** ms since the execution started. */
  startMs: number;
  ms: number;
}

export interface LocalBench {
  status: 'succeeded' | 'failed';
  error?: string;
  chunks: number;
  chunkSize: number;
  timings: Timing[];
  /** Wall time of the whole execution (runLocally), ms. */
  wallMs: number;
  /** First worker's start to last worker's end, ms. */
  mapSpanMs: number;
  sameAsCommandLine: boolean;
  commandLineMs: number;
  /** Median of a GetItem round trip to DynamoDB Local, ms. */
  localRoundTripMs: number;
  /** gzip size of the stored partial of chunk 0 (with the sensitivity analysis's per-trial values) and of the last chunk. */
  firstGzBytes: number;
  lastGzBytes: number;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export async function runLocalBench(opts: LocalBenchOptions): Promise<LocalBench> {
  // The environment first: the handlers make their container's services on first use, from TABLE_NAME.
  const env = await startLambdaEnv();
  try {
    const stack = new PlacementPlannerStack(new App(), 'Bench', {
      settings: { ...DEFAULT_SETTINGS, stage: 'bench', maxConcurrency: opts.concurrency },
    });
    const definition = stateMachineDefinition(Template.fromStack(stack));
    const [plan, worker, merge, fail] = await Promise.all([
      import('../functions/lambda/plan.js'),
      import('../functions/lambda/worker.js'),
      import('../functions/lambda/merge.js'),
      import('../functions/lambda/fail.js'),
    ]);

    const now = new Date();
    const modelId = (await env.store.createModel(TENANT, 'reference', 'Reference', opts.model, now.toISOString())).id;
    const record = newRunRecord(TENANT, { modelId, trials: opts.trials, seed: opts.seed }, 1, opts.planWorkers, now);
    const run = (await env.store.createRun(record, 10)).run;

    const timings: Timing[] = [];
    let t0 = 0;
    const timed =
      (state: string, h: LocalHandler): LocalHandler =>
      async (event, context) => {
        const start = performance.now();
        try {
          return await h(event, context);
        } finally {
          const index = (event as { index?: unknown })?.index;
          timings.push({
            state,
            ...(typeof index === 'number' ? { index } : {}),
            startMs: start - t0,
            ms: performance.now() - start,
          });
        }
      };
    const handlers: Handlers = {
      Plan: timed('Plan', plan.handler),
      Worker: timed('Worker', worker.handler),
      Merge: timed('Merge', merge.handler),
      MarkFailed: timed('MarkFailed', fail.handler),
    };

    t0 = performance.now();
    const execution = await runLocally(definition, handlers, { tenant: TENANT, runId: run.id });
    const wallMs = performance.now() - t0;

    const workers = timings.filter((t) => t.state === 'Worker');
    const mapSpanMs = workers.length ? Math.max(...workers.map((w) => w.startMs + w.ms)) - Math.min(...workers.map((w) => w.startMs)) : 0;

    const c0 = performance.now();
    const expected = JSON.stringify(simulate({ model: opts.model, trials: opts.trials, seed: opts.seed }));
    const commandLineMs = performance.now() - c0;
    const stored = await env.store.getResult(TENANT, run.id);

    const trips: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await env.store.getRun(TENANT, run.id);
      trips.push(performance.now() - t);
    }

    const gz = async (i: number) => gzipSync((await env.store.getChunk(TENANT, run.id, i)) ?? '').length;

    return {
      status: execution.status,
      ...(execution.status === 'failed' ? { error: `${execution.error.Error}: ${execution.error.Cause}` } : {}),
      chunks: run.chunks,
      chunkSize: run.chunkSize,
      timings,
      wallMs,
      mapSpanMs,
      sameAsCommandLine: stored === expected,
      commandLineMs,
      localRoundTripMs: median(trips),
      firstGzBytes: await gz(0),
      lastGzBytes: await gz(run.chunks - 1),
    };
  } finally {
    await env.close();
  }
}
