/**
 * Finished results never change, so the text of recently read results is kept in memory: a spreadsheet that
 * polls a result does not read and unzip it from the table every time. Keyed by tenant and run, so a tenant
 * only ever gets its own entries.
 */
export class ResultCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): string | undefined {
    const text = this.entries.get(key);
    if (text !== undefined) {
      // Most recently used last, so eviction drops the oldest first.
      this.entries.delete(key);
      this.entries.set(key, text);
    }
    return text;
  }

  set(key: string, text: string): void {
    if (text.length * 2 > this.maxBytes || this.entries.has(key)) return;
    this.entries.set(key, text);
    this.bytes += text.length * 2;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length * 2;
    }
  }
}
