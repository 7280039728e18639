/**
 * A model's distribution (model-spec section 1) as a short phrase for people: "PERT 680–1 030 kr, troligast
 * 760 kr", "lognormal, median 400 dygn, P90 1 500 dygn". For the workbook's assumptions sheet and the page's
 * printed paper, where a reader checks the inputs without reading JSON.
 */
import type { Dist } from '../simulation/dist.js';
import type { Lang } from './numbers.js';

/** `count` is a bare number (the label names what is counted); `percent` shows a share 0.02 as "2 %". */
export type DistUnit = 'sek' | 'days' | 'count' | 'percent';

/** Each unit with the space before it, if any: "760 kr", "2 %" (no-break space) but "2%" in English. */
const UNIT: Record<Lang, Record<DistUnit, string>> = {
  sv: { sek: ' kr', days: ' dygn', count: '', percent: '\u00a0%' },
  en: { sek: ' SEK', days: ' days', count: '', percent: '%' },
};

const SCALE: Record<DistUnit, number> = { sek: 1, days: 1, count: 1, percent: 100 };

const WORDS = {
  sv: {
    uniform: 'likformig',
    triangular: 'triangel',
    pert: 'PERT',
    mostLikely: 'troligast',
    normal: 'normal',
    mean: 'medel',
    sd: 'sd',
    bounded: 'begränsad till',
    lognormal: 'lognormal',
    gamma: 'gamma',
    weibull: 'Weibull',
    shape: 'form',
    scale: 'skala',
    exponential: 'exponentiell',
    empirical: (n: string) => `empirisk, ${n} värden`,
  },
  en: {
    uniform: 'uniform',
    triangular: 'triangular',
    pert: 'PERT',
    mostLikely: 'most likely',
    normal: 'normal',
    mean: 'mean',
    sd: 'sd',
    bounded: 'bounded to',
    lognormal: 'lognormal',
    gamma: 'gamma',
    weibull: 'Weibull',
    shape: 'shape',
    scale: 'scale',
    exponential: 'exponential',
    empirical: (n: string) => `empirical, ${n} values`,
  },
} as const;

const formats = new Map<string, Intl.NumberFormat>();
/** Up to two decimals, thousands separated as the language does it. */
function num(x: number, lang: Lang): string {
  let f = formats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 2 });
    formats.set(lang, f);
  }
  return f.format(x);
}

/** The distribution in words, each amount with its unit. */
export function describeDist(d: Dist, unit: DistUnit, lang: Lang): string {
  const w = WORDS[lang];
  const n = (x: number): string => num(x * SCALE[unit], lang);
  const u = (x: number): string => `${n(x)}${UNIT[lang][unit]}`;
  const range = (lo: number, hi: number): string => `${n(lo)}–${u(hi)}`;
  if (typeof d === 'number') return u(d);
  switch (d.type) {
    case 'fixed':
      return u(d.value);
    case 'uniform':
      return `${w.uniform} ${range(d.min, d.max)}`;
    case 'triangular':
    case 'pert':
      return `${d.type === 'pert' ? w.pert : w.triangular} ${range(d.min, d.max)}, ${w.mostLikely} ${u(d.mode)}`;
    case 'normal': {
      const end = (x: number | undefined, none: string): string => (x === undefined ? none : n(x));
      // The unit after a finite upper bound, so "−5–5 %" is not read as a bare number; "∞ kr" would be silly.
      const upper = d.max === undefined ? '∞' : u(d.max);
      const bounds = d.min !== undefined || d.max !== undefined ? `, ${w.bounded} ${end(d.min, '−∞')}–${upper}` : '';
      return `${w.normal}, ${w.mean} ${u(d.mean)}, ${w.sd} ${u(d.sd)}${bounds}`;
    }
    case 'lognormal':
      return d.median !== undefined && d.p90 !== undefined
        ? `${w.lognormal}, median ${u(d.median)}, P90 ${u(d.p90)}`
        : `${w.lognormal}, ${w.mean} ${u(d.mean ?? NaN)}, ${w.sd} ${u(d.sd ?? NaN)}`;
    case 'gamma':
      return `${w.gamma}, ${w.mean} ${u(d.mean)}, ${w.sd} ${u(d.sd)}`;
    case 'weibull':
      // The shape has no unit, so it is not scaled either.
      return `${w.weibull}, ${w.shape} ${num(d.shape, lang)}, ${w.scale} ${u(d.scale)}`;
    case 'exponential':
      return `${w.exponential}, ${w.mean} ${u(d.mean)}`;
    case 'empirical': {
      // A loop, not Math.min(...values): a long list of values would overflow the stack as arguments.
      const lo = d.values.reduce((a, b) => Math.min(a, b), Infinity);
      const hi = d.values.reduce((a, b) => Math.max(a, b), -Infinity);
      return `${w.empirical(num(d.values.length, lang))}, ${lo === hi ? u(lo) : range(lo, hi)}`;
    }
    default: {
      const never: never = d;
      return String(never);
    }
  }
}
