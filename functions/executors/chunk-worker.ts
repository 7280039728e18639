/** Worker-thread entry: plays one chunk of trials and returns its partial result as JSON. */
import { prepareRun, runTrials, type RunInput } from '../../simulation/index.js';
import type { RunPartialJSON } from '../../simulation/partial.js';

export interface ChunkTask {
  input: RunInput;
  from: number;
  to: number;
}

export interface ChunkResult {
  partial: RunPartialJSON;
  episodes: number;
}

export default function runChunk({ input, from, to }: ChunkTask): ChunkResult {
  const run = prepareRun(input);
  const { partial, episodes } = runTrials(run, from, to);
  return { partial: partial.toJSON(), episodes };
}
