import { describe, expect, it } from 'vitest';
import { LOCAL_CHUNKS_PER_WORKER } from '../../functions/executors/local.js';
import { chunkRange, chunkRanges, planChunks } from '../../simulation/index.js';

describe('planChunks', () => {
  it('plans about eight chunks per worker', () => {
    expect(planChunks(100_000, 2)).toEqual({ trials: 100_000, chunkSize: 6_250, chunks: 16 });
  });

  it('never plans chunks of more than 10,000 trials, so a chunk and its partial do not grow with the run', () => {
    expect(planChunks(1_000_000, 2)).toEqual({ trials: 1_000_000, chunkSize: 10_000, chunks: 100 });
    expect(planChunks(200_000, 2).chunkSize).toBe(10_000);
  });

  it('never plans chunks of fewer than 100 trials, except a last one', () => {
    expect(planChunks(600, 4)).toEqual({ trials: 600, chunkSize: 100, chunks: 6 });
    expect(planChunks(50, 2)).toEqual({ trials: 50, chunkSize: 100, chunks: 1 });
  });

  it("plans two chunks per worker for the command line's threads, within the same bounds", () => {
    expect(planChunks(10_000, 2, undefined, LOCAL_CHUNKS_PER_WORKER)).toEqual({ trials: 10_000, chunkSize: 2_500, chunks: 4 });
    expect(planChunks(1_000_000, 2, undefined, LOCAL_CHUNKS_PER_WORKER).chunkSize).toBe(10_000);
    expect(planChunks(300, 2, undefined, LOCAL_CHUNKS_PER_WORKER).chunkSize).toBe(100);
  });

  it('takes a given chunk size as it is', () => {
    expect(planChunks(1000, 2, 17)).toEqual({ trials: 1000, chunkSize: 17, chunks: 59 });
  });

  it('splits into ranges that cover every trial once, chunk by chunk as chunkRange names them', () => {
    const plan = planChunks(10_001, 3);
    const ranges = chunkRanges(plan.trials, plan.chunkSize);
    expect(ranges).toHaveLength(plan.chunks);
    expect(ranges.map((_, i) => chunkRange(plan, i))).toEqual(ranges);
    expect(ranges[0][0]).toBe(0);
    expect(ranges.at(-1)?.[1]).toBe(10_001);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1]);
  });

  it('refuses a chunk index outside the plan and impossible inputs', () => {
    expect(() => chunkRange(planChunks(300, 1), 3)).toThrow(RangeError);
    expect(() => chunkRange(planChunks(300, 1), -1)).toThrow(RangeError);
    expect(() => planChunks(0, 1)).toThrow(RangeError);
    expect(() => planChunks(100, 0)).toThrow(RangeError);
  });
});
