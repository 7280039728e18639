/**
 * The ways a controller enters a distribution (model-spec section 1) and the `Dist` each gives: a fixed number,
 * min–likely–max (beta-PERT) and median with P90 (lognormal, "half end within 150 days, 9 in 10 within 540").
 * Other types (gamma, normal, ...) are kept as they are and edited field by field. Switching between ways keeps
 * the distribution's centre and spread as far as the new way can say them, using the engine's own quantiles.
 */
import { compileDist, Dist } from '../../../simulation/dist.js';

export type EntryKind = 'fixed' | 'pert' | 'lognormal' | 'other';

/** A draft may hold text where a number belongs (an entry that is not a number yet): read, never trusted. */
type Loose = Record<string, unknown>;

const Z90 = 1.2815515655446004;

export function entryKindOf(d: unknown): EntryKind {
  if (typeof d === 'number' || typeof d === 'string' || d === undefined || d === null) return 'fixed';
  const t = (d as Loose).type;
  if (t === 'fixed') return 'fixed';
  if (t === 'pert') return 'pert';
  if (t === 'lognormal' && (d as Loose).mean === undefined && (d as Loose).sd === undefined) return 'lognormal';
  return 'other';
}

export interface PertEntry {
  min: number;
  likely: number;
  max: number;
}
export interface LognormalEntry {
  median: number;
  p90: number;
}

export const pertFromEntry = (e: PertEntry): Dist => ({ type: 'pert', min: e.min, mode: e.likely, max: e.max });
export const entryFromPert = (d: { min: number; mode: number; max: number }): PertEntry => ({ min: d.min, likely: d.mode, max: d.max });
export const lognormalFromEntry = (e: LognormalEntry): Dist => ({ type: 'lognormal', median: e.median, p90: e.p90 });

/** Median and P90 of a lognormal given either way; a mean and sd are turned into the same distribution. */
export function entryFromLognormal(d: { median?: number; p90?: number; mean?: number; sd?: number }): LognormalEntry {
  if (d.median !== undefined && d.p90 !== undefined) return { median: d.median, p90: d.p90 };
  const mean = d.mean as number;
  const sd = d.sd as number;
  const s2 = Math.log(1 + (sd * sd) / (mean * mean));
  const median = mean / Math.sqrt(1 + (sd * sd) / (mean * mean));
  return { median, p90: median * Math.exp(Z90 * Math.sqrt(s2)) };
}

/** A valid distribution, or null while the entry has an error (its message stands next to the field). */
export function validDist(d: unknown): Dist | null {
  const r = Dist.safeParse(d);
  if (!r.success) return null;
  try {
    compileDist(r.data);
    return r.data;
  } catch {
    return null;
  }
}

/** Rounds to three significant digits, so a converted entry reads as a person would type it. */
export function roundNice(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(3));
}

/** The first number among the fields, for turning an entry with errors into another way of entering it. */
function someNumber(d: unknown): number {
  if (typeof d === 'number') return d;
  if (d && typeof d === 'object') {
    for (const k of ['value', 'mode', 'median', 'mean', 'min', 'max', 'p90', 'scale']) {
      const v = (d as Loose)[k];
      if (typeof v === 'number') return v;
    }
  }
  return 0;
}

/** A min–likely–max around a single value x: a fifth below to a quarter above (for a negative x too). */
function pertAround(x: number, step: number): Dist {
  if (x === 0) return pertFromEntry({ min: 0, likely: 0, max: step });
  return pertFromEntry({ min: roundNice(x - Math.abs(x) * 0.2), likely: x, max: roundNice(x + Math.abs(x) * 0.25) });
}

/**
 * The same uncertainty entered another way. `step`: one unit as the field is typed (0.01 for a per cent), the
 * spread given to a value of 0 (or none yet), which has no size of its own to scale.
 */
export function convertDist(d: unknown, kind: Exclude<EntryKind, 'other'>, step = 1): Dist {
  const valid = validDist(d);
  if (kind === 'lognormal' && valid && typeof valid === 'object' && valid.type === 'lognormal') {
    const e = entryFromLognormal(valid);
    return lognormalFromEntry({ median: roundNice(e.median), p90: roundNice(e.p90) });
  }
  // An entry with errors, none yet, or 0 (which is falsy, and has no size to scale a spread by).
  if (!valid) {
    const x = someNumber(d);
    if (kind === 'fixed') return x;
    if (kind === 'pert') return pertAround(x, step);
    const median = x > 0 ? x : step;
    return lognormalFromEntry({ median, p90: roundNice(median * 3) });
  }
  const s = compileDist(valid);
  const median = s.quantile(0.5);
  if (kind === 'fixed') return roundNice(s.isFixed ? s.mean : median);
  if (kind === 'pert') {
    const lo = Number.isFinite(s.lower) ? s.lower : s.quantile(0.01);
    const hi = Number.isFinite(s.upper) ? s.upper : s.quantile(0.99);
    if (!(hi > lo)) return pertAround(lo, step);
    const mode = Math.min(hi, Math.max(lo, median));
    return pertFromEntry({ min: roundNice(lo), likely: roundNice(mode), max: roundNice(hi) });
  }
  const m = median > 0 ? median : 1;
  const p90 = s.quantile(0.9);
  return lognormalFromEntry({ median: roundNice(m), p90: roundNice(p90 > m ? p90 : m * 3) });
}

/** P10, median and P90, and points of the density between P1 and P99, for the small picture of the spread. */
export interface Spread {
  p10: number;
  p50: number;
  p90: number;
  lo: number;
  hi: number;
  /** [x, relative density 0..1]; empty for a fixed value. */
  density: [number, number][];
}

export function spreadOf(d: Dist): Spread {
  const s = compileDist(d);
  const p10 = s.quantile(0.1);
  const p50 = s.quantile(0.5);
  const p90 = s.quantile(0.9);
  if (s.isFixed) return { p10, p50, p90, lo: s.mean, hi: s.mean, density: [] };
  const lo = Number.isFinite(s.lower) ? s.lower : s.quantile(0.01);
  const hi = Number.isFinite(s.upper) ? s.upper : s.quantile(0.99);
  const n = 40;
  const step = (hi - lo) / n;
  const raw: [number, number][] = [];
  // The density as probability per bin from the engine's own CDF: no second formula for each type.
  for (let i = 0; i < n; i++) {
    const a = lo + i * step;
    raw.push([a + step / 2, s.cdf(a + step) - s.cdf(a)]);
  }
  const top = raw.reduce((m, [, y]) => Math.max(m, y), 0);
  return { p10, p50, p90, lo, hi, density: top > 0 ? raw.map(([x, y]) => [x, y / top]) : [] };
}
