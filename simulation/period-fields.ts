/**
 * Every per-period field of a result in one list: what it accumulates over trials, how a trial's value comes
 * from the Outcome, how its accumulator is merged, stored and checked, and where it lands in PeriodResult.
 * PeriodPartial (partial.ts), TrialRecorder and the finaliser are driven by this list, so a new per-period
 * field is one entry here plus its key in the result schema (result.ts); see docs/engine.md.
 *
 * The accumulators are the mergeable summaries of sketch.ts: every value they sum is a whole number, so any
 * chunking gives the same bits.
 */
import { z } from 'zod';
import type { CompiledRun } from './compile.js';
import type { Outcome } from './outcome.js';
import type { PeriodResult, Stats } from './result.js';
import { ExactSum, IntSum, Summary, type PackedHistogramJSON, type SummaryJSON } from './sketch.js';

export const FAN_PS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];
const STATS_PS = [0.1, 0.5, 0.9];

export function stats(s: Summary): Stats {
  const [p10, p50, p90] = s.hist.quantiles(STATS_PS);
  return { mean: s.mean(), p10, p50, p90 };
}

/**
 * A series of an Outcome reduced to one value per period, and per form if it is per form and month, as a field
 * declares it (`periodSum`, `atPeriodEnd`, `monthlySum`). PeriodTrial works out a series' values for all open
 * forms and all periods in one typed loop the first time a field asks for it in a scenario's trial, so the
 * fields that read it (and the periods) share the work, and the hot path calls no per-field closure per form.
 */
export interface FormSeries {
  /** Index of its table in PeriodTrial. */
  readonly id: number;
  series(out: Outcome): Float64Array | Int32Array;
  /** A per-form-and-month series (read by PeriodTrial.formValue), or a per-month one (PeriodTrial.total). */
  readonly perForm: boolean;
  /** `sum`: over the period's months, in month order (amounts are doubles); `end`: the last month's value. */
  readonly reduce: 'sum' | 'end';
  /** Rounded to whole kronor after the sum (amounts, so that sums over trials are exact). */
  readonly round: boolean;
}

const formSeriesList: FormSeries[] = [];

function formSeries(series: FormSeries['series'], perForm: boolean, reduce: FormSeries['reduce'], round: boolean): FormSeries {
  const fs = { id: formSeriesList.length, series, perForm, reduce, round };
  formSeriesList.push(fs);
  return fs;
}

/** A form's sum over the period's months of a series; `round`: to whole kronor. */
export const periodSum = (series: FormSeries['series'], opts: { round?: boolean } = {}): FormSeries =>
  formSeries(series, true, 'sum', opts.round ?? false);

/** A form's value of a series in the last month of the period. */
export const atPeriodEnd = (series: FormSeries['series']): FormSeries => formSeries(series, true, 'end', false);

/** The sum over the period's months of a per-month series. */
export const monthlySum = (series: FormSeries['series']): FormSeries => formSeries(series, false, 'sum', false);

/** The net cost per month summed over the period (rounded by the recorder, which names the period's cost). */
export const NET_COST = monthlySum((o) => o.cost);
const OPTION_COST = monthlySum((o) => o.optionCost);
const REVENUE = monthlySum((o) => o.revenue);
const AGED_OUT = monthlySum((o) => o.agedOut);

/**
 * One trial of one scenario in one period, as the fields see it. The recorder reuses one instance, so the
 * hot path allocates nothing.
 */
export class PeriodTrial {
  out!: Outcome;
  /** Scenario index; 0 is the baseline. */
  s = 0;
  /** Period index. */
  pi = 0;
  /** Months [m0, m1) of the period. */
  m0 = 0;
  m1 = 0;
  /** Net cost of the period in whole kronor: the quantity that cost, budget and delta are about. */
  cost = 0;
  /** The baseline's `cost` in the same trial and period. */
  baselineCost = 0;
  budget: number | null = null;
  /**
   * Whole kronor booked in the period before start (model `outcomeToDate`), 0 when none. Not part of `cost`,
   * which stays the simulated cost so that delta and total never see it; the budget fields add it, and the
   * cost field's finaliser shifts mean and percentiles by it.
   */
  booked = 0;
  /** The forms that exist in this scenario (`openForms` of them); forms of other scenarios' options record nothing. */
  readonly open: Int32Array;
  openForms = 0;
  readonly months: number;
  private readonly forms: number;
  private readonly periodMonths: Int32Array;
  /** Per FormSeries, its values [period * forms + form] for the open forms. */
  private readonly tables: Float64Array[];
  /** Per FormSeries, the `outcomes` count its table was filled at. */
  private readonly filledAt: Int32Array;
  /** Outcomes set so far: a table filled at another count is stale. */
  private outcomes = 0;

  constructor(readonly run: CompiledRun) {
    this.months = run.cal.months;
    this.forms = run.forms.length;
    this.open = new Int32Array(run.forms.length);
    this.periodMonths = Int32Array.from(run.cal.periodMonths.flat());
    if (!yearsThenHorizon(run.cal.periodMonths, this.months)) {
      throw new Error('the periods are not consecutive years followed by the whole horizon, as sumPeriodsF64 and sumPeriodsI32 expect');
    }
    const cells = this.forms * run.cal.periodMonths.length;
    // Series are declared with the fields, at module level: all of them exist by now.
    this.tables = formSeriesList.map((fs) => new Float64Array(fs.perForm ? cells : run.cal.periodMonths.length));
    this.filledAt = new Int32Array(formSeriesList.length).fill(-1);
  }

  /** Starts a scenario's trial. */
  setOutcome(out: Outcome, s: number): void {
    this.out = out;
    this.s = s;
    let n = 0;
    for (let f = 0; f < this.open.length; f++) if (out.openMonth[f] < this.months) this.open[n++] = f;
    this.openForms = n;
    this.outcomes = (this.outcomes + 1) | 0;
  }

  /** A per-month series' sum over the current period (`monthlySum`). */
  total(fs: FormSeries): number {
    const table = this.filledAt[fs.id] === this.outcomes ? this.tables[fs.id] : this.fill(fs);
    return table[this.pi];
  }

  /** Open form f's value of a FormSeries in the current period. */
  formValue(fs: FormSeries, f: number): number {
    const table = this.filledAt[fs.id] === this.outcomes ? this.tables[fs.id] : this.fill(fs);
    return table[this.pi * this.forms + f];
  }

  /** Works out a series' values for all open forms and periods. */
  private fill(fs: FormSeries): Float64Array {
    const table = this.tables[fs.id];
    const series = fs.series(this.out);
    const { forms: F, months: M, periodMonths: pm } = this;
    const years = (pm.length >> 1) - 1;
    if (!fs.perForm) {
      if (series instanceof Float64Array) sumPeriodsF64(series, 0, 0, pm, table, 1, 0, 0, false);
      else sumPeriodsI32(series, 0, pm, table, 1, 0);
      this.filledAt[fs.id] = this.outcomes;
      return table;
    }
    const open = this.open;
    const n = this.openForms;
    if (fs.reduce === 'end') {
      for (let i = 0; i < n; i++) {
        const f = open[i];
        for (let p = 0; p <= years; p++) table[p * F + f] = series[f * M + pm[2 * p + 1] - 1];
      }
    } else if (series instanceof Float64Array) {
      // Two forms at a time, the last one twice if their number is odd (see sumPeriodsF64).
      for (let i = 0; i < n; i += 2) {
        const f = open[i];
        const g = open[Math.min(i + 1, n - 1)];
        sumPeriodsF64(series, f * M, g * M, pm, table, F, f, g, fs.round);
      }
    } else {
      // Sums of integers are whole numbers already: `round` would change nothing.
      for (let i = 0; i < n; i++) sumPeriodsI32(series, open[i] * M, pm, table, F, open[i]);
    }
    this.filledAt[fs.id] = this.outcomes;
    return table;
  }
}

/** Whether the periods are consecutive ranges of months from the first, then the whole horizon (buildCalendar's). */
function yearsThenHorizon(pm: readonly [number, number][], months: number): boolean {
  const last = pm.length - 1;
  if (last < 1 || pm[last][0] !== 0 || pm[last][1] !== months || pm[last - 1][1] !== months) return false;
  return pm.slice(0, last).every(([a, b], p) => a === (p === 0 ? 0 : pm[p - 1][1]) && b > a);
}

/*
 * A form's sums over each year and over the whole horizon (the calendar's periods, the horizon last: see
 * PeriodTrial's constructor), in one pass over its months. Each sum goes month by month from zero, as a loop
 * per period would: for doubles the order of additions pins the result, so each sum is a chain of additions,
 * each waiting for the one before. The chains of the year's and the horizon's sums do not wait for each other,
 * and sumPeriodsF64 runs two forms' chains side by side (a, and b at series[baseB..]; the same form twice for
 * an odd one out, which costs next to nothing more): 6% off the recording of the reference run. Two copies,
 * one per array type, because V8 keeps what it learned about the loads per function: the Int32Array one then
 * adds whole numbers as integers, which wait less for one another.
 */
function sumPeriodsF64(
  series: Float64Array,
  baseA: number,
  baseB: number,
  pm: Int32Array,
  table: Float64Array,
  F: number,
  a: number,
  b: number,
  round: boolean,
): void {
  const years = (pm.length >> 1) - 1;
  let totalA = 0;
  let totalB = 0;
  for (let p = 0; p < years; p++) {
    let xa = 0;
    let xb = 0;
    for (let m = pm[2 * p], end = pm[2 * p + 1]; m < end; m++) {
      const va = series[baseA + m];
      const vb = series[baseB + m];
      xa += va;
      totalA += va;
      xb += vb;
      totalB += vb;
    }
    // Rounded as they are stored (amounts, `round`), rather than in a pass of their own over the table.
    table[p * F + a] = round ? Math.round(xa) : xa;
    table[p * F + b] = round ? Math.round(xb) : xb;
  }
  table[years * F + a] = round ? Math.round(totalA) : totalA;
  table[years * F + b] = round ? Math.round(totalB) : totalB;
}

function sumPeriodsI32(series: Int32Array, base: number, pm: Int32Array, table: Float64Array, F: number, f: number): void {
  const years = (pm.length >> 1) - 1;
  // Sums of 32-bit integers over at most a few thousand months are whole numbers far below 2^53, exact in any
  // order: the horizon's sum is the years' sums added, one addition per month fewer.
  let total = 0;
  for (let p = 0; p < years; p++) {
    let x = 0;
    for (let m = base + pm[2 * p], end = base + pm[2 * p + 1]; m < end; m++) x += series[m];
    table[p * F + f] = x;
    total += x;
  }
  table[years * F + f] = total;
}

/** What a field knows when its accumulator is turned into the result. */
export interface PeriodContext {
  run: CompiledRun;
  trials: number;
  /** Scenario index; 0 is the baseline. */
  s: number;
  /** Forms present in the scenario. */
  active: boolean[];
  budget: number | null;
  /** Whole kronor booked before start in this period (model `outcomeToDate`), or null. */
  outcomeToDate: number | null;
}

/** Something that takes one whole-number value per trial. */
export interface Sink {
  add(x: number): void;
  /** The same as `add` of xs[from..to) in order. */
  addValues(xs: Float64Array, from: number, to: number): void;
}

/** Queues a value for a summary: the recorder pours the queue into summaries in blocks of trials. */
export interface SinkQueue {
  put(sink: Sink, x: number): void;
}

type Section = keyof PeriodResult;
/** Part of one section of PeriodResult; a section's fragments are joined in the order of the fields. */
type Fragment<S extends Section> = Partial<NonNullable<PeriodResult[S]>>;

/** Methods, not function properties: fields of different accumulator types then share one list type. */
export interface PeriodField<A = unknown, J = unknown> {
  /** Key of the accumulator in a stored partial. */
  readonly name: string;
  /** Section of PeriodResult it finalises into. */
  readonly section: Section;
  /** Shape of `toJSON`'s output, checked when a stored partial is read. */
  readonly json: z.ZodType<J>;
  create(forms: number): A;
  /** Adds `from` into `into`; throws if they do not have the same shape (partials of different runs). */
  merge(into: A, from: A): void;
  toJSON(a: A): J;
  fromJSON(j: J): A;
  /** Adds one trial; must put to the same sinks in the same order in every trial of a scenario and period. */
  record(a: A, t: PeriodTrial, q: SinkQueue): void;
  /** Its part of its section of the result, or undefined where the section does not apply. */
  finalize(a: A, c: PeriodContext): object | undefined;
}

function sameLength(a: readonly unknown[], b: readonly unknown[], what: string): void {
  if (a.length !== b.length)
    throw new Error(`partial results of different runs: ${what} has ${a.length} forms in one, ${b.length} in the other`);
}

// Shapes of the serialised summaries (sketch.ts). An amount summary and a count summary differ in their
// encoding (log bins and a sum of squares, or exact keys), and merging one into the other would be silently
// wrong, so each is checked for its own kind.
const intString = z.string().regex(/^-?\d+$/, 'must be a whole number in decimal');

/**
 * An array of finite numbers, checked in one plain loop: sensitivity values and sums hold many of a partial's
 * numbers, and zod's element-by-element parse of them would take longer than JSON.parse itself.
 */
export const numbers = z.custom<number[]>((v) => {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number' || !Number.isFinite(v[i])) return false;
  return true;
}, 'must be an array of numbers');
/** Only the envelope: the packed string is checked as it is decoded (Histogram.fromPacked), in one pass. */
const histogramJSON = (exact: boolean): z.ZodType<PackedHistogramJSON> =>
  z.object({ exact: z.literal(exact), n: z.number().int().nonnegative(), packed: z.string() });
const amountJSON: z.ZodType<SummaryJSON> = z.object({ sum: intString, sumSq: numbers, hist: histogramJSON(false) });
const countJSON: z.ZodType<SummaryJSON> = z.object({ sum: intString, sumSq: z.null(), hist: histogramJSON(true) });
export const HISTOGRAM_JSON = { exact: histogramJSON(true), binned: histogramJSON(false) };

interface FieldSpec<S extends Section, A> {
  section: S;
  finalize(a: A, c: PeriodContext): Fragment<S> | undefined;
}

/**
 * A per-trial amount in whole kronor with mean, sd and binned percentiles; `value` null: not recorded in this
 * scenario and period (the same for all its trials).
 */
export function amountField<S extends Section>(
  name: string,
  spec: FieldSpec<S, Summary> & { value(t: PeriodTrial): number | null },
): PeriodField<Summary, SummaryJSON> {
  return summaryField(name, spec, amountJSON, () => new Summary(true, true));
}

/** A per-trial count with mean and exact percentiles. */
export function countField<S extends Section>(
  name: string,
  spec: FieldSpec<S, Summary> & { value(t: PeriodTrial): number | null },
): PeriodField<Summary, SummaryJSON> {
  return summaryField(name, spec, countJSON, () => new Summary(false));
}

function summaryField<S extends Section>(
  name: string,
  spec: FieldSpec<S, Summary> & { value(t: PeriodTrial): number | null },
  json: z.ZodType<SummaryJSON>,
  create: () => Summary,
): PeriodField<Summary, SummaryJSON> {
  return {
    name,
    section: spec.section,
    json,
    create,
    merge: (into, from) => into.merge(from),
    toJSON: (a) => a.toJSON(),
    fromJSON: (j) => Summary.fromJSON(j),
    record(a, t, q) {
      const x = spec.value(t);
      if (x !== null) q.put(a, x);
    },
    finalize: (a, c) => spec.finalize(a, c),
  };
}

export interface Breakdown {
  total: Summary;
  byForm: Summary[];
}

/** A count per form and over all forms of the scenario, each with mean and exact percentiles. */
export function breakdownField<S extends Section>(
  name: string,
  spec: { section: S; formValue: FormSeries },
): PeriodField<Breakdown, { total: SummaryJSON; byForm: SummaryJSON[] }> {
  const count = () => new Summary(false);
  return {
    name,
    section: spec.section,
    json: z.object({ total: countJSON, byForm: z.array(countJSON) }),
    create: (forms) => ({ total: count(), byForm: Array.from({ length: forms }, count) }),
    merge(into, from) {
      sameLength(into.byForm, from.byForm, name);
      into.total.merge(from.total);
      into.byForm.forEach((s, i) => s.merge(from.byForm[i]));
    },
    toJSON: (a) => ({ total: a.total.toJSON(), byForm: a.byForm.map((s) => s.toJSON()) }),
    fromJSON: (j) => ({ total: Summary.fromJSON(j.total), byForm: j.byForm.map((s) => Summary.fromJSON(s)) }),
    record(a, t, q) {
      let total = 0;
      for (let i = 0; i < t.openForms; i++) {
        const f = t.open[i];
        const x = t.formValue(spec.formValue, f);
        q.put(a.byForm[f], x);
        total += x;
      }
      q.put(a.total, total);
    },
    finalize(a, c) {
      const byForm: Record<string, Stats> = {};
      c.run.forms.forEach((f, i) => {
        if (c.active[i]) byForm[f.id] = stats(a.byForm[i]);
      });
      return { total: stats(a.total), byForm };
    },
  };
}

/** An exact sum over trials of a whole number (kronor), for means only. */
export function sumField<S extends Section>(
  name: string,
  spec: FieldSpec<S, IntSum> & { value(t: PeriodTrial): number | null },
): PeriodField<IntSum, string> {
  return {
    name,
    section: spec.section,
    json: intString,
    create: () => new IntSum(),
    merge: (into, from) => into.merge(from),
    toJSON: (a) => a.toJSON(),
    fromJSON: (j) => IntSum.fromJSON(j),
    record(a, t) {
      const x = spec.value(t);
      if (x !== null) a.add(x);
    },
    finalize: (a, c) => spec.finalize(a, c),
  };
}

/** An exact sum over trials of a whole number per form. */
export function formSumField<S extends Section>(
  name: string,
  spec: FieldSpec<S, IntSum[]> & { formValue: FormSeries },
): PeriodField<IntSum[], string[]> {
  return {
    name,
    section: spec.section,
    json: z.array(intString),
    create: (forms) => Array.from({ length: forms }, () => new IntSum()),
    merge(into, from) {
      sameLength(into, from, name);
      into.forEach((s, i) => s.merge(from[i]));
    },
    toJSON: (a) => a.map((s) => s.toJSON()),
    fromJSON: (j) => j.map((s) => IntSum.fromJSON(s)),
    record(a, t) {
      for (let i = 0; i < t.openForms; i++) {
        const f = t.open[i];
        a[f].add(t.formValue(spec.formValue, f));
      }
    },
    finalize: (a, c) => spec.finalize(a, c),
  };
}

export class Tally {
  n = 0;
}

/** The number of trials in which something happened. */
export function tallyField<S extends Section>(
  name: string,
  spec: FieldSpec<S, number> & { test(t: PeriodTrial): boolean },
): PeriodField<Tally, number> {
  return {
    name,
    section: spec.section,
    json: z.number().int().nonnegative(),
    create: () => new Tally(),
    merge(into, from) {
      into.n += from.n;
    },
    toJSON: (a) => a.n,
    fromJSON(j) {
      const a = new Tally();
      a.n = j;
      return a;
    },
    record(a, t) {
      if (spec.test(t)) a.n++;
    },
    finalize: (a, c) => spec.finalize(a.n, c),
  };
}

export interface Occupancy {
  /** Per form, the sum over trials of the share of place-days used; only forms with a capacity. */
  sums: ExactSum[];
  /** Per form, the trials in which the unit was open in the period (the share is averaged over these). */
  trials: number[];
}

const exactFromJSON = (p: number[]) => {
  const s = new ExactSum();
  s.partials = [...p];
  return s;
};

/** Care days per form and period: a breakdown of its own, and what occupancy is the share of. */
const CARE_DAYS = periodSum((o) => o.careDays);

const occupancyField: PeriodField<Occupancy, { sums: number[][]; trials: number[] }> = {
  name: 'occupancy',
  section: 'occupancy',
  json: z
    .object({ sums: z.array(numbers), trials: z.array(z.number().int().nonnegative()) })
    .refine((o) => o.sums.length === o.trials.length, 'sums and trials differ in length'),
  create: (forms) => ({ sums: Array.from({ length: forms }, () => new ExactSum()), trials: new Array<number>(forms).fill(0) }),
  merge(into, from) {
    sameLength(into.sums, from.sums, 'occupancy');
    into.sums.forEach((s, i) => s.merge(from.sums[i]));
    into.trials.forEach((n, i) => (into.trials[i] = n + from.trials[i]));
  },
  toJSON: (a) => ({ sums: a.sums.map((s) => s.partials), trials: a.trials }),
  fromJSON: (j) => ({ sums: j.sums.map(exactFromJSON), trials: [...j.trials] }),
  record(a, t) {
    const { forms, cal } = t.run;
    for (let i = 0; i < t.openForms; i++) {
      const f = t.open[i];
      const cap = forms[f].capacity;
      if (cap <= 0) continue;
      let placeDays = 0;
      for (let m = Math.max(t.m0, t.out.openMonth[f]); m < t.m1; m++) placeDays += cal.daysInMonth[m];
      if (placeDays > 0) {
        a.sums[f].add(t.formValue(CARE_DAYS, f) / (cap * placeDays));
        a.trials[f]++;
      }
    }
  },
  finalize(a, c) {
    const occupancy: Record<string, number> = {};
    c.run.forms.forEach((f, i) => {
      if (c.active[i] && f.capacity > 0 && a.trials[i] > 0) occupancy[f.id] = a.sums[i].value() / a.trials[i];
    });
    return occupancy;
  },
};

/** The delta is paired per trial: the scenario's cost minus the baseline's in the same trial and period. */
const delta = (t: PeriodTrial): number | null => (t.s === 0 ? null : t.cost - t.baselineCost);
const perForm = (c: PeriodContext, value: (i: number) => number): Record<string, number> => {
  const out: Record<string, number> = {};
  c.run.forms.forEach((f, i) => {
    if (c.active[i]) out[f.id] = value(i);
  });
  return out;
};

/**
 * The period's net cost; named because the service reads its histogram for P(cost <= x). The histogram holds
 * the simulated cost; an amount booked before start is the same in every trial, so it is added to the mean and
 * each percentile here, which shifts them by exactly that amount (shifting the values into the log bins would
 * move every percentile by up to a bin's width) and leaves the sd as it is.
 */
export const COST_FIELD = amountField('cost', {
  section: 'cost',
  value: (t) => t.cost,
  finalize(a, c) {
    const booked = c.outcomeToDate ?? 0;
    const [p5, p10, p25, p50, p75, p90, p95] = a.hist.quantiles(FAN_PS).map((q) => q + booked);
    const sd = a.sd();
    return { mean: a.mean() + booked, sd, mcse: sd / Math.sqrt(c.trials), p5, p10, p25, p50, p75, p90, p95 };
  },
});

/**
 * The fields in the order of their sections in PeriodResult, and within a section in the order of its keys:
 * fragments are joined in this order, and the result's key order is part of what the golden tests pin.
 * Amounts are rounded to whole kronor per trial here, so that sums are exact (see sketch.ts).
 */
export const PERIOD_FIELDS: readonly PeriodField[] = [
  COST_FIELD,
  formSumField('costByForm', {
    section: 'cost',
    formValue: periodSum((o) => o.formCost, { round: true }),
    finalize: (a, c) => ({ byForm: perForm(c, (i) => a[i].value() / c.trials) }),
  }),
  sumField('optionCost', {
    section: 'cost',
    value: (t) => Math.round(t.total(OPTION_COST)),
    finalize: (a, c) => ({ optionCost: a.value() / c.trials }),
  }),
  sumField('revenue', {
    section: 'cost',
    value: (t) => Math.round(t.total(REVENUE)),
    finalize: (a, c) => ({ revenue: a.value() / c.trials }),
  }),
  breakdownField('careDays', { section: 'careDays', formValue: CARE_DAYS }),
  breakdownField('admissions', { section: 'admissions', formValue: periodSum((o) => o.admissions) }),
  breakdownField('overflows', { section: 'overflows', formValue: periodSum((o) => o.overflows) }),
  breakdownField('census', { section: 'censusAtPeriodEnd', formValue: atPeriodEnd((o) => o.census) }),
  occupancyField,
  countField('agedOut', { section: 'agedOut', value: (t) => t.total(AGED_OUT), finalize: (a) => stats(a) }),
  tallyField('budgetExceeded', {
    section: 'budget',
    // The budget is for the whole year: what was booked before start counts against it too.
    test: (t) => t.budget !== null && t.cost + t.booked > t.budget,
    finalize: (n, c) => (c.budget === null ? undefined : { amount: c.budget, probExceed: n / c.trials }),
  }),
  sumField('overrun', {
    section: 'budget',
    value: (t) => (t.budget === null ? null : Math.max(0, t.cost + t.booked - t.budget)),
    finalize: (a, c) => (c.budget === null ? undefined : { expectedOverrun: a.value() / c.trials }),
  }),
  amountField('delta', {
    section: 'delta',
    value: delta,
    finalize(a, c) {
      if (c.s === 0) return undefined;
      const mean = a.mean();
      const half = (1.959963984540054 * a.sd()) / Math.sqrt(c.trials);
      const [p10, p50, p90] = a.hist.quantiles(STATS_PS);
      return { mean, ci95: [mean - half, mean + half] as [number, number], p10, p50, p90 };
    },
  }),
  tallyField('saving', {
    section: 'delta',
    test: (t) => {
      const d = delta(t);
      return d !== null && d < 0;
    },
    finalize: (n, c) => (c.s === 0 ? undefined : { probSaving: n / c.trials }),
  }),
];

/** The result of one scenario and period from its accumulators (one per field, in the order of PERIOD_FIELDS). */
export function finalizePeriod(acc: readonly unknown[], c: PeriodContext): PeriodResult {
  const out: Partial<Record<Section, object>> = {};
  PERIOD_FIELDS.forEach((field, k) => {
    const part = field.finalize(acc[k], c);
    if (part !== undefined) out[field.section] = Object.assign(out[field.section] ?? {}, part);
  });
  // Last in the cost section, after revenue, as the contract lists it; it needs no accumulator.
  if (c.outcomeToDate !== null && out.cost) Object.assign(out.cost, { outcomeToDate: c.outcomeToDate });
  return out as PeriodResult;
}
