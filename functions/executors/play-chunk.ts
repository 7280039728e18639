/**
 * Plays one chunk of a run: the one place where a chunk becomes its partial, for the worker threads here and the
 * worker Lambda in the cloud alike, so both store the same bytes for the same trials.
 */
import { runTrials, type PreparedRun } from '../../simulation/index.js';
import type { PlayedChunk } from '../services/run-lifecycle.js';

export interface ChunkResult extends PlayedChunk {
  episodes: number;
}

/** Trials [from, to) of a validated run, as the text a store or a thread boundary takes. */
export function playChunk(prepared: PreparedRun, from: number, to: number): ChunkResult {
  const { partial, episodes } = runTrials(prepared, from, to);
  const json = partial.toJSON();
  return {
    text: JSON.stringify(json),
    covered: json.ranges.reduce((n, [a, b]) => n + (b - a), 0),
    format: json.format,
    episodes,
  };
}
