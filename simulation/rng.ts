/**
 * Counter-based random streams.
 *
 * Common random numbers (model-spec section 4) need a separate stream for every per-trial parameter and for
 * every arriving episode, so that adding an option never shifts another case's draws. Sequential generators
 * (seedrandom and friends) must hash a seed string and warm up for each new stream, which costs more than the
 * simulation itself when there is one stream per episode and draw slot. Here a stream is just a 64-bit key and
 * a counter, and each uniform is a strong integer hash of (key, counter): creating a stream is free, and the
 * numbers depend only on the key, never on what was drawn before.
 */

/** A 32-bit finaliser with near-ideal avalanche (Wellons' "lowbias32"). */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A 64-bit stream key as two unsigned 32-bit words. */
export interface Key {
  readonly k0: number;
  readonly k1: number;
}

const TWO_POW_MINUS_32 = 2 ** -32;

/**
 * Uniforms drawn and streams keyed by the engine in this thread (runTrials adds its stream's counts when done);
 * read by the benchmark to compute the drawing floor.
 */
export const drawCounter = { count: 0, keyed: 0 };

/** Derives a child key from a parent key and a 32-bit label, independent of every other label. */
export function childKey(k0: number, k1: number, label: number): Key {
  return childKeyInto({ k0: 0, k1: 0 }, k0, k1, label);
}

/** childKey written into `out`, for loops that derive one key per arrival and should not allocate it. */
export function childKeyInto(out: { k0: number; k1: number }, k0: number, k1: number, label: number): Key {
  out.k0 = mix32((k0 ^ mix32(label ^ 0x85ebca6b)) >>> 0);
  out.k1 = mix32((k1 + mix32((label + 0x27d4eb2f) >>> 0) + out.k0) >>> 0);
  return out;
}

/**
 * The two hashes of a label that childKey mixes into a parent key, worked out once for a label that keys every
 * episode's draws (Stream.resetHalves): they are half of the hashing of each draw.
 */
export function labelHalves(label: number): [number, number] {
  return [mix32(label ^ 0x85ebca6b), mix32((label + 0x27d4eb2f) >>> 0)];
}

/** Hashes a string label (a parameter path, a slot name) to 32 bits, FNV-1a followed by the finaliser. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h >>> 0);
}

/** The root key of a run, from its seed (any safe non-negative integer). */
export function rootKey(seed: number): Key {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  return childKey(mix32(lo ^ 0x9e3779b9), mix32(hi ^ 0x7f4a7c15), 0x5eed);
}

/** The key of one trial: depends only on the seed and the trial index, never on chunking. */
export function trialKey(root: Key, trial: number): Key {
  return childKey(root.k0, root.k1, trial);
}

/**
 * A reusable stream. `reset` points it at a new key without allocating, which the engine does for every
 * episode and draw slot.
 */
export class Stream {
  private k0 = 0;
  private k1 = 0;
  private i = 0;
  /** Counts on the stream itself: a shared counter written on every draw costs a tenth of the engine's time. */
  drawn = 0;
  keyed = 0;

  constructor(key?: Key) {
    if (key) this.reset(key.k0, key.k1);
  }

  reset(k0: number, k1: number): this {
    this.keyed++;
    this.k0 = k0;
    this.k1 = k1;
    this.i = 0;
    return this;
  }

  /** Points the stream at the child of (k0, k1) with the given label. */
  resetChild(k0: number, k1: number, label: number): this {
    const a = mix32((k0 ^ mix32(label ^ 0x85ebca6b)) >>> 0);
    const b = mix32((k1 + mix32((label + 0x27d4eb2f) >>> 0) + a) >>> 0);
    return this.reset(a, b);
  }

  /** resetChild with the label's hashes given (labelHalves). */
  resetHalves(k0: number, k1: number, la: number, lb: number): this {
    const a = mix32((k0 ^ la) >>> 0);
    return this.reset(a, mix32((k1 + lb + a) >>> 0));
  }

  /**
   * A uniform in the open interval (0, 1): the finaliser over a Weyl sequence offset by the key, the same
   * construction as SplitMix. Keys come out of two rounds of hashing, so streams do not overlap in practice.
   */
  next(): number {
    this.drawn++;
    const c = (this.i = (this.i + 1) >>> 0);
    const h = mix32(((this.k0 + Math.imul(c, 0x9e3779b9)) ^ this.k1) >>> 0);
    return (h + 0.5) * TWO_POW_MINUS_32;
  }
}
