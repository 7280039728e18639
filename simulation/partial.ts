/**
 * The partial result of a range of trials: mergeable summaries only, so any split of a run into chunks
 * merges to the same numbers (see sketch.ts). Serialisable to JSON for worker threads and storage.
 */
import type { CompiledRun } from './compile.js';
import { ExactSum, Histogram, IntSum, Summary, type HistogramJSON, type SummaryJSON } from './sketch.js';
import type { Outcome } from './outcome.js';

/**
 * Version of the serialised partial. Stored chunks outlive the code that wrote them: bump this whenever the
 * fields of a partial or their encoding change, so that an old chunk is refused (and run again) instead of
 * being merged into nonsense. Partials written before versioning carry no number and count as format 1.
 */
export const PARTIAL_FORMAT = 2;

/** A serialised partial of another format version than this code reads. */
export class PartialFormatError extends Error {
  constructor(readonly found: unknown) {
    super(`the partial result has format ${found === undefined ? 1 : String(found)}, this version reads format ${PARTIAL_FORMAT}`);
    this.name = 'PartialFormatError';
  }
}

/** Sensitivity needs per-trial pairs; it uses the first trials of a run, the same whatever the chunking. */
export const SENSITIVITY_TRIALS = 10_000;

const amount = () => new Summary(true, true);
const count = () => new Summary(false);

class Breakdown {
  constructor(
    forms: number,
    readonly total = count(),
    readonly byForm: Summary[] = Array.from({ length: forms }, count),
  ) {}
  merge(o: Breakdown): void {
    this.total.merge(o.total);
    this.byForm.forEach((s, i) => s.merge(o.byForm[i]));
  }
  toJSON() {
    return { total: this.total.toJSON(), byForm: this.byForm.map((s) => s.toJSON()) };
  }
  static fromJSON(j: { total: SummaryJSON; byForm: SummaryJSON[] }): Breakdown {
    return new Breakdown(
      0,
      Summary.fromJSON(j.total),
      j.byForm.map((s) => Summary.fromJSON(s)),
    );
  }
}

const exactFromJSON = (p: number[]) => {
  const s = new ExactSum();
  s.partials = [...p];
  return s;
};

export class PeriodPartial {
  cost = amount();
  costByForm: IntSum[];
  optionCost = new IntSum();
  revenue = new IntSum();
  careDays: Breakdown;
  admissions: Breakdown;
  overflows: Breakdown;
  census: Breakdown;
  agedOut = count();
  /** Sum over trials of each form's share of place-days used; only forms with a capacity. */
  occupancy: ExactSum[];
  /** Trials in which the unit was open in the period (occupancy is averaged over these). */
  occupancyTrials: number[];
  budgetExceeded = 0;
  overrun = new IntSum();
  delta = amount();
  saving = 0;

  constructor(forms: number) {
    this.costByForm = Array.from({ length: forms }, () => new IntSum());
    this.careDays = new Breakdown(forms);
    this.admissions = new Breakdown(forms);
    this.overflows = new Breakdown(forms);
    this.census = new Breakdown(forms);
    this.occupancy = Array.from({ length: forms }, () => new ExactSum());
    this.occupancyTrials = new Array(forms).fill(0);
  }

  merge(o: PeriodPartial): void {
    this.cost.merge(o.cost);
    this.costByForm.forEach((s, i) => s.merge(o.costByForm[i]));
    this.optionCost.merge(o.optionCost);
    this.revenue.merge(o.revenue);
    this.careDays.merge(o.careDays);
    this.admissions.merge(o.admissions);
    this.overflows.merge(o.overflows);
    this.census.merge(o.census);
    this.agedOut.merge(o.agedOut);
    this.occupancy.forEach((s, i) => s.merge(o.occupancy[i]));
    this.occupancyTrials = this.occupancyTrials.map((n, i) => n + o.occupancyTrials[i]);
    this.budgetExceeded += o.budgetExceeded;
    this.overrun.merge(o.overrun);
    this.delta.merge(o.delta);
    this.saving += o.saving;
  }

  toJSON() {
    return {
      cost: this.cost.toJSON(),
      costByForm: this.costByForm.map((x) => x.toJSON()),
      optionCost: this.optionCost.toJSON(),
      revenue: this.revenue.toJSON(),
      careDays: this.careDays.toJSON(),
      admissions: this.admissions.toJSON(),
      overflows: this.overflows.toJSON(),
      census: this.census.toJSON(),
      agedOut: this.agedOut.toJSON(),
      occupancy: this.occupancy.map((x) => x.partials),
      occupancyTrials: this.occupancyTrials,
      budgetExceeded: this.budgetExceeded,
      overrun: this.overrun.toJSON(),
      delta: this.delta.toJSON(),
      saving: this.saving,
    };
  }

  static fromJSON(j: ReturnType<PeriodPartial['toJSON']>): PeriodPartial {
    const p = new PeriodPartial(0);
    p.cost = Summary.fromJSON(j.cost);
    p.costByForm = j.costByForm.map(IntSum.fromJSON);
    p.optionCost = IntSum.fromJSON(j.optionCost);
    p.revenue = IntSum.fromJSON(j.revenue);
    p.careDays = Breakdown.fromJSON(j.careDays);
    p.admissions = Breakdown.fromJSON(j.admissions);
    p.overflows = Breakdown.fromJSON(j.overflows);
    p.census = Breakdown.fromJSON(j.census);
    p.agedOut = Summary.fromJSON(j.agedOut);
    p.occupancy = j.occupancy.map(exactFromJSON);
    p.occupancyTrials = [...j.occupancyTrials];
    p.budgetExceeded = j.budgetExceeded;
    p.overrun = IntSum.fromJSON(j.overrun);
    p.delta = Summary.fromJSON(j.delta);
    p.saving = j.saving;
    return p;
  }
}

export class ScenarioPartial {
  periods: PeriodPartial[];
  monthlyCost: Histogram[];
  monthlyCensus: Histogram[];
  /** Month index at which the cumulative net saving first turns positive, over trials that break even. */
  breakEven = new Histogram(true);

  constructor(periods: number, forms: number, months: number) {
    this.periods = Array.from({ length: periods }, () => new PeriodPartial(forms));
    this.monthlyCost = Array.from({ length: months }, () => new Histogram(false));
    this.monthlyCensus = Array.from({ length: months }, () => new Histogram(true));
  }

  merge(o: ScenarioPartial): void {
    this.periods.forEach((p, i) => p.merge(o.periods[i]));
    this.monthlyCost.forEach((h, i) => h.merge(o.monthlyCost[i]));
    this.monthlyCensus.forEach((h, i) => h.merge(o.monthlyCensus[i]));
    this.breakEven.merge(o.breakEven);
  }

  toJSON() {
    return {
      periods: this.periods.map((p) => p.toJSON()),
      monthlyCost: this.monthlyCost.map((h) => h.toJSON()),
      monthlyCensus: this.monthlyCensus.map((h) => h.toJSON()),
      breakEven: this.breakEven.toJSON(),
    };
  }

  static fromJSON(j: ReturnType<ScenarioPartial['toJSON']>): ScenarioPartial {
    const s = new ScenarioPartial(0, 0, 0);
    s.periods = j.periods.map((p) => PeriodPartial.fromJSON(p));
    s.monthlyCost = j.monthlyCost.map((h: HistogramJSON) => Histogram.fromJSON(h));
    s.monthlyCensus = j.monthlyCensus.map((h: HistogramJSON) => Histogram.fromJSON(h));
    s.breakEven = Histogram.fromJSON(j.breakEven);
    return s;
  }
}

/** Per-trial values kept for the first SENSITIVITY_TRIALS trials, as a block starting at `from`. */
export interface SensitivityBlock {
  from: number;
  /** [parameter][trial - from] */
  params: number[][];
  /** [scenario][trial - from], total-horizon cost and delta */
  cost: number[][];
  delta: number[][];
}

export interface RunPartialJSON {
  format: typeof PARTIAL_FORMAT;
  trials: number;
  ranges: [number, number][];
  scenarios: ReturnType<ScenarioPartial['toJSON']>[];
  sensitivity: SensitivityBlock[];
}

export class RunPartial {
  /** Trial ranges [from, to) covered, kept to check that a merge is complete and has no overlap. */
  ranges: [number, number][] = [];
  scenarios: ScenarioPartial[];
  sensitivity: SensitivityBlock[] = [];

  constructor(
    readonly trials: number,
    run: CompiledRun | null,
  ) {
    this.scenarios = run ? run.scenarios.map(() => new ScenarioPartial(run.cal.periods.length, run.forms.length, run.cal.months)) : [];
  }

  merge(o: RunPartial): void {
    for (const [a, b] of o.ranges) {
      for (const [c, d] of this.ranges) {
        if (a < d && c < b) throw new Error(`trial ranges overlap: [${a}, ${b}) and [${c}, ${d})`);
      }
    }
    this.ranges.push(...o.ranges);
    this.ranges.sort((x, y) => x[0] - y[0]);
    if (this.scenarios.length === 0) this.scenarios = o.scenarios;
    else this.scenarios.forEach((s, i) => s.merge(o.scenarios[i]));
    this.sensitivity.push(...o.sensitivity);
    this.sensitivity.sort((x, y) => x.from - y.from);
  }

  /** Number of trials covered. */
  covered(): number {
    return this.ranges.reduce((a, [x, y]) => a + (y - x), 0);
  }

  toJSON(): RunPartialJSON {
    return {
      format: PARTIAL_FORMAT,
      trials: this.trials,
      ranges: this.ranges,
      scenarios: this.scenarios.map((s) => s.toJSON()),
      sensitivity: this.sensitivity,
    };
  }

  /** Throws PartialFormatError for a partial written in another format version. */
  static fromJSON(j: RunPartialJSON): RunPartial {
    const found = (j as { format?: unknown } | null)?.format;
    if (found !== PARTIAL_FORMAT) throw new PartialFormatError(found);
    const r = new RunPartial(j.trials, null);
    r.ranges = j.ranges.map(([a, b]) => [a, b]);
    r.scenarios = j.scenarios.map((s) => ScenarioPartial.fromJSON(s));
    r.sensitivity = j.sensitivity;
    return r;
  }
}

/** Something that takes one whole-number value per trial. */
interface Sink {
  add(x: number): void;
}

/** Trials buffered before their values are poured into the summaries. */
const BLOCK = 128;

/**
 * Adds trials' outcomes (all scenarios, the baseline first) to a partial. A trial touches thousands of
 * summaries; writing to them one trial at a time misses the cache on every value, so values are buffered
 * column-wise and poured in blocks of trials, one summary at a time. Call `flush` after the last trial.
 */
export class TrialRecorder {
  private readonly baselinePeriodCost: Float64Array;
  private sinks: Sink[] = [];
  private buf = new Float64Array(0);
  private j = 0;
  private t = 0;

  constructor(
    private readonly run: CompiledRun,
    private readonly partial: RunPartial,
  ) {
    this.baselinePeriodCost = new Float64Array(run.cal.periods.length);
  }

  /** Queues one value for a summary; every trial puts to the same sinks in the same order. */
  private put(sink: Sink, x: number): void {
    const j = this.j++;
    if (j >= this.sinks.length) {
      this.sinks.push(sink);
      if (this.buf.length < this.sinks.length * BLOCK) {
        const grown = new Float64Array(Math.max(1024 * BLOCK, this.buf.length * 2));
        grown.set(this.buf);
        this.buf = grown;
      }
    }
    this.buf[j * BLOCK + this.t] = x;
  }

  flush(): void {
    const n = this.t;
    const buf = this.buf;
    this.sinks.forEach((sink, j) => {
      for (let i = j * BLOCK, end = j * BLOCK + n; i < end; i++) sink.add(buf[i]);
    });
    this.t = 0;
  }

  record(outcomes: Outcome[], params: Float64Array, trial: number, block: SensitivityBlock | null): void {
    this.j = 0;
    for (let s = 0; s < outcomes.length; s++) this.recordScenario(this.partial.scenarios[s], outcomes[s], outcomes[0], s);
    if (++this.t === BLOCK) this.flush();
    if (block) {
      const t = trial - block.from;
      params.forEach((v, i) => (block.params[i][t] = v));
      outcomes.forEach((out, s) => {
        let c = 0;
        for (let m = 0; m < out.months; m++) c += out.cost[m];
        block.cost[s][t] = c;
        block.delta[s][t] = s === 0 ? 0 : c - block.cost[0][t];
      });
    }
  }

  private recordScenario(sp: ScenarioPartial, out: Outcome, baseline: Outcome, s: number): void {
    const { cal, forms, budget } = this.run;
    const M = cal.months;
    const F = forms.length;
    const periods = cal.periodMonths;
    for (let pi = 0; pi < periods.length; pi++) {
      const [m0, m1] = periods[pi];
      const pp = sp.periods[pi];
      let cost = 0;
      let optionCost = 0;
      let revenue = 0;
      let aged = 0;
      for (let m = m0; m < m1; m++) {
        cost += out.cost[m];
        optionCost += out.optionCost[m];
        revenue += out.revenue[m];
        aged += out.agedOut[m];
      }
      // Whole kronor, so that sums are exact and chunking cannot change a digit (see sketch.ts).
      cost = Math.round(cost);
      this.put(pp.cost, cost);
      pp.optionCost.add(Math.round(optionCost));
      pp.revenue.add(Math.round(revenue));
      let care = 0;
      let adm = 0;
      let ovf = 0;
      let cen = 0;
      for (let f = 0; f < F; f++) {
        if (out.openMonth[f] >= M) continue;
        const base = f * M;
        let fc = 0;
        let cd = 0;
        let ad = 0;
        let ov = 0;
        for (let m = m0; m < m1; m++) {
          fc += out.formCost[base + m];
          cd += out.careDays[base + m];
          ad += out.admissions[base + m];
          ov += out.overflows[base + m];
        }
        const ce = out.census[base + m1 - 1];
        pp.costByForm[f].add(Math.round(fc));
        this.put(pp.careDays.byForm[f], cd);
        this.put(pp.admissions.byForm[f], ad);
        this.put(pp.overflows.byForm[f], ov);
        this.put(pp.census.byForm[f], ce);
        care += cd;
        adm += ad;
        ovf += ov;
        cen += ce;
        const cap = forms[f].capacity;
        if (cap > 0) {
          let placeDays = 0;
          for (let m = Math.max(m0, out.openMonth[f]); m < m1; m++) placeDays += cal.daysInMonth[m];
          if (placeDays > 0) {
            pp.occupancy[f].add(cd / (cap * placeDays));
            pp.occupancyTrials[f]++;
          }
        }
      }
      this.put(pp.careDays.total, care);
      this.put(pp.admissions.total, adm);
      this.put(pp.overflows.total, ovf);
      this.put(pp.census.total, cen);
      this.put(pp.agedOut, aged);
      const b = budget[pi];
      if (b !== null) {
        if (cost > b) pp.budgetExceeded++;
        pp.overrun.add(Math.max(0, cost - b));
      }
      if (s === 0) {
        this.baselinePeriodCost[pi] = cost;
      } else {
        const delta = cost - this.baselinePeriodCost[pi];
        this.put(pp.delta, delta);
        if (delta < 0) pp.saving++;
      }
    }
    for (let m = 0; m < M; m++) {
      this.put(sp.monthlyCost[m], Math.round(out.cost[m]));
      let c = 0;
      for (let f = 0; f < F; f++) c += out.census[f * M + m];
      this.put(sp.monthlyCensus[m], c);
    }
    if (s > 0) {
      const month = breakEvenMonth(baseline.cost, out.cost, M);
      if (month >= 0) sp.breakEven.add(month);
    }
  }
}

/** First month in which the cumulative saving against the baseline is above zero (pays back); -1 if none. */
export function breakEvenMonth(baseline: Float64Array, scenario: Float64Array, months: number): number {
  let cum = 0;
  for (let m = 0; m < months; m++) {
    cum += baseline[m] - scenario[m];
    if (cum > 0) return m;
  }
  return -1;
}
