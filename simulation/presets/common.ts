/**
 * What the option presets share: the form ids they refer to, small distribution helpers and the final check.
 * The presets themselves are one file each in this folder (see index.ts, and docs/options.md for the defaults).
 *
 * Money is in SEK at the model's start-year prices. Where a default comes from a figure of another year (Linköping
 * 2023, the federation prices of 2025), the preset takes a `priceAdjustment` factor that the caller sets from the
 * model's start year; it defaults to 1 so that the documented figure appears unchanged.
 */
import { type Dist } from '../dist.js';
import { Option, parseWith, ValidationError } from '../schema.js';

type NormalDist = Extract<Dist, { type: 'normal' }>;

/** The ids of the model's forms that the presets refer to. Defaults match examples/reference-midsize.json. */
export interface PresetFormIds {
  /** External (bought) residential care home, HVB. */
  hvb: string;
  /** Foster home through a private agency (konsulentstött familjehem). */
  agencyFosterHome: string;
  /** The municipality's own foster homes (egna/arvoderade familjehem). */
  ownFosterHome: string;
  /** Secure unit for youth (SiS särskilt ungdomshem). */
  sis: string;
  /** External supported housing for ages 16-20 (stödboende). */
  supportedHousing: string;
}

/** Form ids plus the segment (children and youth) the presets act on. */
export interface PresetIds extends PresetFormIds {
  segment: string;
}

export const DEFAULT_IDS: Readonly<PresetIds> = Object.freeze({
  segment: 'bou',
  hvb: 'hvb',
  agencyFosterHome: 'familjehem_konsulent',
  ownFosterHome: 'familjehem_egna',
  sis: 'sis',
  supportedHousing: 'stodboende',
});

/** Payroll overhead on salaries (domain.md: "about 44-45%"). */
export const PAYROLL_OVERHEAD = 0.445;

/** Member price of a municipal federation in 2025 (domain.md: 4,219 against 4,728 SEK a day for others). */
export const FEDERATION_MEMBER_PRICE_2025 = 4219;

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

export function pert(min: number, mode: number, max: number): Dist {
  return { type: 'pert', min, mode, max };
}

export function uniform(min: number, max: number): Dist {
  return { type: 'uniform', min, max };
}

/**
 * A distribution of `k` times the variable (k > 0): used to move a figure from its source year to the model's
 * prices and to multiply a salary by a head count. Money is rounded to whole SEK so the JSON stays readable.
 */
export function scaleDist(d: Dist, k: number, opts: { round?: boolean } = {}): Dist {
  if (!(k > 0) || !Number.isFinite(k)) throw new RangeError(`scale factor must be a positive number (got ${k})`);
  const s = (x: number) => (opts.round ? Math.round(x * k) : x * k);
  if (typeof d === 'number') return s(d);
  switch (d.type) {
    case 'fixed':
      return { type: 'fixed', value: s(d.value) };
    case 'uniform':
      return { type: 'uniform', min: s(d.min), max: s(d.max) };
    case 'triangular':
      return { type: 'triangular', min: s(d.min), mode: s(d.mode), max: s(d.max) };
    case 'pert':
      return { type: 'pert', min: s(d.min), mode: s(d.mode), max: s(d.max) };
    case 'normal': {
      const out: NormalDist = { type: 'normal', mean: s(d.mean), sd: d.sd * k };
      if (d.min !== undefined) out.min = s(d.min);
      if (d.max !== undefined) out.max = s(d.max);
      return out;
    }
    case 'lognormal':
      return d.median !== undefined
        ? { type: 'lognormal', median: s(d.median), p90: s(d.p90 as number) }
        : { type: 'lognormal', mean: s(d.mean as number), sd: (d.sd as number) * k };
    case 'gamma':
      return { type: 'gamma', mean: s(d.mean), sd: d.sd * k };
    case 'weibull':
      return { type: 'weibull', shape: d.shape, scale: s(d.scale) };
    case 'exponential':
      return { type: 'exponential', mean: s(d.mean) };
    case 'empirical':
      return { type: 'empirical', values: d.values.map(s) };
  }
}

/** Defaults merged with the caller's values, where an explicit `undefined` also means "use the default". */
export function withDefaults<T extends object>(defaults: T, given: Partial<T> | undefined): T {
  const out = { ...defaults };
  for (const [k, v] of Object.entries(given ?? {})) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export function positive(name: string, x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new ValidationError([{ path: name, message: 'must be a positive number' }]);
  return x;
}

/**
 * Validates the shape of the option (field types, ranges of distributions) so that a bad config fails here, with
 * the field named, instead of deep inside a model. References to forms are checked when a model is parsed.
 */
export function finish(option: Option): Option {
  return parseWith(Option, option);
}

/** Fields every preset takes. */
export interface CommonConfig {
  /** Option id, unique within the model. */
  id?: string;
  /** Name shown to the committee (Swedish). */
  label?: string;
  /** Longer text shown with the option (Swedish). */
  description?: string;
  /** The segment the option acts on. Default "bou": every option in domain.md is a children-and-youth measure. */
  segment?: string;
}
