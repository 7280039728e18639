/**
 * exp and log as fdlibm computes them (e_exp.c, e_log.c), from IEEE-754 basic operations only, so that they give
 * the same bits on every JavaScript engine. ECMAScript lets Math.exp and Math.log differ in the last bit, and
 * they do: Node 20's V8 (fdlibm) and Chromium 156's disagree on some arguments, which moved cost percentiles by
 * an ulp between the command line and the page's preview. These equal Node 20's Math.exp and Math.log bit for
 * bit (tests/simulation/fdlibm.test.ts), so the results stayed as they were. Only the histogram's bins
 * (sketch.ts) need them: every other transcendental value in the engine is rounded to whole days or kronor
 * before it is summed.
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// The high word of a double is u32[1] on a little-endian machine, u32[0] on a big-endian one.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;
const TWO_M1000 = 9.3326361850321887899e-302;

/** 2^k for -1022 <= k <= 1023, exactly. */
function pow2(k: number): number {
  u32[HI] = (0x3ff + k) << 20;
  u32[LO] = 0;
  return f64[0];
}

export function exp(x: number): number {
  f64[0] = x;
  const hxs = u32[HI];
  const neg = hxs >>> 31;
  const hx = hxs & 0x7fffffff;
  if (hx >= 0x40862e42) {
    // |x| >= 709.78: NaN, the infinities, overflow, or a subnormal or zero result.
    if (x !== x) return x;
    if (x === Infinity) return x;
    if (x === -Infinity) return 0;
    if (x > 7.09782712893383973096e2) return Infinity;
    if (x < -7.4513321910194110842e2) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    // V8's fdlibm returns e itself for 1, as Math.E (fdlibm alone is an ulp above).
    if (x === 1) return Math.E;
    if (hx < 0x3ff0a2b2) {
      hi = neg ? x + LN2_HI : x - LN2_HI;
      lo = neg ? -LN2_LO : LN2_LO;
      k = neg ? -1 : 1;
    } else {
      k = Math.trunc(INV_LN2 * x + (neg ? -0.5 : 0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) return k === 1024 ? y * 2 * pow2(1023) : y * pow2(k);
  return y * pow2(k + 1000) * TWO_M1000;
}

const TWO54 = 1.8014398509481984e16;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

export function log(x: number): number {
  f64[0] = x;
  let hx = u32[HI] | 0;
  const lx = u32[LO];
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    // A subnormal: scale it up.
    k -= 54;
    f64[0] = x * TWO54;
    hx = u32[HI] | 0;
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  // x normalised to [sqrt(2)/2, sqrt(2)).
  u32[HI] = hx | (i0 ^ 0x3ff00000);
  k += i0 >> 20;
  const f = f64[0] - 1.0;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - (R - dk * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const i = (hx - 0x6147a) | (0x6b851 - hx);
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}
