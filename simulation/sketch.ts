/**
 * Mergeable summaries of per-trial values.
 *
 * A run may be split into chunks of any size on any number of workers, and the merged result must be the same
 * to the last bit (model-spec section 4). Floating-point sums depend on the order of addition, so every
 * per-trial value that is summed is a whole number (amounts are rounded to whole kronor per trial) and sums are
 * kept exactly (IntSum); squares for standard deviations use Shewchuk's exact expansions, rounded once at the
 * end as Python's math.fsum does. Percentiles come from histograms whose counts simply add: counts (care
 * days, admissions, census) are binned exactly, amounts fall in logarithmic bins 0.02% wide, so a percentile
 * is within 0.01% of the order statistic whatever the number of trials, and memory stays bounded.
 */
import { argsort } from './argsort.js';
import { exp, log } from './fdlibm.js';
import { forEachKeyCount, packKeyCounts, unpackKeyCounts } from './packed-ints.js';

/** An exactly accumulated sum of doubles, rounded correctly when read. */
export class ExactSum {
  partials: number[] = [];

  add(x: number): void {
    const p = this.partials;
    if (p.length === 0) {
      p.push(x);
      return;
    }
    let i = 0;
    const len = p.length;
    for (let j = 0; j < len; j++) {
      let y = p[j];
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    // The list usually keeps its length: write in place, as shrinking it and pushing again reallocates.
    if (i === len) p.push(x);
    else {
      p[i] = x;
      if (i + 1 < len) p.length = i + 1;
    }
  }

  merge(o: ExactSum): void {
    for (const x of o.partials) this.add(x);
  }

  value(): number {
    const p = this.partials;
    let n = p.length;
    if (n === 0) return 0;
    let hi = p[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n];
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0) break;
    }
    // Round half-way cases as the exact sum would, so the result does not depend on how partials are split.
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}

const GAMMA = 1.0002;
// fdlibm's log and exp, not Math's: a bin and its value must be the same bits in Node and in every browser.
const LN_GAMMA = log(GAMMA);
/** Amounts below one krona in magnitude share the zero bin. */
const MIN_AMOUNT = 1;

/** How near a whole number log(a) / LN_GAMMA by Math.log may be and its floor still be taken (floorLogGamma). */
const BIN_EDGE = 1e-6;

/**
 * floor(log(a) / LN_GAMMA) by fdlibm's log, as the bins are defined, found with Math.log, which takes a third
 * of the time: an engine's log is within an ulp or two of fdlibm's, which moves the quotient by less than 1e-9
 * (the logarithms of doubles are below 710), so where it is further than BIN_EDGE from a whole number the floor
 * is the same; nearer (one value in 500,000), or if Math.log were far off, fdlibm decides.
 */
function floorLogGamma(a: number): number {
  const q = Math.log(a) / LN_GAMMA;
  const f = Math.floor(q);
  if (q - f > BIN_EDGE && q - f < 1 - BIN_EDGE) return f;
  return Math.floor(log(a) / LN_GAMMA);
}

/**
 * Widest key range kept in a dense array (128 KB, enough for a year's care days in a large form); wider
 * histograms (deltas that cross zero, care days over the horizon) spill their keys into a list.
 */
const MAX_DENSE_SPAN = 1 << 15;
/** Spilled keys kept before they are sorted into the lists: a histogram's memory stays bounded. */
const MAX_SPILLED = 4096;
/** Scratch for the keys of a block of values (Histogram.addValues), shared by all histograms. */
let blockKeys = new Int32Array(256);

/**
 * Keys with their counts, appended as they come: the histograms too wide for a dense array have nearly as many
 * keys as values (every trial's care days over the horizon differ), so a map of counts would hold a key per
 * value all the same, and sort its keys with a comparator at the end. A list sorts in linear time (argsort).
 */
class SpilledKeys {
  private keys = new Float64Array(256);
  private counts = new Int32Array(256);
  private n = 0;

  get full(): boolean {
    return this.n === MAX_SPILLED;
  }

  push(k: number, c: number): void {
    if (this.n === this.keys.length) {
      const keys = new Float64Array(2 * this.n);
      const counts = new Int32Array(2 * this.n);
      keys.set(this.keys);
      counts.set(this.counts);
      this.keys = keys;
      this.counts = counts;
    }
    // -0 is the key 0, as everywhere else (a dense array's index, a map's key); argsort would keep it apart.
    this.keys[this.n] = k + 0;
    this.counts[this.n++] = c;
  }

  /** The keys ascending, equal ones made one, with their counts; empties the list. */
  drain(): { keys: number[]; counts: number[] } {
    const order = argsort(this.keys.subarray(0, this.n));
    const keys: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < order.length; i++) {
      const k = this.keys[order[i]];
      const c = this.counts[order[i]];
      if (keys.length > 0 && keys[keys.length - 1] === k) counts[counts.length - 1] += c;
      else {
        keys.push(k);
        counts.push(c);
      }
    }
    this.n = 0;
    return { keys, counts };
  }
}

/**
 * A histogram of values, exact for integers, with 0.02%-wide log bins for amounts. While trials are added,
 * keys live in a dense growable array if their range is narrow (the usual case), else in a list (SpilledKeys);
 * for storage and merging they are kept as sorted key and count lists, which merge in linear time. Inside a
 * stored partial the lists are packed into one string (toPacked, packed-ints.ts); elsewhere, as in the stored
 * cost distributions of finished runs, they are plain JSON arrays (toJSON).
 */
export class Histogram {
  private lo = 0;
  private minUsed = Infinity;
  private maxUsed = -Infinity;
  private dense: Int32Array | null = null;
  private spilled: SpilledKeys | null = null;
  /** Sorted form, set by merges and deserialisation; added-to keys are folded into it on demand. */
  private sortedKeys: number[] = [];
  private sortedCounts: number[] = [];
  /**
   * Keys and counts as read from a stored partial (fromPacked): checked, but decoded only when needed. A merge
   * decodes them straight into its target, with no lists in between, and a partial read back holds a few bytes
   * per key until then. Decoded into the sorted lists (empty while this is set) by anything else.
   */
  private packed: Pick<PackedHistogramJSON, 'n' | 'packed'> | null = null;
  n = 0;

  constructor(readonly exact: boolean) {}

  static binOf(x: number): number {
    const a = Math.abs(x);
    if (a < MIN_AMOUNT) return 0;
    const k = 1 + floorLogGamma(a / MIN_AMOUNT);
    return x < 0 ? -k : k;
  }

  static valueOfBin(k: number): number {
    if (k === 0) return 0;
    const v = MIN_AMOUNT * exp((Math.abs(k) - 0.5) * LN_GAMMA);
    return k < 0 ? -v : v;
  }

  add(x: number): void {
    this.addKey(this.exact ? x : Histogram.binOf(x), 1);
    this.n++;
  }

  /**
   * Adds xs[from..to), the same as `add` of each: the recorder pours a block of trials at a time. The keys are
   * worked out first, so that the dense array is made wide enough once for the block and the counting loop
   * has no branch; the sorted lists come out the same whatever the layout in between.
   */
  addValues(xs: Float64Array, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    if (blockKeys.length < n) blockKeys = new Int32Array(n);
    const keys = blockKeys;
    let kLo = 0x7fffffff;
    let kHi = -0x80000000;
    if (this.exact) {
      for (let i = 0; i < n; i++) {
        const x = xs[from + i];
        const k = x | 0;
        // A key that is not a 32-bit integer takes the general path (it never happens with counts of days).
        if (k !== x) return this.addEach(xs, from, to);
        keys[i] = k;
        if (k < kLo) kLo = k;
        if (k > kHi) kHi = k;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const k = Histogram.binOf(xs[from + i]);
        keys[i] = k;
        if (k < kLo) kLo = k;
        if (k > kHi) kHi = k;
      }
    }
    this.n += n;
    if (this.spilled === null && this.reserve(kLo, kHi)) {
      const d = this.dense as Int32Array;
      const lo = this.lo;
      for (let i = 0; i < n; i++) d[keys[i] - lo]++;
      if (kLo - lo < this.minUsed) this.minUsed = kLo - lo;
      if (kHi - lo > this.maxUsed) this.maxUsed = kHi - lo;
      return;
    }
    for (let i = 0; i < n; i++) this.spill(keys[i], 1);
  }

  private addEach(xs: Float64Array, from: number, to: number): void {
    for (let i = from; i < to; i++) this.add(xs[i]);
  }

  /** Whether keys kLo..kHi fit the dense array, widening it if need be (`widen`); false once its keys spill. */
  private reserve(kLo: number, kHi: number): boolean {
    const d = this.dense;
    if (d !== null && kLo - this.lo >= 0 && kHi - this.lo < d.length) return true;
    return this.widen(kLo, kHi);
  }

  private addKey(k: number, c: number): void {
    if (this.spilled === null) {
      const d = this.dense;
      const i = k - this.lo;
      if (d !== null && i >= 0 && i < d.length) {
        d[i] += c;
        if (i < this.minUsed) this.minUsed = i;
        if (i > this.maxUsed) this.maxUsed = i;
        return;
      }
      if (this.widen(k, k)) {
        const j = k - this.lo;
        (this.dense as Int32Array)[j] += c;
        if (j < this.minUsed) this.minUsed = j;
        if (j > this.maxUsed) this.maxUsed = j;
        return;
      }
    }
    this.spill(k, c);
  }

  /** Adds to the spilled keys, sorting them into the lists first when the list is full. */
  private spill(k: number, c: number): void {
    const s = this.spilled as SpilledKeys;
    if (s.full) this.foldSpilled();
    s.push(k, c);
  }

  /**
   * Makes room for keys kLo..kHi in the dense array, in one allocation however far they are from the keys
   * used so far; false once the range is too wide: the keys so far go into the sorted lists, and those to
   * come are spilled.
   */
  private widen(kLo: number, kHi: number): boolean {
    const d = this.dense;
    const used = d !== null && this.minUsed <= this.maxUsed;
    const usedLo = used ? this.lo + this.minUsed : kLo;
    const usedHi = used ? this.lo + this.maxUsed : kHi;
    const lo = Math.min(usedLo, kLo);
    const hi = Math.max(usedHi, kHi);
    const span = hi - lo + 1;
    if (span > MAX_DENSE_SPAN) {
      this.foldDense();
      this.spilled = new SpilledKeys();
      return false;
    }
    // As much room again as the range spans, on the side that grew (so that a drifting range does not
    // reallocate on every new key), or half on each side when both did: the keys of a first block of trials
    // span most of what later blocks add. Amounts spread over thousands of bins, counts over a few dozen values:
    // at least that wide from the start.
    const room = Math.max((this.exact ? 64 : 2048) - span, Math.min(span, MAX_DENSE_SPAN - span));
    const down = !used || kLo < usedLo;
    const up = !used || kHi > usedHi;
    const newLo = lo - (down ? (up ? room >> 1 : room) : 0);
    const next = new Int32Array(span + room);
    if (used) next.set((d as Int32Array).subarray(this.minUsed, this.maxUsed + 1), usedLo - newLo);
    this.minUsed = used ? usedLo - newLo : Infinity;
    this.maxUsed = used ? usedHi - newLo : -Infinity;
    this.lo = newLo;
    this.dense = next;
    return true;
  }

  /** Folds keys added since the last fold, and packed ones, into the sorted lists. */
  private fold(): void {
    if (this.packed !== null) {
      const { keys, counts } = unpackKeyCounts(this.packed.packed, this.packed.n);
      this.packed = null;
      this.mergeSorted(keys, counts);
    }
    this.foldDense();
    if (this.spilled !== null) {
      this.foldSpilled();
      this.spilled = null;
    }
  }

  private foldDense(): void {
    const d = this.dense;
    if (d === null) return;
    const keys: number[] = [];
    const counts: number[] = [];
    for (let i = this.minUsed; i <= this.maxUsed; i++) {
      if (d[i] !== 0) {
        keys.push(this.lo + i);
        counts.push(d[i]);
      }
    }
    this.dense = null;
    this.minUsed = Infinity;
    this.maxUsed = -Infinity;
    this.mergeSorted(keys, counts);
  }

  private foldSpilled(): void {
    const { keys, counts } = (this.spilled as SpilledKeys).drain();
    this.mergeSorted(keys, counts);
  }

  private mergeSorted(keys: number[], counts: number[]): void {
    const ak = this.sortedKeys;
    const ac = this.sortedCounts;
    if (ak.length === 0) {
      this.sortedKeys = keys;
      this.sortedCounts = counts;
      return;
    }
    const rk: number[] = [];
    const rc: number[] = [];
    let i = 0;
    let j = 0;
    while (i < ak.length || j < keys.length) {
      if (j >= keys.length || (i < ak.length && ak[i] < keys[j])) {
        rk.push(ak[i]);
        rc.push(ac[i++]);
      } else if (i >= ak.length || keys[j] < ak[i]) {
        rk.push(keys[j]);
        rc.push(counts[j++]);
      } else {
        rk.push(ak[i]);
        rc.push(ac[i++] + counts[j++]);
      }
    }
    this.sortedKeys = rk;
    this.sortedCounts = rc;
  }

  /**
   * Adds another histogram's counts; linear in its number of keys (the sorted lists are built once, at the end).
   * A packed one is decoded straight into this one.
   */
  merge(o: Histogram): void {
    if (o.packed !== null && o.dense === null && o.spilled === null) {
      forEachKeyCount(o.packed.packed, o.packed.n, (k, c) => this.addKey(k, c));
    } else {
      o.fold();
      const keys = o.sortedKeys;
      const counts = o.sortedCounts;
      for (let i = 0; i < keys.length; i++) this.addKey(keys[i], counts[i]);
    }
    this.n += o.n;
  }

  /** Values in ascending order with their counts. */
  sorted(): { values: number[]; counts: number[] } {
    this.fold();
    const keys = this.sortedKeys;
    return { values: this.exact ? keys : keys.map(Histogram.valueOfBin), counts: this.sortedCounts };
  }

  /** P(value + offset <= x); the offset (a period's booked outcome) is added to each value as the result adds it. */
  cdf(x: number, offset = 0): number {
    if (this.n === 0) return 0;
    const { values, counts } = this.sorted();
    let c = 0;
    for (let i = 0; i < values.length && values[i] + offset <= x; i++) c += counts[i];
    return c / this.n;
  }

  /** Quantiles by linear interpolation between order statistics (Hyndman and Fan type 7, numpy's default). */
  quantiles(ps: readonly number[]): number[] {
    const out = new Array<number>(ps.length).fill(0);
    if (this.n === 0) return out;
    // The order statistics needed (from 0), ascending, found in one pass over the keys.
    const ranks: number[] = [];
    for (let q = 0; q < ps.length; q++) {
      const h = (this.n - 1) * ps[q];
      const r = Math.floor(h);
      ranks.push(r);
      if (h !== r) ranks.push(r + 1);
    }
    ranks.sort((a, b) => a - b);
    const keys = this.keysAtRanks(ranks);
    const valueAt = (r: number): number => {
      const k = keys[ranks.indexOf(r)];
      return this.exact ? k : Histogram.valueOfBin(k);
    };
    for (let q = 0; q < ps.length; q++) {
      const h = (this.n - 1) * ps[q];
      const r = Math.floor(h);
      const x0 = valueAt(r);
      out[q] = h === r ? x0 : x0 + (h - r) * (valueAt(r + 1) - x0);
    }
    return out;
  }

  /**
   * The key of each order statistic in `ranks` (ascending, each below n). A histogram filled by adds is read
   * from its dense array as it is, with no sorted lists built: a run's finalisation reads thousands.
   */
  private keysAtRanks(ranks: readonly number[]): number[] {
    const keys = new Array<number>(ranks.length).fill(0);
    let j = 0;
    let c = 0;
    if (this.dense !== null && this.packed === null && this.sortedKeys.length === 0) {
      const d = this.dense;
      for (let i = this.minUsed; i <= this.maxUsed && j < ranks.length; i++) {
        c += d[i];
        while (j < ranks.length && c > ranks[j]) keys[j++] = this.lo + i;
      }
      return keys;
    }
    this.fold();
    const counts = this.sortedCounts;
    for (let i = 0; i < counts.length && j < ranks.length; i++) {
      c += counts[i];
      while (j < ranks.length && c > ranks[j]) keys[j++] = this.sortedKeys[i];
    }
    return keys;
  }

  /** Plain lists: the stored cost distributions of finished runs (functions/services/runs.ts) have this form. */
  toJSON(): HistogramJSON {
    this.fold();
    return { exact: this.exact, n: this.n, keys: this.sortedKeys, counts: this.sortedCounts };
  }

  static fromJSON(j: HistogramJSON): Histogram {
    const h = new Histogram(j.exact);
    // Takes ownership of the lists: a deserialised partial is not shared.
    h.sortedKeys = j.keys;
    h.sortedCounts = j.counts;
    h.n = j.n;
    return h;
  }

  /** The lists packed into one string (packed-ints.ts): the form inside stored partials, where size and parse time count. */
  toPacked(): PackedHistogramJSON {
    this.fold();
    return { exact: this.exact, n: this.n, packed: packKeyCounts(this.sortedKeys, this.sortedCounts) };
  }

  /** Throws PackedIntsError if the string does not decode to keys ascending and counts adding up to n. */
  static fromPacked(j: PackedHistogramJSON): Histogram {
    forEachKeyCount(j.packed, j.n, null);
    const h = new Histogram(j.exact);
    h.packed = { n: j.n, packed: j.packed };
    h.n = j.n;
    return h;
  }
}

/**
 * An exact sum of whole numbers below 2^52 in magnitude: a double accumulates until it nears the limit of
 * exact integers, then spills into a BigInt.
 */
export class IntSum {
  private lo = 0;
  private hi = 0n;

  add(x: number): void {
    this.lo += x;
    if (this.lo > 4e15 || this.lo < -4e15) {
      this.hi += BigInt(this.lo);
      this.lo = 0;
    }
  }

  /** Adds xs[from..to), the same as `add` of each. */
  addValues(xs: Float64Array, from: number, to: number): void {
    let lo = this.lo;
    for (let i = from; i < to; i++) {
      lo += xs[i];
      if (lo > 4e15 || lo < -4e15) {
        this.hi += BigInt(lo);
        lo = 0;
      }
    }
    this.lo = lo;
  }

  merge(o: IntSum): void {
    this.hi += o.hi + BigInt(o.lo);
  }

  value(): number {
    return Number(this.hi + BigInt(this.lo));
  }

  toJSON(): string {
    return (this.hi + BigInt(this.lo)).toString();
  }

  static fromJSON(j: string): IntSum {
    const s = new IntSum();
    s.hi = BigInt(j);
    return s;
  }
}

/**
 * Mean, spread and percentiles of one per-trial whole-number quantity: a count, or an amount in whole kronor
 * (`binned`: percentiles from log bins).
 */
export class Summary {
  readonly sum: IntSum;
  readonly sumSq: ExactSum | null;
  readonly hist: Histogram;

  constructor(binned: boolean, withSd = false, hist?: Histogram, sum?: IntSum) {
    this.hist = hist ?? new Histogram(!binned);
    this.sum = sum ?? new IntSum();
    this.sumSq = withSd ? new ExactSum() : null;
  }

  add(x: number): void {
    this.sum.add(x);
    this.sumSq?.add(x * x);
    this.hist.add(x);
  }

  /**
   * Adds xs[from..to), the same as `add` of each in order: the squares go into the exact sum one by one, in
   * the same sequence, because its list of partials (stored in partials) depends on the order of additions.
   */
  addValues(xs: Float64Array, from: number, to: number): void {
    this.sum.addValues(xs, from, to);
    const sq = this.sumSq;
    if (sq !== null) for (let i = from; i < to; i++) sq.add(xs[i] * xs[i]);
    this.hist.addValues(xs, from, to);
  }

  merge(o: Summary): void {
    this.sum.merge(o.sum);
    if (this.sumSq && o.sumSq) this.sumSq.merge(o.sumSq);
    this.hist.merge(o.hist);
  }

  get n(): number {
    return this.hist.n;
  }

  mean(): number {
    return this.n === 0 ? 0 : this.sum.value() / this.n;
  }

  /** Sample standard deviation (n - 1). */
  sd(): number {
    if (!this.sumSq || this.n < 2) return 0;
    const n = this.n;
    const s = this.sum.value();
    const v = (this.sumSq.value() - (s * s) / n) / (n - 1);
    return v > 0 ? Math.sqrt(v) : 0;
  }

  /** Summaries are stored only inside partials, so their histogram is packed. */
  toJSON(): SummaryJSON {
    return { sum: this.sum.toJSON(), sumSq: this.sumSq?.partials ?? null, hist: this.hist.toPacked() };
  }

  /** Throws PackedIntsError for a damaged histogram. */
  static fromJSON(j: SummaryJSON): Summary {
    const s = new Summary(!j.hist.exact, j.sumSq !== null, Histogram.fromPacked(j.hist), IntSum.fromJSON(j.sum));
    if (s.sumSq && j.sumSq) s.sumSq.partials = [...j.sumSq];
    return s;
  }
}

export interface HistogramJSON {
  exact: boolean;
  n: number;
  keys: number[];
  counts: number[];
}

/** A histogram in a stored partial: its keys and counts packed by packed-ints.ts. */
export interface PackedHistogramJSON {
  exact: boolean;
  n: number;
  packed: string;
}

export interface SummaryJSON {
  sum: string;
  sumSq: number[] | null;
  hist: PackedHistogramJSON;
}
