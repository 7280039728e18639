/**
 * Distributions (simulation/dist.ts) against textbook formulas written out in this file.
 *
 * For every Dist type: n draws with a fixed key; the sample mean must be within 4 Monte Carlo standard errors
 * (analytic sd / sqrt(n)) of the analytic mean, and the sample p10/p50/p90 within 4 standard errors of a sample
 * quantile, sqrt(p(1-p)/n) / f(q), of the analytic quantiles. The sampler's own `mean`, `quantile`, `cdf`,
 * `lower`, `upper` and `isFixed` are checked against the same formulas. Conditional draws (`above`, used
 * for placements already under way) are checked against E[X | X > x], computed here by numerical integration of
 * the analytic quantile function.
 *
 * Oracles used: @stdlib's normal quantile, only for standard normal z-values. Everything else (the normal CDF,
 * the gamma function, the gamma and beta CDFs and their inverses) is computed below from first principles.
 */
import { describe, expect, it } from 'vitest';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { compileDist, practicalRange, type Dist, type Sampler } from '../../simulation/dist.js';
import { Stream, childKey, hashString, rootKey } from '../../simulation/rng.js';

// ---------------------------------------------------------------------------------------------------------
// Numerical helpers (independent of the code under test)
// ---------------------------------------------------------------------------------------------------------

/** Composite Simpson rule with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 2000): number {
  if (a === b) return 0;
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);
/** Standard normal density. */
const phi = (z: number) => Math.exp(-0.5 * z * z) / SQRT_2PI;

/** Standard normal CDF by Simpson integration of the density (error ~1e-13). */
function Phi(z: number): number {
  if (z > 9) return 1;
  if (z < -9) return 0;
  const half = simpson(phi, 0, Math.abs(z), 2000);
  return z >= 0 ? 0.5 + half : 0.5 - half;
}

/** Standard normal quantile: the one external oracle. */
const zq = (p: number) => normalQuantile(p, 0, 1);

/** log Gamma by the Stirling series after shifting the argument above 10 (error < 1e-12). */
function lnGamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= Math.log(x);
    x += 1;
  }
  const x2 = x * x;
  return (
    shift +
    (x - 0.5) * Math.log(x) -
    x +
    0.5 * Math.log(2 * Math.PI) +
    1 / (12 * x) -
    1 / (360 * x * x2) +
    1 / (1260 * x * x2 * x2) -
    1 / (1680 * x * x2 * x2 * x2)
  );
}
const gammaFn = (x: number) => Math.exp(lnGamma(x));

/** Inverts an increasing function on [lo, hi] by bisection. */
function bisect(f: (x: number) => number, target: number, lo: number, hi: number): number {
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(lo), Math.abs(hi)); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// ---------------------------------------------------------------------------------------------------------
// Sampling
// ---------------------------------------------------------------------------------------------------------

const N = 100_000;
const ROOT = rootKey(2026);

function streamFor(label: string): Stream {
  const k = childKey(ROOT.k0, ROOT.k1, hashString(label));
  return new Stream(k);
}

function drawMany(s: Sampler, label: string, n = N): Float64Array {
  const rng = streamFor(label);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = s.sample(rng);
  return out;
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Sample quantile of sorted data (the order statistic at floor(p n)). */
const sampleQuantile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

// ---------------------------------------------------------------------------------------------------------
// The continuous cases, each with its textbook formulas
// ---------------------------------------------------------------------------------------------------------

interface Case {
  name: string;
  dist: Dist;
  mean: number;
  sd: number;
  lower: number;
  upper: number;
  q: (p: number) => number;
  pdf: (x: number) => number;
  cdf: (x: number) => number;
  /** Q(1 - s) computed without cancellation: used for conditional means. Present for the `above` cases. */
  qUpper?: (s: number) => number;
  /** Relative tolerance for sampler.quantile vs the analytic quantile (numerical oracles are less exact). */
  qTol?: number;
  /** Elapsed values x at which to test `above`. */
  above?: number[];
}

function uniformCase(a: number, b: number): Case {
  return {
    name: `uniform(${a}, ${b})`,
    dist: { type: 'uniform', min: a, max: b },
    mean: (a + b) / 2,
    sd: (b - a) / Math.sqrt(12),
    lower: a,
    upper: b,
    q: (p) => a + p * (b - a),
    pdf: (x) => (x >= a && x <= b ? 1 / (b - a) : 0),
    cdf: (x) => (x <= a ? 0 : x >= b ? 1 : (x - a) / (b - a)),
    qUpper: (s) => b - s * (b - a),
    above: [1, 3, 4.5],
  };
}

function triangularCase(a: number, c: number, b: number): Case {
  const fc = (c - a) / (b - a);
  return {
    name: `triangular(${a}, ${c}, ${b})`,
    dist: { type: 'triangular', min: a, mode: c, max: b },
    mean: (a + b + c) / 3,
    sd: Math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18),
    lower: a,
    upper: b,
    q: (p) => (p < fc ? a + Math.sqrt(p * (b - a) * (c - a)) : b - Math.sqrt((1 - p) * (b - a) * (b - c))),
    pdf: (x) => (x < a || x > b ? 0 : x < c ? (2 * (x - a)) / ((b - a) * (c - a)) : (2 * (b - x)) / ((b - a) * (b - c))),
    cdf: (x) =>
      x <= a ? 0 : x >= b ? 1 : x <= c ? ((x - a) * (x - a)) / ((b - a) * (c - a)) : 1 - ((b - x) * (b - x)) / ((b - a) * (b - c)),
  };
}

function pertCase(a: number, m: number, b: number): Case {
  // beta-PERT, lambda 4: X = a + (b - a) Beta(alpha, beta)
  const r = b - a;
  const al = 1 + (4 * (m - a)) / r;
  const be = 1 + (4 * (b - m)) / r;
  const lnB = lnGamma(al) + lnGamma(be) - lnGamma(al + be);
  const pdf = (x: number) =>
    x <= a || x >= b ? 0 : Math.exp((al - 1) * Math.log((x - a) / r) + (be - 1) * Math.log((b - x) / r) - lnB) / r;
  const cdf = (x: number) => (x <= a ? 0 : x >= b ? 1 : simpson(pdf, a, x, 4000));
  const mu = (a + 4 * m + b) / 6;
  return {
    name: `pert(${a}, ${m}, ${b})`,
    dist: { type: 'pert', min: a, mode: m, max: b },
    mean: mu,
    sd: Math.sqrt(((mu - a) * (b - mu)) / 7), // = r * sqrt(alpha beta / ((alpha + beta)^2 (alpha + beta + 1))) with alpha + beta = 6
    lower: a,
    upper: b,
    q: (p) => bisect(cdf, p, a, b),
    pdf,
    cdf,
    qTol: 1e-6,
  };
}

function normalCase(mu: number, sigma: number): Case {
  return {
    name: `normal(${mu}, ${sigma})`,
    dist: { type: 'normal', mean: mu, sd: sigma },
    mean: mu,
    sd: sigma,
    lower: -Infinity,
    upper: Infinity,
    q: (p) => mu + sigma * zq(p),
    pdf: (x) => phi((x - mu) / sigma) / sigma,
    cdf: (x) => Phi((x - mu) / sigma),
  };
}

function truncatedNormalCase(mu: number, sigma: number, min?: number, max?: number): Case {
  const al = min === undefined ? -Infinity : (min - mu) / sigma;
  const be = max === undefined ? Infinity : (max - mu) / sigma;
  const Pa = min === undefined ? 0 : Phi(al);
  const Pb = max === undefined ? 1 : Phi(be);
  const Z = Pb - Pa;
  const pa = min === undefined ? 0 : phi(al);
  const pb = max === undefined ? 0 : phi(be);
  const aPa = min === undefined ? 0 : al * pa;
  const bPb = max === undefined ? 0 : be * pb;
  return {
    name: `normal(${mu}, ${sigma}) truncated to [${min ?? '-inf'}, ${max ?? 'inf'}]`,
    dist: { type: 'normal', mean: mu, sd: sigma, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) },
    mean: mu + (sigma * (pa - pb)) / Z,
    sd: sigma * Math.sqrt(1 + (aPa - bPb) / Z - ((pa - pb) / Z) ** 2),
    lower: min ?? -Infinity,
    upper: max ?? Infinity,
    q: (p) => mu + sigma * zq(Pa + p * Z),
    pdf: (x) => ((min !== undefined && x < min) || (max !== undefined && x > max) ? 0 : phi((x - mu) / sigma) / (sigma * Z)),
    cdf: (x) => (min !== undefined && x <= min ? 0 : max !== undefined && x >= max ? 1 : (Phi((x - mu) / sigma) - Pa) / Z),
    qTol: 1e-7,
  };
}

function lognormalCase(name: string, dist: Dist, mu: number, sigma: number, above?: number[]): Case {
  return {
    name,
    dist,
    mean: Math.exp(mu + (sigma * sigma) / 2),
    sd: Math.exp(mu + (sigma * sigma) / 2) * Math.sqrt(Math.expm1(sigma * sigma)),
    lower: 0,
    upper: Infinity,
    q: (p) => Math.exp(mu + sigma * zq(p)),
    pdf: (x) => (x <= 0 ? 0 : phi((Math.log(x) - mu) / sigma) / (x * sigma)),
    cdf: (x) => (x <= 0 ? 0 : Phi((Math.log(x) - mu) / sigma)),
    qUpper: (s) => Math.exp(mu - sigma * zq(s)),
    above,
    qTol: 1e-7,
  };
}

/** Gamma with integer shape k and scale theta: closed-form (Erlang) CDF and survival function. */
function erlangCase(meanV: number, sdV: number): Case {
  const k = (meanV * meanV) / (sdV * sdV);
  const theta = (sdV * sdV) / meanV;
  if (!Number.isInteger(k)) throw new Error('erlangCase needs an integer shape');
  const surv = (x: number) => {
    if (x <= 0) return 1;
    const y = x / theta;
    let term = 1;
    let sum = 1;
    for (let i = 1; i < k; i++) {
      term *= y / i;
      sum += term;
    }
    return Math.exp(-y) * sum;
  };
  let fact = 1;
  for (let i = 2; i < k; i++) fact *= i; // (k-1)!
  const hi = meanV + 60 * sdV;
  return {
    name: `gamma(mean ${meanV}, sd ${sdV}) [shape ${k}]`,
    dist: { type: 'gamma', mean: meanV, sd: sdV },
    mean: k * theta,
    sd: Math.sqrt(k) * theta,
    lower: 0,
    upper: Infinity,
    q: (p) => bisect((x) => 1 - surv(x), p, 0, hi),
    pdf: (x) => (x <= 0 ? 0 : (Math.pow(x / theta, k - 1) * Math.exp(-x / theta)) / (fact * theta)),
    cdf: (x) => 1 - surv(x),
    qUpper: (s) => bisect((x) => -surv(x), -s, 0, hi),
    above: [0, 25, 40],
    qTol: 1e-8,
  };
}

/** Gamma with shape 1/2 and scale 2 is chi-square with 1 degree of freedom: X = Z^2. */
function chiSquare1Case(): Case {
  return {
    name: 'gamma(mean 1, sd sqrt 2) [shape 1/2, the boosted sampler]',
    dist: { type: 'gamma', mean: 1, sd: Math.SQRT2 },
    mean: 1,
    sd: Math.SQRT2,
    lower: 0,
    upper: Infinity,
    q: (p) => zq((1 + p) / 2) ** 2,
    pdf: (x) => (x <= 0 ? 0 : Math.exp(-x / 2) / Math.sqrt(2 * Math.PI * x)),
    cdf: (x) => (x <= 0 ? 0 : 2 * Phi(Math.sqrt(x)) - 1),
    qTol: 1e-7,
  };
}

function weibullCase(k: number, lambda: number): Case {
  const g1 = gammaFn(1 + 1 / k);
  const g2 = gammaFn(1 + 2 / k);
  return {
    name: `weibull(shape ${k}, scale ${lambda})`,
    dist: { type: 'weibull', shape: k, scale: lambda },
    mean: lambda * g1,
    sd: lambda * Math.sqrt(g2 - g1 * g1),
    lower: 0,
    upper: Infinity,
    q: (p) => lambda * Math.pow(-Math.log(1 - p), 1 / k),
    pdf: (x) => (x <= 0 ? 0 : (k / lambda) * Math.pow(x / lambda, k - 1) * Math.exp(-Math.pow(x / lambda, k))),
    cdf: (x) => (x <= 0 ? 0 : 1 - Math.exp(-Math.pow(x / lambda, k))),
    qUpper: (s) => lambda * Math.pow(-Math.log(s), 1 / k),
    above: [0, 100, 250],
  };
}

function exponentialCase(m: number): Case {
  return {
    name: `exponential(mean ${m})`,
    dist: { type: 'exponential', mean: m },
    mean: m,
    sd: m,
    lower: 0,
    upper: Infinity,
    q: (p) => -m * Math.log(1 - p),
    pdf: (x) => (x < 0 ? 0 : Math.exp(-x / m) / m),
    cdf: (x) => (x <= 0 ? 0 : 1 - Math.exp(-x / m)),
    qUpper: (s) => -m * Math.log(s),
    above: [0, 40, 200],
  };
}

// Lognormal by median/p90: mu = ln(median), sigma = ln(p90 / median) / z_0.9.
const LN_MEDIAN = 180;
const LN_P90 = 600;
const lnSigma = Math.log(LN_P90 / LN_MEDIAN) / zq(0.9);
// Lognormal by mean/sd: sigma^2 = ln(1 + sd^2 / mean^2), mu = ln(mean) - sigma^2 / 2.
const LM_MEAN = 50;
const LM_SD = 20;
const lmS2 = Math.log(1 + (LM_SD * LM_SD) / (LM_MEAN * LM_MEAN));

const CASES: Case[] = [
  uniformCase(2, 5),
  triangularCase(1, 2, 6),
  triangularCase(0, 0, 10),
  pertCase(3800, 4600, 6500),
  normalCase(100, 15),
  truncatedNormalCase(100, 30, 80, 200),
  truncatedNormalCase(12, 6, 0, undefined),
  lognormalCase(
    `lognormal(median ${LN_MEDIAN}, p90 ${LN_P90})`,
    { type: 'lognormal', median: LN_MEDIAN, p90: LN_P90 },
    Math.log(LN_MEDIAN),
    lnSigma,
    [0, 180, 600],
  ),
  lognormalCase(
    `lognormal(mean ${LM_MEAN}, sd ${LM_SD})`,
    { type: 'lognormal', mean: LM_MEAN, sd: LM_SD },
    Math.log(LM_MEAN) - lmS2 / 2,
    Math.sqrt(lmS2),
  ),
  erlangCase(30, 10),
  chiSquare1Case(),
  weibullCase(1.5, 100),
  exponentialCase(40),
];

// ---------------------------------------------------------------------------------------------------------
// Self-checks of the oracles, so that a wrong formula here cannot pass silently
// ---------------------------------------------------------------------------------------------------------

describe('oracles', () => {
  it('Phi, lnGamma and Simpson agree with known values', () => {
    expect(Phi(0)).toBe(0.5);
    expect(Phi(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(Phi(-1)).toBeCloseTo(0.15865525393145707, 12);
    expect(Phi(zq(0.9))).toBeCloseTo(0.9, 12);
    expect(gammaFn(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 10);
    expect(gammaFn(5)).toBeCloseTo(24, 9);
    expect(gammaFn(21) / 2432902008176640000).toBeCloseTo(1, 11);
    expect(simpson((x) => x * x * x, 0, 2, 2)).toBeCloseTo(4, 12);
  });

  it('each case: q inverts cdf, and pdf is the derivative of cdf', () => {
    for (const c of CASES) {
      for (const p of [0.1, 0.5, 0.9]) {
        const x = c.q(p);
        expect(c.cdf(x), c.name).toBeCloseTo(p, 6);
        const h = 1e-4 * c.sd;
        const numeric = (c.cdf(x + h) - c.cdf(x - h)) / (2 * h);
        expect(Math.abs(numeric - c.pdf(x)) / c.pdf(x), c.name).toBeLessThan(1e-3);
      }
    }
  });

  it('each case: mean and sd agree with numerical integration of x f(x) and x^2 f(x)', () => {
    for (const c of CASES) {
      const lo = Number.isFinite(c.lower) ? c.lower : c.q(1e-13);
      const hi = Number.isFinite(c.upper) ? c.upper : c.qUpper ? c.qUpper(1e-13) : c.q(1 - 1e-13);
      let m1: number;
      let m2: number;
      if (c.lower >= 0 && !Number.isFinite(c.upper)) {
        // positive and unbounded above: integrate in t = ln x (handles a density that is infinite at 0)
        const a = Math.log(Math.max(lo, c.q(1e-13)));
        const b = Math.log(hi);
        m1 = simpson((t) => Math.exp(2 * t) * c.pdf(Math.exp(t)), a, b, 20000);
        m2 = simpson((t) => Math.exp(3 * t) * c.pdf(Math.exp(t)), a, b, 20000);
      } else {
        m1 = simpson((x) => x * c.pdf(x), lo, hi, 20000);
        m2 = simpson((x) => x * x * c.pdf(x), lo, hi, 20000);
      }
      const scale = Math.max(Math.abs(c.mean), c.sd);
      expect(Math.abs(m1 - c.mean) / scale, c.name).toBeLessThan(1e-5);
      expect(Math.abs(Math.sqrt(m2 - m1 * m1) - c.sd) / c.sd, c.name).toBeLessThan(1e-4);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Continuous distributions
// ---------------------------------------------------------------------------------------------------------

for (const c of CASES) {
  describe(c.name, () => {
    const s = compileDist(c.dist);
    let cache: { xs: Float64Array; sorted: Float64Array } | undefined;
    const data = () => {
      if (!cache) {
        const xs = drawMany(s, c.name);
        cache = { xs, sorted: Float64Array.from(xs).sort() };
      }
      return cache;
    };

    it('sampler.mean equals the textbook mean', () => {
      expect(Math.abs(s.mean - c.mean)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.mean)));
    });

    it('lower, upper and isFixed', () => {
      expect(s.lower).toBe(c.lower);
      expect(s.upper).toBe(c.upper);
      expect(s.isFixed).toBe(false);
    });

    it('sample mean within 4 Monte Carlo standard errors of the analytic mean', () => {
      const { xs } = data();
      const se = c.sd / Math.sqrt(xs.length);
      expect(Math.abs(mean(xs) - c.mean), `sample mean ${mean(xs)} vs ${c.mean} (se ${se})`).toBeLessThan(4 * se);
    });

    it('all draws lie within [lower, upper] and are finite', () => {
      const { sorted } = data();
      expect(Number.isFinite(sorted[0])).toBe(true);
      expect(Number.isFinite(sorted[sorted.length - 1])).toBe(true);
      expect(sorted[0]).toBeGreaterThanOrEqual(c.lower);
      expect(sorted[sorted.length - 1]).toBeLessThanOrEqual(c.upper);
    });

    it.each([0.1, 0.5, 0.9])('sample p%s within 4 standard errors of the analytic quantile', (p) => {
      const { sorted } = data();
      const q = c.q(p);
      const tol = (4 * Math.sqrt((p * (1 - p)) / sorted.length)) / c.pdf(q);
      const got = sampleQuantile(sorted, p);
      expect(Math.abs(got - q), `sample quantile ${got} vs ${q} (tolerance ${tol})`).toBeLessThan(tol);
    });

    it('quantile equals the analytic quantile', () => {
      const tol = c.qTol ?? 1e-9;
      for (const p of [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999]) {
        const q = c.q(p);
        expect(Math.abs(s.quantile(p) - q), `p = ${p}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(q)));
      }
    });

    it('cdf equals the analytic cdf, and quantile and cdf are inverses', () => {
      for (const p of [0.001, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999]) {
        const x = c.q(p);
        expect(Math.abs(s.cdf(x) - c.cdf(x)), `cdf at ${x}`).toBeLessThan(1e-7);
        expect(Math.abs(s.cdf(s.quantile(p)) - p), `cdf(quantile(${p}))`).toBeLessThan(1e-8);
        expect(Math.abs(s.quantile(s.cdf(x)) - x), `quantile(cdf(${x}))`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(x)));
      }
      if (Number.isFinite(c.lower)) expect(s.cdf(c.lower - 1)).toBe(0);
      if (Number.isFinite(c.upper)) expect(s.cdf(c.upper + 1)).toBe(1);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Conditional draws: above
// ---------------------------------------------------------------------------------------------------------

/**
 * E[X^k | X > x] = (1 / S) integral_{F(x)}^{1} Q(p)^k dp with S = 1 - F(x). With p = 1 - S w^3 the integrand
 * becomes 3 w^2 Q(1 - S w^3)^k on w in (0, 1], which is bounded and tends to 0 at w = 0 (the quantile grows
 * slower than any power of 1/(1-p) for these distributions), so Simpson converges.
 */
function conditionalMoment(c: Case, x: number, k: 1 | 2): number {
  const S = 1 - c.cdf(x);
  const qUpper = c.qUpper!;
  const f = (w: number) => (w === 0 ? 0 : 3 * w * w * qUpper(S * w * w * w) ** k);
  return simpson(f, 0, 1, 20000);
}

const ABOVE_N = 50_000;

describe('conditional-mean oracle', () => {
  it('reproduces closed forms', () => {
    const expo = CASES.find((c) => c.name.startsWith('exponential'))!;
    expect(conditionalMoment(expo, 50, 1)).toBeCloseTo(50 + 40, 4); // memoryless
    const uni = CASES.find((c) => c.name.startsWith('uniform'))!;
    expect(conditionalMoment(uni, 3, 1)).toBeCloseTo(4, 6);
    const ln = CASES.find((c) => c.name.startsWith('lognormal(median'))!;
    // E[X | X > x] = e^(mu + s^2/2) Phi(s - z) / Phi(-z), z = (ln x - mu) / s
    const mu = Math.log(LN_MEDIAN);
    const z = (Math.log(400) - mu) / lnSigma;
    const closed = (Math.exp(mu + (lnSigma * lnSigma) / 2) * Phi(lnSigma - z)) / Phi(-z);
    expect(conditionalMoment(ln, 400, 1) / closed).toBeCloseTo(1, 4);
    // with nothing conditioned on, the integral gives the unconditional mean
    expect(conditionalMoment(ln, 0, 1) / ln.mean).toBeCloseTo(1, 4);
  });
});

for (const c of CASES.filter((c) => c.qUpper && c.above)) {
  describe(`above: ${c.name}`, () => {
    const s = compileDist(c.dist);
    it.each(c.above!)('x = %s: every draw >= x, mean and median match E[X | X > x]', (x) => {
      const rng = streamFor(`above ${c.name} ${x}`);
      const xs = new Float64Array(ABOVE_N);
      let atX = 0;
      for (let i = 0; i < ABOVE_N; i++) {
        const v = s.above(x)(rng);
        xs[i] = v;
        if (v === x) atX++;
      }
      let min = Infinity;
      for (const v of xs) if (v < min) min = v;
      expect(min).toBeGreaterThanOrEqual(x);
      // a continuous distribution practically never returns exactly x
      expect(atX).toBeLessThanOrEqual(1);

      const m1 = conditionalMoment(c, x, 1);
      const m2 = conditionalMoment(c, x, 2);
      const se = Math.sqrt(m2 - m1 * m1) / Math.sqrt(ABOVE_N);
      expect(Math.abs(mean(xs) - m1), `mean ${mean(xs)} vs E[X|X>${x}] = ${m1} (se ${se})`).toBeLessThan(4 * se);

      // conditional median: Q(F(x) + (1 - F(x)) / 2), density f(q) / (1 - F(x))
      const S = 1 - c.cdf(x);
      const med = c.qUpper!(S / 2);
      const tol = (4 * Math.sqrt(0.25 / ABOVE_N)) / (c.pdf(med) / S);
      const sorted = Float64Array.from(xs).sort();
      expect(Math.abs(sampleQuantile(sorted, 0.5) - med)).toBeLessThan(tol);
    });
  });
}

describe('above: the remaining stay of an ongoing placement is not the unconditional stay', () => {
  // A heavy-tailed stay: median 150 days, 9 in 10 within 1,500 (sigma = 1.8). After a year in care the expected
  // remaining stay is LONGER than the expected stay of a new placement: long stays are the ones still running.
  const median = 150;
  const p90 = 1500;
  const sigma = Math.log(p90 / median) / zq(0.9);
  const mu = Math.log(median);
  const c = lognormalCase('heavy', { type: 'lognormal', median, p90 }, mu, sigma);
  const s = compileDist(c.dist);
  const elapsed = 365;
  const n = 100_000;

  it('mean remaining stay after 365 days matches E[X | X > 365] - 365 and exceeds the naive E[X] - 365', () => {
    const rng = streamFor('heavy lognormal remaining');
    let sum = 0;
    let naiveSum = 0;
    const rngNaive = streamFor('heavy lognormal naive');
    for (let i = 0; i < n; i++) {
      sum += s.above(elapsed)(rng) - elapsed;
      naiveSum += Math.max(0, s.sample(rngNaive) - elapsed);
    }
    const remaining = sum / n;
    const z = (Math.log(elapsed) - mu) / sigma;
    const exact = (Math.exp(mu + (sigma * sigma) / 2) * Phi(sigma - z)) / Phi(-z) - elapsed;
    expect(conditionalMoment(c, elapsed, 1) - elapsed).toBeCloseTo(exact, 0);
    const sdCond = Math.sqrt(conditionalMoment(c, elapsed, 2) - conditionalMoment(c, elapsed, 1) ** 2);
    expect(Math.abs(remaining - exact), `remaining ${remaining} vs ${exact}`).toBeLessThan((4 * sdCond) / Math.sqrt(n));
    // the naive answers are far off
    expect(remaining).toBeGreaterThan(c.mean - elapsed);
    expect(remaining).toBeGreaterThan(c.mean); // mean residual life increases for this lognormal
    expect(remaining).toBeGreaterThan(2 * (naiveSum / n));
  });
});

// ---------------------------------------------------------------------------------------------------------
// Degenerate and discrete distributions
// ---------------------------------------------------------------------------------------------------------

describe.each([
  { label: 'fixed', dist: { type: 'fixed', value: 7.5 } as Dist, value: 7.5 },
  { label: 'plain number', dist: 42 as Dist, value: 42 },
  { label: 'uniform with min = max', dist: { type: 'uniform', min: 3, max: 3 } as Dist, value: 3 },
  { label: 'triangular with min = max', dist: { type: 'triangular', min: 4, mode: 4, max: 4 } as Dist, value: 4 },
  { label: 'normal with sd 0', dist: { type: 'normal', mean: 5, sd: 0 } as Dist, value: 5 },
  { label: 'empirical with one value', dist: { type: 'empirical', values: [11] } as Dist, value: 11 },
])('$label', ({ label, dist, value }) => {
  const s = compileDist(dist);
  it('always draws the value; mean, quantile, cdf, bounds and isFixed agree', () => {
    const rng = streamFor(`fixed ${label}`);
    for (let i = 0; i < 1000; i++) expect(s.sample(rng)).toBe(value);
    expect(s.mean).toBe(value);
    expect(s.isFixed).toBe(true);
    expect(s.lower).toBe(value);
    expect(s.upper).toBe(value);
    for (const p of [0.01, 0.5, 0.99]) expect(s.quantile(p)).toBe(value);
    expect(s.cdf(value - 1e-9)).toBe(0);
    expect(s.cdf(value)).toBe(1);
    expect(practicalRange(dist)).toEqual([value, value]);
    // conditional draws: the value when above x, else x (the case ends at once)
    expect(s.above(value - 1)(rng)).toBe(value);
    expect(s.above(value + 1)(rng)).toBe(value + 1);
  });
});

describe('empirical', () => {
  const values = [3, 1, 4, 1, 5, 9, 2];
  const s = compileDist({ type: 'empirical', values });
  const n = values.length;

  it('mean, bounds, isFixed', () => {
    expect(s.mean).toBe(25 / 7);
    expect(s.lower).toBe(1);
    expect(s.upper).toBe(9);
    expect(s.isFixed).toBe(false);
  });

  it('bootstrap: each value drawn with probability (its multiplicity)/n, within 4 standard errors', () => {
    const rng = streamFor('empirical');
    const counts = new Map<number, number>();
    let sum = 0;
    for (let i = 0; i < N; i++) {
      const v = s.sample(rng);
      counts.set(v, (counts.get(v) ?? 0) + 1);
      sum += v;
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 9]);
    for (const [v, c] of counts) {
      const p = values.filter((x) => x === v).length / n;
      expect(Math.abs(c / N - p), `value ${v}`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
    }
    const mu = 25 / 7;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mu) ** 2, 0) / n);
    expect(Math.abs(sum / N - mu)).toBeLessThan((4 * sd) / Math.sqrt(N));
  });

  it('sample quantiles p10/p50/p90 equal the distribution quantiles (1, 3, 9)', () => {
    // F: 1 -> 2/7, 2 -> 3/7, 3 -> 4/7, 4 -> 5/7, 5 -> 6/7, 9 -> 1; the quantiles sit well inside the steps.
    const rng = streamFor('empirical quantiles');
    const xs = new Float64Array(N);
    for (let i = 0; i < N; i++) xs[i] = s.sample(rng);
    xs.sort();
    expect([0.1, 0.5, 0.9].map((p) => sampleQuantile(xs, p))).toEqual([1, 3, 9]);
    expect([0.1, 0.5, 0.9].map((p) => s.quantile(p))).toEqual([1, 3, 9]);
  });

  it('cdf is the step function and quantile inverts it', () => {
    expect([0, 1, 1.5, 2, 3, 4, 5, 8.9, 9, 10].map((x) => s.cdf(x))).toEqual([0, 2 / 7, 2 / 7, 3 / 7, 4 / 7, 5 / 7, 6 / 7, 6 / 7, 1, 1]);
    for (const p of [0.05, 0.3, 0.5, 0.6, 0.8, 0.95]) {
      const q = s.quantile(p);
      expect(s.cdf(q)).toBeGreaterThanOrEqual(p); // smallest x with F(x) >= p ...
      const below = [...new Set(values)].filter((v) => v < q);
      for (const v of below) expect(s.cdf(v)).toBeLessThan(p); // ... and no smaller value qualifies
    }
  });

  it.each([
    { x: 0.5, expected: 25 / 7 },
    { x: 1, expected: (3 + 4 + 5 + 9 + 2) / 5 },
    { x: 2, expected: (3 + 4 + 5 + 9) / 4 },
    { x: 4.5, expected: (5 + 9) / 2 },
  ])('above($x): only values > x, mean $expected', ({ x, expected }) => {
    const rng = streamFor(`empirical above ${x}`);
    const above = values.filter((v) => v > x);
    const mu = above.reduce((a, b) => a + b, 0) / above.length;
    expect(mu).toBeCloseTo(expected, 12);
    const sd = Math.sqrt(above.reduce((a, v) => a + (v - mu) ** 2, 0) / above.length);
    let sum = 0;
    for (let i = 0; i < ABOVE_N; i++) {
      const v = s.above(x)(rng);
      expect(v).toBeGreaterThan(x);
      sum += v;
    }
    expect(Math.abs(sum / ABOVE_N - expected)).toBeLessThan((4 * sd) / Math.sqrt(ABOVE_N));
  });

  it('above beyond every value returns x (the case ends at once)', () => {
    const rng = streamFor('empirical above max');
    expect(s.above(9)(rng)).toBe(9);
    expect(s.above(100)(rng)).toBe(100);
  });
});

describe('Weibull mean for extreme and closed-form shapes', () => {
  it.each([
    { shape: 0.05, factor: 2432902008176640000 }, // Gamma(21) = 20!
    { shape: 0.5, factor: 2 }, // Gamma(3)
    { shape: 1, factor: 1 }, // Gamma(2): exponential
    { shape: 2, factor: Math.sqrt(Math.PI) / 2 }, // Gamma(1.5)
    { shape: 3.7, factor: gammaFn(1 + 1 / 3.7) },
  ])('shape $shape', ({ shape, factor }) => {
    const s = compileDist({ type: 'weibull', shape, scale: 10 });
    expect(s.mean / (10 * factor)).toBeCloseTo(1, 10);
  });
});

describe('practicalRange', () => {
  it('is the bounds where they are finite', () => {
    expect(practicalRange({ type: 'uniform', min: 2, max: 5 })).toEqual([2, 5]);
    expect(practicalRange({ type: 'pert', min: 3800, mode: 4600, max: 6500 })).toEqual([3800, 6500]);
    expect(practicalRange({ type: 'normal', mean: 12, sd: 6, min: 0 })[0]).toBe(0);
    expect(practicalRange({ type: 'exponential', mean: 40 })[0]).toBe(0);
  });

  it('contains every value the sampler can draw from the stream (uniforms lie in [2^-33, 1 - 2^-33])', () => {
    // Validation relies on practicalRange to refuse e.g. a normal price that can go negative.
    for (const c of CASES) {
      const s = compileDist(c.dist);
      const [lo, hi] = practicalRange(c.dist);
      expect(lo, c.name).toBeLessThanOrEqual(s.quantile(2 ** -33));
      expect(hi, c.name).toBeGreaterThanOrEqual(s.quantile(1 - 2 ** -33));
      expect(lo, c.name).toBeGreaterThanOrEqual(c.lower);
      expect(hi, c.name).toBeLessThanOrEqual(c.upper);
    }
  });
});
