/**
 * The pictures behind the fit report's stay rows: per form, the whole Kaplan–Meier curve of the stays the
 * calibration saw and the survival of the lognormal the model got. The report itself carries only four
 * percentiles; the curves are rebuilt here from the same episodes, window and rule as calibrate() uses (an
 * episode started in the window; ended by `to`, or censored at `to`).
 */
import type { FitReport } from '../../../simulation/calibration/calibrate.js';
import { modelId } from '../../../simulation/calibration/model-ids.js';
import { dayNumber, type Episode } from '../../../simulation/calibration/records.js';
import { kaplanMeier, lognormalSurvival, Z90, type Observation } from '../../../simulation/calibration/survival.js';

export interface CurvePoint {
  /** Days in care. */
  days: number;
  /** Share still in care after that many days. */
  share: number;
}

export interface StayCurve {
  form: string;
  /** A step curve: each point holds until the next. Starts at (0, 1). */
  km: CurvePoint[];
  fitted: CurvePoint[];
  finished: number;
  ongoing: number;
}

/** Enough points for a smooth line at any chart width, few enough to post between threads at no cost. */
const FITTED_POINTS = 120;

export function stayCurves(episodes: readonly Episode[], report: FitReport): StayCurve[] {
  const fromDay = dayNumber(report.window.from)!;
  const toDay = dayNumber(report.window.to)!;
  const out: StayCurve[] = [];
  for (const f of report.forms) {
    if (f.stayPlaceholder) continue;
    const obs: Observation[] = [];
    for (const e of episodes) {
      if (modelId(e.form) !== f.form) continue;
      const s = dayNumber(e.start)!;
      if (s < fromDay || s > toDay) continue;
      const end = e.end === null ? null : dayNumber(e.end)!;
      obs.push(end !== null && end <= toDay ? { time: end - s + 1, event: true } : { time: toDay - s + 1, event: false });
    }
    const km = kaplanMeier(obs);
    const points: CurvePoint[] = [{ days: 0, share: 1 }];
    km.times.forEach((t, i) => points.push({ days: t, share: km.survival[i] }));
    // The curve is known up to the longest stay seen, finished or not; it stays flat after the last end.
    const longest = obs.reduce((m, o) => Math.max(m, o.time), 0);
    if (longest > points[points.length - 1].days) points.push({ days: longest, share: points[points.length - 1].share });

    // The model's own lognormal: from the rounded median and p90 it stores, not the fit's unrounded mu and sigma.
    const mu = Math.log(f.stay.median);
    const sigma = Math.log(f.stay.p90 / f.stay.median) / Z90;
    const fitted: CurvePoint[] = [];
    for (let i = 0; i <= FITTED_POINTS; i++) {
      const days = (longest * i) / FITTED_POINTS;
      fitted.push({ days, share: lognormalSurvival(mu, sigma, days) });
    }
    out.push({ form: f.form, km: points, fitted, finished: f.finished, ongoing: f.ongoing });
  }
  return out;
}
