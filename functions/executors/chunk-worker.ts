/** Worker-thread entry: plays one chunk of trials and returns its partial result as JSON. */
import { prepareRun, type RunInput } from '../../simulation/index.js';
import { playChunk, type ChunkResult } from './play-chunk.js';

export type { ChunkResult } from './play-chunk.js';

export interface ChunkTask {
  input: RunInput;
  from: number;
  to: number;
}

export default function runChunk({ input, from, to }: ChunkTask): ChunkResult {
  // A thread gets the plain input across the boundary, so it validates and compiles its own copy.
  return playChunk(prepareRun(input), from, to);
}
