/**
 * The engine in the page: `runInBrowser` plays a run on Web Workers bundled by Vite from simulation/, with the same
 * numbers as the command line for the same (model, scenarios, trials, seed). The workers start on the first run and
 * stay for the page's life.
 */
import type { RunInput } from '../../../simulation/index.js';
import type { ComparisonResult } from '../../../simulation/result.js';
import { previewWorkers } from './plan.js';
import { createPreviewPool, type PreviewPool, type RunOptions, type WorkerLike } from './pool.js';

export { PreviewAbortError, PreviewInvalidError } from './pool.js';

let pool: PreviewPool | null = null;

function thePool(): PreviewPool {
  pool ??= createPreviewPool(
    () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'preview' }) as unknown as WorkerLike,
    previewWorkers(navigator.hardwareConcurrency),
  );
  return pool;
}

/**
 * Plays a whole run in this browser. A call while another runs cancels the earlier one (it rejects with an
 * AbortError), as does `signal`; bad input rejects with PreviewInvalidError, which carries the engine's field messages.
 */
export function runInBrowser(input: RunInput, opts: RunOptions = {}): Promise<ComparisonResult> {
  return thePool().run(input, opts);
}

/** How many workers a run uses on this machine. */
export function browserWorkers(): number {
  return previewWorkers(navigator.hardwareConcurrency);
}
