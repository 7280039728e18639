import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argsort } from '../../simulation/argsort.js';
import { midranks } from '../../simulation/finalize.js';

/** The definition: indices sorted by a comparator, ties given the mean of the ranks they span. */
function naiveMidranks(values: readonly number[]): number[] {
  const order = Array.from(values.keys()).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length).fill(0);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2;
    i = j + 1;
  }
  return ranks;
}

// Few distinct values (many ties), signed zeros, and doubles of any exponent and sign.
const value = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

describe('midranks', () => {
  it('gives the ranks of the comparator sort, ties averaged', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (xs) => {
        expect(Array.from(midranks(Float64Array.from(xs)))).toEqual(naiveMidranks(xs));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts by value, -0 with 0', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (xs) => {
        const sorted = Array.from(argsort(xs), (i) => xs[i]);
        for (let i = 1; i < sorted.length; i++) expect(sorted[i - 1] <= sorted[i]).toBe(true);
        expect([...argsort(xs)].sort((a, b) => a - b)).toEqual(Array.from(xs.keys()));
      }),
      { numRuns: 300 },
    );
  });

  it('ranks a sensitivity-sized series of distinct and tied values', () => {
    const xs = Array.from({ length: 10_000 }, (_, i) => ((i * 7919) % 10_007) / 3 - (i % 5 === 0 ? 1000 : 0));
    expect(Array.from(midranks(xs))).toEqual(naiveMidranks(xs));
  });
});
