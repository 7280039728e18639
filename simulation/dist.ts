/**
 * Distributions (model-spec section 1): the zod schema of a `Dist`, and its compiled form that samples,
 * samples conditionally on exceeding a value, and answers quantiles and CDFs.
 */
import { z } from 'zod';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import gammaCdf from '@stdlib/stats-base-dists-gamma-cdf';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import { inverseNormal } from './normal.js';
import type { Stream } from './rng.js';

const num = z.number();

export const FixedDist = z.strictObject({ type: z.literal('fixed'), value: num });
export const UniformDist = z.strictObject({ type: z.literal('uniform'), min: num, max: num });
export const TriangularDist = z.strictObject({ type: z.literal('triangular'), min: num, mode: num, max: num });
export const PertDist = z.strictObject({ type: z.literal('pert'), min: num, mode: num, max: num });
export const NormalDist = z.strictObject({
  type: z.literal('normal'),
  mean: num,
  sd: num,
  min: num.optional(),
  max: num.optional(),
});
export const LognormalDist = z.strictObject({
  type: z.literal('lognormal'),
  median: num.optional(),
  p90: num.optional(),
  mean: num.optional(),
  sd: num.optional(),
});
export const GammaDist = z.strictObject({ type: z.literal('gamma'), mean: num, sd: num });
export const WeibullDist = z.strictObject({ type: z.literal('weibull'), shape: num, scale: num });
export const ExponentialDist = z.strictObject({ type: z.literal('exponential'), mean: num });
export const EmpiricalDist = z.strictObject({ type: z.literal('empirical'), values: z.array(num).min(1) });

const DistObject = z
  .discriminatedUnion('type', [
    FixedDist,
    UniformDist,
    TriangularDist,
    PertDist,
    NormalDist,
    LognormalDist,
    GammaDist,
    WeibullDist,
    ExponentialDist,
    EmpiricalDist,
  ])
  .superRefine((d, ctx) => {
    const fail = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    switch (d.type) {
      case 'uniform':
        if (d.min > d.max) fail('max', 'must be at least min');
        break;
      case 'triangular':
      case 'pert':
        if (d.min > d.mode) fail('mode', 'must be at least min');
        if (d.mode > d.max) fail('max', 'must be at least mode');
        if (d.type === 'pert' && d.min === d.max) fail('max', 'must be greater than min');
        break;
      case 'normal':
        if (d.sd < 0) fail('sd', 'must not be negative');
        if (d.min !== undefined && d.max !== undefined && d.min >= d.max) fail('max', 'must be greater than min');
        if (d.sd > 0 && (d.min !== undefined || d.max !== undefined)) {
          const lo = d.min === undefined ? 0 : normalCdf(d.min, d.mean, d.sd);
          const hi = d.max === undefined ? 1 : normalCdf(d.max, d.mean, d.sd);
          if (!(hi - lo > 1e-9)) fail('min', 'the bounds leave almost no probability: move them towards the mean');
        }
        break;
      case 'lognormal': {
        const byMedian = d.median !== undefined || d.p90 !== undefined;
        const byMean = d.mean !== undefined || d.sd !== undefined;
        if (byMedian && byMean) {
          fail('type', 'give either median and p90, or mean and sd, not both');
        } else if (byMedian) {
          if (d.median === undefined) fail('median', 'is required with p90');
          else if (!(d.median > 0)) fail('median', 'must be greater than 0');
          if (d.p90 === undefined) fail('p90', 'is required with median');
          else if (d.median !== undefined && !(d.p90 > d.median)) fail('p90', 'must be greater than median');
        } else if (byMean) {
          if (d.mean === undefined) fail('mean', 'is required with sd');
          else if (!(d.mean > 0)) fail('mean', 'must be greater than 0');
          if (d.sd === undefined) fail('sd', 'is required with mean');
          else if (!(d.sd > 0)) fail('sd', 'must be greater than 0');
        } else {
          fail('median', 'lognormal needs median and p90, or mean and sd');
        }
        break;
      }
      case 'gamma':
        if (!(d.mean > 0)) fail('mean', 'must be greater than 0');
        if (!(d.sd > 0)) fail('sd', 'must be greater than 0');
        break;
      case 'weibull':
        if (!(d.shape >= 0.05)) fail('shape', 'must be at least 0.05');
        if (!(d.scale > 0)) fail('scale', 'must be greater than 0');
        break;
      case 'exponential':
        if (!(d.mean > 0)) fail('mean', 'must be greater than 0');
        break;
      default:
        break;
    }
  });

/** A plain number means a fixed value. */
export const Dist = z.union([num, DistObject], {
  error: (iss) =>
    iss.code === 'invalid_union' ? 'must be a number or a distribution such as {"type": "pert", "min": 1, "mode": 2, "max": 3}' : undefined,
});
export type Dist = z.infer<typeof Dist>;

/**
 * A compiled distribution. `sample` may draw several uniforms (rejection samplers); `above(x)` gives the draw
 * conditional on exceeding `x` (used for placements already under way), with what depends on `x` alone worked
 * out once: a placement's elapsed time is known when the model is compiled.
 */
export interface Sampler {
  readonly mean: number;
  /** Smallest and largest possible value (may be infinite). */
  readonly lower: number;
  readonly upper: number;
  /** True when every draw gives the same value: such parameters carry no uncertainty. */
  readonly isFixed: boolean;
  sample(rng: Stream): number;
  /**
   * Where `sample(rng)` is exactly `fromNormal(inverseNormal(rng.next()))`: the simulator then draws an
   * episode's deviate once per trial and reuses it for every scenario and form (trial.ts).
   */
  fromNormal?(z: number): number;
  above(x: number): (rng: Stream) => number;
  quantile(p: number): number;
  cdf(x: number): number;
}

const Z90 = 1.2815515655446004;

/** Inverts the CDF on the part of the distribution above x; falls back to x when no mass is left there. */
function invertAbove(s: Pick<Sampler, 'cdf' | 'quantile'>, x: number): (rng: Stream) => number {
  const f = s.cdf(x);
  if (!(f < 1)) return () => x;
  return (rng) => {
    const v = s.quantile(f + rng.next() * (1 - f));
    return v > x ? v : x;
  };
}

/** Standard gamma draw by Marsaglia and Tsang (2000), with the boost for shape below 1. */
function standardGamma(rng: Stream, shape: number): number {
  if (shape < 1) {
    const g = standardGamma(rng, shape + 1);
    return g * Math.pow(rng.next(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = inverseNormal(rng.next());
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

class FixedSampler implements Sampler {
  readonly isFixed = true;
  readonly lower: number;
  readonly upper: number;
  constructor(readonly mean: number) {
    this.lower = mean;
    this.upper = mean;
  }
  sample(): number {
    return this.mean;
  }
  above(x: number): () => number {
    const v = Math.max(this.mean, x);
    return () => v;
  }
  quantile(): number {
    return this.mean;
  }
  cdf(x: number): number {
    return x >= this.mean ? 1 : 0;
  }
}

class UniformSampler implements Sampler {
  readonly isFixed = false;
  readonly mean: number;
  constructor(
    readonly lower: number,
    readonly upper: number,
  ) {
    this.mean = (lower + upper) / 2;
  }
  sample(rng: Stream): number {
    return this.lower + rng.next() * (this.upper - this.lower);
  }
  above(x: number): (rng: Stream) => number {
    return invertAbove(this, x);
  }
  quantile(p: number): number {
    return this.lower + p * (this.upper - this.lower);
  }
  cdf(x: number): number {
    return x <= this.lower ? 0 : x >= this.upper ? 1 : (x - this.lower) / (this.upper - this.lower);
  }
}

class TriangularSampler implements Sampler {
  readonly isFixed = false;
  readonly mean: number;
  private readonly fc: number;
  constructor(
    readonly lower: number,
    private readonly mode: number,
    readonly upper: number,
  ) {
    this.mean = (lower + mode + upper) / 3;
    this.fc = (mode - lower) / (upper - lower);
  }
  sample(rng: Stream): number {
    return this.quantile(rng.next());
  }
  above(x: number): (rng: Stream) => number {
    return invertAbove(this, x);
  }
  quantile(p: number): number {
    const { lower: a, mode: c, upper: b } = this;
    return p < this.fc ? a + Math.sqrt(p * (b - a) * (c - a)) : b - Math.sqrt((1 - p) * (b - a) * (b - c));
  }
  cdf(x: number): number {
    const { lower: a, mode: c, upper: b } = this;
    if (x <= a) return 0;
    if (x >= b) return 1;
    return x <= c ? ((x - a) * (x - a)) / ((b - a) * (c - a)) : 1 - ((b - x) * (b - x)) / ((b - a) * (b - c));
  }
}

class PertSampler implements Sampler {
  readonly isFixed = false;
  readonly mean: number;
  private readonly alpha: number;
  private readonly beta: number;
  constructor(
    readonly lower: number,
    mode: number,
    readonly upper: number,
  ) {
    const range = upper - lower;
    this.alpha = 1 + (4 * (mode - lower)) / range;
    this.beta = 1 + (4 * (upper - mode)) / range;
    this.mean = (lower + 4 * mode + upper) / 6;
  }
  sample(rng: Stream): number {
    const x = standardGamma(rng, this.alpha);
    const y = standardGamma(rng, this.beta);
    return this.lower + (this.upper - this.lower) * (x / (x + y));
  }
  above(x: number): (rng: Stream) => number {
    return invertAbove(this, x);
  }
  quantile(p: number): number {
    return this.lower + (this.upper - this.lower) * betaQuantile(p, this.alpha, this.beta);
  }
  cdf(x: number): number {
    return betaCdf((x - this.lower) / (this.upper - this.lower), this.alpha, this.beta);
  }
}

class NormalSampler implements Sampler {
  readonly isFixed: boolean;
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
  private readonly pLo: number;
  private readonly pHi: number;
  constructor(
    private readonly mu: number,
    private readonly sigma: number,
    min?: number,
    max?: number,
  ) {
    this.isFixed = sigma === 0;
    const only = Math.min(Math.max(mu, min ?? -Infinity), max ?? Infinity);
    this.lower = this.isFixed ? only : (min ?? -Infinity);
    this.upper = this.isFixed ? only : (max ?? Infinity);
    this.pLo = min === undefined || sigma === 0 ? 0 : normalCdf(min, mu, sigma);
    this.pHi = max === undefined || sigma === 0 ? 1 : normalCdf(max, mu, sigma);
    this.mean = this.isFixed ? Math.min(Math.max(mu, this.lower), this.upper) : truncatedNormalMean(mu, sigma, min, max);
  }
  sample(rng: Stream): number {
    return this.quantile(rng.next());
  }
  above(x: number): (rng: Stream) => number {
    return invertAbove(this, x);
  }
  quantile(p: number): number {
    if (this.isFixed) return this.mean;
    const v = normalQuantile(this.pLo + p * (this.pHi - this.pLo), this.mu, this.sigma);
    return Math.min(Math.max(v, this.lower), this.upper);
  }
  cdf(x: number): number {
    if (this.isFixed) return x >= this.mean ? 1 : 0;
    if (x <= this.lower) return 0;
    if (x >= this.upper) return 1;
    return (normalCdf(x, this.mu, this.sigma) - this.pLo) / (this.pHi - this.pLo);
  }
}

function truncatedNormalMean(mu: number, sigma: number, min?: number, max?: number): number {
  const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  const a = min === undefined ? -Infinity : (min - mu) / sigma;
  const b = max === undefined ? Infinity : (max - mu) / sigma;
  const mass = (b === Infinity ? 1 : normalCdf(b, 0, 1)) - (a === -Infinity ? 0 : normalCdf(a, 0, 1));
  const pa = a === -Infinity ? 0 : phi(a);
  const pb = b === Infinity ? 0 : phi(b);
  return mu + (sigma * (pa - pb)) / mass;
}

class LognormalSampler implements Sampler {
  readonly isFixed = false;
  readonly mean: number;
  readonly lower = 0;
  readonly upper = Infinity;
  constructor(
    private readonly mu: number,
    private readonly sigma: number,
  ) {
    this.mean = Math.exp(mu + (sigma * sigma) / 2);
  }
  sample(rng: Stream): number {
    return this.fromNormal(inverseNormal(rng.next()));
  }
  fromNormal(z: number): number {
    return Math.exp(this.mu + this.sigma * z);
  }
  above(x: number): (rng: Stream) => number {
    return invertAbove(this, x);
  }
  quantile(p: number): number {
    return Math.exp(this.mu + this.sigma * inverseNormal(p));
  }
  cdf(x: number): number {
    return x <= 0 ? 0 : normalCdf(Math.log(x), this.mu, this.sigma);
  }
}

class GammaSampler implements Sampler {
  readonly isFixed = false;
  readonly lower = 0;
  readonly upper = Infinity;
  private readonly shape: number;
  private readonly scale: number;
  constructor(
    readonly mean: number,
    sd: number,
  ) {
    this.shape = (mean * mean) / (sd * sd);
    this.scale = (sd * sd) / mean;
  }
  sample(rng: Stream): number {
    return this.scale * standardGamma(rng, this.shape);
  }
  above(x: number): (rng: Stream) => number {
    return invertAbove(this, x);
  }
  quantile(p: number): number {
    return gammaQuantile(p, this.shape, 1 / this.scale);
  }
  cdf(x: number): number {
    return gammaCdf(x, this.shape, 1 / this.scale);
  }
}

class WeibullSampler implements Sampler {
  readonly isFixed = false;
  readonly mean: number;
  readonly lower = 0;
  readonly upper = Infinity;
  constructor(
    private readonly shape: number,
    private readonly scale: number,
  ) {
    this.mean = scale * gammaFunction(1 + 1 / shape);
  }
  sample(rng: Stream): number {
    return this.quantile(rng.next());
  }
  above(x: number): (rng: Stream) => number {
    // The Weibull survival function inverts in closed form, which keeps far tails exact.
    const h = Math.pow(Math.max(x, 0) / this.scale, this.shape);
    return (rng) => this.scale * Math.pow(h - Math.log(rng.next()), 1 / this.shape);
  }
  quantile(p: number): number {
    return this.scale * Math.pow(-Math.log1p(-p), 1 / this.shape);
  }
  cdf(x: number): number {
    return x <= 0 ? 0 : -Math.expm1(-Math.pow(x / this.scale, this.shape));
  }
}

class ExponentialSampler implements Sampler {
  readonly isFixed = false;
  readonly lower = 0;
  readonly upper = Infinity;
  constructor(readonly mean: number) {}
  sample(rng: Stream): number {
    return -this.mean * Math.log(rng.next());
  }
  above(x: number): (rng: Stream) => number {
    // Memoryless: the remaining stay after x is again exponential.
    const from = Math.max(x, 0);
    return (rng) => from - this.mean * Math.log(rng.next());
  }
  quantile(p: number): number {
    return -this.mean * Math.log1p(-p);
  }
  cdf(x: number): number {
    return x <= 0 ? 0 : -Math.expm1(-x / this.mean);
  }
}

class EmpiricalSampler implements Sampler {
  readonly isFixed: boolean;
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
  private readonly sorted: Float64Array;
  constructor(private readonly values: readonly number[]) {
    this.sorted = Float64Array.from(values).sort();
    this.mean = values.reduce((a, b) => a + b, 0) / values.length;
    this.lower = this.sorted[0];
    this.upper = this.sorted[this.sorted.length - 1];
    this.isFixed = this.lower === this.upper;
  }
  sample(rng: Stream): number {
    return this.values[Math.floor(rng.next() * this.values.length)];
  }
  above(x: number): (rng: Stream) => number {
    // Bootstrap among the values above x; a case that has outlasted every value ends at once.
    let first = 0;
    while (first < this.sorted.length && this.sorted[first] <= x) first++;
    if (first === this.sorted.length) return () => x;
    return (rng) => this.sorted[first + Math.floor(rng.next() * (this.sorted.length - first))];
  }
  quantile(p: number): number {
    return this.sorted[Math.min(this.sorted.length - 1, Math.floor(p * this.sorted.length))];
  }
  cdf(x: number): number {
    let n = 0;
    while (n < this.sorted.length && this.sorted[n] <= x) n++;
    return n / this.sorted.length;
  }
}

/** Lanczos approximation of the gamma function, for the Weibull mean. */
function gammaFunction(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gammaFunction(1 - x));
  x -= 1;
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
}

/** Compiles a validated `Dist`. */
export function compileDist(d: Dist): Sampler {
  if (typeof d === 'number') return new FixedSampler(d);
  switch (d.type) {
    case 'fixed':
      return new FixedSampler(d.value);
    case 'uniform':
      return d.min === d.max ? new FixedSampler(d.min) : new UniformSampler(d.min, d.max);
    case 'triangular':
      return d.min === d.max ? new FixedSampler(d.min) : new TriangularSampler(d.min, d.mode, d.max);
    case 'pert':
      return new PertSampler(d.min, d.mode, d.max);
    case 'normal':
      return new NormalSampler(d.mean, d.sd, d.min, d.max);
    case 'lognormal':
      if (d.median !== undefined && d.p90 !== undefined) {
        return new LognormalSampler(Math.log(d.median), (Math.log(d.p90) - Math.log(d.median)) / Z90);
      } else {
        const mean = d.mean as number;
        const sd = d.sd as number;
        const s2 = Math.log(1 + (sd * sd) / (mean * mean));
        return new LognormalSampler(Math.log(mean) - s2 / 2, Math.sqrt(s2));
      }
    case 'gamma':
      return new GammaSampler(d.mean, d.sd);
    case 'weibull':
      return new WeibullSampler(d.shape, d.scale);
    case 'exponential':
      return new ExponentialSampler(d.mean);
    case 'empirical':
      return new EmpiricalSampler(d.values);
  }
}

/** The most extreme uniforms the generator can return (see rng.ts): 2^-33 from either end. */
const EXTREME_U = 2 ** -33;

/**
 * The range a distribution's draws can fall in: its bounds, or where it is unbounded, its quantiles at the
 * most extreme uniforms the generator returns. Validation uses it to keep every value the engine can draw
 * within what the field can mean (a normal price with a tail below zero is refused, however thin the tail).
 */
export function practicalRange(d: Dist): [number, number] {
  const s = compileDist(d);
  const lo = Number.isFinite(s.lower) ? s.lower : s.quantile(EXTREME_U);
  const hi = Number.isFinite(s.upper) ? s.upper : s.quantile(1 - EXTREME_U);
  return [lo, hi];
}
