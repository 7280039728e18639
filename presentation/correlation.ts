/**
 * A rank correlation for people: two decimals and a true minus sign in Swedish ("−0,42"), like the other
 * figures of presentation/numbers.ts.
 */
import type { Lang } from './numbers.js';

const FORMATS: Record<Lang, Intl.NumberFormat> = {
  sv: new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'negative' }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'negative' }),
};

export function formatCorrelation(rho: number, lang: Lang): string {
  if (!Number.isFinite(rho)) return '–';
  // "−0,00" would suggest a direction that is not there.
  return FORMATS[lang].format(Math.abs(rho) < 0.005 ? 0 : rho);
}
