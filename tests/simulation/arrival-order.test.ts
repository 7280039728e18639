/**
 * Arrivals are ordered by day, then segment, then the order they were pushed in (arrivals.ts). The usual layout,
 * one day-ordered run per segment, is merged in linear time; any other layout is sorted. Both must give that order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Arrivals } from '../../simulation/arrivals.js';

type Arrival = { day: number; seg: number; id: number };

function ordered(input: Arrival[]): number[] {
  const a = new Arrivals();
  for (const x of input) a.push(x.day, x.seg, { k0: x.id, k1: 0 });
  a.sort();
  return Array.from(a.k0.subarray(0, a.n));
}

const expected = (input: Arrival[]) =>
  input
    .map((x, i) => ({ ...x, i }))
    .sort((p, q) => p.day - q.day || p.seg - q.seg || p.i - q.i)
    .map((x) => x.id);

describe('the order of arrivals', () => {
  it('is by day, segment and push order for runs of one segment each, as generation makes them', () => {
    const runs = fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }), { maxLength: 5 });
    fc.assert(
      fc.property(runs, (days) => {
        let id = 0;
        const input = days.flatMap((ds, seg) => [...ds].sort((a, b) => a - b).map((day) => ({ day, seg, id: id++ })));
        expect(ordered(input)).toEqual(expected(input));
      }),
    );
  });

  it('is the same for any other layout', () => {
    const any = fc.array(fc.record({ day: fc.integer({ min: 0, max: 40 }), seg: fc.integer({ min: 0, max: 3 }) }), { maxLength: 80 });
    fc.assert(
      fc.property(any, (xs) => {
        const input = xs.map((x, id) => ({ ...x, id }));
        expect(ordered(input)).toEqual(expected(input));
      }),
    );
  });
});
