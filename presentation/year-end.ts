/**
 * The figures of a year-end forecast (årsprognos), read from a comparison of yearEndScenarios: what the table, the
 * CSV and the page show, from one place so they cannot disagree.
 */
import type { ComparisonResult, PeriodResult } from '../simulation/result.js';
import { NO_NEW_PLACEMENTS_ID } from '../simulation/year-end.js';

export interface YearEndForecast {
  year: string;
  /** Months of the year the model simulates (from start to December, or the horizon's end). */
  monthsLeft: number;
  /** SEK booked before start (outcomeToDate); 0 when the model has none. */
  booked: number;
  /** The whole year: booked plus the simulated months. */
  full: { mean: number; p10: number; p90: number };
  /**
   * Against the year's budget: the deviation as committees report it (budget minus expected cost, negative for a
   * deficit), the chance of a deficit, its expected size over all trials, and its mean size in the trials that have one.
   */
  budget: { amount: number; deviation: number; probDeficit: number; expectedDeficit: number; deficitIfAny: number | null } | null;
  /** The usual method (no new placements), with its chance of a deficit by its own reckoning. */
  usual: { mean: number; p10: number; p90: number; deviation: number | null; probDeficit: number | null };
  /** How much the usual method understates the year (full minus usual, paired per trial), with its 95 % interval. */
  understatement: { mean: number; ci95: [number, number] };
}

/**
 * The forecast of the result's first year; null when the result lacks the usual-method scenario or the year
 * (a comparison that was not made by yearEndScenarios).
 */
export function yearEndForecast(result: ComparisonResult): YearEndForecast | null {
  const year = result.periods[0];
  const full = result.scenarios[0]?.periods[year];
  const usual = result.scenarios.find((s) => s.id === NO_NEW_PLACEMENTS_ID)?.periods[year];
  if (!year || year === 'total' || !full || !usual?.delta) return null;
  const stats = (p: PeriodResult) => ({ mean: p.cost.mean, p10: p.cost.p10, p90: p.cost.p90 });
  const d = usual.delta;
  return {
    year,
    monthsLeft: result.months.filter((m) => m.startsWith(`${year}-`)).length,
    booked: full.cost.outcomeToDate ?? 0,
    full: stats(full),
    budget: full.budget
      ? {
          amount: full.budget.amount,
          deviation: full.budget.amount - full.cost.mean,
          probDeficit: full.budget.probExceed,
          expectedDeficit: full.budget.expectedOverrun,
          deficitIfAny: full.budget.probExceed > 0 ? full.budget.expectedOverrun / full.budget.probExceed : null,
        }
      : null,
    usual: {
      ...stats(usual),
      deviation: usual.budget ? usual.budget.amount - usual.cost.mean : null,
      probDeficit: usual.budget?.probExceed ?? null,
    },
    understatement: { mean: -d.mean, ci95: [-d.ci95[1], -d.ci95[0]] },
  };
}
