/**
 * Finished results never change, so what is made from them is kept in memory: the stored texts (a spreadsheet
 * that polls a result does not read and unzip it from the table every time), the CSV tables rendered from them
 * and the parsed cost distributions that probability questions read. Keys start with tenant and run, so a
 * tenant only ever gets its own entries.
 */

/** Bytes a string takes in memory, about (V8 keeps most as one or two bytes per character). */
export const textBytes = (text: string): number => text.length * 2;

/**
 * A least-recently-used map bounded by the bytes of its values (as `sizeOf` estimates them). `getOrMake`
 * makes a missing value once, however many requests ask for it at the same moment.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private readonly making = new Map<string, Promise<V>>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      // Most recently used last, so eviction drops the oldest first.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry?.value;
  }

  set(key: string, value: V): void {
    const bytes = this.sizeOf(value);
    if (bytes > this.maxBytes || this.entries.has(key)) return;
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.bytes;
    }
  }

  /** The cached value, or `make`'s (kept unless it throws); concurrent misses of one key share one `make`. */
  async getOrMake(key: string, make: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const pending = this.making.get(key);
    if (pending) return pending;
    const made = make().then(
      (value) => {
        this.making.delete(key);
        this.set(key, value);
        return value;
      },
      (err: unknown) => {
        this.making.delete(key);
        throw err;
      },
    );
    this.making.set(key, made);
    return made;
  }
}

/** Stored texts of finished results, 64 MB at most by default. */
export class ResultCache extends LruCache<string> {
  constructor(maxBytes = 64 * 1024 * 1024) {
    super(maxBytes, textBytes);
  }
}
