import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exp, log } from '../../simulation/fdlibm.js';
import { Histogram, IntSum, Summary } from '../../simulation/sketch.js';

// Values as the recorder pours them: whole numbers, narrow or wide (past the dense limit), crossing zero, and
// keys beyond 32 bits (an exact histogram then takes the per-value path).
const value = fc.oneof(
  fc.integer({ min: 0, max: 40 }),
  fc.integer({ min: -5_000_000, max: 5_000_000 }),
  fc.integer({ min: 1_000_000, max: 100_000_000 }),
  fc.integer({ min: 0, max: 200_000 }),
  fc.constantFrom(-0, 2 ** 40, -(2 ** 33)),
);
const blocks = fc.array(fc.array(value, { minLength: 0, maxLength: 140 }), { maxLength: 12 });

/** Pours the blocks through addValues, as the recorder does, into a fresh accumulator. */
function poured<T extends { addValues(xs: Float64Array, from: number, to: number): void }>(make: () => T, bs: number[][]): T {
  const a = make();
  for (const b of bs) {
    const xs = new Float64Array(b.length + 7);
    xs.set(b, 3);
    a.addValues(xs, 3, 3 + b.length);
  }
  return a;
}

function added<T extends { add(x: number): void }>(make: () => T, bs: number[][]): T {
  const a = make();
  for (const b of bs) for (const x of b) a.add(x);
  return a;
}

describe('adding a block of values', () => {
  it('gives a histogram the same keys and counts as adding them one by one', () => {
    fc.assert(
      fc.property(blocks, fc.boolean(), (bs, exact) => {
        const make = () => new Histogram(exact);
        expect(poured(make, bs).toPacked()).toEqual(added(make, bs).toPacked());
      }),
      { numRuns: 300 },
    );
  });

  it('gives a summary the same JSON (sum, partials of the sum of squares, histogram)', () => {
    fc.assert(
      fc.property(blocks, fc.boolean(), (bs, binned) => {
        const make = () => new Summary(binned, binned);
        expect(poured(make, bs).toJSON()).toEqual(added(make, bs).toJSON());
      }),
      { numRuns: 300 },
    );
  });

  it('keeps an integer sum exact past the limit of doubles', () => {
    const bs = [
      [2 ** 52, 2 ** 52, 3],
      [2 ** 52, -1],
    ];
    expect(poured(() => new IntSum(), bs).toJSON()).toBe((3n * 2n ** 52n + 2n).toString());
    expect(poured(() => new IntSum(), bs).toJSON()).toBe(added(() => new IntSum(), bs).toJSON());
  });
});

describe('quantiles', () => {
  const ps = [0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1];
  /** Type 7 on the sorted values. */
  const naive = (xs: number[], p: number) => {
    const s = xs.map((x) => x + 0).sort((a, b) => a - b); // a histogram keeps -0 as 0
    const h = (s.length - 1) * p;
    const r = Math.floor(h);
    return h === r ? s[r] : s[r] + (h - r) * (s[r + 1] - s[r]);
  };

  it('are the same read from the dense array, the sorted lists or a merge, and type 7 for counts', () => {
    fc.assert(
      fc.property(blocks, fc.boolean(), (bs, exact) => {
        const xs = bs.flat();
        const h = poured(() => new Histogram(exact), bs);
        const fresh = h.quantiles(ps);
        const merged = new Histogram(exact);
        merged.merge(Histogram.fromPacked(h.toPacked()));
        expect(merged.quantiles(ps)).toEqual(fresh);
        expect(h.quantiles(ps)).toEqual(fresh);
        if (exact && xs.length > 0) expect(fresh).toEqual(ps.map((p) => naive(xs, p)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('bins', () => {
  const LN_GAMMA = log(1.0002);
  /** The bin as the histogram defines it, with fdlibm's log alone. */
  const bin = (x: number) => {
    if (Math.abs(x) < 1) return 0;
    const k = 1 + Math.floor(log(Math.abs(x)) / LN_GAMMA);
    return x < 0 ? -k : k;
  };
  const next = (x: number, ulps: number) => {
    const f = new Float64Array([x]);
    const i = new BigInt64Array(f.buffer);
    i[0] += BigInt(ulps);
    return f[0];
  };

  it('are the bins of fdlibm log, found with Math.log', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (x) => {
        expect(Histogram.binOf(x)).toBe(bin(x));
        expect(Histogram.binOf(Math.round(x))).toBe(bin(Math.round(x)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('are the bins of fdlibm log at the edges of bins, where the two logarithms may disagree', () => {
    for (let k = 1; k < 180_000; k += 7) {
      const edge = exp(k * LN_GAMMA);
      for (let u = -3; u <= 3; u++) {
        const x = next(edge, u);
        expect(Histogram.binOf(x)).toBe(bin(x));
        expect(Histogram.binOf(-x)).toBe(bin(-x));
      }
    }
  });
});
