/**
 * Number formatting for people (MSEK, percent, counts) and for spreadsheets (CSV cells). Pure; the same
 * functions serve the CLI, the HTTP API and the web page, so a figure reads the same everywhere.
 *
 * Human formats follow Intl for 'sv-SE' and 'en-GB' as they are: Swedish output uses a no-break space
 * (U+00A0) as thousands separator and the true minus sign (U+2212), so a number never wraps across lines
 * and a negative saving is not mistaken for a dash. CSV cells use ASCII only, because spreadsheets parse
 * "-12,5" but not "−12,5".
 */

export type Lang = 'sv' | 'en';

const INTL_LOCALE: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };

// Formatters are cached: building an Intl.NumberFormat is far slower than using one, and a monthly CSV
// formats thousands of cells.
const cache = new Map<string, Intl.NumberFormat>();
function formatter(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = lang + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[lang], options);
    cache.set(key, f);
  }
  return f;
}

const MINUS = '\u2212';

export interface MsekOptions {
  /** Show '+' on positive values: for differences, where the sign is the message. */
  signed?: boolean;
  /** Decimals, 1 unless given: a column of means beside intervals that need more (rangeDigits). */
  digits?: number;
}

/**
 * SEK as MSEK ("mkr") with one decimal: 52 300 000 -> "52,3" (sv) / "52.3" (en). Non-finite -> "–".
 * A value that rounds to zero shows no sign, so a tiny negative delta does not read as a saving.
 */
export function formatMsek(sek: number, lang: Lang, opts: MsekOptions = {}): string {
  return msekWith(sek, lang, opts.digits ?? 1, opts);
}

function msekWith(sek: number, lang: Lang, digits: number, opts: MsekOptions = {}): string {
  if (!Number.isFinite(sek)) return '–';
  return formatter(lang, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: opts.signed ? 'exceptZero' : 'negative',
  }).format(sek / 1e6);
}

/**
 * Decimals an interval needs: one, or up to three where its ends differ but would read the same ("0,97–1,03", not
 * "1,0–1,0", which reads as no uncertainty at all).
 */
export function rangeDigits(lo: number, hi: number, lang: Lang): number {
  let digits = 1;
  while (digits < 3 && lo !== hi && msekWith(lo, lang, digits) === msekWith(hi, lang, digits)) digits++;
  return digits;
}

/**
 * A Monte Carlo error in MSEK, with the decimals it needs not to read as zero, up to three: "±0,04" beside a
 * headline of "0,11 (0,07–0,14)", where one decimal said "±0,0", as if the figure had no error at all.
 */
export function formatMsekError(sek: number, lang: Lang): string {
  let digits = 1;
  while (digits < 3 && sek > 0 && Number(msekWith(sek, 'en', digits)) === 0) digits++;
  return msekWith(sek, lang, digits);
}

/**
 * An interval in MSEK: "47,1–58,9". When an end is negative the dash gets spaces ("−5,0 – −3,2"), because
 * "−5,0–−3,2" is hard to read.
 */
export function formatMsekRange(lo: number, hi: number, lang: Lang, digits = rangeDigits(lo, hi, lang)): string {
  const a = msekWith(lo, lang, digits);
  const b = msekWith(hi, lang, digits);
  const negative = a.startsWith(MINUS) || a.startsWith('-') || b.startsWith(MINUS) || b.startsWith('-');
  return negative ? `${a} – ${b}` : `${a}–${b}`;
}

/** A mean and its interval at the decimals the interval needs: "1,0" beside "1,01–1,04" would fall outside it. */
export function formatMsekWithRange(mean: number, lo: number, hi: number, lang: Lang): [string, string] {
  const digits = rangeDigits(lo, hi, lang);
  return [msekWith(mean, lang, digits), formatMsekRange(lo, hi, lang, digits)];
}

/**
 * A share 0..1 as a whole percent: 0.48 -> "48 %" (sv, no-break space) / "48%" (en).
 * A probability that is not exactly 0 or 1 never prints as "0 %" or "100 %": 499 savings in 500 trials is
 * "99,8 %", not a certainty; beyond one decimal it becomes "> 99,9 %" / "< 0,1 %".
 */
export function formatPercent(share: number, lang: Lang): string {
  if (!Number.isFinite(share)) return '–';
  const certain = share <= 0 || share >= 1;
  // Compare formatted strings, not Math.round(share * 100): Intl rounds the exact decimal value, and the
  // two can disagree at x.5 boundaries.
  const whole = formatter(lang, { style: 'percent', maximumFractionDigits: 0 });
  const text = whole.format(share);
  if (certain || (text !== whole.format(0) && text !== whole.format(1))) return text;
  const oneDecimal = formatter(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const fine = oneDecimal.format(share);
  if (fine !== oneDecimal.format(0) && fine !== oneDecimal.format(1)) return fine;
  return share < 0.5 ? `< ${oneDecimal.format(0.001)}` : `> ${oneDecimal.format(0.999)}`;
}

/** A whole count with thousands separators: 21450 -> "21 450" (sv) / "21,450" (en). */
export function formatCount(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return '–';
  return formatter(lang, { maximumFractionDigits: 0, signDisplay: 'negative' }).format(n);
}

/** A number with thousands separators and every decimal it has: 8800000.25 -> "8 800 000,25" (sv) / "8,800,000.25" (en). */
export function formatExact(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return '–';
  return formatter(lang, { maximumFractionDigits: 20, signDisplay: 'negative' }).format(n);
}

/** A quantity with one decimal: 2.53 -> "2,5" (sv) / "2.5" (en); for averages such as places used. */
export function formatDecimal(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return '–';
  return formatter(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'negative' }).format(n);
}

// en-US has an ASCII minus and '.' decimal point, and Intl never switches to exponent notation in the
// default notation: 1e21 prints all 22 digits, which is what a spreadsheet cell needs.
const CSV_FORMAT = new Intl.NumberFormat('en-US', {
  useGrouping: false,
  maximumFractionDigits: 6,
  signDisplay: 'negative',
});

/**
 * A number for a CSV cell: no thousands separators, decimal comma for 'sv' and point for 'en', integers as
 * integers, at most 6 decimals with trailing zeros dropped, never exponent notation, ASCII '-' for
 * negatives, non-finite -> "" (an empty cell, which spreadsheets treat as missing rather than zero).
 * Six decimals keep probabilities (0.998) and fractional counts exact enough while hiding float noise
 * such as 22.100000000000023.
 */
export function csvNumber(x: number, locale: Lang): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '';
  const s = CSV_FORMAT.format(x);
  return locale === 'sv' ? s.replace('.', ',') : s;
}

const MONTH_NAMES: Record<Lang, readonly string[]> = {
  sv: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/**
 * A calendar month, "2026-10" or a Date (its UTC month): "okt 2026" (sv) / "Oct 2026" (en), with a no-break
 * space. Named here rather than by Intl, whose short Swedish month is "okt." in some engines and not others.
 */
export function formatMonth(month: string | Date, lang: Lang): string {
  const [y, m] = typeof month === 'string' ? month.split('-').map(Number) : [month.getUTCFullYear(), month.getUTCMonth() + 1];
  const name = MONTH_NAMES[lang][m - 1];
  return name === undefined || !Number.isInteger(y) ? '–' : `${name}\u00a0${y}`;
}
