/** Turns a complete, merged partial into the comparison result of model-spec section 5. */
import { sampleCorrelation } from 'simple-statistics';
import type { CompiledRun } from './compile.js';
import { SENSITIVITY_TRIALS, type RunPartial, type ScenarioPartial } from './partial.js';
import { FAN_PS, finalizePeriod } from './period-fields.js';
import { FAN_KEYS, type ComparisonResult, type Fan, type PeriodResult, type ScenarioResult, type SensitivityEntry } from './result.js';
import type { Histogram } from './sketch.js';

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
    periods[label] = finalizePeriod(sp.periods[pi].acc, { run, trials: n, s, active, budget: run.budget[pi] });
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
