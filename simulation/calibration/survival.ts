/**
 * Lengths of stay from placement records, where the episodes still ongoing at the end of the data are
 * right-censored: we only know they have lasted at least so long. Averaging the finished stays alone is
 * biased low (the long stays are exactly the ones that have not finished yet), so the stay distribution is
 * fitted by maximum likelihood with censoring, and Kaplan–Meier gives the model-free curve to check it against.
 * Pure functions, no I/O.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { mean, sampleStandardDeviation } from 'simple-statistics';

/** One episode: `time` days in care; `event` false when it was still ongoing at `time` (censored). */
export interface Observation {
  time: number;
  event: boolean;
}

export interface KaplanMeier {
  /** Distinct times at which at least one stay ended, ascending. */
  times: number[];
  /** S(t) just after each of `times`: the share of stays lasting longer than that. */
  survival: number[];
  /** Greenwood's variance of each `survival` value, so callers can judge agreement against sampling noise. */
  variance: number[];
}

/** Standard normal z of the 90th percentile: the model states lognormals as median and p90. */
export const Z90 = 1.2815515655446004;

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Checks the times and replaces same-day stays. A zero-day episode (placed and ended on the same date) has no
 * logarithm; it lasted part of a day, so it counts as half a day rather than being dropped, which would bias
 * the short end.
 */
function cleanTimes(obs: readonly Observation[]): Observation[] {
  return obs.map((o, i) => {
    if (!Number.isFinite(o.time) || o.time < 0) {
      throw new RangeError(`observation ${i}: time must be a finite number of days >= 0, got ${o.time}`);
    }
    return o.time === 0 ? { time: 0.5, event: o.event } : o;
  });
}

/**
 * Product-limit estimate. At a tied time, stays that ended count as ending before those censored there, so
 * the censored ones are still in the risk set: the usual convention, since "ongoing at t" means "lasted at
 * least t".
 */
export function kaplanMeier(obs: readonly Observation[]): KaplanMeier {
  const sorted = [...obs].sort((a, b) => a.time - b.time);
  const times: number[] = [];
  const survival: number[] = [];
  const variance: number[] = [];
  let atRisk = sorted.length;
  let s = 1;
  let greenwoodSum = 0;
  let i = 0;
  while (i < sorted.length) {
    const t = sorted[i].time;
    let d = 0;
    let c = 0;
    while (i < sorted.length && sorted[i].time === t) {
      if (sorted[i].event) d++;
      else c++;
      i++;
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      // When everyone left at risk ends here, S drops to 0 and Greenwood's term is undefined; its variance is 0.
      greenwoodSum += atRisk > d ? d / (atRisk * (atRisk - d)) : 0;
      times.push(t);
      survival.push(s);
      variance.push(s > 0 ? s * s * greenwoodSum : 0);
    }
    atRisk -= d + c;
  }
  return { times, survival, variance };
}

/** KM survival at time t (right-continuous step function; 1 before the first ending). */
export function kmSurvivalAt(km: KaplanMeier, t: number): { survival: number; variance: number } {
  let survival = 1;
  let variance = 0;
  for (let j = 0; j < km.times.length && km.times[j] <= t; j++) {
    survival = km.survival[j];
    variance = km.variance[j];
  }
  return { survival, variance };
}

/**
 * Smallest time with S(t) <= 1 - p, or null when the curve never gets that low: with heavy censoring the
 * data simply do not say how long the longest stays are, and inventing a number would hide that.
 */
export function kmQuantile(km: KaplanMeier, p: number): number | null {
  // A relative slack so that a product like (1 - 1/4)(1 - 1/3) = 0.5 still reaches the median despite rounding.
  const target = 1 - p + 1e-12;
  for (let j = 0; j < km.times.length; j++) {
    if (km.survival[j] <= target) return km.times[j];
  }
  return null;
}

export function lognormalQuantile(mu: number, sigma: number, p: number): number {
  return Math.exp(mu + sigma * normalQuantile(p, 0, 1));
}

export function lognormalSurvival(mu: number, sigma: number, t: number): number {
  if (t <= 0) return 1;
  // Upper tail as the CDF of -z keeps precision far out, where 1 - CDF(z) would round to 0.
  return normalCdf(-(Math.log(t) - mu) / sigma, 0, 1);
}

/**
 * log Q(z) and the inverse Mills ratio phi(z)/Q(z) for the standard normal upper tail Q. Past z ~ 37, Q
 * underflows, so the asymptotic series takes over; the optimiser can wander there on its first steps.
 */
function upperTail(z: number): { logQ: number; lambda: number } {
  if (z < 30) {
    const q = normalCdf(-z, 0, 1);
    const logPhi = -0.5 * z * z - LOG_SQRT_2PI;
    return { logQ: Math.log(q), lambda: Math.exp(logPhi - Math.log(q)) };
  }
  const z2 = z * z;
  return {
    logQ: -0.5 * z2 - LOG_SQRT_2PI - Math.log(z) + Math.log(1 - 1 / z2 + 3 / (z2 * z2)),
    lambda: z + 1 / z - 2 / (z2 * z),
  };
}

interface Derivatives {
  logLik: number;
  /** Gradient and Hessian in (mu, tau = log sigma). */
  g: [number, number];
  h: [[number, number], [number, number]];
}

/**
 * Log-likelihood on the time scale (the -log t Jacobian is included, so values are comparable with other
 * stay distributions) and its analytic derivatives. With z = (log t - mu)/sigma, dz/dmu = -1/sigma and
 * dz/dtau = -z; censored terms use d log Q/dz = -lambda and lambda' = lambda (lambda - z).
 */
function derivatives(obs: readonly Observation[], mu: number, tau: number): Derivatives {
  const sigma = Math.exp(tau);
  let ll = 0;
  let gm = 0;
  let gt = 0;
  let hmm = 0;
  let hmt = 0;
  let htt = 0;
  for (const o of obs) {
    const y = Math.log(o.time);
    const z = (y - mu) / sigma;
    if (o.event) {
      ll += -tau - 0.5 * z * z - LOG_SQRT_2PI - y;
      gm += z / sigma;
      gt += z * z - 1;
      hmm -= 1 / (sigma * sigma);
      hmt -= (2 * z) / sigma;
      htt -= 2 * z * z;
    } else {
      const { logQ, lambda } = upperTail(z);
      const dl = lambda * (lambda - z);
      ll += logQ;
      gm += lambda / sigma;
      gt += lambda * z;
      hmm -= dl / (sigma * sigma);
      hmt -= (dl * z + lambda) / sigma;
      htt -= (dl * z + lambda) * z;
    }
  }
  return {
    logLik: ll,
    g: [gm, gt],
    h: [
      [hmm, hmt],
      [hmt, htt],
    ],
  };
}

export interface LognormalFit {
  /** In days; the model's `{ type: 'lognormal', median, p90 }`. */
  median: number;
  p90: number;
  mu: number;
  sigma: number;
  /** Episodes used, and how many of them had ended (the rest were censored). */
  n: number;
  events: number;
  logLik: number;
}

/**
 * Maximum-likelihood lognormal for right-censored stays: events contribute log f(t), ongoing episodes
 * log S(t). Newton's method on (mu, log sigma), which keeps sigma positive without constraints; when the
 * Hessian is not negative definite (far from the optimum) it takes a gradient step instead, and every step is
 * halved until the likelihood rises, so it cannot diverge. Starts from the finished stays' log mean and sd:
 * biased low, but in the right basin.
 */
export function fitLognormalCensored(obs: readonly Observation[]): LognormalFit {
  const data = cleanTimes(obs);
  const events = data.filter((o) => o.event);
  if (events.length < 2) {
    throw new RangeError(`a lognormal stay needs at least 2 finished stays to fit, got ${events.length} of ${data.length} episodes`);
  }
  const logs = events.map((o) => Math.log(o.time));
  let mu = mean(logs);
  const sd0 = sampleStandardDeviation(logs);
  // All finished stays of equal length give sd 0; any positive start lets the censored ones pull it open.
  let tau = Math.log(sd0 > 0 ? sd0 : 1);
  let cur = derivatives(data, mu, tau);
  for (let iter = 0; iter < 200; iter++) {
    const [gm, gt] = cur.g;
    const [[a, b], [, c]] = cur.h;
    const det = a * c - b * b;
    let dm: number;
    let dt: number;
    if (a < 0 && det > 0) {
      dm = -(c * gm - b * gt) / det;
      dt = -(-b * gm + a * gt) / det;
    } else {
      const scale = 1 / Math.max(1, Math.hypot(gm, gt));
      dm = gm * scale;
      dt = gt * scale;
    }
    let step = 1;
    let next = derivatives(data, mu + dm, tau + dt);
    while (!(next.logLik >= cur.logLik) && step > 1e-10) {
      step /= 2;
      next = derivatives(data, mu + step * dm, tau + step * dt);
    }
    if (!(next.logLik >= cur.logLik)) break;
    mu += step * dm;
    tau += step * dt;
    cur = next;
    if (Math.abs(step * dm) < 1e-10 && Math.abs(step * dt) < 1e-10) break;
  }
  const sigma = Math.exp(tau);
  if (!Number.isFinite(mu) || !(sigma > 1e-8) || !Number.isFinite(sigma)) {
    throw new RangeError(`lognormal fit did not converge (mu ${mu}, sigma ${sigma}): the stays are degenerate`);
  }
  return {
    median: Math.exp(mu),
    p90: Math.exp(mu + Z90 * sigma),
    mu,
    sigma,
    n: data.length,
    events: events.length,
    logLik: cur.logLik,
  };
}

/**
 * Asymptotic covariance of (mu, sigma) at a fit: the inverse of the observed information (minus the Hessian
 * of the log-likelihood), taken in (mu, log sigma) where the likelihood is closer to quadratic and mapped to
 * sigma by the delta method (d sigma / d log sigma = sigma).
 */
export function fitCovariance(
  obs: readonly Observation[],
  mu: number,
  sigma: number,
): { varMu: number; varSigma: number; covMuSigma: number } {
  const { h } = derivatives(cleanTimes(obs), mu, Math.log(sigma));
  const [[a, b], [, c]] = h;
  const det = a * c - b * b;
  // Inverse of -H.
  const vMu = -c / det;
  const vTau = -a / det;
  const cMuTau = b / det;
  return { varMu: vMu, varSigma: sigma * sigma * vTau, covMuSigma: sigma * cMuTau };
}

/** Standard errors of the model's median = exp(mu) and p90 = exp(mu + Z90 sigma), by the delta method. */
export function fitStandardErrors(obs: readonly Observation[], fit: LognormalFit): { median: number; p90: number } {
  const { varMu, varSigma, covMuSigma } = fitCovariance(obs, fit.mu, fit.sigma);
  const varP90 = fit.p90 * fit.p90 * (varMu + Z90 * Z90 * varSigma + 2 * Z90 * covMuSigma);
  return { median: fit.median * Math.sqrt(varMu), p90: Math.sqrt(varP90) };
}

export interface KmVersusFitRow {
  p: number;
  /** Null where the KM curve never falls that low (too much censoring to say). */
  km: number | null;
  fitted: number;
}

/** The fit report's comparison: observed (Kaplan–Meier) against fitted stay at each percentile. */
export function kmVersusFit(
  km: KaplanMeier,
  fit: Pick<LognormalFit, 'mu' | 'sigma'>,
  ps: readonly number[] = [0.25, 0.5, 0.75, 0.9],
): KmVersusFitRow[] {
  return ps.map((p) => ({ p, km: kmQuantile(km, p), fitted: lognormalQuantile(fit.mu, fit.sigma, p) }));
}
