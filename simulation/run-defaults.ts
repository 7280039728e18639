/** A run's limits and defaults, in a module that imports nothing, so that `--help` can name them cheaply. */
export const MAX_TRIALS = 1_000_000;
export const DEFAULT_TRIALS = 10_000;
export const DEFAULT_SEED = 1;
