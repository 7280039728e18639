/**
 * How the page's preview shares trials among its workers. One contiguous range per worker, not many small chunks:
 * a partial result costs about the same to serialise and merge whatever its size (its histograms dominate), so
 * each extra chunk would add that cost; a worker instead stops between small steps of its range when a newer
 * request cancels it (worker-core.ts). Which trials a worker plays never changes a number: partials merge exactly.
 */

/** Workers kept for previews: one per core, at most this many (a preview's 2,000 trials gain little beyond it). */
export const MAX_PREVIEW_WORKERS = 4;

/** How many workers for a machine reporting `cores` logical cores (navigator.hardwareConcurrency; may be absent). */
export function previewWorkers(cores: number | undefined): number {
  const n = Number.isInteger(cores) && (cores as number) > 0 ? (cores as number) : 2;
  return Math.min(MAX_PREVIEW_WORKERS, n);
}

/**
 * The preview's first picture: 1,000 trials, the lower end of the "1,000–2,000 trials within about a
 * second", where two workers or more share them (about 0.8 s from an edit on this project's two-core machine,
 * docs/engine.md), and at most 500 a worker, so that a single core shows its first picture as soon.
 */
const FIRST_PICTURE_TRIALS = 1_000;
const FIRST_PICTURE_TRIALS_PER_WORKER = 500;

/** The first picture's trials on `workers` workers. */
export function firstPictureTrials(workers: number): number {
  return Math.min(FIRST_PICTURE_TRIALS, FIRST_PICTURE_TRIALS_PER_WORKER * workers);
}

/** [0, trials) as at most `workers` contiguous ranges of sizes differing by at most one, in order, none empty. */
export function splitTrials(trials: number, workers: number): [number, number][] {
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`trials ${trials} is not a whole number >= 1`);
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers ${workers} is not a whole number >= 1`);
  const parts = Math.min(workers, trials);
  const base = Math.floor(trials / parts);
  const extra = trials % parts;
  const out: [number, number][] = [];
  let from = 0;
  for (let i = 0; i < parts; i++) {
    const to = from + base + (i < extra ? 1 : 0);
    out.push([from, to]);
    from = to;
  }
  return out;
}
