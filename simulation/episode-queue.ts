/** Per-trial queues of the simulator: the occupants of capacity-limited forms and the episodes waiting to start. */
import { grown } from './typed-arrays.js';

/** A growable min-heap of integers: the last care days of the placements occupying a form. */
export class IntMinHeap {
  data = new Int32Array(64);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(v: number): void {
    if (this.size === this.data.length) {
      this.data = grown(this.data, this.data.length * 2);
    }
    const a = this.data;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= v) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = v;
  }

  top(): number {
    return this.data[0];
  }

  pop(): void {
    const a = this.data;
    const v = a[--this.size];
    let i = 0;
    const n = this.size;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && a[c + 1] < a[c]) c++;
      if (a[c] >= v) break;
      a[i] = a[c];
      i = c;
    }
    a[i] = v;
  }
}

/** Episodes waiting to start (step-downs and extra arrivals), ordered by day and then by insertion. */
export class EpisodeQueue {
  private cap = 256;
  day = new Int32Array(this.cap);
  seq = new Int32Array(this.cap);
  form = new Int32Array(this.cap);
  k0 = new Uint32Array(this.cap);
  k1 = new Uint32Array(this.cap);
  step = new Int32Array(this.cap);
  birth = new Float64Array(this.cap);
  /** Segment of an extra arrival, -1 for a step-down. */
  seg = new Int32Array(this.cap);
  /** Index of the episode's first stay in the trial's draw cache (trial.ts), -1 for none. */
  src = new Int32Array(this.cap);
  private heap = new Int32Array(this.cap);
  private free: number[] = [];
  private used = 0;
  private counter = 0;
  size = 0;

  clear(): void {
    this.size = 0;
    this.used = 0;
    this.counter = 0;
    this.free.length = 0;
  }

  private grow(): void {
    const n = this.cap * 2;
    const g = <T extends Int32Array | Uint32Array | Float64Array>(a: T): T => grown(a, n);
    this.day = g(this.day);
    this.seq = g(this.seq);
    this.form = g(this.form);
    this.k0 = g(this.k0);
    this.k1 = g(this.k1);
    this.step = g(this.step);
    this.birth = g(this.birth);
    this.seg = g(this.seg);
    this.src = g(this.src);
    this.heap = g(this.heap);
    this.cap = n;
  }

  private less(a: number, b: number): boolean {
    return this.day[a] < this.day[b] || (this.day[a] === this.day[b] && this.seq[a] < this.seq[b]);
  }

  push(day: number, form: number, k0: number, k1: number, step: number, birth: number, seg: number, src: number): void {
    let slot: number;
    if (this.free.length > 0) slot = this.free.pop() as number;
    else {
      if (this.used === this.cap) this.grow();
      slot = this.used++;
    }
    this.day[slot] = day;
    this.seq[slot] = this.counter++;
    this.form[slot] = form;
    this.k0[slot] = k0;
    this.k1[slot] = k1;
    this.step[slot] = step;
    this.birth[slot] = birth;
    this.seg[slot] = seg;
    this.src[slot] = src;
    const h = this.heap;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(slot, h[p])) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = slot;
  }

  topDay(): number {
    return this.day[this.heap[0]];
  }

  /** Removes the earliest episode and returns its slot, valid until the next push. */
  pop(): number {
    const h = this.heap;
    const top = h[0];
    const last = h[--this.size];
    let i = 0;
    const n = this.size;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.less(h[c + 1], h[c])) c++;
      if (!this.less(h[c], last)) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = last;
    this.free.push(top);
    return top;
  }
}
