/** The messages between the page and its preview workers (worker-core.ts, pool.ts). Plain data: structured clone. */
import type { RunInput } from '../../../simulation/index.js';
import type { RunPartialJSON } from '../../../simulation/partial.js';
import type { ComparisonResult } from '../../../simulation/result.js';
import type { FieldIssue } from '../../../simulation/schema.js';

export type ToWorker =
  /**
   * Play trials [from, to) of run `id`. `key` names the input (the same key, the same input), so a worker reuses
   * its compiled run when only the trials' split changes. With `keep`, the worker keeps its partial and answers
   * `played`: it will merge the others' partials into it and finalise (`finish`), saving one serialisation.
   */
  | { type: 'play'; id: number; key: string; input: RunInput; from: number; to: number; keep: boolean }
  /** The other workers' partials of run `id`, to merge into the kept one and finalise. */
  | { type: 'finish'; id: number; partials: RunPartialJSON[] }
  /** Stop run `id` at the next step. */
  | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'partial'; id: number; partial: RunPartialJSON }
  | { type: 'played'; id: number }
  | { type: 'result'; id: number; result: ComparisonResult }
  /** The input did not validate (the engine's own messages, with field paths). */
  | { type: 'invalid'; id: number; issues: FieldIssue[] }
  | { type: 'error'; id: number; message: string };
