/**
 * The simulated calendar: days counted from the first day of the start month, months, and the reporting
 * periods (each calendar year the horizon touches, then the whole horizon).
 */

const MS_PER_DAY = 86_400_000;

export interface Calendar {
  /** Number of months and of days in the horizon. */
  months: number;
  days: number;
  /** `monthStart[m]` is the first day of month m; `monthStart[months]` = days. */
  monthStart: Int32Array;
  daysInMonth: Int32Array;
  /** Month index of every day. */
  monthOfDay: Int16Array;
  /** 0 = January, for seasonality. */
  calendarMonth: Int8Array;
  monthLabels: string[];
  /** Period labels: years, then "total". */
  periods: string[];
  /** First and last (exclusive) month of every period. */
  periodMonths: [number, number][];
  /** UTC epoch milliseconds of day 0. */
  startEpochMs: number;
}

export function parseYearMonth(s: string): { year: number; month: number } {
  const [y, m] = s.split('-').map(Number);
  return { year: y, month: m - 1 };
}

export function buildCalendar(start: string, horizonMonths: number): Calendar {
  const { year, month } = parseYearMonth(start);
  const startEpochMs = Date.UTC(year, month, 1);
  const monthStart = new Int32Array(horizonMonths + 1);
  const daysInMonth = new Int32Array(horizonMonths);
  const calendarMonth = new Int8Array(horizonMonths);
  const monthLabels: string[] = [];
  const periods: string[] = [];
  const periodMonths: [number, number][] = [];
  for (let m = 0; m <= horizonMonths; m++) {
    const t = Date.UTC(year, month + m, 1);
    monthStart[m] = Math.round((t - startEpochMs) / MS_PER_DAY);
    if (m === horizonMonths) break;
    const d = new Date(t);
    const y = d.getUTCFullYear();
    calendarMonth[m] = d.getUTCMonth();
    monthLabels.push(`${y}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
    const label = String(y);
    if (periods[periods.length - 1] !== label) {
      periods.push(label);
      periodMonths.push([m, m + 1]);
    } else {
      periodMonths[periodMonths.length - 1][1] = m + 1;
    }
  }
  for (let m = 0; m < horizonMonths; m++) daysInMonth[m] = monthStart[m + 1] - monthStart[m];
  const days = monthStart[horizonMonths];
  const monthOfDay = new Int16Array(days);
  for (let m = 0; m < horizonMonths; m++) monthOfDay.fill(m, monthStart[m], monthStart[m + 1]);
  periods.push('total');
  periodMonths.push([0, horizonMonths]);
  return {
    months: horizonMonths,
    days,
    monthStart,
    daysInMonth,
    monthOfDay,
    calendarMonth,
    monthLabels,
    periods,
    periodMonths,
    startEpochMs,
  };
}

/** Days from the calendar's day 0 to an ISO date (negative before the start). */
export function dayIndex(cal: Calendar, isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - cal.startEpochMs) / MS_PER_DAY);
}
