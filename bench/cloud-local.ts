/**
 * The first phase of `npm run bench:cloud`: the real state machine, executed here. The definition is taken out of
 * the synthesised PlacementPlannerStack with the Distributed Map's MaxConcurrency set to `concurrency`, run by
 * aws-local-stepfunctions with each Task bound to the real handler of its entry file in functions/lambda/,
 * in-process, against DynamoDB Local, as the state machine tests run it (tests/cloud/state-machine-executor.ts).
 * Each invocation is timed (state, start, ms).
 *
 * One thread: the interpreter runs up to MaxConcurrency Map items at once, but the engine is synchronous, so two
 * in-process workers interleave at their awaits and never play at the same time. A worker's time here is its
 * wall time on that thread, which includes the moments its sibling was playing; the Map's span (first worker
 * start to last worker end) is the workers' CPU summed plus the DynamoDB waits nothing overlapped.
 */
import { newRunRecord } from '../functions/services/runs.js';
import { simulate } from '../simulation/index.js';
import { runLocally, type Handlers, type LocalHandler } from '../tests/cloud/local-state-machine.js';
import { stepHandlers, synthesisedDefinition } from '../tests/cloud/state-machine-executor.js';
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
    const definition = synthesisedDefinition(opts.concurrency);
    const real = await stepHandlers();

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
          timings.push({ state, startMs: start - t0, ms: performance.now() - start });
        }
      };
    const handlers: Handlers = Object.fromEntries(Object.entries(real).map(([state, h]) => [state, timed(state, h)]));

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
    };
  } finally {
    await env.close();
  }
}
