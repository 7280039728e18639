/**
 * How a run's trials are split into chunks: one plan for the command line, the local executor and the cloud's
 * plan step. Chunking never changes a number (partials merge exactly), so the plan only balances the load:
 * about eight chunks per worker (the command line asks for two: functions/executors/local.ts), so progress moves
 * and a slow chunk does not hold the rest back, and at least 100 trials per chunk, so the fixed cost of a chunk
 * (compiling, storing its partial) stays small, and at most 10,000, so that what a worker holds while playing a
 * chunk, and each partial a merge reads, stays the same size however many trials the run has (a 1,000,000-trial
 * run on two workers is 100 chunks, not 16 of 62,500).
 */

export const CHUNKS_PER_WORKER = 8;
export const MIN_CHUNK_TRIALS = 100;
export const MAX_CHUNK_TRIALS = 10_000;

export interface ChunkPlan {
  trials: number;
  chunkSize: number;
  chunks: number;
}

/**
 * The chunks of `trials` for `workers` workers, `perWorker` chunks each within the bounds above, or of a given size
 * (the command line's --chunk-size).
 */
export function planChunks(trials: number, workers: number, chunkSize?: number, perWorker = CHUNKS_PER_WORKER): ChunkPlan {
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`trials ${trials} is not a whole number >= 1`);
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers ${workers} is not a whole number >= 1`);
  if (chunkSize !== undefined && (!Number.isInteger(chunkSize) || chunkSize < 1)) {
    throw new RangeError(`chunk size ${chunkSize} is not a whole number >= 1`);
  }
  const size = chunkSize ?? Math.min(MAX_CHUNK_TRIALS, Math.max(MIN_CHUNK_TRIALS, Math.ceil(trials / (workers * perWorker))));
  return { trials, chunkSize: size, chunks: Math.ceil(trials / size) };
}

/** Trials [from, to) of chunk `index`. */
export function chunkRange(plan: Pick<ChunkPlan, 'trials' | 'chunkSize'>, index: number): [number, number] {
  const from = index * plan.chunkSize;
  if (!Number.isInteger(index) || index < 0 || from >= plan.trials) {
    throw new RangeError(`chunk ${index} is outside the run's ${Math.ceil(plan.trials / plan.chunkSize)} chunks`);
  }
  return [from, Math.min(plan.trials, from + plan.chunkSize)];
}

/** Splits [0, trials) into ranges of at most `chunkSize` trials. */
export function chunkRanges(trials: number, chunkSize: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 0; a < trials; a += chunkSize) out.push([a, Math.min(trials, a + chunkSize)]);
  return out;
}
