/**
 * The year-end forecast's scenarios (simulation/year-end.ts): "no new placements" is the baseline with no arrivals,
 * paired with it trial by trial, and the presentation's figures (presentation/year-end.ts) read from that run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulation/index.js';
import { parseModel } from '../../simulation/schema.js';
import { NO_NEW_PLACEMENTS_ID, yearEndScenarios } from '../../simulation/year-end.js';
import { yearEndForecast } from '../../presentation/year-end.js';

const raw = JSON.parse(readFileSync(new URL('../../examples/arsprognos-november.json', import.meta.url), 'utf8'));
const model = parseModel(raw);
const TRIALS = 400;
const result = simulate({ model: raw, scenarios: yearEndScenarios(model), trials: TRIALS, seed: 7 });
const [full, usual] = result.scenarios;
const year = model.start.slice(0, 4);

describe('yearEndScenarios', () => {
  it('is the model as it stands, then no new placements', () => {
    expect(result.scenarios.map((s) => s.id)).toEqual(['baseline', NO_NEW_PLACEMENTS_ID]);
  });

  it('plays the same trials as a model whose segments have no inflow at all', () => {
    const none = { ...raw, inflow: raw.inflow.map((f: object) => ({ ...f, episodesPerYear: 0 })) };
    const alone = simulate({ model: none, trials: TRIALS, seed: 7 }).scenarios[0];
    for (const p of result.periods) {
      expect(usual.periods[p].cost.mean).toBe(alone.periods[p].cost.mean);
      expect(usual.periods[p].cost.p90).toBe(alone.periods[p].cost.p90);
    }
  });

  it('admits only step-downs of the placements under way: fewer admissions and a lower cost in every trial', () => {
    for (const p of result.periods) {
      const d = usual.periods[p].delta!;
      expect(d.mean).toBeLessThan(0);
      // Paired per trial: no trial of the usual method costs more, so even the 90th percentile of the change is not above 0.
      expect(d.p90).toBeLessThanOrEqual(0);
      expect(usual.periods[p].admissions.total.mean).toBeLessThan(full.periods[p].admissions.total.mean);
    }
  });

  it('carries the booked amount in both, since it is the same year', () => {
    expect(full.periods[year].cost.outcomeToDate).toBe(raw.outcomeToDate[year]);
    expect(usual.periods[year].cost.outcomeToDate).toBe(raw.outcomeToDate[year]);
  });
});

describe('yearEndForecast', () => {
  const f = yearEndForecast(result)!;

  it("reads the start year's figures of both scenarios", () => {
    expect(f.year).toBe(year);
    expect(f.monthsLeft).toBe(13 - Number(model.start.slice(5, 7)));
    expect(f.booked).toBe(raw.outcomeToDate[year]);
    expect(f.full).toEqual({ mean: full.periods[year].cost.mean, p10: full.periods[year].cost.p10, p90: full.periods[year].cost.p90 });
    expect(f.usual.mean).toBe(usual.periods[year].cost.mean);
    expect(f.full.p10).toBeGreaterThan(f.booked);
  });

  it('states the deviation as committees do, budget minus expected cost, and the deficit from the budget figures', () => {
    const b = full.periods[year].budget!;
    expect(f.budget!.amount).toBe(raw.budget[year]);
    expect(f.budget!.deviation).toBe(raw.budget[year] - f.full.mean);
    expect(f.budget!.probDeficit).toBe(b.probExceed);
    expect(f.budget!.expectedDeficit).toBe(b.expectedOverrun);
    expect(f.budget!.deficitIfAny).toBeCloseTo(b.expectedOverrun / b.probExceed, 6);
    expect(f.usual.deviation).toBe(raw.budget[year] - f.usual.mean);
  });

  it('says how much the usual method understates the year: the paired difference, positive', () => {
    const d = usual.periods[year].delta!;
    expect(f.understatement.mean).toBe(-d.mean);
    expect(f.understatement.ci95).toEqual([-d.ci95[1], -d.ci95[0]]);
    expect(f.understatement.mean).toBeGreaterThan(0);
    expect(f.understatement.mean).toBeCloseTo(f.full.mean - f.usual.mean, 0);
  });

  it('is null for a comparison without the usual-method scenario', () => {
    expect(yearEndForecast(simulate({ model: raw, trials: 50, seed: 1 }))).toBeNull();
  });
});
