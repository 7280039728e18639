/** A linear-time sort of doubles, for ranks (finalize.ts) and for the spilled keys of wide histograms (sketch.ts). */

/** Which 32-bit word of a double holds its sign and exponent: the typed arrays use the platform's byte order. */
const HIGH_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * Indices of finite `values` in ascending order of value (ties in any order; -0 just before 0). The
 * finaliser's sensitivities rank dozens of series of 10,000 values; a comparison sort with a comparator over the
 * indices took most of the finalisation, so this is a radix sort: each double's bits turned into an unsigned integer of the same
 * order (flip the sign bit of a positive, all bits of a negative), then sorted a byte at a time from the
 * lowest, in linear time and stable. Bytes that all values share (most of the exponent) are skipped.
 */
export function argsort(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  const words = new Uint32Array(Float64Array.from(values).buffer);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + HIGH_WORD];
    if (hi >= 0x80000000) {
      words[2 * i + HIGH_WORD] = ~hi;
      words[2 * i + 1 - HIGH_WORD] = ~words[2 * i + 1 - HIGH_WORD];
    } else {
      words[2 * i + HIGH_WORD] = hi + 0x80000000;
    }
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const start = new Int32Array(256);
  for (let pass = 0; pass < 8; pass++) {
    const word = pass < 4 ? 1 - HIGH_WORD : HIGH_WORD;
    const shift = (pass & 3) * 8;
    start.fill(0);
    for (let i = 0; i < n; i++) start[(words[2 * i + word] >>> shift) & 255]++;
    if (start[(words[word] >>> shift) & 255] === n) continue;
    let at = 0;
    for (let d = 0; d < 256; d++) {
      const c = start[d];
      start[d] = at;
      at += c;
    }
    for (let i = 0; i < n; i++) {
      const k = order[i];
      next[start[(words[2 * k + word] >>> shift) & 255]++] = k;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}
