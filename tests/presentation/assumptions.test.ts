/**
 * The assumptions in brief (presentation/assumptions.ts) of the reference model: the period, inflow and mix per
 * segment by their labels, every form with its price and stay in words (those an option adds included, once),
 * the budgets in year order, and the scenarios with their options; distributions of counts and shares in words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assumptionsOf } from '../../presentation/assumptions.js';
import { describeDist } from '../../presentation/dist-text.js';
import type { ComparisonResult } from '../../simulation/index.js';
import { parseModel, type Model } from '../../simulation/schema.js';

const fixture = (file: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/golden/${file}`, import.meta.url), 'utf8'));
const RESULT = fixture('reference-midsize.result.json') as ComparisonResult;
const MODEL: Model = parseModel(fixture('reference-midsize.model.json'));

describe('the assumptions of the reference model in brief', () => {
  const sv = assumptionsOf({ model: MODEL, result: RESULT }, 'sv');

  it('names the period from the first to the last month of the horizon', () => {
    expect(sv.start).toBe('2026-01');
    expect(sv.horizonMonths).toBe(60);
    expect(sv.end).toBe('2030-12');
    const short = assumptionsOf({ model: { ...MODEL, start: '2026-11', horizonMonths: 3 }, result: RESULT }, 'sv');
    expect(short.end).toBe('2027-01');
  });

  it('gives the yearly price increase and each segment’s inflow and trend as percent and counts in words', () => {
    expect(sv.priceIncrease).toBe('triangel 2–6\u00a0%, troligast 3,5\u00a0%');
    expect(sv.inflow.map((i) => i.segment)).toEqual(['Barn och unga', 'Vuxna']);
    expect(sv.inflow[0].episodesPerYear).toBe('gamma, medel 52, sd 6');
    expect(sv.inflow[0].trendPerYear).toBe('normal, medel 0\u00a0%, sd 2\u00a0%, begränsad till −5–5\u00a0%');
    const en = assumptionsOf({ model: MODEL, result: RESULT }, 'en');
    expect(en.inflow[1].trendPerYear).toBe('normal, mean 2%, sd 2%, bounded to -3–7%');
    const without = assumptionsOf(
      { model: { ...MODEL, annualPriceIncrease: undefined, inflow: [{ ...MODEL.inflow[0], trendPerYear: undefined }] }, result: RESULT },
      'sv',
    );
    expect(without.priceIncrease).toBeNull();
    expect(without.inflow[0].trendPerYear).toBeNull();
  });

  it('gives the mix of forms per segment by the forms’ labels, leaving out forms with no share', () => {
    expect(sv.inflow[0].mix).toEqual([
      { form: 'Egna familjehem', share: 0.33 },
      { form: 'Konsulentstödda familjehem', share: 0.31 },
      { form: 'HVB (köpt plats)', share: 0.24 },
      { form: 'Stödboende (köpt plats)', share: 0.09 },
      { form: 'SiS särskilt ungdomshem', share: 0.03 },
    ]);
    const zero = { ...MODEL, inflow: [{ ...MODEL.inflow[1], mix: { institution: 1, skyddat_boende: 0 } }] };
    expect(assumptionsOf({ model: zero, result: RESULT }, 'sv').inflow[0].mix).toEqual([{ form: 'Institution/HVB missbruk', share: 1 }]);
  });

  it('lists every form of the model with its price and stay in words, then the forms options add, once each', () => {
    expect(sv.forms.slice(0, MODEL.forms.length).map((f) => f.id)).toEqual(MODEL.forms.map((f) => f.id));
    const hvb = sv.forms.find((f) => f.id === 'hvb');
    expect(hvb).toMatchObject({
      label: 'HVB (köpt plats)',
      segment: 'Barn och unga',
      dailyCost: 'PERT 3\u00a0800–6\u00a0500 kr, troligast 4\u00a0500 kr',
      lengthOfStay: 'lognormal, median 150 dygn, P90 550 dygn',
      fixedCostPerYear: null,
      capacity: null,
      addedBy: null,
    });
    const own = sv.forms.filter((f) => f.id === 'hvb_egen');
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ addedBy: 'HVB i egen regi', capacity: 7 });
    expect(own[0].fixedCostPerYear).toBe(describeDist({ type: 'pert', min: 8_800_000, mode: 9_350_000, max: 10_450_000 }, 'sek', 'sv'));
  });

  it('gives the budgets in year order as amounts, and none when the model has none', () => {
    const shuffled = { ...MODEL, budget: { '2028': 3, '2026': 1, '2027': 2 } };
    expect(assumptionsOf({ model: shuffled, result: RESULT }, 'sv').budget).toEqual([
      { year: '2026', amount: 1 },
      { year: '2027', amount: 2 },
      { year: '2028', amount: 3 },
    ]);
    expect(assumptionsOf({ model: { ...MODEL, budget: undefined }, result: RESULT }, 'sv').budget).toEqual([]);
    expect(sv.budget[1]).toEqual({ year: '2027', amount: MODEL.budget?.['2027'] });
  });

  it('lists the scenarios compared with their options’ labels, inline options of the run included', () => {
    expect(sv.scenarios[0]).toEqual({ id: 'baseline', label: 'Nuläge', options: [] });
    expect(sv.scenarios.find((s) => s.id === 'hvb_egen')?.options).toEqual(['HVB i egen regi']);
    const inline = { id: 'x', label: 'Egen idé', effects: [] };
    const run = assumptionsOf(
      {
        model: MODEL,
        result: { scenarios: [RESULT.scenarios[0], { ...RESULT.scenarios[1], id: 'mix', options: ['x'] }] },
        scenarios: [{ id: 'mix', label: 'Blandat', options: [inline, MODEL.options![0]] }],
      },
      'sv',
    );
    expect(run.scenarios[1].options).toEqual(['Egen idé', MODEL.options![0].label]);
  });
});
