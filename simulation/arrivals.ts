import type { Key } from './rng.js';
import { grown } from './typed-arrays.js';

/**
 * Arrivals are ordered by one float64 key, (day * 64 + segment) * 2^22 + arrival number, which is exact (and so
 * orders exactly) while it stays below 2^53. That bounds the arrivals of one trial, all segments together; the
 * model schema refuses a model that could come near it (schema.ts, `checkArrivalLimit`).
 */
export const ARRIVAL_BITS = 22;
export const MAX_ARRIVALS = 2 ** ARRIVAL_BITS;
export const SEGMENT_BITS = 6;
export const MAX_SEGMENTS = 2 ** SEGMENT_BITS;
/** Days the key can hold beside the segment and the arrival number. */
export const MAX_DAYS = 2 ** (53 - SEGMENT_BITS - ARRIVAL_BITS);

/** Throws unless a horizon of `days` days with `segments` segments fits the sort key. */
export function checkPacking(days: number, segments: number): void {
  if (!(segments <= MAX_SEGMENTS) || !(days <= MAX_DAYS)) {
    throw new RangeError(`cannot order arrivals of ${segments} segments over ${days} days (at most ${MAX_SEGMENTS} and ${MAX_DAYS})`);
  }
}

/** Arrival times of new episodes, shared by every scenario of a trial. */
export class Arrivals {
  n = 0;
  day = new Int32Array(256);
  seg = new Int32Array(256);
  k0 = new Uint32Array(256);
  k1 = new Uint32Array(256);
  private sortKey = new Float64Array(256);
  private tmpDay = new Int32Array(256);
  private tmpSeg = new Int32Array(256);
  private tmpK0 = new Uint32Array(256);
  private tmpK1 = new Uint32Array(256);

  /** `limit` below MAX_ARRIVALS is for tests, which cannot afford millions of arrivals. */
  constructor(private readonly limit = MAX_ARRIVALS) {
    if (!(limit <= MAX_ARRIVALS)) throw new RangeError(`limit ${limit} is above ${MAX_ARRIVALS}`);
  }

  clear(): void {
    this.n = 0;
  }

  push(day: number, seg: number, key: Key): void {
    if (this.n === this.day.length) {
      const grow = <T extends Int32Array | Uint32Array | Float64Array>(a: T): T => grown(a, a.length * 2);
      this.day = grow(this.day);
      this.seg = grow(this.seg);
      this.k0 = grow(this.k0);
      this.k1 = grow(this.k1);
      this.sortKey = new Float64Array(this.day.length);
      this.tmpDay = new Int32Array(this.day.length);
      this.tmpSeg = new Int32Array(this.day.length);
      this.tmpK0 = new Uint32Array(this.day.length);
      this.tmpK1 = new Uint32Array(this.day.length);
    }
    this.day[this.n] = day;
    this.seg[this.n] = seg;
    this.k0[this.n] = key.k0;
    this.k1[this.n] = key.k1;
    this.n++;
  }

  /** Orders by day, then segment, then arrival number, which keeps the order independent of generation. */
  sort(): void {
    const n = this.n;
    this.checkLimit();
    const key = this.sortKey.subarray(0, n);
    if (!this.mergeRuns(key)) {
      for (let i = 0; i < n; i++) key[i] = (this.day[i] * MAX_SEGMENTS + this.seg[i]) * MAX_ARRIVALS + i;
      key.sort();
      for (let j = 0; j < n; j++) key[j] %= MAX_ARRIVALS;
    }
    for (let j = 0; j < n; j++) {
      const i = key[j];
      this.tmpDay[j] = this.day[i];
      this.tmpSeg[j] = this.seg[i];
      this.tmpK0[j] = this.k0[i];
      this.tmpK1[j] = this.k1[i];
    }
    [this.day, this.tmpDay] = [this.tmpDay, this.day];
    [this.seg, this.tmpSeg] = [this.tmpSeg, this.seg];
    [this.k0, this.tmpK0] = [this.tmpK0, this.k0];
    [this.k1, this.tmpK1] = [this.tmpK1, this.k1];
  }

  /** Past the limit the arrival numbers would run into the segment bits and the order would silently change. */
  checkLimit(): void {
    if (this.n > this.limit) {
      throw new RangeError(
        `${this.n} new arrivals in one trial: more than the ${this.limit} the engine can order; the model should have been refused`,
      );
    }
  }

  /**
   * The usual case, in linear time: each segment's arrivals pushed together, in order of segment and of day,
   * as generation makes them. Merging those runs gives the order of the sort key exactly (day, then segment,
   * then arrival number); `order` gets the arrival numbers. False, with nothing done, for any other layout.
   */
  private mergeRuns(order: Float64Array): boolean {
    const n = this.n;
    const { day, seg } = this;
    const starts: number[] = [];
    for (let i = 0; i < n; i++) {
      if (i === 0 || seg[i] !== seg[i - 1]) {
        if (i > 0 && seg[i] < seg[i - 1]) return false;
        starts.push(i);
      } else if (day[i] < day[i - 1]) return false;
    }
    const k = starts.length;
    const ends = starts.map((_, r) => (r + 1 < k ? starts[r + 1] : n));
    const at = starts.slice();
    for (let j = 0; j < n; j++) {
      // The earliest head; among heads on the same day the first run, which is the lowest segment.
      let best = -1;
      for (let r = 0; r < k; r++) if (at[r] < ends[r] && (best < 0 || day[at[r]] < day[at[best]])) best = r;
      order[j] = at[best]++;
    }
    return true;
  }
}
