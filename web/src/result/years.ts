/**
 * The calendar years of a result and how to name them: a year the horizon covers only in part is named with its
 * months, "2026 (apr–dec)", so nobody compares a nine-month cost with a full year's budget unawares.
 */
import { fmt, t } from '../i18n/index.js';

export function monthsOf(year: string, months: string[]): string[] {
  return months.filter((m) => m.startsWith(`${year}-`));
}

export function isFullYear(year: string, months: string[]): boolean {
  return monthsOf(year, months).length === 12;
}

/** The month's name alone: "apr" / "Apr". */
function monthName(m: string): string {
  return fmt.month(m).split('\u00a0')[0];
}

export function yearLabel(year: string, months: string[]): string {
  const own = monthsOf(year, months);
  if (own.length === 12 || own.length === 0) return year;
  return t().drvPartialYear(year, monthName(own[0]), monthName(own[own.length - 1]));
}

/** The first year the horizon covers in full, else the first year. */
export function firstFullYear(years: string[], months: string[]): string {
  return years.find((y) => isFullYear(y, months)) ?? years[0];
}
