/**
 * Calibration: placement episodes (records.ts) -> a model (model-spec v1) plus a fit report.
 *
 * Pure: no I/O, no randomness, so the CLI, the HTTP endpoint, the backtest and the tests all get the same model
 * from the same records. Every estimate is stated with the data it rests on in the report, and every place where
 * the data are too thin to say something gets a placeholder and a warning rather than a silent default.
 */
import { linearRegression, quantile, sampleStandardDeviation } from 'simple-statistics';
import type { Dist } from '../dist.js';
import type { Form, InitialCaseloadEntry, Inflow, Model } from '../schema.js';
import { toModelIds } from './model-ids.js';
import { dayNumber, STEP_DOWN_GAP_DAYS, type Episode } from './records.js';
import { fitLognormalCensored, kaplanMeier, kmVersusFit, type KmVersusFitRow, type Observation } from './survival.js';

export interface CalibrateOptions {
  /** First day of the data window, YYYY-MM-DD; default the first start date in the records. */
  from?: string;
  /** Last day of the data window, YYYY-MM-DD; default the last date seen (start or end). */
  to?: string;
  /** Model start, YYYY-MM; default the month after `to`. */
  start?: string;
  /** Default 60. */
  horizonMonths?: number;
  name?: string;
}

export interface FormFit {
  /** The model id (model-ids.ts); `label` is the name as the records give it. */
  form: string;
  label: string;
  segment: string;
  /** Episodes of the form that started in the window, by whether they had ended by `to`. */
  finished: number;
  ongoing: number;
  /** The lognormal used in the model; `placeholder` when it does not come from the data. */
  stay: { median: number; p90: number };
  stayPlaceholder: boolean;
  /** Kaplan–Meier against the fitted lognormal at p25/p50/p75/p90 (empty for a placeholder). */
  kmVsFit: KmVersusFitRow[];
  /** Finished episodes that ended at least STEP_DOWN_GAP_DAYS before `to`: the base of the step-down shares. */
  stepDownBase: number;
  stepDowns: { form: string; count: number; probability: number }[];
  /** Recorded daily prices used (null = none recorded: the model has a 0 placeholder). */
  price: { n: number; p5: number; median: number; p95: number; lastYearOnly: boolean } | null;
}

export interface YearEntries {
  year: number;
  /** Share of the calendar year inside the window. */
  exposure: number;
  /** New entries into care counted in the part of the year inside the window. */
  observed: number;
  /** The fitted trend's expectation for the same exposure. */
  fitted: number;
  /** Whether the year took part in the trend fit (exposure at least MIN_EXPOSURE). */
  inFit: boolean;
}

export interface SegmentFit {
  /** The model id (model-ids.ts); `label` is the name as the records give it. */
  segment: string;
  label: string;
  entries: number;
  entriesPerYear: YearEntries[];
  /** Fitted entries per year at the model start, and the sd of the per-trial gamma. */
  level: number;
  levelSd: number;
  trendPerYear: number;
  trendSe: number | null;
  /** Entries by form (counts), and the shares the model uses. */
  entriesByForm: Record<string, number>;
  mix: Record<string, number>;
  /**
   * Binomial standard error of each share, sqrt(p(1-p)/n) with n = entries into care in the window: the
   * uncertainty of the mix, which the model itself holds fixed (model-spec).
   */
  mixSe: Record<string, number>;
}

export interface FitReport {
  window: { from: string; to: string; start: string; horizonMonths: number };
  episodes: number;
  forms: FormFit[];
  segments: SegmentFit[];
  initialCaseload: number;
  warnings: string[];
}

/** Years that are mostly outside the window say little about the yearly level and would add noise to the fit. */
const MIN_EXPOSURE = 0.5;
/** Stays are placeholders below this many finished episodes (the MLE needs two to have a spread at all). */
const MIN_FINISHED_TO_FIT = 2;
/** The issue's threshold for "thin data". */
const THIN_FINISHED = 20;
/** Prices are taken from episodes active in this many days before `to`, so they reflect current contracts. */
const PRICE_LOOKBACK_DAYS = 365;
/** A placeholder stay: a year, with a long tail, stated as such in the warnings. */
const PLACEHOLDER_STAY = { median: 365, p90: 1095 } as const;
/** No price history is available in records, so the price increase is the spec's example default (report says so). */
const DEFAULT_PRICE_INCREASE: Dist = { type: 'triangular', min: 0.02, mode: 0.035, max: 0.06 };
/** Prices from the records are round to the krona and stays to the day: more digits would only be noise. */
/** A warning's noun for its count: 'only 1 recorded price', not 'prices'. */
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

function dayToIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function mustDay(s: string, what: string): number {
  const d = dayNumber(s);
  if (d === null) throw new RangeError(`${what} "${s}" is not a date (expected YYYY-MM-DD)`);
  return d;
}

/** Fractional year of a day number (2020-07-02 ~ 2020.5): the regression's x axis. */
function yearFraction(day: number): number {
  const y = new Date(day * 86_400_000).getUTCFullYear();
  const y0 = mustDay(`${y}-01-01`, 'year');
  const y1 = mustDay(`${y + 1}-01-01`, 'year');
  return y + (day - y0) / (y1 - y0);
}

/** An option of calibrate() the records cannot support; the command line names it as `--<option>`. */
export class CalibrationOptionError extends RangeError {
  constructor(
    readonly option: 'from' | 'to' | 'start',
    message: string,
  ) {
    super(message);
  }
}

/** The day number of the last day of the month that `day` is in. */
function monthEndOf(day: number): number {
  const d = new Date(day * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 86_400_000 - 1;
}

export interface DataEnd {
  /** The data end when no `to` is given: the last start date, or a later end date in that start's month. */
  day: number;
  /** End dates after the end of the last start's month: planned ends, not yet happened at the extraction. */
  plannedEnds: number;
  firstPlanned: { row: number; end: string } | null;
  /** The last day of the month of the last start date: end dates after it are planned ends. */
  monthEnd: number;
  /** The last date of any kind in the records, planned ends included: no data window may end after it. */
  lastDate: number;
}

/**
 * Where the records end. The export's date is not in the file; a case system records starts when they happen,
 * but an end date may be entered ahead (a planned end, or a typo such as 2099). So the data end is taken as the
 * last start date, extended by the end dates in the same month; a later end date is a planned end and the
 * placement counts as ongoing. One future end date would otherwise move the data window and the model start.
 */
export function dataEndOf(episodes: readonly { row: number; start: string; end: string | null }[]): DataEnd {
  let lastStart = -Infinity;
  let lastDate = -Infinity;
  for (const e of episodes) {
    const s = mustDay(e.start, 'start');
    lastStart = Math.max(lastStart, s);
    lastDate = Math.max(lastDate, s, e.end === null ? s : mustDay(e.end, 'end'));
  }
  const monthEnd = monthEndOf(lastStart);
  let day = lastStart;
  let plannedEnds = 0;
  let firstPlanned: DataEnd['firstPlanned'] = null;
  for (const e of episodes) {
    if (e.end === null) continue;
    const end = mustDay(e.end, 'end');
    if (end <= monthEnd) day = Math.max(day, end);
    else {
      plannedEnds++;
      if (firstPlanned === null || e.row < firstPlanned.row) firstPlanned = { row: e.row, end: e.end };
    }
  }
  return { day, plannedEnds, firstPlanned, monthEnd, lastDate };
}

interface Item {
  e: Episode;
  startDay: number;
  /** End day as seen at `to`: null when ongoing at `to` (including ends recorded after `to`). */
  endDay: number | null;
}

/**
 * The stay observations of one form as seen at day `toDay`: finished stays are events with their length in care
 * days; ongoing ones (or those that end after `toDay`) are censored at the days in care so far. Exported so
 * tests can compute the fit's standard errors on exactly the data the calibration used.
 */
export function stayObservations(episodes: readonly Episode[], form: string, toDay: number): Observation[] {
  const out: Observation[] = [];
  for (const e of episodes) {
    if (e.form !== form) continue;
    const s = mustDay(e.start, 'start');
    if (s > toDay) continue;
    const end = e.end === null ? null : mustDay(e.end, 'end');
    if (end !== null && end <= toDay) out.push({ time: end - s + 1, event: true });
    else out.push({ time: toDay - s + 1, event: false });
  }
  return out;
}

/** Price Dist from recorded prices: pert over p5/median/p95 so a single outlier invoice does not set the range. */
function priceDist(values: number[]): { dist: Dist; p5: number; med: number; p95: number } {
  const [p5, med, p95] = quantile(values, [0.05, 0.5, 0.95]).map((v) => round(v, 2));
  // pert needs min < max; identical prices are simply a fixed price.
  const dist: Dist = p5 < p95 ? { type: 'pert', min: p5, mode: Math.min(Math.max(med, p5), p95), max: p95 } : med;
  return { dist, p5, med, p95 };
}

/** Shares rounded to 6 decimals that sum to exactly 1: the rounding remainder goes to the largest share. */
function shares(counts: Record<string, number>): Record<string, number> {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const out: Record<string, number> = {};
  let largest = '';
  for (const [k, c] of Object.entries(counts)) {
    if (c <= 0) continue;
    out[k] = round(c / total, 6);
    if (largest === '' || c > counts[largest]) largest = k;
  }
  const rest = Object.entries(out).reduce((a, [k, v]) => (k === largest ? a : a + v), 0);
  out[largest] = round(1 - rest, 6);
  return out;
}

export function calibrate(records: Episode[], opts: CalibrateOptions = {}): { model: Model; report: FitReport } {
  if (records.length === 0) throw new RangeError('no placement episodes to calibrate on');
  const warnings: string[] = [];
  // From here on a form or segment is its model id; the names in the records are the labels.
  const { episodes, formLabels, segmentLabels } = toModelIds(records);

  // --- Window --------------------------------------------------------------------------------------------
  const all: Item[] = episodes.map((e) => ({
    e,
    startDay: mustDay(e.start, `episode ${e.episodeId}: start`),
    endDay: e.end === null ? null : mustDay(e.end, `episode ${e.episodeId}: end`),
  }));
  const end = dataEndOf(episodes);
  // A loop, not Math.min(...): a spread of a hundred thousand records would overflow the call stack.
  const fromDay = opts.from !== undefined ? mustDay(opts.from, 'from') : all.reduce((m, i) => Math.min(m, i.startDay), Infinity);
  const toDay = opts.to !== undefined ? mustDay(opts.to, 'to') : end.day;
  // The export may well be dated after its last event (a quiet end of the month), but months past the last
  // date in the records are not "no entries": they are not in the data at all.
  if (toDay > monthEndOf(end.lastDate)) {
    throw new CalibrationOptionError(
      'to',
      `${dayToIso(toDay)} is after the month of the last date in the records (${dayToIso(end.lastDate)}): the months after it are not in the data and would be fitted as months without new placements`,
    );
  }
  if (toDay < fromDay) throw new RangeError(`the data window ends (${dayToIso(toDay)}) before it starts (${dayToIso(fromDay)})`);
  if (opts.to === undefined && end.plannedEnds > 0 && end.firstPlanned !== null) {
    warnings.push(
      `end_date after ${dayToIso(end.monthEnd)} (the end of the last month with a new placement) on ${end.plannedEnds} of the placements: ` +
        `taken as planned ends, they count as ongoing at the data end ${dayToIso(toDay)} (first: row ${end.firstPlanned.row}, end_date ${end.firstPlanned.end}); ` +
        `set the data window's last day (to) if they have really ended`,
    );
  }
  const toDate = new Date(toDay * 86_400_000);
  const defaultStart = new Date(Date.UTC(toDate.getUTCFullYear(), toDate.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
  const start = opts.start ?? defaultStart;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(start)) throw new CalibrationOptionError('start', `"${start}" must be YYYY-MM`);
  const startDay = mustDay(`${start}-01`, 'start');
  const fromMonth = dayToIso(fromDay).slice(0, 7);
  if (start < fromMonth) {
    throw new CalibrationOptionError(
      'start',
      `${start} is before the data window begins (${dayToIso(fromDay)}): the caseload and the inflow at that start are not in the data`,
    );
  }
  const horizonMonths = opts.horizonMonths ?? 60;

  // Episodes as they looked at `to`: an end after `to` was not known then, so the episode counts as ongoing.
  const seen: Item[] = all
    .filter((i) => i.startDay <= toDay)
    .map((i) => ({ ...i, endDay: i.endDay !== null && i.endDay <= toDay ? i.endDay : null }));
  // The window's episodes: the ones whose start (entry, stay, step-down) the window observed.
  const inWindow = seen.filter((i) => i.startDay >= fromDay);
  if (inWindow.length === 0) throw new RangeError(`no episode starts between ${dayToIso(fromDay)} and ${dayToIso(toDay)}`);

  // --- Forms and segments ----------------------------------------------------------------------------------
  // A form's segment is the one most of its records give; a disagreeing record is a data-entry slip worth flagging.
  const segVotes = new Map<string, Map<string, number>>();
  for (const { e } of seen) {
    const v = segVotes.get(e.form) ?? new Map<string, number>();
    v.set(e.segment, (v.get(e.segment) ?? 0) + 1);
    segVotes.set(e.form, v);
  }
  const formSegment = new Map<string, string>();
  for (const [form, votes] of [...segVotes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ranked = [...votes].sort((a, b) => b[1] - a[1]);
    formSegment.set(form, ranked[0][0]);
    if (ranked.length > 1) {
      warnings.push(
        `form ${form}: records name ${ranked.length} segments (${ranked.map(([s, n]) => `${s} ${n}`).join(', ')}); using ${ranked[0][0]}`,
      );
    }
  }
  const formIds = [...formSegment.keys()];
  const segmentIds = [...new Set(formSegment.values())].sort();

  // --- Step-down links -------------------------------------------------------------------------------------
  // linkEpisodes records only the previous form; the previous episode itself is the person's one just before in
  // the same order linkEpisodes uses (start, then episode id).
  const successor = new Map<Episode, Episode>();
  const byPerson = new Map<string, Item[]>();
  for (const it of seen) {
    const l = byPerson.get(it.e.personId);
    if (l) l.push(it);
    else byPerson.set(it.e.personId, [it]);
  }
  for (const list of byPerson.values()) {
    list.sort((a, b) => a.startDay - b.startDay || (a.e.episodeId < b.e.episodeId ? -1 : a.e.episodeId > b.e.episodeId ? 1 : 0));
    for (let k = 1; k < list.length; k++) {
      if (list[k].e.stepDownFrom !== null) successor.set(list[k - 1].e, list[k].e);
    }
  }

  // --- Per form --------------------------------------------------------------------------------------------
  const forms: Form[] = [];
  const formFits: FormFit[] = [];
  for (const form of formIds) {
    const segment = formSegment.get(form)!;
    const items = inWindow.filter((i) => i.e.form === form);
    const obs: Observation[] = items.map((i) =>
      i.endDay !== null ? { time: i.endDay - i.startDay + 1, event: true } : { time: toDay - i.startDay + 1, event: false },
    );
    const finished = obs.filter((o) => o.event).length;

    let stay: { median: number; p90: number } = { ...PLACEHOLDER_STAY };
    let stayPlaceholder = true;
    let kmRows: KmVersusFitRow[] = [];
    if (finished >= MIN_FINISHED_TO_FIT) {
      try {
        const fit = fitLognormalCensored(obs);
        stay = { median: round(fit.median, 1), p90: round(fit.p90, 1) };
        stayPlaceholder = false;
        kmRows = kmVersusFit(kaplanMeier(obs), fit);
      } catch (err) {
        warnings.push(
          `form ${form}: the stay fit failed (${(err as Error).message}); placeholder lognormal median ${PLACEHOLDER_STAY.median}, p90 ${PLACEHOLDER_STAY.p90} days`,
        );
      }
    } else {
      warnings.push(
        `form ${form}: only ${finished} finished ${plural(finished, 'stay', 'stays')}; placeholder lognormal median ${PLACEHOLDER_STAY.median}, p90 ${PLACEHOLDER_STAY.p90} days`,
      );
    }
    if (!stayPlaceholder && finished < THIN_FINISHED) {
      warnings.push(`form ${form}: thin data, ${finished} finished stays (fewer than ${THIN_FINISHED}); the stay is uncertain`);
    }

    // Step-downs: only stays that ended early enough that a step-down would already be in the data count.
    const base = items.filter((i) => i.endDay !== null && i.endDay <= toDay - STEP_DOWN_GAP_DAYS);
    const downCounts = new Map<string, number>();
    for (const i of base) {
      const nxt = successor.get(i.e);
      if (nxt) downCounts.set(nxt.form, (downCounts.get(nxt.form) ?? 0) + 1);
    }
    const stepDowns = [...downCounts]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([to, count]) => ({ form: to, count, probability: round(count / base.length, 6) }));
    // Rounding six decimals up could push the sum a hair past 1 when every stay steps down.
    const sum = stepDowns.reduce((a, s) => a + s.probability, 0);
    if (sum > 1 && stepDowns.length > 0)
      stepDowns[stepDowns.length - 1].probability = round(stepDowns[stepDowns.length - 1].probability - (sum - 1), 6);

    // Prices: current ones (episodes in care during the last year), else any recorded for the form.
    const recent = seen.filter(
      (i) => i.e.form === form && i.e.dailyCost !== null && (i.endDay === null || i.endDay >= toDay - PRICE_LOOKBACK_DAYS),
    );
    const anyPrice = recent.length > 0 ? recent : seen.filter((i) => i.e.form === form && i.e.dailyCost !== null);
    let dailyCost: Dist = 0;
    let price: FormFit['price'] = null;
    if (anyPrice.length > 0) {
      const p = priceDist(anyPrice.map((i) => i.e.dailyCost!));
      dailyCost = p.dist;
      price = { n: anyPrice.length, p5: p.p5, median: p.med, p95: p.p95, lastYearOnly: recent.length > 0 };
      // A range from a handful of invoices is mostly noise; the controller should know.
      if (anyPrice.length < 5)
        warnings.push(`form ${form}: thin data, only ${anyPrice.length} recorded ${plural(anyPrice.length, 'price', 'prices')}`);
      if (recent.length === 0)
        warnings.push(
          `form ${form}: no prices in the last year of the data; using ${anyPrice.length} older ${plural(anyPrice.length, 'price', 'prices')}`,
        );
    } else {
      warnings.push(`form ${form}: no prices recorded; dailyCost is a placeholder 0 and must be filled in`);
    }

    forms.push({
      id: form,
      label: formLabels.get(form) ?? form,
      segment,
      provider: 'external',
      dailyCost,
      lengthOfStayDays: { type: 'lognormal', median: stay.median, p90: stay.p90 },
      ...(stepDowns.length > 0 ? { next: stepDowns.map((s) => ({ form: s.form, probability: s.probability })) } : {}),
    });
    formFits.push({
      form,
      label: formLabels.get(form) ?? form,
      segment,
      finished,
      ongoing: obs.length - finished,
      stay,
      stayPlaceholder,
      kmVsFit: kmRows,
      stepDownBase: base.length,
      stepDowns,
      price,
    });
  }

  // --- Per segment: inflow ---------------------------------------------------------------------------------
  const inflow: Inflow[] = [];
  const segmentFits: SegmentFit[] = [];
  const firstYear = new Date(fromDay * 86_400_000).getUTCFullYear();
  const lastYear = toDate.getUTCFullYear();
  const xStart = yearFraction(startDay);
  for (const segment of segmentIds) {
    const entries = inWindow.filter((i) => i.e.stepDownFrom === null && formSegment.get(i.e.form) === segment);
    const byForm: Record<string, number> = {};
    for (const i of entries) byForm[i.e.form] = (byForm[i.e.form] ?? 0) + 1;

    const years: { year: number; exposure: number; observed: number; x: number }[] = [];
    for (let y = firstYear; y <= lastYear; y++) {
      const y0 = mustDay(`${y}-01-01`, 'year');
      const y1 = mustDay(`${y + 1}-01-01`, 'year');
      const lo = Math.max(y0, fromDay);
      const hi = Math.min(y1 - 1, toDay);
      if (hi < lo) continue;
      const observed = entries.filter((i) => i.startDay >= lo && i.startDay <= hi).length;
      // x at the middle of the covered part, so a half year's rate is placed where it was observed.
      years.push({ year: y, exposure: (hi - lo + 1) / (y1 - y0), observed, x: yearFraction((lo + hi + 1) / 2) });
    }
    const fitYears = years.filter((y) => y.exposure >= MIN_EXPOSURE);
    // log(0) has no value: a year without entries counts as half an entry, the usual continuity correction.
    const pts = fitYears.map((y) => [y.x, Math.log(Math.max(y.observed, 0.5) / y.exposure)]);

    let slope = 0;
    let intercept = pts.length > 0 ? pts.reduce((a, p) => a + p[1], 0) / pts.length : Math.log(Math.max(entries.length, 0.5));
    let slopeSe: number | null = null;
    let residSd = 0;
    if (pts.length >= 3) {
      ({ m: slope, b: intercept } = linearRegression(pts));
      const xbar = pts.reduce((a, p) => a + p[0], 0) / pts.length;
      const sxx = pts.reduce((a, p) => a + (p[0] - xbar) ** 2, 0);
      const ssr = pts.reduce((a, p) => a + (p[1] - (intercept + slope * p[0])) ** 2, 0);
      residSd = Math.sqrt(ssr / (pts.length - 2));
      slopeSe = residSd / Math.sqrt(sxx);
    } else {
      // Two points give a slope with no error estimate; a trend the data cannot support is left at 0.
      warnings.push(
        `segment ${segment}: only ${pts.length} ${plural(pts.length, 'year', 'years')} with at least half a year of data; no trend fitted (0)`,
      );
      if (pts.length >= 2) residSd = sampleStandardDeviation(pts.map((p) => p[1]));
    }
    const rateAt = (x: number): number => Math.exp(slopeSe === null ? intercept : intercept + slope * x);

    const level = rateAt(xStart);
    // Year-to-year variation around the trend (log residual sd, as a relative sd), never below Poisson noise.
    const levelSd = Math.max(level * residSd, Math.sqrt(level));
    const trend = Math.exp(slope) - 1;
    const trendSe = slopeSe === null ? null : Math.exp(slope) * slopeSe;

    const entriesPerYear: YearEntries[] = years.map((y) => ({
      year: y.year,
      exposure: round(y.exposure, 4),
      observed: y.observed,
      fitted: round(rateAt(y.x) * y.exposure, 2),
      inFit: y.exposure >= MIN_EXPOSURE,
    }));

    const mix = shares(byForm);
    const mixSe: Record<string, number> = {};
    for (const [form, p] of Object.entries(mix)) mixSe[form] = round(Math.sqrt((p * (1 - p)) / entries.length), 6);
    segmentFits.push({
      segment,
      label: segmentLabels.get(segment) ?? segment,
      entries: entries.length,
      entriesPerYear,
      level: round(level, 3),
      levelSd: round(levelSd, 3),
      trendPerYear: round(trend, 5),
      trendSe: trendSe === null ? null : round(trendSe, 5),
      entriesByForm: byForm,
      mix,
      mixSe,
    });
    if (entries.length === 0) {
      warnings.push(`segment ${segment}: no new entries into care in the window; no inflow in the model`);
      continue;
    }
    if (entries.length < THIN_FINISHED)
      warnings.push(`segment ${segment}: thin data, only ${entries.length} ${plural(entries.length, 'entry', 'entries')} into care`);

    let trendDist: Dist = 0;
    if (trendSe !== null) {
      const mean = Math.min(Math.max(trend, -0.45), 0.95);
      // Bounds at 4 sd inside [-0.5, 1]: they cut off < 1e-4 of the mass, and keep the validator's
      // "grows beyond 20,000 a year" check from seeing a 100 % yearly growth that the data never suggested.
      const lo = Math.max(-0.5, mean - 4 * trendSe);
      const hi = Math.min(1, mean + 4 * trendSe);
      trendDist =
        trendSe > 1e-9 && hi > lo
          ? { type: 'normal', mean: round(mean, 5), sd: round(trendSe, 5), min: round(lo, 5), max: round(hi, 5) }
          : round(mean, 5);
    }
    inflow.push({
      segment,
      episodesPerYear: { type: 'gamma', mean: round(level, 3), sd: round(levelSd, 3) },
      trendPerYear: trendDist,
      mix,
    });
  }

  // --- Initial caseload ------------------------------------------------------------------------------------
  // Everyone in care on the model's first day as known at `to` (whenever they started), with their real start
  // dates so the engine conditions each remaining stay on the time already spent. For a start after `to` (the
  // default) these are the placements ongoing at `to`; for a start inside the data, those in care on that day.
  const caseByForm = new Map<string, string[]>();
  for (const i of seen) {
    if (i.startDay >= startDay) continue;
    if (i.endDay !== null && i.endDay < startDay) continue;
    const l = caseByForm.get(i.e.form) ?? [];
    l.push(i.e.start);
    caseByForm.set(i.e.form, l);
  }
  if (startDay <= toDay) {
    warnings.push(
      `the model starts ${start}-01, before the data end ${dayToIso(toDay)}: the initial caseload is the placements in care on ${start}-01, and the months after it are simulated rather than taken from the records`,
    );
  }
  const initialCaseload: InitialCaseloadEntry[] = formIds
    .filter((f) => caseByForm.has(f))
    .map((f) => ({ form: f, startDates: caseByForm.get(f)!.sort() }));

  warnings.push(
    'annualPriceIncrease is a default triangular 0.02/0.035/0.06: the records carry no price history to fit it from',
    'the mix of new entries by form is fixed at the observed shares: its sampling uncertainty is not carried into the model (binomial standard errors in the report, mixSe)',
  );

  const from = dayToIso(fromDay);
  const to = dayToIso(toDay);
  const model: Model = {
    version: 1,
    name: opts.name ?? `Calibrated from records ${from} to ${to}`,
    description: `Fitted by calibrate() from ${inWindow.length} placement episodes between ${from} and ${to}.`,
    start,
    horizonMonths,
    annualPriceIncrease: DEFAULT_PRICE_INCREASE,
    segments: segmentIds.map((s) => ({ id: s, label: segmentLabels.get(s) ?? s })),
    forms,
    inflow,
    initialCaseload,
  };
  return {
    model,
    report: {
      window: { from, to, start, horizonMonths },
      episodes: inWindow.length,
      forms: formFits,
      segments: segmentFits,
      initialCaseload: initialCaseload.reduce((a, c) => a + (c.startDates?.length ?? 0), 0),
      warnings,
    },
  };
}
