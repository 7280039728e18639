/**
 * Queueing theory as a test. Without capacity the caseload is an M/G/infinity queue: its mean census obeys
 * Little's law. With capacity c and overflow it is an M/G/c/c loss system: the share of turned-away episodes
 * is Erlang's B formula, whatever the stay distribution. Tolerances are four Monte Carlo standard errors.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../simulation/calendar.js';
import { eachTrial, form, meanSe, tinyModel } from '../fixtures/tiny.js';

const Z90 = 1.2815515655446004;

/** P(L > k) for a stay of L = max(1, round(X)) whole days, from the survival function of X. */
const stayExceeds = (survival: (x: number) => number) => (k: number) => (k === 0 ? 1 : survival(k + 0.5));

/** Erlang B by its stable recursion. */
function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

describe("Little's law", () => {
  const perYear = 50;
  const mu = Math.log(120);
  const sigma = (Math.log(400) - mu) / Z90;
  const exceeds = stayExceeds((x) => 1 - normalCdf((Math.log(x) - mu) / sigma, 0, 1));
  const model = tinyModel({
    forms: [form('hvb', { lengthOfStayDays: { type: 'lognormal', median: 120, p90: 400 } })],
    rate: perYear,
    horizonMonths: 120,
  });
  const cal = buildCalendar('2026-01', 120);
  const checkMonths = [71, 83, 95, 107, 119];

  it('gives a mean census of arrival rate times mean stay', () => {
    const perTrial: number[] = [];
    eachTrial(model, 1500, ([out]) => perTrial.push(checkMonths.reduce((a, m) => a + out.census[m], 0) / checkMonths.length));
    const { mean, se } = meanSe(perTrial);

    // Arrivals are uniform over the days of a month at perYear/12 a month, so the exact expected census on
    // day t is the sum over earlier days d of rate(d) * P(L > t - d) (Little's law, time-dependent form).
    const rateOnDay = (d: number) => perYear / 12 / cal.daysInMonth[cal.monthOfDay[d]];
    const exact =
      checkMonths
        .map((m) => {
          const t = cal.monthStart[m + 1] - 1;
          let n = 0;
          for (let d = 0; d <= t; d++) n += rateOnDay(d) * exceeds(t - d);
          return n;
        })
        .reduce((a, b) => a + b, 0) / checkMonths.length;
    let meanStay = 0;
    for (let k = 0; k < 20_000; k++) meanStay += exceeds(k);
    const little = (perYear / 365.25) * meanStay;

    expect(Math.abs(mean - exact)).toBeLessThan(4 * se);
    // Steady state: the calendar's unequal months move the exact value by well under one percent.
    expect(Math.abs(exact - little) / little).toBeLessThan(0.01);
    expect(Math.abs(mean - little)).toBeLessThan(4 * se + Math.abs(exact - little));
  });
});

describe('Erlang B', () => {
  it('turns away the share of episodes that the Erlang B formula predicts', () => {
    // Offered load 4 on 5 places: 9.13 arrivals a year (0.025 a day) staying 160 days on average.
    const capacity = 5;
    const meanDays = 160;
    const perYear = 0.025 * 365.25;
    const model = tinyModel({
      forms: [form('egen', { capacity, overflowTo: 'kopt', lengthOfStayDays: { type: 'exponential', mean: meanDays } }), form('kopt')],
      rate: perYear,
      horizonMonths: 240,
    });
    const exceeds = stayExceeds((x) => Math.exp(-x / meanDays));
    let meanStay = 0;
    for (let k = 0; k < 20_000; k++) meanStay += exceeds(k);
    const load = (perYear / 365.25) * meanStay;

    // Skip the first three years, while the unit fills from empty.
    const turned: number[] = [];
    const arrived: number[] = [];
    eachTrial(model, 3000, ([out]) => {
      const M = out.months;
      let o = 0;
      let a = 0;
      for (let m = 36; m < M; m++) {
        o += out.overflows[m];
        a += out.admissions[m] + out.overflows[m];
      }
      turned.push(o);
      arrived.push(a);
    });
    const n = turned.length;
    const share = turned.reduce((x, y) => x + y, 0) / arrived.reduce((x, y) => x + y, 0);
    // Standard error of a ratio estimator (delta method) over independent trials.
    const meanArrived = arrived.reduce((x, y) => x + y, 0) / n;
    const residual = meanSe(turned.map((o, i) => o - share * arrived[i]));
    const se = residual.sd / (meanArrived * Math.sqrt(n));

    expect(Math.abs(share - erlangB(capacity, load))).toBeLessThan(4 * se);
  });
});
