/** The backtest's options as typed, checked as `npm run backtest` checks --cutoff, --years, --trials and --seed. */
import { isRealDate } from '../../../simulation/schema.js';

export interface BacktestFields {
  cutoff: string;
  years: string;
  trials: string;
  seed: string;
}

export type BacktestProblems = Partial<Record<keyof BacktestFields, 'date' | 'years' | 'trials' | 'seed'>>;

const whole = (s: string, min: number, max: number): number | null => {
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
};

export function checkBacktestFields(f: BacktestFields): {
  problems: BacktestProblems;
  options: { cutoff: string; years: number; trials: number; seed: number } | null;
} {
  const problems: BacktestProblems = {};
  const cutoff = f.cutoff.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(cutoff) || !isRealDate(cutoff)) problems.cutoff = 'date';
  const years = whole(f.years.trim(), 1, 50);
  if (years === null) problems.years = 'years';
  const trials = whole(f.trials.trim(), 1, 1_000_000);
  if (trials === null) problems.trials = 'trials';
  const seed = whole(f.seed.trim(), 0, Number.MAX_SAFE_INTEGER);
  if (seed === null) problems.seed = 'seed';
  if (Object.keys(problems).length > 0) return { problems, options: null };
  return { problems, options: { cutoff, years: years!, trials: trials!, seed: seed! } };
}
