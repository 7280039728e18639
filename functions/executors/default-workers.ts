/**
 * How many worker threads play a run: the command line's default, one per core, and the server's. A module of its
 * own, free of piscina, so that `simulate --help` can name it without loading the pool.
 */
import { availableParallelism } from 'node:os';

export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Pool threads of the server's executor (RUN_THREADS): by default one core fewer than the machine has. A lower
 * nice value does not keep a thread's answers fast while every core plays chunks: on the 2-core machine of
 * bench:api, 50 clients reading a result got a p99 of 154-239 ms beside two pool threads (at nice +10, and as
 * much at SCHED_IDLE) and 64 ms beside one. Runs take longer on few cores; the command line still uses them all.
 */
export function serverWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.RUN_THREADS;
  if (raw === undefined || raw === '') return Math.max(1, defaultWorkers() - 1);
  const n = Number(raw);
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(n) || n < 1)
    throw new RangeError(`RUN_THREADS: must be a whole number >= 1, got "${raw}"`);
  return n;
}
