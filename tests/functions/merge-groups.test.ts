import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkGroups, GROUP_COST_IN_CHUNKS, MAX_GROUPS } from '../../functions/services/merge-groups.js';

describe('chunk groups', () => {
  it('cover every chunk once, in order, in at most MAX_GROUPS groups of the size that takes least time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), (chunks) => {
        const groups = chunkGroups(chunks);
        expect(groups.length).toBeLessThanOrEqual(MAX_GROUPS);
        expect(groups[0].first).toBe(0);
        expect(groups.at(-1)!.end).toBe(chunks);
        groups.forEach((g, i) => {
          expect(g.group).toBe(i);
          expect(g.end).toBeGreaterThan(g.first);
          if (i > 0) expect(g.first).toBe(groups[i - 1].end);
        });
        const size = groups[0].end - groups[0].first;
        expect(size).toBe(Math.min(chunks, Math.max(Math.ceil(Math.sqrt(chunks * GROUP_COST_IN_CHUNKS)), Math.ceil(chunks / MAX_GROUPS))));
      }),
    );
  });

  it('merge a run of 512 chunks in 16 groups of 32, and one of 3 chunks in one group', () => {
    const groups = chunkGroups(512);
    expect(groups).toHaveLength(16);
    expect(groups[15]).toEqual({ group: 15, first: 480, end: 512 });
    expect(chunkGroups(3)).toEqual([{ group: 0, first: 0, end: 3 }]);
  });

  it('refuse a chunk count that is not a whole number >= 1', () => {
    expect(() => chunkGroups(0)).toThrow(RangeError);
    expect(() => chunkGroups(2.5)).toThrow(RangeError);
  });
});
