/**
 * The calibration's options as typed in the page, checked as the command line checks its --from, --to, --start
 * and --horizon (functions/cli/calibrate.ts): empty means the CLI's default. Each problem names its field.
 */
import { isRealDate } from '../../../simulation/schema.js';

export interface CalibrateFields {
  from: string;
  to: string;
  start: string;
  horizon: string;
}

export type FieldProblems = Partial<Record<keyof CalibrateFields, 'date' | 'month' | 'horizon' | 'toBeforeFrom'>>;

const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s);

export function checkCalibrateFields(f: CalibrateFields): {
  problems: FieldProblems;
  options: { from?: string; to?: string; start?: string; horizonMonths?: number };
} {
  const problems: FieldProblems = {};
  const from = f.from.trim();
  const to = f.to.trim();
  const start = f.start.trim();
  const horizon = f.horizon.trim();
  if (from && !isDay(from)) problems.from = 'date';
  if (to && !isDay(to)) problems.to = 'date';
  if (!problems.from && !problems.to && from && to && to < from) problems.to = 'toBeforeFrom';
  if (start && !/^\d{4}-(0[1-9]|1[0-2])$/.test(start)) problems.start = 'month';
  const h = Number(horizon);
  if (horizon && (!/^\d+$/.test(horizon) || h < 1 || h > 240)) problems.horizon = 'horizon';
  return {
    problems,
    options: {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(start ? { start } : {}),
      ...(horizon ? { horizonMonths: h } : {}),
    },
  };
}
