/**
 * Plays one chunk of a run: the one place where a chunk becomes its partial, for the worker threads here and the
 * worker Lambda in the cloud alike, so both store the same bytes for the same trials.
 */
import { runTrials, type PreparedRun } from '../../simulation/index.js';
import type { RunPartialJSON } from '../../simulation/partial.js';

export interface ChunkResult {
  partial: RunPartialJSON;
  episodes: number;
}

/** Trials [from, to) of a validated run, as the plain partial a store or a thread boundary takes. */
export function playChunk(prepared: PreparedRun, from: number, to: number): ChunkResult {
  const { partial, episodes } = runTrials(prepared, from, to);
  return { partial: partial.toJSON(), episodes };
}
