/**
 * The engine's semantics (model-spec sections 2 and 3), each checked against an exact value or against its
 * expectation within four Monte Carlo standard errors (fixed seeds; a false alarm has odds below 1 in 10,000).
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulation/index.js';
import type { Outcome } from '../../simulation/outcome.js';
import { rampWeight } from '../../simulation/trial.js';
import { eachTrial, form, meanSe, tinyModel } from '../fixtures/tiny.js';

const Z90 = 1.2815515655446004;
const sum = (a: ArrayLike<number>, from = 0, to = a.length) => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s;
};
/** Sum of one form's row (form index f) over months [m0, m1). */
const row = (a: ArrayLike<number>, f: number, M: number, m0 = 0, m1 = M) => sum(a, f * M + m0, f * M + m1);

describe('initial caseload', () => {
  // Lognormal stays with median 100 and p90 600 days; placements that have already lasted 300 days.
  const mu = Math.log(100);
  const sigma = (Math.log(600) - mu) / Z90;
  const survival = (x: number) => 1 - normalCdf((Math.log(x) - mu) / sigma, 0, 1);
  const horizonDays = 1826; // 2026-01 .. 2030-12
  /** E[min(L, H)] for L = max(1, round(X - e)) given X > e: 1 + sum_{k=2..H} P(X - e >= k - 0.5 | X > e). */
  const expectedCareDays = (e: number) => {
    let s = 1;
    for (let k = 2; k <= horizonDays; k++) s += survival(e + k - 0.5) / survival(e);
    return s;
  };

  it('draws the remaining stay conditional on the time already spent', () => {
    const perTrial: number[] = [];
    eachTrial(
      tinyModel({
        forms: [form('hvb', { lengthOfStayDays: { type: 'lognormal', median: 100, p90: 600 } })],
        initialCaseload: [{ form: 'hvb', count: 10, elapsedDays: 300 }],
      }),
      2000,
      ([out]) => perTrial.push(sum(out.careDays) / 10),
    );
    const { mean, se } = meanSe(perTrial);
    const conditional = expectedCareDays(300);
    const unconditional = expectedCareDays(0);
    expect(Math.abs(mean - conditional)).toBeLessThan(4 * se);
    // The unconditional stay would be far shorter: the test can tell the two apart.
    expect(conditional - unconditional).toBeGreaterThan(20 * se);
  });

  it('keeps placements under way in their form and does not count them as admissions', () => {
    // Three placements in a one-place unit, each with 90 days left of a fixed 100-day stay.
    eachTrial(
      tinyModel({
        forms: [form('hvb', { capacity: 1, overflowTo: 'sis', lengthOfStayDays: 100 }), form('sis')],
        initialCaseload: [{ form: 'hvb', count: 3, elapsedDays: 10 }],
      }),
      5,
      ([out]) => {
        expect(sum(out.admissions)).toBe(0);
        expect(sum(out.overflows)).toBe(0);
        expect(row(out.careDays, 0, out.months)).toBe(3 * 90);
        expect(row(out.careDays, 1, out.months)).toBe(0);
      },
    );
  });

  it('takes elapsed days from startDates', () => {
    // A placement that started 2025-10-02 has lasted 91 days on 2026-01-01; fixed stay of 100 days leaves 9.
    eachTrial(
      tinyModel({ forms: [form('hvb', { lengthOfStayDays: 100 })], initialCaseload: [{ form: 'hvb', startDates: ['2025-10-02'] }] }),
      3,
      ([out]) => expect(sum(out.careDays)).toBe(9),
    );
  });
});

describe('capacity and overflow', () => {
  const model = tinyModel({
    forms: [form('egen', { capacity: 3, overflowTo: 'kopt', lengthOfStayDays: { type: 'exponential', mean: 60 } }), form('kopt')],
    rate: 40,
    mix: { egen: 1 },
  });

  it('never holds more placements than places, and sends the rest to the overflow form', () => {
    let overflows = 0;
    eachTrial(model, 300, ([out], _t, run) => {
      const M = out.months;
      for (let m = 0; m < M; m++) {
        expect(out.census[m]).toBeLessThanOrEqual(3);
        expect(out.careDays[m]).toBeLessThanOrEqual(3 * run.compiled.cal.daysInMonth[m]);
        // kopt has no inflow of its own: every admission there was turned away by egen.
        expect(out.admissions[M + m]).toBe(out.overflows[m]);
      }
      overflows += row(out.overflows, 0, M);
    });
    expect(overflows).toBeGreaterThan(0);
  });
});

describe('step-down chains', () => {
  it('steps down with the given probabilities, the next day, and ends chains at leaving care', () => {
    // Fixed 10-day stays, and no arrivals in the last two months (an inflow multiplier of 0), so every
    // chain ends inside the horizon and the step-down counts are plain binomials.
    const model = tinyModel({
      forms: [
        form('hvb', { lengthOfStayDays: 10, next: [{ form: 'stod', probability: 0.4 }] }),
        form('stod', { lengthOfStayDays: 10, next: [{ form: 'hem', probability: 0.5 }] }),
        form('hem', { lengthOfStayDays: 10 }),
      ],
      rate: 100,
      mix: { hvb: 1 },
      horizonMonths: 36,
      options: [{ id: 'cut', label: 'cut', effects: [{ type: 'inflow', segment: 'bou', multiplier: 0, fromMonth: 34 }] }],
    });
    let a = 0;
    let b = 0;
    let c = 0;
    eachTrial(
      model,
      400,
      (outs) => {
        const out = outs[1];
        const M = out.months;
        a += row(out.admissions, 0, M);
        b += row(out.admissions, 1, M);
        c += row(out.admissions, 2, M);
        // A step-down follows the previous stay without a gap: care days are 10 per episode.
        expect(sum(out.careDays)).toBe(10 * (row(out.admissions, 0, M) + row(out.admissions, 1, M) + row(out.admissions, 2, M)));
      },
      1,
      [{ id: 'cut', label: 'cut', options: ['cut'] }],
    );
    expect(Math.abs(b / a - 0.4)).toBeLessThan(4 * Math.sqrt((0.4 * 0.6) / a));
    expect(Math.abs(c / b - 0.5)).toBeLessThan(4 * Math.sqrt((0.5 * 0.5) / b));
  });
});

describe('ageing out', () => {
  const build = (maxAgeYears: number | undefined, stay: number) =>
    tinyModel({
      forms: [form('hvb', { lengthOfStayDays: stay, maxAgeYears, next: [{ form: 'stod', probability: 1 }] }), form('stod')],
      rate: 20,
      ageAtEntry: 17,
    });

  it('ends a stay on the birthday of maxAgeYears, without a step-down', () => {
    eachTrial(build(18, 5000), 200, ([out]) => {
      const M = out.months;
      // Everyone enters at 17, so a stay lasts exactly one year (366 care days incl. the entry day).
      expect(row(out.admissions, 1, M)).toBe(0);
      const aged = sum(out.agedOut);
      expect(aged).toBeGreaterThanOrEqual(row(out.admissions, 0, M, 0, M - 13));
      expect(aged).toBeLessThanOrEqual(row(out.admissions, 0, M, 0, M - 12));
    });
  });

  it('steps down as usual when the stay ends before the age limit', () => {
    // 300-day stays end before the 18th birthday (366 days after entry at 17): every one steps down.
    eachTrial(build(18, 300), 50, ([out]) => {
      const M = out.months;
      expect(sum(out.agedOut)).toBe(0);
      // Entries more than 11 months before the end step down inside the horizon, those in the last 9 do not.
      expect(row(out.admissions, 1, M)).toBeGreaterThanOrEqual(row(out.admissions, 0, M, 0, M - 11));
      expect(row(out.admissions, 1, M)).toBeLessThanOrEqual(row(out.admissions, 0, M, 0, M - 9));
    });
  });
});

describe('prices', () => {
  it('indexes daily prices and fixed costs monthly from the start, and counts care days by calendar day', () => {
    const model = tinyModel({
      forms: [form('hvb', { lengthOfStayDays: 100_000, dailyCost: 1000, fixedCostPerYear: 1_200_000, provider: 'internal' })],
      initialCaseload: [{ form: 'hvb', count: 1, elapsedDays: 0 }],
      annualPriceIncrease: 0.12,
      horizonMonths: 26,
      start: '2027-12',
    });
    eachTrial(model, 2, ([out], _t, run) => {
      const { daysInMonth } = run.compiled.cal;
      expect(daysInMonth[2]).toBe(29); // February 2028
      for (let m = 0; m < out.months; m++) {
        const index = Math.pow(1.12, m / 12);
        expect(out.careDays[m]).toBe(daysInMonth[m]);
        expect(out.cost[m]).toBeCloseTo((daysInMonth[m] * 1000 + 100_000) * index, 6);
      }
    });
  });

  it('applies effects from fromMonth with a linear ramp over rampMonths', () => {
    const model = tinyModel({
      forms: [form('hvb', { lengthOfStayDays: 100_000, dailyCost: 1000 })],
      initialCaseload: [{ form: 'hvb', count: 1, elapsedDays: 0 }],
      horizonMonths: 24,
      options: [
        {
          id: 'o',
          label: 'o',
          effects: [
            { type: 'dailyCost', forms: ['hvb'], multiplier: 0.5, fromMonth: 6, rampMonths: 4 },
            { type: 'cost', perYear: 120_000, oneOff: 50_000, fromMonth: 3, rampMonths: 2 },
          ],
        },
      ],
    });
    expect([5, 6, 7, 8, 9, 10].map((m) => rampWeight(m, 6, 4))).toEqual([0, 0.25, 0.5, 0.75, 1, 1]);
    eachTrial(model, 2, ([, out], _t, run) => {
      const { daysInMonth } = run.compiled.cal;
      for (let m = 0; m < out.months; m++) {
        const price = 1000 * (1 - 0.5 * rampWeight(m, 6, 4));
        const option = 10_000 * rampWeight(m, 3, 2) + (m === 3 ? 50_000 : 0);
        expect(out.optionCost[m]).toBeCloseTo(option, 6);
        expect(out.cost[m]).toBeCloseTo(daysInMonth[m] * price + option, 6);
      }
    });
  });
});

describe('option effects', () => {
  const base = (options: ReturnType<typeof tinyModel>['options'], extra: Partial<Parameters<typeof tinyModel>[0]> = {}) =>
    tinyModel({
      forms: [form('hvb', { lengthOfStayDays: 100 }), form('fam', { lengthOfStayDays: 100 })],
      rate: 60,
      mix: { hvb: 0.5, fam: 0.5 },
      horizonMonths: 48,
      options,
      ...extra,
    });

  it('thins arrivals for inflow multipliers below 1: a subset of the baseline arrivals', () => {
    let kept = 0;
    let all = 0;
    eachTrial(base([{ id: 'o', label: 'o', effects: [{ type: 'inflow', segment: 'bou', multiplier: 0.6 }] }]), 300, ([b, s]) => {
      for (let i = 0; i < b.admissions.length; i++) {
        expect(s.admissions[i]).toBeLessThanOrEqual(b.admissions[i]);
        expect(s.careDays[i]).toBeLessThanOrEqual(b.careDays[i]);
      }
      kept += sum(s.admissions);
      all += sum(b.admissions);
    });
    expect(Math.abs(kept / all - 0.6)).toBeLessThan(4 * Math.sqrt((0.6 * 0.4) / all));
  });

  it('adds arrivals for inflow multipliers above 1 on top of the baseline ones', () => {
    const b1: number[] = [];
    const ratio: number[] = [];
    eachTrial(base([{ id: 'o', label: 'o', effects: [{ type: 'inflow', segment: 'bou', multiplier: 1.5 }] }]), 300, ([b, s]) => {
      for (let i = 0; i < b.careDays.length; i++) expect(s.careDays[i]).toBeGreaterThanOrEqual(b.careDays[i]);
      b1.push(sum(b.admissions));
      ratio.push(sum(s.admissions) - sum(b.admissions));
    });
    // The extra arrivals are Poisson with half the baseline rate: their mean is 0.5 x 60 x 4 years.
    const { mean, se } = meanSe(ratio);
    expect(Math.abs(mean - 120)).toBeLessThan(4 * se);
  });

  it('shortens stays that start after fromMonth and leaves earlier ones alone', () => {
    const model = base([
      { id: 'o', label: 'o', effects: [{ type: 'lengthOfStay', forms: ['hvb', 'fam'], multiplier: 0.5, fromMonth: 12 }] },
    ]);
    const ratios: number[] = [];
    eachTrial(model, 300, ([b, s]) => {
      const M = b.months;
      for (let f = 0; f < 2; f++) for (let m = 0; m < 12; m++) expect(s.careDays[f * M + m]).toBe(b.careDays[f * M + m]);
      ratios.push(
        (row(s.careDays, 0, M, 24, 48) + row(s.careDays, 1, M, 24, 48)) / (row(b.careDays, 0, M, 24, 48) + row(b.careDays, 1, M, 24, 48)),
      );
    });
    const { mean, se } = meanSe(ratios);
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * se + 1e-3);
  });

  it('does not shorten placements already under way at the start', () => {
    const model = tinyModel({
      forms: [form('hvb', { lengthOfStayDays: { type: 'lognormal', median: 200, p90: 700 } })],
      initialCaseload: [{ form: 'hvb', count: 20, elapsedDays: 50 }],
      options: [{ id: 'o', label: 'o', effects: [{ type: 'lengthOfStay', forms: ['hvb'], multiplier: 0.5 }] }],
    });
    eachTrial(model, 20, ([b, s]) => expect(Array.from(s.careDays)).toEqual(Array.from(b.careDays)));
  });

  it('moves the given share of new episodes with mixShift', () => {
    let moved = 0;
    let hvb = 0;
    eachTrial(
      base([{ id: 'o', label: 'o', effects: [{ type: 'mixShift', segment: 'bou', from: 'hvb', to: 'fam', share: 0.3 }] }]),
      300,
      ([b, s]) => {
        const M = b.months;
        expect(row(s.admissions, 0, M) + row(s.admissions, 1, M)).toBe(row(b.admissions, 0, M) + row(b.admissions, 1, M));
        moved += row(b.admissions, 0, M) - row(s.admissions, 0, M);
        hvb += row(b.admissions, 0, M);
      },
    );
    expect(Math.abs(moved / hvb - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / hvb));
  });

  it('opens an added unit at fromMonth, fills it up to capacity from the eligible share, and sells free places', () => {
    const model = base([
      {
        id: 'egen',
        label: 'Egen HVB',
        effects: [
          {
            type: 'addForm',
            fromMonth: 6,
            form: form('egen', {
              provider: 'internal',
              dailyCost: 200,
              capacity: 2,
              overflowTo: 'hvb',
              fixedCostPerYear: 1_200_000,
              lengthOfStayDays: 100,
            }),
            takes: { from: ['hvb'], share: 1 },
            sellFreePlaces: { pricePerDay: 4000, utilisation: 0.5 },
          },
        ],
      },
    ]);
    let turnedAway = 0;
    eachTrial(model, 100, ([b, s], _t, run) => {
      const M = b.months;
      const { daysInMonth } = run.compiled.cal;
      expect(row(s.admissions, 2, M, 0, 6)).toBe(0);
      for (let m = 0; m < M; m++) {
        expect(s.census[2 * M + m]).toBeLessThanOrEqual(2);
        // Each eligible hvb episode either goes to the unit or stays in hvb: no episode is lost or added.
        expect(s.admissions[m] + s.admissions[2 * M + m]).toBe(b.admissions[m]);
        const fixed = m >= 6 ? 100_000 : 0;
        expect(s.formCost[2 * M + m]).toBeCloseTo(s.careDays[2 * M + m] * 200 + fixed, 6);
        const free = m >= 6 ? 2 * daysInMonth[m] - s.careDays[2 * M + m] : 0;
        expect(s.revenue[m]).toBeCloseTo(free * 2000, 6);
      }
      turnedAway += row(s.overflows, 2, M);
    });
    expect(turnedAway).toBeGreaterThan(0);
  });
});

describe('result', () => {
  const model = tinyModel({
    forms: [
      form('hvb', { dailyCost: { type: 'uniform', min: 3000, max: 6000 }, lengthOfStayDays: { type: 'lognormal', median: 120, p90: 400 } }),
      form('fam', { dailyCost: 1200 }),
    ],
    rate: { type: 'gamma', mean: 30, sd: 6 },
    mix: { hvb: 0.4, fam: 0.6 },
    start: '2026-07',
    horizonMonths: 18,
    budget: { '2026': 6_000_000, '2027': 12_000_000 },
    options: [
      {
        id: 'ctrl',
        label: 'Controller',
        effects: [
          { type: 'cost', perYear: 800_000, oneOff: 200_000 },
          { type: 'lengthOfStay', forms: ['hvb'], multiplier: { type: 'uniform', min: 0.6, max: 0.9 } },
        ],
      },
    ],
  });
  const trials = 1500;
  const result = simulate({ model, trials, seed: 5 });

  /** Per-trial period costs and monthly costs, rounded as the engine rounds them. */
  const perTrial = { cost: [[], []] as number[][][], monthly: [[], []] as number[][][] };
  eachTrial(
    model,
    trials,
    (outs: Outcome[], _t, run) => {
      outs.forEach((out, s) => {
        perTrial.cost[s].push(run.compiled.cal.periodMonths.map(([a, b]) => Math.round(sum(out.cost, a, b))));
        perTrial.monthly[s].push(Array.from(out.cost));
      });
    },
    5,
  );

  it('names the calendar years the horizon touches, then the total, and every month', () => {
    expect(result.periods).toEqual(['2026', '2027', 'total']);
    expect(result.months[0]).toBe('2026-07');
    expect(result.months).toHaveLength(18);
    expect(result.scenarios.map((s) => s.id)).toEqual(['baseline', 'ctrl']);
    expect(result.scenarios[0].periods.total.delta).toBeUndefined();
    expect(result.scenarios[0].breakEven).toBeUndefined();
  });

  it('reports ordered percentiles and the Monte Carlo error of the mean', () => {
    for (const s of result.scenarios) {
      for (const p of result.periods) {
        const c = s.periods[p].cost;
        const qs = [c.p5, c.p10, c.p25, c.p50, c.p75, c.p90, c.p95];
        expect([...qs].sort((a, b) => a - b)).toEqual(qs);
        expect(c.mcse).toBeCloseTo(c.sd / Math.sqrt(trials), 6);
      }
    }
  });

  it('computes budget exceedance, deltas and probSaving per trial, paired with the baseline', () => {
    result.periods.forEach((p, pi) => {
      const base = perTrial.cost[0].map((c) => c[pi]);
      const opt = perTrial.cost[1].map((c) => c[pi]);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(result.scenarios[0].periods[p].cost.mean).toBeCloseTo(mean(base), 4);
      const budget = model.budget?.[p];
      if (budget !== undefined) {
        expect(result.scenarios[0].periods[p].budget?.probExceed).toBe(base.filter((c) => c > budget).length / trials);
        expect(result.scenarios[0].periods[p].budget?.expectedOverrun).toBeCloseTo(mean(base.map((c) => Math.max(0, c - budget))), 4);
      } else {
        expect(result.scenarios[0].periods[p].budget).toBeUndefined();
      }
      const delta = opt.map((c, i) => c - base[i]);
      const d = result.scenarios[1].periods[p].delta!;
      expect(d.mean).toBeCloseTo(mean(delta), 4);
      expect(d.probSaving).toBe(delta.filter((x) => x < 0).length / trials);
      expect(d.ci95[0]).toBeLessThan(d.mean);
      expect(d.ci95[1]).toBeGreaterThan(d.mean);
    });
  });

  it('finds the first month in which the cumulative saving turns positive', () => {
    const months: number[] = [];
    perTrial.monthly[1].forEach((scen, i) => {
      const base = perTrial.monthly[0][i];
      let cum = 0;
      const m = scen.findIndex((c, k) => (cum += base[k] - c) > 0);
      if (m >= 0) months.push(m);
    });
    const be = result.scenarios[1].breakEven!;
    expect(be.probWithinHorizon).toBe(months.length / trials);
    // Paying back at some point is more likely than being ahead at the end.
    expect(be.probWithinHorizon).toBeGreaterThanOrEqual(result.scenarios[1].periods.total.delta!.probSaving);
    months.sort((a, b) => a - b);
    const mid = (months.length - 1) / 2;
    expect(be.medianMonth).toBe(result.months[Math.floor((months[Math.floor(mid)] + months[Math.ceil(mid)]) / 2)]);
  });

  it('ranks the most influential per-trial parameter first', () => {
    const sens = result.scenarios[0].sensitivity;
    expect(sens.map((s) => s.parameter).sort()).toEqual(['forms.hvb.dailyCost', 'inflow.bou.episodesPerYear'].sort());
    expect(sens[0].parameter).toBe('inflow.bou.episodesPerYear');
    expect(sens[0].onCost).toBeGreaterThan(0.5);
    expect(result.scenarios[1].sensitivity.find((s) => s.parameter === 'options.ctrl.effects[1].multiplier')?.onDelta).toBeGreaterThan(0.3);
  });
});
