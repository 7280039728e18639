/**
 * The arrivals of a trial are ordered by a packed float64 key (arrivals.ts). A model that could bring more
 * arrivals than the key holds is refused with an issue that names its field, and the engine throws rather than
 * wrap if a trial ever gets there anyway.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Arrivals, checkPacking, MAX_ARRIVALS, MAX_DAYS, MAX_SEGMENTS } from '../../simulation/arrivals.js';
import { buildCalendar } from '../../simulation/calendar.js';
import { parseModel, ValidationError, type Model } from '../../simulation/schema.js';

const LIMIT_MESSAGE = /new episodes in one trial/;

/** `segments` segments with a fixed rate each over 20 years: the bound is 20 x rate x segments plus the margin. */
function wideModel(segments: number, rate: number): Model {
  const ids = Array.from({ length: segments }, (_, i) => `s${i}`);
  return {
    version: 1,
    name: 'Wide',
    start: '2026-01',
    horizonMonths: 240,
    segments: ids.map((id) => ({ id, label: id })),
    forms: ids.map((id) => ({ id: `f_${id}`, label: id, segment: id, provider: 'external', dailyCost: 1000, lengthOfStayDays: 30 })),
    inflow: ids.map((id, i) => ({ segment: id, episodesPerYear: i === 3 ? rate + 10 : rate, mix: { [`f_${id}`]: 1 } })),
  };
}

function issues(model: unknown): ValidationError['issues'] {
  try {
    parseModel(model);
    return [];
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
}

/** The rate at which 11 segments (one of them 10 a year higher) reach the limit with an 8-sigma Poisson margin. */
function rateAtLimit(): number {
  // mean = 220 r + 200, bound = mean + 8 sqrt(mean) + 8; solve bound = MAX_ARRIVALS for sqrt(mean).
  const x = -4 + Math.sqrt(16 + MAX_ARRIVALS - 8);
  return (x * x - 200) / 220;
}

describe('the limit on arrivals per trial', () => {
  it('refuses a model just past the limit, naming the inflow field of the largest segment', () => {
    const r = rateAtLimit();
    expect(r).toBeLessThan(20_000); // each rate on its own is valid
    const found = issues(wideModel(11, Math.ceil(r)));
    expect(found.filter((i) => LIMIT_MESSAGE.test(i.message))).toEqual([
      {
        path: 'inflow[3].episodesPerYear',
        message: expect.stringMatching(/all segments together.*4,194,304.*shorten horizonMonths/),
      },
    ]);
  });

  it('accepts the same model just below the limit', () => {
    expect(issues(wideModel(11, Math.floor(rateAtLimit())))).toEqual([]);
  });

  it('uses the practical maximum of an uncertain rate and of the trend', () => {
    const r = Math.floor(rateAtLimit());
    const m = wideModel(11, r);
    // The same mean, but a spread rate: its practical maximum is past the limit.
    m.inflow[0].episodesPerYear = { type: 'uniform', min: r - 2000, max: r + 2000 };
    expect(issues(m).some((i) => LIMIT_MESSAGE.test(i.message))).toBe(true);
    const t = wideModel(11, r);
    t.inflow[5].trendPerYear = { type: 'uniform', min: -0.01, max: 0.001 };
    expect(issues(t).some((i) => LIMIT_MESSAGE.test(i.message))).toBe(true);
  });

  it('leaves a normal model alone, and a single segment at the largest rate too', () => {
    const reference = JSON.parse(readFileSync(new URL('../../examples/reference-midsize.json', import.meta.url), 'utf8'));
    expect(issues(reference)).toEqual([]);
    expect(issues(wideModel(1, 20_000))).toEqual([]);
  });

  it('the key packs the largest horizon and every segment the schema allows exactly', () => {
    const days = buildCalendar('2026-01', 240).days;
    expect(days).toBeLessThanOrEqual(MAX_DAYS);
    expect(20).toBeLessThanOrEqual(MAX_SEGMENTS);
    const largest = ((days - 1) * MAX_SEGMENTS + (MAX_SEGMENTS - 1)) * MAX_ARRIVALS + (MAX_ARRIVALS - 1);
    expect(Number.isSafeInteger(largest)).toBe(true);
    expect(Number.isSafeInteger((MAX_DAYS * MAX_SEGMENTS - 1) * MAX_ARRIVALS + (MAX_ARRIVALS - 1))).toBe(true);
    expect(() => checkPacking(days, 20)).not.toThrow();
    expect(() => checkPacking(days, MAX_SEGMENTS + 1)).toThrow(RangeError);
    expect(() => checkPacking(MAX_DAYS + 1, 1)).toThrow(RangeError);
  });

  it('throws at run time instead of wrapping when a trial has more arrivals than the limit', () => {
    const key = (i: number) => ({ k0: i, k1: 0 });
    const fill = (a: Arrivals, n: number) => {
      a.clear();
      // Pushed in reverse day order, so a sort that did anything wrong would show.
      for (let i = 0; i < n; i++) a.push(n - i, i % 3, key(i));
    };
    const a = new Arrivals(1000);
    fill(a, 1000);
    a.sort();
    expect(Array.from(a.day.subarray(0, 3))).toEqual([1, 2, 3]);
    fill(a, 1001);
    expect(() => a.sort()).toThrow(/1001 new arrivals in one trial/);
    expect(() => new Arrivals(MAX_ARRIVALS + 1)).toThrow(RangeError);
  });
});

describe('the arrival bound with a horizon out of range', () => {
  it('reports the horizon and does not loop over it', () => {
    const m = { ...wideModel(2, 100), horizonMonths: 1e12 };
    expect(issues(m).map((i) => i.path)).toEqual(['horizonMonths']);
  });
});
