/** Turns a complete, merged partial into the comparison result of model-spec section 5. */
import { sampleCorrelation } from 'simple-statistics';
import type { CompiledRun } from './compile.js';
import { SENSITIVITY_TRIALS, type RunPartial, type ScenarioPartial } from './partial.js';
import {
  FAN_KEYS,
  type Breakdown,
  type ComparisonResult,
  type Fan,
  type PeriodResult,
  type ScenarioResult,
  type SensitivityEntry,
  type Stats,
} from './result.js';
import type { Histogram, Summary } from './sketch.js';

const FAN_PS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];
const STATS_PS = [0.1, 0.5, 0.9];

function stats(s: Summary): Stats {
  const [p10, p50, p90] = s.hist.quantiles(STATS_PS);
  return { mean: s.mean(), p10, p50, p90 };
}

function fan(hists: Histogram[]): Fan {
  const qs = hists.map((h) => h.quantiles(FAN_PS));
  const out = {} as Fan;
  FAN_KEYS.forEach((k, i) => (out[k] = qs.map((q) => q[i])));
  return out;
}

/** Ranks with ties given the mean of the ranks they span (Spearman's midranks). */
export function midranks(values: readonly number[]): Float64Array {
  const order = Array.from(values.keys()).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's rho of every uncertain parameter, each series ranked once for all scenarios. */
function sensitivities(run: CompiledRun, partial: RunPartial): SensitivityEntry[][] {
  const n = Math.min(partial.trials, SENSITIVITY_TRIALS);
  const series = (pick: (b: RunPartial['sensitivity'][number]) => number[]) => partial.sensitivity.flatMap(pick).slice(0, n);
  const rankCache = new Map<number, number[]>();
  const paramRanks = (i: number) => {
    let r = rankCache.get(i);
    if (!r) rankCache.set(i, (r = Array.from(midranks(series((b) => b.params[i])))));
    return r;
  };
  const rho = (x: number[], y: number[]) => {
    const r = x.length > 2 ? sampleCorrelation(x, y) : 0;
    return Number.isFinite(r) ? r : 0;
  };
  return run.scenarios.map((sc, s) => {
    const cost = Array.from(midranks(series((b) => b.cost[s])));
    const delta = s === 0 ? null : Array.from(midranks(series((b) => b.delta[s])));
    const entries = sc.params
      .filter((i) => !run.params[i].sampler.isFixed)
      .map((i) => ({ parameter: run.params[i].path, onCost: rho(paramRanks(i), cost), onDelta: delta ? rho(paramRanks(i), delta) : null }));
    // Options are judged by what drives their saving; the baseline by what drives its cost.
    const size = (e: SensitivityEntry) => Math.abs(e.onDelta ?? e.onCost);
    return entries.sort((a, b) => size(b) - size(a) || a.parameter.localeCompare(b.parameter));
  });
}

function breakdown(run: CompiledRun, b: { total: Summary; byForm: Summary[] }, active: boolean[]): Breakdown {
  const byForm: Record<string, Stats> = {};
  run.forms.forEach((f, i) => {
    if (active[i]) byForm[f.id] = stats(b.byForm[i]);
  });
  return { total: stats(b.total), byForm };
}

function scenarioResult(
  run: CompiledRun,
  partial: RunPartial,
  sp: ScenarioPartial,
  s: number,
  sensitivity: SensitivityEntry[],
): ScenarioResult {
  const sc = run.scenarios[s];
  const n = partial.trials;
  const active = run.forms.map((_, i) => sc.active[i] === 1);
  const periods: Record<string, PeriodResult> = {};
  run.cal.periods.forEach((label, pi) => {
    const pp = sp.periods[pi];
    const [p5, p10, p25, p50, p75, p90, p95] = pp.cost.hist.quantiles(FAN_PS);
    const sd = pp.cost.sd();
    const byForm: Record<string, number> = {};
    run.forms.forEach((f, i) => {
      if (active[i]) byForm[f.id] = pp.costByForm[i].value() / n;
    });
    const occupancy: Record<string, number> = {};
    run.forms.forEach((f, i) => {
      if (active[i] && f.capacity > 0 && pp.occupancyTrials[i] > 0) occupancy[f.id] = pp.occupancy[i].value() / pp.occupancyTrials[i];
    });
    const result: PeriodResult = {
      cost: {
        mean: pp.cost.mean(),
        sd,
        mcse: sd / Math.sqrt(n),
        p5,
        p10,
        p25,
        p50,
        p75,
        p90,
        p95,
        byForm,
        optionCost: pp.optionCost.value() / n,
        revenue: pp.revenue.value() / n,
      },
      careDays: breakdown(run, pp.careDays, active),
      admissions: breakdown(run, pp.admissions, active),
      overflows: breakdown(run, pp.overflows, active),
      censusAtPeriodEnd: breakdown(run, pp.census, active),
      occupancy,
      agedOut: stats(pp.agedOut),
    };
    const budget = run.budget[pi];
    if (budget !== null) {
      result.budget = { amount: budget, probExceed: pp.budgetExceeded / n, expectedOverrun: pp.overrun.value() / n };
    }
    if (s > 0) {
      const mean = pp.delta.mean();
      const half = (1.959963984540054 * pp.delta.sd()) / Math.sqrt(n);
      const [d10, d50, d90] = pp.delta.hist.quantiles(STATS_PS);
      result.delta = { mean, ci95: [mean - half, mean + half], p10: d10, p50: d50, p90: d90, probSaving: pp.saving / n };
    }
    periods[label] = result;
  });
  const out: ScenarioResult = {
    id: sc.id,
    label: sc.label,
    options: sc.optionIds,
    periods,
    monthly: { cost: fan(sp.monthlyCost), census: fan(sp.monthlyCensus) },
    sensitivity,
  };
  if (s > 0) {
    const hits = sp.breakEven.n;
    out.breakEven = {
      probWithinHorizon: hits / n,
      medianMonth: hits === 0 ? null : run.cal.monthLabels[Math.floor(sp.breakEven.quantiles([0.5])[0])],
    };
    // Keep the contract's key order: breakEven before monthly.
    const { monthly, sensitivity: sens, ...head } = out;
    return { ...head, breakEven: out.breakEven, monthly, sensitivity: sens };
  }
  return out;
}

export function finalizeResult(run: CompiledRun, partial: RunPartial, seed: number): ComparisonResult {
  if (partial.covered() !== partial.trials) {
    throw new Error(`partial covers ${partial.covered()} of ${partial.trials} trials`);
  }
  const sens = sensitivities(run, partial);
  return {
    version: 1,
    trials: partial.trials,
    seed,
    periods: run.cal.periods,
    months: run.cal.monthLabels,
    scenarios: partial.scenarios.map((sp, s) => scenarioResult(run, partial, sp, s, sens[s])),
  };
}
