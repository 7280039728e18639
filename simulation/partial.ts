/**
 * The partial result of a range of trials: mergeable summaries only, so any split of a run into chunks
 * merges to the same numbers (see sketch.ts). Serialisable to JSON for worker threads and storage.
 */
import { z } from 'zod';
import type { CompiledRun } from './compile.js';
import type { Outcome } from './outcome.js';
import {
  COST_FIELD,
  HISTOGRAM_JSON,
  NET_COST,
  numbers,
  PERIOD_FIELDS,
  PeriodTrial,
  type PeriodField,
  type Sink,
  type SinkQueue,
} from './period-fields.js';
import { PackedIntsError } from './packed-ints.js';
import { Histogram, type PackedHistogramJSON, type Summary } from './sketch.js';

/**
 * Version of the serialised partial. Stored chunks outlive the code that wrote them: bump this whenever the
 * fields of a partial or their encoding change, so that an old chunk is refused (and run again) instead of
 * being merged into nonsense. Partials written before versioning carry no number and count as format 1.
 * Occupancy's encoding changed within format 2 before anything of that format was released; a chunk of the
 * earlier encoding fails the shape check of `RunPartial.fromJSON` and is refused all the same. Format 3 packs
 * every histogram's keys and counts into one string (`{ exact, n, packed }`, packed-ints.ts) instead of two
 * arrays of numbers: a quarter of the size, and much less to parse and check in the merge.
 */
export const PARTIAL_FORMAT = 3;

/**
 * A serialised partial of another format version than this code reads, or one that claims this version but
 * does not have its shape (`problem` says where): a chunk stored before a field was added, or a damaged one.
 */
export class PartialFormatError extends Error {
  constructor(
    readonly found: unknown,
    readonly problem?: string,
  ) {
    super(
      problem === undefined
        ? `the partial result has format ${found === undefined ? 1 : String(found)}, this version reads format ${PARTIAL_FORMAT}`
        : `the partial result does not have the shape of format ${PARTIAL_FORMAT}: ${problem}`,
    );
    this.name = 'PartialFormatError';
  }
}

/** Sensitivity needs per-trial pairs; it uses the first trials of a run, the same whatever the chunking. */
export const SENSITIVITY_TRIALS = 10_000;

const FIELD_INDEX = new Map(PERIOD_FIELDS.map((f, k) => [f, k]));

/**
 * One scenario's accumulators for one period: one per entry of PERIOD_FIELDS (period-fields.ts), which says
 * how each is merged, stored, recorded and finalised.
 */
export class PeriodPartial {
  readonly acc: unknown[];

  constructor(forms: number, acc?: unknown[]) {
    this.acc = acc ?? PERIOD_FIELDS.map((f) => f.create(forms));
  }

  /** One field's accumulator, typed. */
  of<A, J>(field: PeriodField<A, J>): A {
    const k = FIELD_INDEX.get(field as PeriodField);
    if (k === undefined) throw new RangeError(`${field.name} is not in PERIOD_FIELDS`);
    return this.acc[k] as A;
  }

  /** The period's cost summary (its histogram gives P(cost <= x)). */
  get cost(): Summary {
    return this.of(COST_FIELD);
  }

  merge(o: PeriodPartial): void {
    PERIOD_FIELDS.forEach((f, k) => f.merge(this.acc[k], o.acc[k]));
  }

  toJSON(): PeriodPartialJSON {
    const j: PeriodPartialJSON = {};
    PERIOD_FIELDS.forEach((f, k) => (j[f.name] = f.toJSON(this.acc[k])));
    return j;
  }

  /** Expects JSON already checked against its format (RunPartial.fromJSON does); histograms are checked here. */
  static fromJSON(j: PeriodPartialJSON): PeriodPartial {
    return new PeriodPartial(
      0,
      PERIOD_FIELDS.map((f) => decodingAt(f.name, () => f.fromJSON(j[f.name]))),
    );
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
    if (o.periods.length !== this.periods.length || o.monthlyCost.length !== this.monthlyCost.length) {
      throw new Error(
        `partial results of different runs: ${this.periods.length} periods and ${this.monthlyCost.length} months in one, ` +
          `${o.periods.length} and ${o.monthlyCost.length} in the other`,
      );
    }
    this.periods.forEach((p, i) => p.merge(o.periods[i]));
    this.monthlyCost.forEach((h, i) => h.merge(o.monthlyCost[i]));
    this.monthlyCensus.forEach((h, i) => h.merge(o.monthlyCensus[i]));
    this.breakEven.merge(o.breakEven);
  }

  toJSON(): ScenarioPartialJSON {
    return {
      periods: this.periods.map((p) => p.toJSON()),
      monthlyCost: this.monthlyCost.map((h) => h.toPacked()),
      monthlyCensus: this.monthlyCensus.map((h) => h.toPacked()),
      breakEven: this.breakEven.toPacked(),
    };
  }

  static fromJSON(j: ScenarioPartialJSON): ScenarioPartial {
    const s = new ScenarioPartial(0, 0, 0);
    const histograms = (name: string, hs: PackedHistogramJSON[]) =>
      hs.map((h, m) => decodingAt(`${name}.${m}`, () => Histogram.fromPacked(h)));
    s.periods = j.periods.map((p, i) => decodingAt(`periods.${i}`, () => PeriodPartial.fromJSON(p)));
    s.monthlyCost = histograms('monthlyCost', j.monthlyCost);
    s.monthlyCensus = histograms('monthlyCensus', j.monthlyCensus);
    s.breakEven = decodingAt('breakEven', () => Histogram.fromPacked(j.breakEven));
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

/** Accumulators by field name (PERIOD_FIELDS), each in its field's JSON shape. */
export type PeriodPartialJSON = Record<string, unknown>;

export interface ScenarioPartialJSON {
  periods: PeriodPartialJSON[];
  monthlyCost: PackedHistogramJSON[];
  monthlyCensus: PackedHistogramJSON[];
  breakEven: PackedHistogramJSON;
}

export interface RunPartialJSON {
  format: typeof PARTIAL_FORMAT;
  trials: number;
  ranges: [number, number][];
  scenarios: ScenarioPartialJSON[];
  sensitivity: SensitivityBlock[];
}

const wholeNumber = z.number().int().nonnegative();
const perTrial = z.array(numbers);

/**
 * The shape a stored partial of this format must have, checked before anything is built from it: a missing
 * or mistyped accumulator would otherwise surface deep in a merge (`BigInt(undefined)`), or not at all.
 */
const RunPartialShape = z.object({
  format: z.literal(PARTIAL_FORMAT),
  trials: wholeNumber,
  ranges: z.array(z.tuple([wholeNumber, wholeNumber]).refine(([a, b]) => a <= b, 'a range must not end before it starts')),
  scenarios: z.array(
    z.object({
      periods: z.array(z.object(Object.fromEntries(PERIOD_FIELDS.map((f) => [f.name, f.json])))),
      monthlyCost: z.array(HISTOGRAM_JSON.binned),
      monthlyCensus: z.array(HISTOGRAM_JSON.exact),
      breakEven: HISTOGRAM_JSON.exact,
    }),
  ),
  sensitivity: z.array(z.object({ from: wholeNumber, params: perTrial, cost: perTrial, delta: perTrial })),
});

/**
 * Runs one step of building a partial from its checked JSON, adding `where` to the path of a packed histogram
 * that fails to decode, so that the refusal says where the damage is, as the shape check does.
 */
function decodingAt<T>(where: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof PackedIntsError) e.path.unshift(where);
    throw e;
  }
}

/** The first few problems of a partial that does not have its format's shape, with their paths. */
function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
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
    if (o.trials !== this.trials)
      throw new Error(`partial results of different runs: ${this.trials} trials in one, ${o.trials} in the other`);
    if (this.scenarios.length !== 0 && o.scenarios.length !== this.scenarios.length) {
      throw new Error(`partial results of different runs: ${this.scenarios.length} scenarios in one, ${o.scenarios.length} in the other`);
    }
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

  /**
   * Throws PartialFormatError for a partial written in another format version, or one whose shape does not
   * match its version's.
   */
  static fromJSON(json: unknown): RunPartial {
    const found = (json as { format?: unknown } | null)?.format;
    if (found !== PARTIAL_FORMAT) throw new PartialFormatError(found);
    const checked = RunPartialShape.safeParse(json);
    if (!checked.success) throw new PartialFormatError(found, describeIssues(checked.error));
    const j = checked.data;
    const r = new RunPartial(j.trials, null);
    r.ranges = j.ranges.map(([a, b]) => [a, b]);
    try {
      r.scenarios = j.scenarios.map((s, i) => decodingAt(`scenarios.${i}`, () => ScenarioPartial.fromJSON(s as ScenarioPartialJSON)));
    } catch (e) {
      if (e instanceof PackedIntsError) throw new PartialFormatError(found, `${e.path.join('.')}: ${e.message}`);
      throw e;
    }
    r.sensitivity = j.sensitivity;
    return r;
  }
}

/**
 * Trials buffered before their values are poured into the summaries. The summaries' histograms take tens of
 * megabytes, far more than the caches: each pour of a block reloads the part of a histogram it touches, so the
 * more values per pour, the fewer loads per value (512 measured faster than 128 or 1,024).
 */
const BLOCK = 512;
/**
 * From one summary's column of the buffer to the next: a block and one cache line (8 doubles) more. With a
 * power-of-two stride the values a trial puts would all fall in a few cache sets and evict one another.
 */
const STRIDE_PAD = 8;

/**
 * Adds trials' outcomes (all scenarios, the baseline first) to a partial. A trial touches thousands of
 * summaries; writing to them one trial at a time misses the cache on every value, so values are buffered
 * column-wise and poured in blocks of trials, one summary at a time. Call `flush` after the last trial.
 */
export class TrialRecorder implements SinkQueue {
  private readonly baselinePeriodCost: Float64Array;
  private readonly trial: PeriodTrial;
  /** Trials a block holds: BLOCK, or fewer for a range of fewer trials (the page's preview, a small chunk). */
  private readonly block: number;
  private readonly stride: number;
  private sinks: Sink[] = [];
  /**
   * Values put to sinks not seen before (the first trial's), kept until the trial ends: then the buffer is made
   * once at its size, where growing it while the first trial put its thousands of values allocated and copied
   * three times as much, for every chunk.
   */
  private added: number[] = [];
  private buf = new Float64Array(0);
  private j = 0;
  private t = 0;

  /** `trials`: how many trials the recorder will take at most, when known (a block is no larger). */
  constructor(
    private readonly run: CompiledRun,
    private readonly partial: RunPartial,
    trials = BLOCK,
  ) {
    this.baselinePeriodCost = new Float64Array(run.cal.periods.length);
    this.trial = new PeriodTrial(run);
    this.block = Math.max(1, Math.min(BLOCK, trials));
    this.stride = this.block + STRIDE_PAD;
  }

  /** Queues one value for a summary; every trial puts to the same sinks in the same order. */
  put(sink: Sink, x: number): void {
    const j = this.j++;
    if (j < this.sinks.length) this.buf[j * this.stride + this.t] = x;
    else {
      this.sinks.push(sink);
      this.added.push(x);
    }
  }

  /** Makes room in the buffer for the sinks the trial just ended added, and stores their values. */
  private placeAdded(): void {
    const { added, stride, t } = this;
    const first = this.sinks.length - added.length;
    const grown = new Float64Array(this.sinks.length * stride);
    grown.set(this.buf.subarray(0, first * stride));
    for (let i = 0; i < added.length; i++) grown[(first + i) * stride + t] = added[i];
    this.buf = grown;
    this.added = [];
  }

  flush(): void {
    const n = this.t;
    const { buf, sinks, stride } = this;
    // One call per summary and block: the loops over the block's values inside are monomorphic.
    for (let j = 0; j < sinks.length; j++) sinks[j].addValues(buf, j * stride, j * stride + n);
    this.t = 0;
  }

  record(outcomes: Outcome[], params: Float64Array, trial: number, block: SensitivityBlock | null): void {
    this.j = 0;
    for (let s = 0; s < outcomes.length; s++) this.recordScenario(this.partial.scenarios[s], outcomes[s], outcomes[0], s);
    if (this.added.length > 0) this.placeAdded();
    if (++this.t === this.block) this.flush();
    if (block) {
      const t = trial - block.from;
      for (let i = 0; i < params.length; i++) block.params[i][t] = params[i];
      for (let s = 0; s < outcomes.length; s++) {
        const { cost, months } = outcomes[s];
        let c = 0;
        for (let m = 0; m < months; m++) c += cost[m];
        block.cost[s][t] = c;
        block.delta[s][t] = s === 0 ? 0 : c - block.cost[0][t];
      }
    }
  }

  private recordScenario(sp: ScenarioPartial, out: Outcome, baseline: Outcome, s: number): void {
    const { cal, forms, budget, outcomeToDate } = this.run;
    const M = cal.months;
    const F = forms.length;
    const periods = cal.periodMonths;
    const fields = PERIOD_FIELDS;
    const pt = this.trial;
    pt.setOutcome(out, s);
    for (let pi = 0; pi < periods.length; pi++) {
      const [m0, m1] = periods[pi];
      pt.pi = pi;
      pt.m0 = m0;
      pt.m1 = m1;
      // Whole kronor, so that sums are exact and chunking cannot change a digit (see sketch.ts).
      const cost = Math.round(pt.total(NET_COST));
      if (s === 0) this.baselinePeriodCost[pi] = cost;
      pt.cost = cost;
      pt.baselineCost = this.baselinePeriodCost[pi];
      pt.budget = budget[pi];
      pt.booked = outcomeToDate[pi] ?? 0;
      const acc = sp.periods[pi].acc;
      for (let k = 0; k < fields.length; k++) fields[k].record(acc[k], pt, this);
    }
    for (let m = 0; m < M; m++) {
      this.put(sp.monthlyCost[m], Math.round(out.cost[m]));
      this.put(sp.monthlyCensus[m], censusInMonth(out.census, F, M, m));
    }
    if (s > 0) {
      const month = breakEvenMonth(baseline.cost, out.cost, M);
      if (month >= 0) sp.breakEven.add(month);
    }
  }
}

/**
 * The census over all forms in month m, added in an integer: a form-major sum into an array of doubles, a
 * form's row at a time, took longer than all the summaries' pours of those values.
 */
function censusInMonth(census: Int32Array, forms: number, months: number, m: number): number {
  let c = 0;
  for (let i = m; i < forms * months; i += months) c += census[i];
  return c;
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
