/**
 * Every string the page shows, in Swedish and English, from this one place: one area file per part of the page
 * (AREAS), merged here. Numbers are formatted by the shared presentation (presentation/numbers.ts), so a figure
 * on the page reads as it does in the API's CSV and the CLI.
 */
import { signal } from '@preact/signals';
import {
  formatCount,
  formatDecimal,
  formatMonth,
  formatMsek,
  formatMsekError,
  formatMsekRange,
  formatMsekWithRange,
  formatPercent,
  type Lang,
} from '../../../presentation/numbers.js';
import { AREAS } from './areas.js';

export type { Lang };

const LANG_KEY = 'pp.lang';

function initialLang(): Lang {
  return sessionStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'sv';
}

export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang): void {
  lang.value = next;
  sessionStorage.setItem(LANG_KEY, next);
  document.documentElement.lang = next;
}

type Union = (typeof AREAS)[number]['sv'];
// A conditional type distributes over a union only through a type parameter, hence KeysOf<U> rather than
// `Union extends unknown ? keyof Union : never`, which is the keys all areas share (none).
type KeysOf<U> = U extends unknown ? keyof U : never;
type Strings = { [K in KeysOf<Union>]: Extract<Union, Record<K, unknown>>[K] };

const merge = (l: Lang) => Object.assign({}, ...AREAS.map((a) => a[l])) as Strings;
const STRINGS: Record<Lang, Strings> = { sv: merge('sv'), en: merge('en') };

/** The strings of the current language; reading it inside a component re-renders that component on a switch. */
export function t(): Strings {
  return STRINGS[lang.value];
}

export const fmt = {
  msek: (sek: number) => formatMsek(sek, lang.value),
  msekRange: (lo: number, hi: number) => formatMsekRange(lo, hi, lang.value),
  /** A Monte Carlo error, at the decimals it needs not to read as zero. */
  msekError: (sek: number) => formatMsekError(sek, lang.value),
  /** A mean and its interval, at the same decimals (presentation/numbers.ts). */
  msekWithRange: (mean: number, lo: number, hi: number) => formatMsekWithRange(mean, lo, hi, lang.value),
  percent: (share: number) => formatPercent(share, lang.value),
  count: (n: number) => formatCount(n, lang.value),
  decimal: (n: number) => formatDecimal(n, lang.value),
  date: (iso: string) => new Intl.DateTimeFormat(lang.value === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium' }).format(new Date(iso)),
  /** A calendar month, "2026-10" or a Date: "okt 2026" / "Oct 2026". */
  month: (m: string | Date) => formatMonth(m, lang.value),
};
