/**
 * The preview's workers, kept warm between runs (their JIT-compiled engine is most of a fast preview), and one run
 * on them at a time: a newer run, or an abort, cancels the one under way, whose workers stop within one step and
 * take the newer run next. Nothing queues: each worker holds at most the run it is on.
 */
import type { RunInput } from '../../../simulation/index.js';
import type { FieldIssue } from '../../../simulation/schema.js';
import type { RunPartialJSON } from '../../../simulation/partial.js';
import type { ComparisonResult } from '../../../simulation/result.js';
import { splitTrials } from './plan.js';
import type { FromWorker, ToWorker } from './protocol.js';

/** What the pool needs of a Worker, so tests can give it in-process ones. */
export interface WorkerLike {
  postMessage(m: ToWorker): void;
  onmessage: ((e: { data: FromWorker }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
  terminate(): void;
}

export interface RunOptions {
  signal?: AbortSignal;
}

/**
 * The engine refused the input (its ValidationError, rebuilt on this side of the worker boundary: the page's first
 * bundle does not carry the engine's schemas, see use-preview.ts).
 */
export class PreviewInvalidError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n'));
    this.name = 'ValidationError';
  }
}

export class PreviewAbortError extends Error {
  constructor() {
    super('the preview was replaced by a newer one or stopped');
    this.name = 'AbortError';
  }
}

interface Current {
  id: number;
  /** Workers taking part; the first keeps its partial and finalises. */
  used: WorkerLike[];
  partials: RunPartialJSON[];
  awaiting: number;
  finisherPlayed: boolean;
  resolve(r: ComparisonResult): void;
  reject(e: unknown): void;
  cleanup(): void;
}

export interface PreviewPool {
  /** Plays the whole run on the pool; rejects with PreviewAbortError when a newer run or the signal stops it. */
  run(input: RunInput, opts?: RunOptions): Promise<ComparisonResult>;
  readonly size: number;
  close(): void;
}

const DEFAULT_TRIALS = 2_000;
const DEFAULT_SEED = 1;

export function createPreviewPool(makeWorker: () => WorkerLike, size: number): PreviewPool {
  const workers: (WorkerLike | null)[] = new Array<WorkerLike | null>(size).fill(null);
  let nextId = 0;
  let current: Current | null = null;

  const settle = (c: Current, outcome: { result: ComparisonResult } | { error: unknown }) => {
    if (current !== c) return;
    current = null;
    c.cleanup();
    if ('result' in outcome) c.resolve(outcome.result);
    else c.reject(outcome.error);
  };

  const cancel = (c: Current, error: unknown) => {
    for (const w of c.used) w.postMessage({ type: 'cancel', id: c.id });
    settle(c, { error });
  };

  const maybeFinish = (c: Current) => {
    if (c.awaiting > 0 || !c.finisherPlayed) return;
    c.used[0].postMessage({ type: 'finish', id: c.id, partials: c.partials });
    c.partials = [];
  };

  const onMessage = (m: FromWorker) => {
    const c = current;
    if (!c || m.id !== c.id) return; // an older run's late answer
    switch (m.type) {
      case 'partial':
        c.partials.push(m.partial);
        c.awaiting--;
        maybeFinish(c);
        return;
      case 'played':
        c.finisherPlayed = true;
        maybeFinish(c);
        return;
      case 'result':
        settle(c, { result: m.result });
        return;
      case 'invalid':
        cancel(c, new PreviewInvalidError(m.issues));
        return;
      case 'error':
        cancel(c, new Error(m.message));
        return;
    }
  };

  const worker = (i: number): WorkerLike => {
    const existing = workers[i];
    if (existing) return existing;
    const w = makeWorker();
    w.onmessage = (e) => onMessage(e.data);
    // A worker that fails to load or crashes is replaced on the next run; the run it was on fails.
    w.onerror = (e) => {
      workers[i] = null;
      w.terminate();
      if (current?.used.includes(w)) cancel(current, new Error(e.message || 'the preview worker stopped'));
    };
    workers[i] = w;
    return w;
  };

  return {
    size,
    run(input, opts = {}) {
      if (current) cancel(current, new PreviewAbortError());
      const { signal } = opts;
      if (signal?.aborted) return Promise.reject(new PreviewAbortError());
      const trials = input.trials ?? DEFAULT_TRIALS;
      const full: RunInput = { ...input, trials, seed: input.seed ?? DEFAULT_SEED };
      // A bad trial count is the engine's to refuse (with its field path); one worker is enough to say so.
      const ranges = Number.isInteger(trials) && trials >= 1 ? splitTrials(trials, size) : [[0, 0] as [number, number]];
      const key = JSON.stringify(full);
      return new Promise<ComparisonResult>((resolve, reject) => {
        const onAbort = () => {
          if (current === c) cancel(c, new PreviewAbortError());
        };
        const c: Current = {
          id: ++nextId,
          used: ranges.map((_, i) => worker(i)),
          partials: [],
          awaiting: ranges.length - 1,
          finisherPlayed: false,
          resolve,
          reject,
          cleanup: () => signal?.removeEventListener('abort', onAbort),
        };
        current = c;
        signal?.addEventListener('abort', onAbort);
        ranges.forEach(([from, to], i) => c.used[i].postMessage({ type: 'play', id: c.id, key, input: full, from, to, keep: i === 0 }));
      });
    },
    close() {
      if (current) cancel(current, new PreviewAbortError());
      for (const w of workers) w?.terminate();
      workers.fill(null);
    },
  };
}
