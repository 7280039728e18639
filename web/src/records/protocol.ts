/**
 * The messages between the page and the records worker (worker.ts). The records' text goes only this way, by
 * postMessage inside the browser: never into a request.
 */
import type { BacktestResult } from '../../../simulation/calibration/backtest.js';
import type { FitReport } from '../../../simulation/calibration/calibrate.js';
import type { RecordProblem } from '../../../simulation/calibration/records.js';
import type { Model } from '../../../simulation/schema.js';
import type { StayCurve } from './stay-curves.js';

/** The options of `npm run calibrate` (--from, --to, --start, --horizon, --skip-bad-rows). */
export interface CalibrateRequest {
  kind: 'calibrate';
  text: string;
  from?: string;
  to?: string;
  start?: string;
  horizonMonths?: number;
  skipBadRows: boolean;
}

/** The options of `npm run backtest` (--cutoff, --years, --trials, --seed, --skip-bad-rows). */
export interface BacktestRequest {
  kind: 'backtest';
  text: string;
  cutoff: string;
  years: number;
  trials: number;
  seed: number;
  skipBadRows: boolean;
}

export type RecordsRequest = CalibrateRequest | BacktestRequest;

export interface Calibrated {
  kind: 'calibrated';
  model: Model;
  report: FitReport;
  curves: StayCurve[];
  skipped: number;
  dropped: RecordProblem[];
}

export interface Backtested {
  kind: 'backtested';
  result: BacktestResult;
  skipped: number;
  dropped: RecordProblem[];
}

export type RecordsResponse =
  | Calibrated
  | Backtested
  /** The file's rows that cannot be read, each with its row and column; no model. */
  /** `count`: every problem, also those the capped list sums up in its last entry. */
  | { kind: 'badRows'; problems: RecordProblem[]; count: number }
  /** What the calibration or the backtest refuses (a window without episodes, a cutoff after the data). */
  | { kind: 'refused'; message: string }
  | { kind: 'failed'; message: string };
