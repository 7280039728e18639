/**
 * The packed form of a histogram's keys and counts in stored partials (simulation/packed-ints.ts): every list
 * the engine can hold comes back exactly, and every kind of damage is refused with a message naming it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedIntsError, packKeyCounts, unpackKeyCounts } from '../../simulation/packed-ints.js';
import { Histogram } from '../../simulation/sketch.js';

const MAX = Number.MAX_SAFE_INTEGER;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A whole number >= 0 in the packed digits, written independently of the module, with BigInt. */
function digits(v: bigint): string {
  let s = '';
  while (v >= 32n) {
    s += ALPHABET[32 + Number(v % 32n)];
    v /= 32n;
  }
  return s + ALPHABET[Number(v)];
}

/** Keys ascending strictly, near zero (small deltas) or anywhere among the safe integers, with counts that add up to a safe integer. */
const keyCounts = fc.uniqueArray(fc.oneof(fc.integer({ min: -300, max: 300 }), fc.maxSafeInteger()), { maxLength: 60 }).chain((keys) => {
  const big = Math.floor(MAX / Math.max(1, keys.length));
  const count = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: big }));
  return fc.tuple(fc.constant(keys.sort((a, b) => a - b)), fc.array(count, { minLength: keys.length, maxLength: keys.length }));
});

function refusal(packed: string, n: number): string {
  try {
    unpackKeyCounts(packed, n);
  } catch (e) {
    expect(e).toBeInstanceOf(PackedIntsError);
    return (e as Error).message;
  }
  throw new Error(`${JSON.stringify(packed)} was accepted`);
}

describe('packed keys and counts', () => {
  it('decode to exactly what was encoded, negative and up to 2^53 - 1 in magnitude included', () => {
    fc.assert(
      fc.property(keyCounts, ([keys, counts]) => {
        const n = counts.reduce((a, b) => a + b, 0);
        const packed = packKeyCounts(keys, counts);
        expect(packed).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(unpackKeyCounts(packed, n)).toEqual({ keys, counts });
      }),
      { numRuns: 500 },
    );
  });

  it('take one character for a small delta or count, and nothing for an empty histogram', () => {
    expect(packKeyCounts([], [])).toBe('');
    expect(unpackKeyCounts('', 0)).toEqual({ keys: [], counts: [] });
    // Key 3 (zigzag 6), count 1; delta 1, count 1; delta 2, count 31.
    expect(packKeyCounts([3, 4, 6], [1, 1, 31])).toBe('GBBBCf');
    expect(packKeyCounts([-1], [1])).toBe('BB');
  });

  it('keep the extremes exact: the widest delta, the most negative key, the largest count', () => {
    const cases: [number[], number[]][] = [
      [
        [-MAX, MAX],
        [1, 1],
      ],
      [
        [-MAX, MAX - 1],
        [1, 2],
      ],
      [[-MAX], [MAX]],
      [[MAX], [1]],
    ];
    for (const [keys, counts] of cases) {
      const n = counts.reduce((a, b) => a + b, 0);
      expect(unpackKeyCounts(packKeyCounts(keys, counts), n)).toEqual({ keys, counts });
    }
  });

  it('refuse to encode what no histogram holds', () => {
    expect(() => packKeyCounts([2, 1], [1, 1])).toThrow(/ascend/);
    expect(() => packKeyCounts([1, 1], [1, 1])).toThrow(/ascend/);
    expect(() => packKeyCounts([1], [0])).toThrow(/count/);
    expect(() => packKeyCounts([0.5], [1])).toThrow(/safe integer/);
    expect(() => packKeyCounts([2 ** 53], [1])).toThrow(/safe integer/);
    expect(() => packKeyCounts([1], [1, 2])).toThrow(/1 keys but 2 counts/);
  });

  it('refuse a character outside the alphabet, naming it and where', () => {
    expect(refusal('AB!B', 2)).toMatch(/character "!" at 2 is not base64url/);
    expect(refusal('=B', 1)).toMatch(/character "=" at 0 is not base64url/);
    expect(refusal('AB\u00e9B', 2)).toMatch(/at 2 is not base64url/);
  });

  it('refuse a number cut off at the end', () => {
    expect(refusal('AB' + 'g', 1)).toMatch(/key delta at character 2 is cut off/);
    expect(refusal('Ag', 1)).toMatch(/count at character 1 is cut off/);
    expect(refusal('g', 1)).toMatch(/first key at character 0 is cut off/);
    expect(refusal('A', 1)).toMatch(/count at character 1 is cut off/);
  });

  it('refuse a delta below 1 and a count below 1', () => {
    expect(refusal('ABAB', 2)).toMatch(/key delta at character 2 is 0/);
    expect(refusal('AA', 0)).toMatch(/count at character 1 is 0/);
    expect(refusal('ABBA', 1)).toMatch(/count at character 3 is 0/);
  });

  it('refuse counts that do not add up to n', () => {
    expect(refusal('ABBC', 2)).toMatch(/add up to 3, not to n = 2/);
    expect(refusal('', 1)).toMatch(/add up to 0, not to n = 1/);
  });

  it('refuse a value beyond 2^53', () => {
    const beyond = 2n ** 53n;
    expect(refusal('A' + digits(beyond), 2 ** 53)).toMatch(/count at character 1 is beyond 2\^53/);
    // Zigzag 2^54 is the key 2^53; 2^54 + 1 is -2^53 - 1.
    expect(refusal(digits(2n * beyond) + 'B', 1)).toMatch(/first key at character 0 is beyond 2\^53/);
    expect(refusal(digits(2n * beyond - 1n) + 'B', 1)).toMatch(/first key at character 0 is beyond 2\^53/);
    // MAX then a delta of 1.
    expect(refusal(packKeyCounts([MAX], [1]) + 'BB', 2)).toMatch(/key delta at character \d+ is beyond 2\^53/);
    // Two counts of 2^52 are fine each, not in total.
    expect(refusal('A' + digits(beyond / 2n) + 'B' + digits(beyond / 2n), 2 ** 53)).toMatch(/total is beyond 2\^53/);
    // A run of continuation digits of zero never ends in a number.
    expect(refusal('A' + 'g'.repeat(20) + 'B', 1)).toMatch(/count at character 1 is beyond 2\^53/);
  });
});

describe('histograms', () => {
  it('come back from their packed form with the same keys, counts, n and kind', () => {
    const h = new Histogram(false);
    for (const x of [-5e6, -3, 0, 0.4, 1, 2, 2, 999.5, 1e6, 1e6, 3e9]) h.add(x);
    const back = Histogram.fromPacked(JSON.parse(JSON.stringify(h.toPacked())));
    expect(back.toJSON()).toEqual(h.toJSON());
    expect(back.exact).toBe(false);
  });

  it('merge from their packed form as they merge in memory, into fresh and packed histograms alike', () => {
    const values = fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -1e9, max: 1e9, noNaN: true })), {
      maxLength: 80,
    });
    fc.assert(
      fc.property(fc.boolean(), values, values, values, (exact, a, b, c) => {
        const of = (xs: number[]) => {
          const h = new Histogram(exact);
          for (const x of xs) h.add(exact ? Math.round(x) : x);
          return h;
        };
        const read = (xs: number[]) => Histogram.fromPacked(JSON.parse(JSON.stringify(of(xs).toPacked())));
        const expected = of([...a, ...b, ...c]).toJSON();
        const fresh = new Histogram(exact);
        for (const h of [read(a), read(b), read(c)]) fresh.merge(h);
        expect(fresh.toJSON()).toEqual(expected);
        // A packed histogram as the target, as when a merge takes over the first partial it is given.
        const target = read(a);
        target.merge(read(b));
        target.merge(of(c));
        expect(target.toJSON()).toEqual(expected);
        expect(read(a).quantiles([0.1, 0.5, 0.9])).toEqual(of(a).quantiles([0.1, 0.5, 0.9]));
      }),
      { numRuns: 200 },
    );
  });

  it('keep the plain form of stored cost distributions', () => {
    const h = new Histogram(true);
    for (const x of [3, 1, 3, 7]) h.add(x);
    expect(h.toJSON()).toEqual({ exact: true, n: 4, keys: [1, 3, 7], counts: [1, 2, 1] });
    expect(Histogram.fromJSON({ exact: true, n: 4, keys: [1, 3, 7], counts: [1, 2, 1] }).cdf(3)).toBe(0.75);
  });
});
