/** Turns a complete, merged partial into the comparison result of model-spec section 5. */
import { argsort } from './argsort.js';
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
export function midranks(values: ArrayLike<number>): Float64Array {
  const order = argsort(values);
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2;
    i = j + 1;
  }
  return ranks;
}

/**
 * A series ready for correlations: its deviations from its mean and its sample standard deviation, worked
 * out once however many series it is paired with, by the same operations as simple-statistics'
 * sampleCorrelation (Neumaier-compensated mean, then sums in index order), so the figures are the same to
 * the last bit.
 */
class Centred {
  readonly dev: Float64Array;
  readonly sd: number;

  constructor(x: Float64Array) {
    const n = x.length;
    let sum = x[0];
    let correction = 0;
    for (let i = 1; i < n; i++) {
      const t = sum + x[i];
      if (Math.abs(sum) >= Math.abs(x[i])) correction += sum - t + x[i];
      else correction += x[i] - t + sum;
      sum = t;
    }
    const mean = (sum + correction) / n;
    this.dev = new Float64Array(n);
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = x[i] - mean;
      this.dev[i] = d;
      ss += d * d;
    }
    this.sd = Math.sqrt(ss / (n - 1));
  }

  /** Pearson's correlation with another series of the same length, as sampleCorrelation(this, y). */
  correlation(y: Centred): number {
    const a = this.dev;
    const b = y.dev;
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
    return sum / (a.length - 1) / this.sd / y.sd;
  }
}

/** Spearman's rho of every uncertain parameter, each series ranked once for all scenarios. */
function sensitivities(run: CompiledRun, partial: RunPartial): SensitivityEntry[][] {
  const n = Math.min(partial.trials, SENSITIVITY_TRIALS);
  // The first n trials' values, the blocks in trial order.
  const series = (pick: (b: RunPartial['sensitivity'][number]) => number[]) => {
    const out = new Float64Array(n);
    let at = 0;
    for (const b of partial.sensitivity) {
      const xs = pick(b);
      for (let i = 0; i < xs.length && at < n; i++) out[at++] = xs[i];
      if (at === n) break;
    }
    return out;
  };
  // Fewer than three trials give no correlation: the ranks are then not needed.
  const ranked = (xs: Float64Array) => (n > 2 ? new Centred(midranks(xs)) : null);
  const rankCache = new Map<number, Centred | null>();
  const paramRanks = (i: number) => {
    if (!rankCache.has(i)) rankCache.set(i, ranked(series((b) => b.params[i])));
    return rankCache.get(i) as Centred | null;
  };
  const rho = (x: Centred | null, y: Centred | null) => {
    const r = x && y ? x.correlation(y) : 0;
    return Number.isFinite(r) ? r : 0;
  };
  return run.scenarios.map((sc, s) => {
    const cost = ranked(series((b) => b.cost[s]));
    const delta = s === 0 ? null : ranked(series((b) => b.delta[s]));
    const entries = sc.params
      .filter((i) => !run.params[i].sampler.isFixed)
      .map((i) => ({
        parameter: run.params[i].path,
        onCost: rho(paramRanks(i), cost),
        onDelta: s === 0 ? null : rho(paramRanks(i), delta),
      }));
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
    periods[label] = finalizePeriod(sp.periods[pi].acc, {
      run,
      trials: n,
      s,
      active,
      budget: run.budget[pi],
      outcomeToDate: run.outcomeToDate[pi],
    });
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
