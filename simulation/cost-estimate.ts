/**
 * What a run will cost before it is played: the expected work of one trial of one scenario, from the compiled
 * model alone (no draws), so a service can refuse a run that would hold its workers for hours.
 *
 * The unit is the *work unit*, what the trial loop (trial.ts) does per thing it touches:
 *   - one per episode started (startEpisode: the stay draw, the step-down draw, the queue),
 *   - one per calendar month an episode spans inside the horizon (the unit dates from when recordDays walked
 *     month by month; it now adds the whole months by interval arithmetic, so this term over-counts: kept so that
 *     MAX_RUN_WORK keeps its meaning, and the estimate errs on the side of refusing),
 *   - one per form and month (price() walks every form's months in every scenario).
 * Episodes are counted as the engine counts them (`runTrials().episodes`): arrivals (inflow level × trend ×
 * seasonality, at the distributions' means), the initial caseload, and the step-downs that follow either, as long
 * as the stay before them ends inside the horizon. Options are not applied (a scenario costs what the baseline
 * costs), nor are capacity, overflow and ageing out: the estimate is of the order of magnitude, within a factor of
 * two of the real count on the example models (tests/simulation/cost-estimate.test.ts).
 */
import type { CompiledRun } from './compile.js';

const DAYS_PER_MONTH = 365.25 / 12;

export interface CostEstimate {
  /** Expected episodes started in one trial of one scenario. */
  episodesPerTrial: number;
  /** Expected work units of one trial of one scenario (see above). */
  unitsPerTrial: number;
  /** Work units of the whole run: trials × scenarios × unitsPerTrial. */
  units: number;
  trials: number;
  scenarios: number;
  months: number;
  /**
   * Work units of one trial of one scenario had the horizon ended after month m (index m - 1), for telling a
   * user how far to shorten it. Non-decreasing; its last entry is unitsPerTrial.
   */
  unitsByHorizon: number[];
}

/** The expected cost of `trials` trials of every scenario of a compiled run. */
export function estimateCost(run: CompiledRun, trials: number): CostEstimate {
  const M = run.cal.months;
  const forms = run.forms;
  const stayMonths = forms.map((f) => Math.max(1, f.stay.mean) / DAYS_PER_MONTH);
  const mean = (param: number) => run.params[param].sampler.mean;

  // chain(f, r): expected episodes and months in care of an entry into form f with r months of horizon left,
  // its step-downs included. Stays are taken at their means, so an entry's chain is a walk down the remaining
  // months; memoised on whole months, it is at most forms × months states.
  const memo = new Map<number, [number, number]>();
  const chain = (f: number, r: number): [number, number] => {
    const key = f * (M + 1) + Math.max(0, Math.ceil(r));
    const known = memo.get(key);
    if (known) return known;
    const form = forms[f];
    const inCare = Math.min(stayMonths[f], r);
    let episodes = 1;
    let months = inCare + 1;
    const left = r - stayMonths[f];
    if (left > 0) {
      let prev = 0;
      for (let j = 0; j < form.nextCum.length; j++) {
        const p = form.nextCum[j] - prev;
        prev = form.nextCum[j];
        const [e, mo] = chain(form.nextForm[j], left);
        episodes += p * e;
        months += p * mo;
      }
    }
    const out: [number, number] = [episodes, months];
    memo.set(key, out);
    return out;
  };

  // Work by the month it starts in: summed up to a horizon, it gives the cost of a shorter run. A chain's months
  // are counted against the full horizon; for a shorter one that overstates it a little, which errs on the safe side.
  const byMonth = new Float64Array(M);
  let episodes = 0;
  for (const g of run.initial) {
    const [e, mo] = chain(g.form, M);
    episodes += g.elapsed.length * e;
    byMonth[0] += g.elapsed.length * (e + Math.min(mo, M));
  }
  for (const s of run.segments) {
    if (!s.hasInflow) continue;
    const rate = mean(s.rate);
    const trend = mean(s.trend);
    for (let m = 0; m < M; m++) {
      const arrivals = (rate / 12) * Math.pow(1 + Math.max(-1, trend), m / 12) * s.seasonality[run.cal.calendarMonth[m]];
      if (!(arrivals > 0)) continue;
      let prev = 0;
      for (let j = 0; j < s.mixForm.length; j++) {
        const share = s.mixCum[j] - prev;
        prev = s.mixCum[j];
        const [e, mo] = chain(s.mixForm[j], M - m);
        episodes += arrivals * share * e;
        byMonth[m] += arrivals * share * (e + mo);
      }
    }
  }
  const unitsByHorizon: number[] = [];
  let acc = 0;
  for (let m = 0; m < M; m++) {
    acc += byMonth[m] + forms.length;
    unitsByHorizon.push(acc);
  }
  const unitsPerTrial = acc;
  const scenarios = run.scenarios.length;
  return {
    episodesPerTrial: episodes,
    unitsPerTrial,
    units: trials * scenarios * unitsPerTrial,
    trials,
    scenarios,
    months: M,
    unitsByHorizon,
  };
}

/** What to lower so that a run fits `limit` work units: each on its own, the others as they are. */
export interface CostAdvice {
  /** The most trials that fit at this model and scenario count (0 when not even one does). */
  maxTrials: number;
  /** The most scenarios that fit at these trials (0 when not even one does). */
  maxScenarios: number;
  /** The longest horizon in months that fits at these trials and scenarios (0 when not even one month does). */
  maxHorizonMonths: number;
}

export function adviseCost(estimate: CostEstimate, limit: number): CostAdvice {
  const { trials, scenarios, unitsPerTrial, unitsByHorizon } = estimate;
  const perTrial = scenarios * unitsPerTrial;
  let maxHorizonMonths = 0;
  while (maxHorizonMonths < unitsByHorizon.length && trials * scenarios * unitsByHorizon[maxHorizonMonths] <= limit) maxHorizonMonths++;
  return {
    maxTrials: perTrial > 0 ? Math.floor(limit / perTrial) : trials,
    maxScenarios: unitsPerTrial > 0 ? Math.floor(limit / (trials * unitsPerTrial)) : scenarios,
    maxHorizonMonths,
  };
}
