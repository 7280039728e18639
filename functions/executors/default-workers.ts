/** The command line's default number of worker threads: one per core. A module of its own, free of piscina, so that `simulate --help` can name it without loading the pool. */
import { availableParallelism } from 'node:os';

export function defaultWorkers(): number {
  return availableParallelism();
}
