/**
 * What the records worker does, without the worker: the same calls, in the same order and with the same
 * options, as `npm run calibrate` and `npm run backtest` (functions/cli/), so the page's model and backtest are
 * the command line's. Kept apart from worker.ts so a Node test can run it too.
 */
import { backtest } from '../../../simulation/calibration/backtest.js';
import { calibrate } from '../../../simulation/calibration/calibrate.js';
import { linkEpisodes, parseRecords } from '../../../simulation/calibration/records.js';
import type { RecordsRequest, RecordsResponse } from './protocol.js';
import { stayCurves } from './stay-curves.js';

export function runRecords(req: RecordsRequest): RecordsResponse {
  try {
    const parsed = parseRecords(req.text, { skipBadRows: req.skipBadRows });
    if (parsed.problems.length > 0) return { kind: 'badRows', problems: parsed.problems, count: parsed.problemCount };
    const episodes = linkEpisodes(parsed.records);
    const kept = { skipped: parsed.skipped, dropped: parsed.dropped };
    if (req.kind === 'calibrate') {
      const { model, report } = calibrate(episodes, { from: req.from, to: req.to, start: req.start, horizonMonths: req.horizonMonths });
      return { kind: 'calibrated', model, report, curves: stayCurves(episodes, report), ...kept };
    }
    const result = backtest(episodes, { cutoff: req.cutoff, years: req.years, trials: req.trials, seed: req.seed });
    return { kind: 'backtested', result, ...kept };
  } catch (e) {
    // As the command lines do: a RangeError is input the calibration cannot use (exit 2), anything else a fault.
    if (e instanceof RangeError) return { kind: 'refused', message: e.message };
    return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}
