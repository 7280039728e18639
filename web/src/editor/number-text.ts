/**
 * Numbers as a controller types them: "4600", "4 600", "8 800 000", "0,25" or "0.25" (and in English "8,800,000"),
 * and for a field shown in another unit (per cent, MSEK) the typed figure moved by a power of ten. The shift is
 * done on the decimal text ("25e-2"), not by dividing, so 25 % is exactly the number 0.25 that a JSON file would
 * hold.
 */
import { formatExact, type Lang } from '../../../presentation/numbers.js';

export type NumberText = { ok: true; value: number } | { ok: false };

// Groups of three after a first group of one to three digits, then an optional decimal part. English groups with
// a comma; Swedish with a space (removed before this) or, from a spreadsheet, a dot: only two or more dots count as
// grouping there, since "1.5" typed in Swedish is taken as the decimal point it was before.
const GROUPED: Record<Lang, RegExp> = {
  en: /^-?\d{1,3}(,\d{3})+(\.\d*)?$/,
  sv: /^-?\d{1,3}(\.\d{3}){2,}(,\d*)?$/,
};

export function parseNumberText(text: string, exponent = 0, lang: Lang = 'sv'): NumberText {
  let bare = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^[\u2212\u2013]/, '-');
  if (GROUPED[lang].test(bare)) bare = bare.replaceAll(lang === 'en' ? ',' : '.', '');
  if (!/^-?(\d+([.,]\d*)?|[.,]\d+)$/.test(bare)) return { ok: false };
  const value = Number(`${bare.replace(',', '.')}e${-exponent}`);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false };
}

/** The value in the field's unit, rounded to 12 significant digits: 0.07 in per cent is 7, not 7.000000000000001. */
const shiftedTo = (value: number, exponent: number): number => Number(Number(`${value}e${exponent}`).toPrecision(12));

/** The number in the field's unit, with the language's decimal mark and no grouping. */
export function formatNumberText(value: number, exponent = 0, decimalComma = true): string {
  const text = String(shiftedTo(value, exponent));
  return decimalComma ? text.replace('.', ',') : text;
}

/**
 * The number in the field's unit as the rest of the page writes numbers (presentation/numbers.ts): "8 800 000" with a
 * no-break space, "8,800,000" in English, every decimal kept. parseNumberText reads it back to the same value.
 */
export function formatGroupedNumber(value: number, exponent = 0, lang: Lang = 'sv'): string {
  return formatExact(shiftedTo(value, exponent), lang);
}
