/** The messages between the page and its preview workers (worker-core.ts, pool.ts). Plain data: structured clone. */
import type { RunInput } from '../../../simulation/index.js';
import type { RunPartialJSON } from '../../../simulation/partial.js';
import type { ComparisonResult } from '../../../simulation/result.js';
import type { FieldIssue } from '../../../simulation/schema.js';

export type ToWorker =
  /**
   * Play run `id` in stages: trials `ranges[s]` in stage s (an empty range plays nothing), one stage after the other.
   * `key` names the input (the same key, the same input), so a worker reuses its compiled run when only the trials'
   * split changes. After each stage the worker answers `partial`; with `keep`, it keeps its partials and answers
   * `played` instead: it will merge the others' partials into them and finalise (`finish`), saving a serialisation.
   */
  | { type: 'play'; id: number; key: string; input: RunInput; ranges: [number, number][]; keep: boolean }
  /**
   * The other workers' partials of stage `stage` of run `id` (sent in stage order), to merge into the kept ones and
   * finalise as the result of the run's first `trials` trials.
   */
  | { type: 'finish'; id: number; stage: number; trials: number; partials: RunPartialJSON[] }
  /** Stop run `id` at the next step. */
  | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'partial'; id: number; stage: number; partial: RunPartialJSON }
  | { type: 'played'; id: number; stage: number }
  | { type: 'result'; id: number; stage: number; result: ComparisonResult }
  /** The input did not validate (the engine's own messages, with field paths). */
  | { type: 'invalid'; id: number; issues: FieldIssue[] }
  | { type: 'error'; id: number; message: string };
