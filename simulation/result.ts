/** The comparison result (model-spec section 5). Field names are fixed by the contract; more may be added. */

export interface Stats {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

export interface CostStats {
  mean: number;
  sd: number;
  mcse: number;
  p5: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  byForm: Record<string, number>;
  optionCost: number;
  revenue: number;
}

export interface Breakdown {
  total: Stats;
  byForm: Record<string, Stats>;
}

export interface BudgetResult {
  amount: number;
  probExceed: number;
  expectedOverrun: number;
}

export interface DeltaResult {
  mean: number;
  ci95: [number, number];
  p10: number;
  p50: number;
  p90: number;
  probSaving: number;
}

export interface PeriodResult {
  cost: CostStats;
  careDays: Breakdown;
  admissions: Breakdown;
  overflows: Breakdown;
  censusAtPeriodEnd: Breakdown;
  occupancy: Record<string, number>;
  /** Placements ended by `maxAgeYears` in the period (an addition to the contract). */
  agedOut: Stats;
  budget?: BudgetResult;
  delta?: DeltaResult;
}

export const FAN_KEYS = ['p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95'] as const;
export type FanKey = (typeof FAN_KEYS)[number];
export type Fan = Record<FanKey, number[]>;

export interface SensitivityEntry {
  parameter: string;
  onCost: number;
  onDelta: number | null;
}

export interface ScenarioResult {
  id: string;
  label: string;
  options: string[];
  periods: Record<string, PeriodResult>;
  breakEven?: { probWithinHorizon: number; medianMonth: string | null };
  monthly: { cost: Fan; census: Fan };
  sensitivity: SensitivityEntry[];
}

export interface ComparisonResult {
  version: 1;
  trials: number;
  seed: number;
  periods: string[];
  months: string[];
  scenarios: ScenarioResult[];
}
