/**
 * Stay fitting with right-censoring (simulation/calibration/survival.ts).
 *
 * Stays are drawn with the engine's own lognormal sampler, so "recovery" means the calibration returns the
 * parameters the engine would be run with. Tolerances are 4 standard errors from the fit's observed
 * information (delta method to median and p90), or from Greenwood's variance for Kaplan–Meier.
 */
import { describe, expect, it } from 'vitest';
import { median as sampleMedian, quantileSorted } from 'simple-statistics';
import { Stream } from '../../simulation/rng.js';
import { compileDist } from '../../simulation/dist.js';
import {
  fitLognormalCensored,
  fitStandardErrors,
  kaplanMeier,
  kmQuantile,
  kmSurvivalAt,
  kmVersusFit,
  lognormalQuantile,
  lognormalSurvival,
  type Observation,
} from '../../simulation/calibration/survival.js';

const TRUE_MEDIAN = 180;
const TRUE_P90 = 600;

/**
 * n stays in whole days (as records have them), each observed for an independent Uniform(0, window) span: a
 * stay longer than its span is still ongoing, censored at the span.
 */
function censoredStays(n: number, window: number, k0: number): Observation[] {
  const stay = compileDist({ type: 'lognormal', median: TRUE_MEDIAN, p90: TRUE_P90 });
  const rng = new Stream({ k0, k1: 0x5eed });
  const obs: Observation[] = [];
  for (let i = 0; i < n; i++) {
    const t = Math.max(1, Math.round(stay.sample(rng)));
    const seen = Math.max(1, Math.round(rng.next() * window));
    obs.push(t <= seen ? { time: t, event: true } : { time: seen, event: false });
  }
  return obs;
}

describe('kaplanMeier', () => {
  // Hand-computed: n = 9; ties of an ending and a censoring at 2 and at 5.
  const obs: Observation[] = [
    { time: 1, event: true },
    { time: 2, event: true },
    { time: 2, event: true },
    { time: 2, event: false },
    { time: 3, event: false },
    { time: 4, event: true },
    { time: 5, event: true },
    { time: 5, event: false },
    { time: 6, event: true },
  ];

  it('matches the textbook product-limit numbers, events before censorings at ties', () => {
    const km = kaplanMeier(obs);
    expect(km.times).toEqual([1, 2, 4, 5, 6]);
    // 8/9; x 6/8 (8 at risk, the censoring at 2 still counts); x 3/4; x 2/3; x 0/1.
    const expected = [8 / 9, 2 / 3, 1 / 2, 1 / 3, 0];
    km.survival.forEach((s, i) => expect(s).toBeCloseTo(expected[i], 14));
    // Greenwood: S^2 * cumulative d / (n (n - d)).
    const greenwood = [8 / 729, 2 / 81, 5 / 144, 11 / 324, 0];
    km.variance.forEach((v, i) => expect(v).toBeCloseTo(greenwood[i], 14));
    expect(kmQuantile(km, 0.25)).toBe(2);
    expect(kmQuantile(km, 0.5)).toBe(4);
    expect(kmQuantile(km, 0.9)).toBe(6);
    expect(kmSurvivalAt(km, 3.5).survival).toBeCloseTo(2 / 3, 14);
    expect(kmSurvivalAt(km, 0.5).survival).toBe(1);
  });

  it('returns null for a quantile the censored curve never reaches', () => {
    const km = kaplanMeier([
      { time: 10, event: true },
      { time: 20, event: false },
      { time: 30, event: false },
      { time: 40, event: false },
    ]);
    expect(kmQuantile(km, 0.25)).toBe(10);
    expect(kmQuantile(km, 0.5)).toBeNull();
  });

  it('equals the empirical quantiles when nothing is censored', () => {
    // n = 101 keeps n p off the integers, where quantile definitions differ by averaging neighbours.
    const obs = censoredStays(101, Infinity, 7).map((o) => ({ time: o.time, event: true }));
    const sorted = obs.map((o) => o.time).sort((a, b) => a - b);
    const km = kaplanMeier(obs);
    for (const p of [0.1, 0.25, 0.5, 0.75, 0.9]) expect(kmQuantile(km, p)).toBe(quantileSorted(sorted, p));
  });
});

describe('fitLognormalCensored', () => {
  const obs = censoredStays(2000, 600, 42);
  const fit = fitLognormalCensored(obs);
  const se = fitStandardErrors(obs, fit);

  it('censors roughly 40% of the stays in the recovery data', () => {
    const share = 1 - fit.events / fit.n;
    expect(share).toBeGreaterThan(0.33);
    expect(share).toBeLessThan(0.47);
  });

  it('recovers the median and p90 within 4 standard errors', () => {
    console.log(
      `recovery: n ${fit.n}, events ${fit.events}; median ${fit.median.toFixed(1)} (SE ${se.median.toFixed(1)}, ` +
        `true ${TRUE_MEDIAN}), p90 ${fit.p90.toFixed(1)} (SE ${se.p90.toFixed(1)}, true ${TRUE_P90}); ` +
        `mu ${fit.mu.toFixed(4)}, sigma ${fit.sigma.toFixed(4)}, logLik ${fit.logLik.toFixed(2)}`,
    );
    expect(Math.abs(fit.median - TRUE_MEDIAN)).toBeLessThan(4 * se.median);
    expect(Math.abs(fit.p90 - TRUE_P90)).toBeLessThan(4 * se.p90);
    // The SEs must be of the size n implies, or the 4 SE bound would say nothing.
    expect(se.median / TRUE_MEDIAN).toBeLessThan(0.05);
    expect(se.p90 / TRUE_P90).toBeLessThan(0.1);
  });

  it('does not share the downward bias of the finished stays alone', () => {
    const naive = sampleMedian(obs.filter((o) => o.event).map((o) => o.time));
    console.log(`censoring: naive median of finished stays ${naive}, censored fit ${fit.median.toFixed(1)}, true ${TRUE_MEDIAN}`);
    expect(TRUE_MEDIAN - naive).toBeGreaterThan(4 * se.median);
    expect(Math.abs(fit.median - TRUE_MEDIAN)).toBeLessThan(4 * se.median);
  });

  it('is a maximum: nudging mu or sigma lowers the likelihood', () => {
    const perturbed = (dMu: number, dSigma: number): number => {
      const mu = fit.mu + dMu;
      const sigma = fit.sigma + dSigma;
      let ll = 0;
      for (const o of obs) {
        const t = o.time;
        const z = (Math.log(t) - mu) / sigma;
        ll += o.event ? -Math.log(sigma * t * Math.sqrt(2 * Math.PI)) - (z * z) / 2 : Math.log(lognormalSurvival(mu, sigma, t));
      }
      return ll;
    };
    expect(perturbed(0, 0)).toBeCloseTo(fit.logLik, 6);
    for (const [a, b] of [
      [0.01, 0],
      [-0.01, 0],
      [0, 0.01],
      [0, -0.01],
    ]) {
      expect(perturbed(a, b)).toBeLessThan(fit.logLik);
    }
  });

  it('agrees with Kaplan–Meier at p25/p50/p75/p90 within Greenwood bounds', () => {
    // The 1500-day window lets KM reach the 90th percentile; on the 600-day one it barely can (the true p90
    // is 600 days), so a row there may be null, which the report must show rather than fill in.
    const cases = [
      { data: obs, f: fit, requireAll: false },
      { data: censoredStays(2000, 1500, 43), f: undefined, requireAll: true },
    ];
    for (const { data, f, requireAll } of cases) {
      const dataFit = f ?? fitLognormalCensored(data);
      const km = kaplanMeier(data);
      const rows = kmVersusFit(km, dataFit);
      console.log('KM vs fitted (days):', rows.map((r) => `p${r.p * 100} ${r.km} / ${r.fitted.toFixed(0)}`).join(', '));
      expect(rows.map((r) => r.p)).toEqual([0.25, 0.5, 0.75, 0.9]);
      for (const { p, km: kmDays, fitted } of rows) {
        if (requireAll || p < 0.9) expect(kmDays).not.toBeNull();
        expect(fitted).toBeCloseTo(lognormalQuantile(dataFit.mu, dataFit.sigma, p), 10);
        // On the survival scale at the fitted quantile. When the lognormal is right the MLE is efficient, so
        // Var(KM - fit) = Var(KM) - Var(fit) <= Var(KM): Greenwood's variance alone is a safe bound.
        const { survival, variance } = kmSurvivalAt(km, fitted);
        expect(Math.abs(survival - (1 - p))).toBeLessThan(4 * Math.sqrt(variance));
      }
    }
  });

  it('refuses fewer than 2 finished stays', () => {
    expect(() =>
      fitLognormalCensored([
        { time: 100, event: true },
        { time: 50, event: false },
        { time: 300, event: false },
      ]),
    ).toThrow(RangeError);
    expect(() => fitLognormalCensored([])).toThrow(/at least 2 finished stays/);
  });

  it('takes same-day stays as half a day instead of failing on log 0', () => {
    const f = fitLognormalCensored([
      { time: 0, event: true },
      { time: 3, event: true },
      { time: 10, event: true },
      { time: 5, event: false },
    ]);
    expect(Number.isFinite(f.mu)).toBe(true);
    expect(f.sigma).toBeGreaterThan(0);
  });
});
