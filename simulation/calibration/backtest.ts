/**
 * Backtest: calibrate on the records as they were known at a cutoff, simulate the years after it, and compare
 * what really happened (care days per form and in total per calendar year, and their cost where prices are
 * recorded) with the simulated P10–P90 band. Coverage = the share of compared figures inside their band.
 *
 * Pure: no I/O; the randomness is the engine's, fixed by the seed.
 */
import { parseModel, simulate } from '../index.js';
import { calibrate, dataEndOf, type FitReport } from './calibrate.js';
import { toModelIds } from './model-ids.js';
import { dayNumber, type Episode } from './records.js';

export interface ObservedYear {
  year: number;
  /** Whether the whole calendar year lies inside [fromDay, toDay]. Only full years are compared. */
  full: boolean;
  careDays: { byForm: Record<string, number>; total: number };
  /** Care days × each episode's daily_cost; null when any episode with days in the year has no price. */
  cost: { byForm: Record<string, number>; total: number } | null;
}

const DAY_MS = 86_400_000;
const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
const yearStart = (y: number): number => Date.UTC(y, 0, 1) / DAY_MS;
const yearEnd = (y: number): number => Date.UTC(y + 1, 0, 1) / DAY_MS - 1;
const iso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

function mustDay(s: string, what: string): number {
  const d = dayNumber(s);
  if (d === null) throw new RangeError(`${what} "${s}" is not a date (expected YYYY-MM-DD)`);
  return d;
}

/**
 * Care days per calendar year and form in the days fromDay..toDay (day numbers, both inclusive). An episode
 * counts every day from its start to its end (last care day) inclusive; an ongoing episode (end null) or one
 * whose end lies after toDay counts up to toDay, the data end. Every form seen in the episodes appears in every
 * year (0 when it had no care days). Years are returned in order, each marked `full` when it lies wholly inside
 * the range.
 */
export function observedCareDays(episodes: readonly Episode[], fromDay: number, toDay: number): ObservedYear[] {
  if (toDay < fromDay) return [];
  const forms = [...new Set(episodes.map((e) => e.form))].sort();
  const y0 = yearOf(fromDay);
  const y1 = yearOf(toDay);
  const years: ObservedYear[] = [];
  const unpriced = new Set<number>();
  for (let y = y0; y <= y1; y++) {
    const zero = (): Record<string, number> => Object.fromEntries(forms.map((f) => [f, 0]));
    years.push({
      year: y,
      full: yearStart(y) >= fromDay && yearEnd(y) <= toDay,
      careDays: { byForm: zero(), total: 0 },
      cost: { byForm: zero(), total: 0 },
    });
  }
  for (const e of episodes) {
    const s = Math.max(mustDay(e.start, `episode ${e.episodeId}: start`), fromDay);
    const end = e.end === null ? toDay : Math.min(mustDay(e.end, `episode ${e.episodeId}: end`), toDay);
    if (end < s) continue;
    for (let y = yearOf(s); y <= yearOf(end); y++) {
      const days = Math.min(end, yearEnd(y)) - Math.max(s, yearStart(y)) + 1;
      if (days <= 0) continue;
      const o = years[y - y0];
      o.careDays.byForm[e.form] += days;
      o.careDays.total += days;
      if (e.dailyCost === null) unpriced.add(y);
      else if (o.cost) {
        o.cost.byForm[e.form] += days * e.dailyCost;
        o.cost.total += days * e.dailyCost;
      }
    }
  }
  for (const o of years) if (unpriced.has(o.year)) o.cost = null;
  return years;
}

export interface BacktestOptions {
  /** Last day the calibration may see, YYYY-MM-DD. The model starts the month after. */
  cutoff: string;
  /** Years simulated after the cutoff (horizon = years × 12 months). */
  years: number;
  trials?: number;
  seed?: number;
  /** Last day of the data (extraction date), YYYY-MM-DD; default calibrate's data end (`dataEndOf`). */
  dataEnd?: string;
}

export interface BacktestRow {
  year: number;
  form: string | 'total';
  measure: 'careDays' | 'cost';
  observed: number;
  p10: number;
  p50: number;
  p90: number;
  inside: boolean;
}

export interface BacktestResult {
  cutoff: string;
  dataEnd: string;
  modelStart: string;
  horizonMonths: number;
  trials: number;
  seed: number;
  /** Simulated calendar years with an observed full year to compare against. */
  comparedYears: number[];
  /** Simulated years not compared (after the data end, or only partly observed). */
  skippedYears: number[];
  rows: BacktestRow[];
  inside: number;
  compared: number;
  /** inside / compared (NaN when nothing could be compared). */
  coverage: number;
  report: FitReport;
}

export const BACKTEST_DEFAULT_TRIALS = 2000;
export const BACKTEST_DEFAULT_SEED = 1;

export function backtest(episodes: Episode[], opts: BacktestOptions): BacktestResult {
  if (episodes.length === 0) throw new RangeError('no placement episodes to backtest on');
  const cutoffDay = mustDay(opts.cutoff, 'cutoff');
  if (!Number.isInteger(opts.years) || opts.years < 1 || opts.years > 50) {
    throw new RangeError(`years must be a whole number between 1 and 50 (got ${opts.years})`);
  }
  const trials = opts.trials ?? BACKTEST_DEFAULT_TRIALS;
  const seed = opts.seed ?? BACKTEST_DEFAULT_SEED;
  // The data end as calibrate() takes it: a planned end date (2099-01-01) does not stretch the observed years.
  const dataEnd = opts.dataEnd !== undefined ? mustDay(opts.dataEnd, 'dataEnd') : dataEndOf(episodes).day;
  if (cutoffDay >= dataEnd) {
    throw new RangeError(`cutoff ${opts.cutoff} is not before the data end ${iso(dataEnd)}: nothing to compare`);
  }

  const c = new Date(cutoffDay * DAY_MS);
  const startMonth = new Date(Date.UTC(c.getUTCFullYear(), c.getUTCMonth() + 1, 1));
  const modelStart = startMonth.toISOString().slice(0, 7);
  const horizonMonths = opts.years * 12;
  const { model, report } = calibrate(episodes, { to: opts.cutoff, start: modelStart, horizonMonths });
  const result = simulate({ model, scenarios: [], trials, seed });
  const base = result.scenarios[0];

  // Observed from the model start on; a simulated year is compared only when both the simulation and the data
  // cover the whole calendar year.
  const startDay = startMonth.getTime() / DAY_MS;
  const horizonEnd = Date.UTC(startMonth.getUTCFullYear(), startMonth.getUTCMonth() + horizonMonths, 1) / DAY_MS - 1;
  // Matched to the model's forms through the ids calibrate gave them ("HVB köpt" is the model's hvb_kopt).
  const observed = observedCareDays(toModelIds(episodes).episodes, startDay, dataEnd);
  const rows: BacktestRow[] = [];
  const comparedYears: number[] = [];
  const skippedYears: number[] = [];
  const forms = model.forms.map((f) => f.id);
  for (const label of result.periods) {
    if (label === 'total') continue;
    const year = Number(label);
    const period = base.periods[label];
    const obs = observed.find((o) => o.year === year);
    const simFull = yearStart(year) >= startDay && yearEnd(year) <= horizonEnd;
    if (!obs || !obs.full || !simFull || !period) {
      skippedYears.push(year);
      continue;
    }
    comparedYears.push(year);
    const push = (form: string, measure: BacktestRow['measure'], value: number, band: { p10: number; p50: number; p90: number }): void => {
      rows.push({
        year,
        form,
        measure,
        observed: value,
        p10: band.p10,
        p50: band.p50,
        p90: band.p90,
        inside: value >= band.p10 && value <= band.p90,
      });
    };
    // A form that appears only after the cutoff is not in the model: its band is 0–0, so care in it is a miss.
    const allForms = [...forms, ...Object.keys(obs.careDays.byForm).filter((f) => !forms.includes(f))];
    for (const form of allForms) {
      const band = period.careDays.byForm[form] ?? { p10: 0, p50: 0, p90: 0 };
      push(form, 'careDays', obs.careDays.byForm[form] ?? 0, band);
    }
    push('total', 'careDays', obs.careDays.total, period.careDays.total);
    // Cost: per year in total only (the result gives only means of cost by form, no band).
    if (obs.cost !== null) push('total', 'cost', obs.cost.total, period.cost);
  }
  const inside = rows.filter((r) => r.inside).length;
  return {
    cutoff: opts.cutoff,
    dataEnd: iso(dataEnd),
    modelStart,
    horizonMonths,
    trials,
    seed,
    comparedYears,
    skippedYears,
    rows,
    inside,
    compared: rows.length,
    coverage: rows.length === 0 ? Number.NaN : inside / rows.length,
    report,
  };
}

export interface InSampleOptions {
  trials?: number;
  seed?: number;
}

export interface InSampleResult {
  /** The whole data: first start date to the last date seen. */
  dataFrom: string;
  dataEnd: string;
  /** January of the first full calendar year of the data. */
  modelStart: string;
  horizonMonths: number;
  trials: number;
  seed: number;
  comparedYears: number[];
  /** Care days per form and year (no totals, no cost): the "form-years". */
  rows: BacktestRow[];
  inside: number;
  compared: number;
  coverage: number;
  /** Placements ongoing at the model start, used as the initial caseload. */
  initialCaseload: number;
  report: FitReport;
}

/**
 * In-sample check: calibrate on all the data, start the model at the first full calendar year of the data,
 * simulate the baseline over the full years the data cover, and compare the observed care days per form and
 * year with the simulated P10–P90 band. The first year counts as full when the first record starts in January
 * (a case system's first entries rarely fall on 1 January itself).
 *
 * The inflow level at the start comes from calibrate's own trend fit (the fit is over the whole window, the
 * level is read off at `start`); the initial caseload is calibrate's for a start inside the data: the
 * placements in care on the start day.
 */
export function inSample(episodes: Episode[], opts: InSampleOptions = {}): InSampleResult {
  if (episodes.length === 0) throw new RangeError('no placement episodes to check');
  const trials = opts.trials ?? BACKTEST_DEFAULT_TRIALS;
  const seed = opts.seed ?? BACKTEST_DEFAULT_SEED;
  let first = Infinity;
  for (const e of episodes) first = Math.min(first, mustDay(e.start, `episode ${e.episodeId}: start`));
  const last = dataEndOf(episodes).day;
  const f = new Date(first * DAY_MS);
  const startYear = f.getUTCMonth() === 0 ? f.getUTCFullYear() : f.getUTCFullYear() + 1;
  const lastFullYear = yearEnd(yearOf(last)) <= last ? yearOf(last) : yearOf(last) - 1;
  if (lastFullYear < startYear) throw new RangeError(`the data (${iso(first)} – ${iso(last)}) cover no full calendar year`);
  const startDay = yearStart(startYear);
  const modelStart = `${startYear}-01`;
  const horizonMonths = (lastFullYear - startYear + 1) * 12;

  // With a start inside the data, calibrate's initial caseload is the placements in care on the start day.
  const { model: fitted, report } = calibrate(episodes, { from: iso(first), to: iso(last), start: modelStart, horizonMonths });
  const model = parseModel(fitted);
  const withIds = toModelIds(episodes).episodes;
  const initialCaseload = model.initialCaseload ?? [];

  const result = simulate({ model, scenarios: [], trials, seed });
  const base = result.scenarios[0];
  const observed = observedCareDays(withIds, startDay, last);
  const forms = model.forms.map((x) => x.id);
  const rows: BacktestRow[] = [];
  const comparedYears: number[] = [];
  for (const label of result.periods) {
    if (label === 'total') continue;
    const year = Number(label);
    const period = base.periods[label];
    const obs = observed.find((o) => o.year === year);
    if (!obs || !obs.full || !period || year > lastFullYear) continue;
    comparedYears.push(year);
    for (const form of forms) {
      const band = period.careDays.byForm[form] ?? { p10: 0, p50: 0, p90: 0 };
      const value = obs.careDays.byForm[form] ?? 0;
      rows.push({
        year,
        form,
        measure: 'careDays',
        observed: value,
        p10: band.p10,
        p50: band.p50,
        p90: band.p90,
        inside: value >= band.p10 && value <= band.p90,
      });
    }
  }
  const inside = rows.filter((r) => r.inside).length;
  return {
    dataFrom: iso(first),
    dataEnd: iso(last),
    modelStart,
    horizonMonths,
    trials,
    seed,
    comparedYears,
    rows,
    inside,
    compared: rows.length,
    coverage: rows.length === 0 ? Number.NaN : inside / rows.length,
    initialCaseload: initialCaseload.reduce((a, c) => a + (c.startDates?.length ?? 0), 0),
    report,
  };
}
