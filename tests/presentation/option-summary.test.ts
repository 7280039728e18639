/** The options' summary read from a result: on the golden reference result, and on hand-made deltas. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  byMeanSaving,
  byMedianSaving,
  costMcError,
  deltaMcError,
  paybackOf,
  savingOf,
  summarizeOptions,
  unclearAdvice,
  verdictOf,
  type OptionSummary,
} from '../../presentation/option-summary.js';
import { ComparisonResultSchema, type ComparisonResult } from '../../simulation/result.js';
import type { Model } from '../../simulation/schema.js';

const golden = (name: string) => new URL(`../fixtures/golden/${name}`, import.meta.url);
const model = JSON.parse(readFileSync(golden('reference-midsize.model.json'), 'utf8')) as Model;
const result = ComparisonResultSchema.parse(JSON.parse(readFileSync(golden('reference-midsize.result.json'), 'utf8')));
const summaries = summarizeOptions(result, model);
const find = (id: string) => summaries.find((s) => s.scenarioId === id) as OptionSummary;
const scenario = (id: string) => result.scenarios.find((s) => s.id === id)!;

describe('summarizeOptions on the reference result', () => {
  it('has one summary per scenario after the baseline, in the result order, with every year', () => {
    expect(summaries.map((s) => s.scenarioId)).toEqual(result.scenarios.slice(1).map((s) => s.id));
    for (const s of summaries) expect(s.years.map((y) => y.period)).toEqual(result.periods.filter((p) => p !== 'total'));
  });

  it('counts the in-house HVB unit as the option’s own cost, in every year, not only its start-up cost', () => {
    const hvb = find('hvb_egen');
    const total = scenario('hvb_egen').periods.total;
    expect(hvb.total.ownCost).toBeCloseTo(total.cost.optionCost + total.cost.byForm.hvb_egen, 0);
    expect(hvb.total.units.map((u) => u.formId)).toEqual(['hvb_egen']);
    // After the first year the option's cost effects are zero (a one-off), but the unit still runs.
    const y2027 = hvb.years.find((y) => y.period === '2027')!;
    expect(y2027.optionCost).toBe(0);
    expect(y2027.ownCost).toBe(scenario('hvb_egen').periods['2027'].cost.byForm.hvb_egen);
    expect(y2027.ownCost).toBeGreaterThan(5e6);
  });

  it('reports the unit’s occupancy, capacity and sold-place revenue', () => {
    const hvb = find('hvb_egen');
    const total = scenario('hvb_egen').periods.total;
    expect(hvb.total.units[0]).toMatchObject({ capacity: 7, occupancy: total.occupancy.hvb_egen, label: 'HVB i egen regi' });
    expect(hvb.total.revenue).toBe(total.cost.revenue);
    expect(hvb.sellsPlaces).toBe(true);
    expect(find('stodboende_egen').sellsPlaces).toBe(false);
  });

  it('leaves an option without a unit at its cost effects', () => {
    const c = find('controller');
    expect(c.total.units).toEqual([]);
    expect(c.total.ownCost).toBe(scenario('controller').periods.total.cost.optionCost);
    expect(c.sellsPlaces).toBe(false);
  });

  it('reads the in-house HVB as costing money and the controller as saving, with the paired delta negated', () => {
    const hvb = find('hvb_egen');
    const delta = scenario('hvb_egen').periods.total.delta!;
    expect(hvb.total.verdict).toBe('costs');
    expect(hvb.total.saving.mean).toBe(-delta.mean);
    expect(hvb.total.saving.ci95).toEqual([-delta.ci95[1], -delta.ci95[0]]);
    expect(hvb.total.saving.probSaving).toBe(delta.probSaving);
    expect(find('controller').total.verdict).toBe('saves');
    // The shared HVB's interval spans zero at these trials.
    expect(find('avtalssamverkan').total.verdict).toBe('unclear');
  });

  it('passes payback through', () => {
    expect(find('controller').breakEven).toEqual(scenario('controller').breakEven);
  });

  it('knows no units of an inline option the model does not have', () => {
    const inline: ComparisonResult = {
      ...result,
      scenarios: [result.scenarios[0], { ...scenario('hvb_egen'), id: 'x', options: ['not_in_model'] }],
    };
    const [x] = summarizeOptions(inline, model);
    expect(x.total.units).toEqual([]);
    expect(x.total.ownCost).toBe(scenario('hvb_egen').periods.total.cost.optionCost);
  });
});

describe('saving, verdict and Monte Carlo error', () => {
  const delta = { mean: -10, ci95: [-14, -6] as [number, number], p10: -30, p50: -9, p90: 12, probSaving: 0.7 };

  it('turns the delta into a saving: negated and with the percentiles swapped', () => {
    expect(savingOf(delta)).toEqual({ mean: 10, ci95: [6, 14], p10: -12, p50: 9, p90: 30, probSaving: 0.7, mcError: 4 });
  });

  it('tells saves, costs and unclear by the side of zero the interval lies on', () => {
    expect(verdictOf({ ci95: [-2, -1] })).toBe('saves');
    expect(verdictOf({ ci95: [1, 2] })).toBe('costs');
    expect(verdictOf({ ci95: [-1, 2] })).toBe('unclear');
    expect(verdictOf({ ci95: [0, 2] })).toBe('unclear');
  });

  it('gives the error of a mean cost as 1.96 standard errors and of a delta as its half-interval', () => {
    expect(costMcError({ mcse: 500_000 })).toBeCloseTo(980_000, 6);
    expect(deltaMcError({ ci95: [3e6, 5e6] })).toBe(1e6);
  });

  it('names a payback month only when most trials pay back', () => {
    const be = (probWithinHorizon: number, medianMonth: string | null = '2028-03') => ({ probWithinHorizon, medianMonth });
    expect(paybackOf(null)).toBe('never');
    expect(paybackOf(be(0, null))).toBe('never');
    expect(paybackOf(be(0.001))).toBe('unlikely');
    expect(paybackOf(be(0.2))).toBe('uncertain');
    expect(paybackOf(be(0.499))).toBe('uncertain');
    expect(paybackOf(be(0.5))).toBe('likely');
    expect(paybackOf(be(1))).toBe('likely');
  });

  it('suggests more trials only below 100,000', () => {
    expect(unclearAdvice(1_000)).toBe('moreTrials');
    expect(unclearAdvice(10_000)).toBe('moreTrials');
    expect(unclearAdvice(100_000)).toBe('tooSmall');
  });
});

describe('ordering', () => {
  it('puts the best mean saving first, and the best median first for the chart', () => {
    const ids = (l: OptionSummary[]) => l.map((s) => s.scenarioId);
    const means = byMeanSaving(summaries).map((s) => s.total.saving.mean);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    expect(ids(byMeanSaving(summaries))[0]).toBe('controller');
    expect(ids(byMeanSaving(summaries)).at(-1)).toBe('hvb_egen');
    const medians = byMedianSaving(summaries).map((s) => s.total.saving.p50);
    expect(medians).toEqual([...medians].sort((a, b) => b - a));
    // Sorting does not reorder the input.
    expect(ids(summaries)).toEqual(result.scenarios.slice(1).map((s) => s.id));
  });
});
