/**
 * Runs a simulation's trials in chunks on a pool of worker threads (piscina), or in this thread for one
 * worker, and merges the chunks. Chunking and worker count never change a number (see simulation/sketch.ts).
 */
import Piscina from 'piscina';
import { defaultWorkers, serverWorkers } from './default-workers.js';
import {
  chunkRanges,
  finalize,
  mergePartials,
  planChunks,
  prepareRun,
  RunPartial,
  runTrials,
  type RunInput,
} from '../../simulation/index.js';
import type { ComparisonResult } from '../../simulation/result.js';
import type { RunPartialJSON } from '../../simulation/partial.js';
import type { Completion } from '../services/run-lifecycle.js';
import type { ChunkResult, ChunkTask } from './chunk-worker.js';
import type { MergeTask } from './merge-worker.js';

export interface LocalRunOptions {
  /** Worker threads; 1 runs in this thread. Default: the number of cores. */
  workers?: number;
  /**
   * Trials per chunk. Default: LOCAL_CHUNKS_PER_WORKER chunks per worker, each of at most 10,000 trials; one range
   * on one worker.
   */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface LocalRunOutput {
  result: ComparisonResult;
  episodes: number;
}

export { defaultWorkers, serverWorkers };

/**
 * Chunks per worker of a run on this machine's threads: two, so that a worker slowed by the machine's other work
 * leaves its second chunk to another, and no more, since each chunk costs a partial to fill, serialise, read back
 * and merge (10,000 trials of four scenarios on two workers: 3.56 s in 16 chunks, 2.91 s in 4, 2.70 s in 2). The
 * server's runs keep planChunks' eight: there a chunk is also what a crash loses and what tenants take turns by.
 */
export const LOCAL_CHUNKS_PER_WORKER = 2;

// The workers' files beside this module: functions/executors/*.ts in the sources, and in the build dist/*.js beside
// the bundle this module is inlined in (import.meta.url is the bundle's; the build keeps its files side by side).
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const WORKER_URL = new URL(`./chunk-worker${EXT}`, import.meta.url);
const MERGE_WORKER_URL = new URL(`./merge-worker${EXT}`, import.meta.url);

/**
 * How much lower than the server's own thread the pool's threads run when serving (Linux nice steps). At 10 the
 * scheduler gives a thread at nice 0 about nine times a pool thread's share of a contended core, so the server
 * and DynamoDB Local come first when they share a core with a pool thread; an idle core still goes to the pool.
 */
export const SERVING_NICE = 10;

export interface ChunkPoolOptions {
  /**
   * Added to the threads' nice value (piscina's niceIncrement, through the optional package @napi-rs/nice; a
   * platform without it runs them at normal priority). Default 0.
   */
  nice?: number;
}

export interface ChunkPool {
  /** Plays one chunk on a pool thread. */
  run(task: ChunkTask): Promise<ChunkResult>;
  /** Merges a stored run on a pool thread (merge-worker.ts): the run's final step, off the caller's thread. */
  merge(task: MergeTask): Promise<Completion>;
  close(): Promise<void>;
}

/** A pool of threads that play chunks. Workers load TypeScript through tsx when the sources are not built. */
export function createChunkPool(threads: number, opts: ChunkPoolOptions = {}): ChunkPool {
  const pool = new Piscina({
    filename: WORKER_URL.href,
    // Threads end after a second without work, and with them their heaps: while a run merges on one thread
    // the others would otherwise keep what their last chunk grew to (bench:memory).
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 1000,
    niceIncrement: opts.nice ?? 0,
    execArgv: WORKER_URL.pathname.endsWith('.ts') ? ['--import', 'tsx'] : [],
  });
  return {
    run: (task) => pool.run(task) as Promise<ChunkResult>,
    merge: (task) => pool.run(task, { filename: MERGE_WORKER_URL.href }) as Promise<Completion>,
    close: () => pool.destroy(),
  };
}

/** Validates the input (throwing ValidationError), then plays every trial and returns the merged result. */
export async function runLocally(input: RunInput, opts: LocalRunOptions = {}): Promise<LocalRunOutput> {
  const run = prepareRun(input);
  const workers = Math.max(1, opts.workers ?? defaultWorkers());
  // One thread gains nothing from chunks, and each costs a partial to fill and merge whatever its size (its
  // histograms): nearly a third of a 2,000-trial run in eight. So one range there, unless chunks are asked for.
  const ranges: [number, number][] =
    workers === 1 && opts.chunkSize === undefined
      ? [[0, run.trials]]
      : chunkRanges(run.trials, planChunks(run.trials, workers, opts.chunkSize, LOCAL_CHUNKS_PER_WORKER).chunkSize);
  let done = 0;
  let episodes = 0;
  const partials: RunPartial[] = [];
  const report = (n: number) => {
    done += n;
    opts.onProgress?.(done, run.trials);
  };
  if (workers === 1) {
    for (const [from, to] of ranges) {
      // Progress every 100 trials (runTrials'), not only at the end of a range.
      let reported = 0;
      const out = runTrials(run, from, to, (played) => {
        report(played - reported);
        reported = played;
      });
      partials.push(out.partial);
      episodes += out.episodes;
    }
  } else {
    const pool = createChunkPool(Math.min(workers, ranges.length));
    const plain = { model: run.model, scenarios: input.scenarios, trials: run.trials, seed: run.seed };
    try {
      await Promise.all(
        ranges.map(async ([from, to]) => {
          const out = await pool.run({ input: plain, from, to });
          partials.push(RunPartial.fromJSON(JSON.parse(out.text) as RunPartialJSON));
          episodes += out.episodes;
          report(to - from);
        }),
      );
    } finally {
      await pool.close();
    }
  }
  // One range is already the whole run: merging it into a fresh partial would only copy its histograms.
  const whole = partials.length === 1 ? partials[0] : mergePartials(run, partials);
  return { result: finalize(run, whole), episodes };
}
