/** How a field's unit is shown and typed: the text after the box and the power of ten the box is in. */
import type { DistUnit } from '../../../presentation/dist-text.js';
import { t } from '../i18n/index.js';
import { formatNumberText } from './number-text.js';
import type { ParamUnit } from './preset-params.js';

export type EditUnit = ParamUnit | 'msek';

export function unitText(u: EditUnit): string {
  const s = t();
  const texts: Record<EditUnit, string> = {
    sek: s.edUnitSek,
    msek: s.edUnitMsek,
    days: s.edUnitDays,
    count: s.edUnitCount,
    percent: s.edUnitPercent,
    months: s.edUnitMonths,
    years: s.edUnitYears,
    places: s.edUnitPlaces,
    factor: s.edUnitFactor,
  };
  return texts[u];
}

/** Shares are typed in per cent, budgets in MSEK; everything else as stored. */
export const exponentOf = (u: EditUnit): number => (u === 'percent' ? 2 : u === 'msek' ? -6 : 0);

/** The unit for describeDist (presentation/dist-text.ts). */
export const distUnitOf = (u: EditUnit): DistUnit => (u === 'sek' || u === 'days' || u === 'percent' ? u : 'count');

/** A value in the field's unit with the unit after it, for the spread's words. */
export function formatIn(u: EditUnit, x: number, decimalComma: boolean): string {
  // Stays and ages are thought of in whole days; other small figures keep three digits.
  const whole = Math.abs(x) >= 100 || (u === 'days' && Math.abs(x) >= 1);
  const rounded = whole ? Math.round(x) : Number(x.toPrecision(3));
  const text = formatNumberText(rounded, exponentOf(u), decimalComma);
  const grouped = decimalComma ? text.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0') : text.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const unit = u === 'factor' ? '' : unitText(u);
  return unit ? `${grouped}\u00a0${unit}` : grouped;
}
