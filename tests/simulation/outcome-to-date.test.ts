/** model-spec section 2, `outcomeToDate`: booked before start, added to the start year's cost only. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareRun, simulate, ValidationError } from '../../simulation/index.js';

const model = JSON.parse(readFileSync(new URL('../../examples/reference-midsize.json', import.meta.url), 'utf8'));
const year: string = model.start.slice(0, 4);
const BOOKED = 12_345_678;
const KEYS = ['mean', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95'] as const;

const issuesOf = (m: unknown): string[] => {
  try {
    prepareRun({ model: m });
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => i.path);
    throw e;
  }
  return [];
};

describe('outcomeToDate', () => {
  const without = simulate({ model, trials: 300, seed: 3 });
  const withBooked = simulate({ model: { ...model, outcomeToDate: { [year]: BOOKED } }, trials: 300, seed: 3 });

  it("shifts the mean and every percentile of the start year's cost by exactly the amount, in every scenario", () => {
    for (let s = 0; s < without.scenarios.length; s++) {
      const a = without.scenarios[s].periods[year].cost;
      const b = withBooked.scenarios[s].periods[year].cost;
      for (const k of KEYS) expect(b[k]).toBe(a[k] + BOOKED);
      expect(b.sd).toBe(a.sd);
      expect(b.outcomeToDate).toBe(BOOKED);
    }
  });

  it('leaves total, delta, monthly series and the other years as they are', () => {
    for (let s = 0; s < without.scenarios.length; s++) {
      const a = without.scenarios[s];
      const b = withBooked.scenarios[s];
      expect(b.periods[year].delta).toEqual(a.periods[year].delta);
      expect(b.monthly).toEqual(a.monthly);
      expect(b.breakEven).toEqual(a.breakEven);
      for (const p of without.periods.filter((p) => p !== year)) {
        expect(b.periods[p]).toEqual(a.periods[p]);
        expect(b.periods[p].cost.outcomeToDate).toBeUndefined();
      }
    }
  });

  it('counts the booked amount against the whole year budget', () => {
    const budget = Math.round(without.scenarios[0].periods[year].cost.p50);
    const m = { ...model, budget: { [year]: budget } };
    const a = simulate({ model: m, trials: 300, seed: 3 }).scenarios[0].periods[year].budget!;
    const b = simulate({ model: { ...m, outcomeToDate: { [year]: BOOKED } }, trials: 300, seed: 3 }).scenarios[0].periods[year].budget!;
    expect(a.probExceed).toBeCloseTo(0.5, 1);
    expect(b.probExceed).toBeGreaterThan(a.probExceed);
    expect(b.expectedOverrun).toBeGreaterThan(a.expectedOverrun + BOOKED / 2);
  });

  it('is a validation error naming the key for a year other than the year of start', () => {
    expect(issuesOf({ ...model, outcomeToDate: { [String(Number(year) - 1)]: 1 } })).toEqual([`model.outcomeToDate.${Number(year) - 1}`]);
  });

  it('is a validation error naming the field for a negative amount', () => {
    expect(issuesOf({ ...model, outcomeToDate: { [year]: -1 } })).toEqual([`model.outcomeToDate.${year}`]);
  });
});
