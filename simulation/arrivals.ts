import type { Key } from './rng.js';

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

  clear(): void {
    this.n = 0;
  }

  push(day: number, seg: number, key: Key): void {
    if (this.n === this.day.length) {
      const grow = <T extends Int32Array | Uint32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as { new (n: number): T })(a.length * 2);
        b.set(a);
        return b;
      };
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
    const key = this.sortKey.subarray(0, n);
    for (let i = 0; i < n; i++) key[i] = (this.day[i] * 64 + this.seg[i]) * 4194304 + i;
    key.sort();
    for (let j = 0; j < n; j++) {
      const i = key[j] % 4194304;
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
}
