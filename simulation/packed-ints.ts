/**
 * A histogram's sorted keys and counts as one JSON-safe string: the bulk of a stored partial (sketch.ts).
 *
 * Why: a 2,000-trial partial of a mid-sized model holds over a million histogram entries. As JSON arrays of
 * numbers they take about 10 MB, and parsing and checking them cost more than anything else in a run's merge;
 * here most entries take two characters, and one string is a single token for JSON.parse. Keys ascend strictly,
 * so the first key is written zigzagged (it may be negative) and each later one as its difference from the one
 * before (at least 1), each followed by its count (at least 1): small deltas and counts, the usual case, take one
 * character each.
 *
 * Each number is little-endian base 32, one digit per character of base64url (`A-Za-z0-9-_`, JSON-safe and
 * URL-safe): a character's value v < 32 is a last digit, v >= 32 the digit v - 32 with more to follow. Arithmetic
 * on doubles (no 32-bit bit operations) keeps every safe integer exact: a key, a delta between any two safe keys
 * (up to 2^54), a zigzagged key and a count. Pure TypeScript without Buffer, as the engine runs in browsers.
 *
 * The decoder checks everything a merge relies on, as it goes: the alphabet, that no number is cut off, deltas
 * and counts of at least 1, keys and counts within the safe integers, and that the counts add up to `n`.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE = 32;
/** A character's value, -1 outside the alphabet; indexed by any UTF-16 code unit, which spares the decoder a branch. */
const DIGIT = new Int8Array(0x10000).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;
const MAX = Number.MAX_SAFE_INTEGER;
/** Digits enough for 2^55, more than any number here needs: stops a run of continuations before its scale overflows. */
const MAX_DIGITS = 11;

/** A packed string that does not decode to a valid histogram; the message names the problem and where. */
export class PackedIntsError extends Error {
  /** Where the string is in the document it came from, filled in by the callers that know (partial.ts). */
  readonly path: string[] = [];

  constructor(message: string) {
    super(message);
    this.name = 'PackedIntsError';
  }
}

export interface KeyCounts {
  keys: number[];
  counts: number[];
}

/** Character codes of the alphabet, and the bytes of the string being packed (ASCII), reused from call to call. */
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
let bytes = new Uint8Array(1 << 16);
/** Pure ASCII decodes the same in every encoding; an array of one-character strings joined would be 4 times slower. */
const ascii = new TextDecoder();

/** Encodes keys ascending strictly and their counts (whole numbers >= 1); throws RangeError for anything else. */
export function packKeyCounts(keys: readonly number[], counts: readonly number[]): string {
  if (keys.length !== counts.length) throw new RangeError(`${keys.length} keys but ${counts.length} counts`);
  // At most 12 characters per number (zigzag and wide deltas), two numbers per entry.
  if (bytes.length < keys.length * 24) bytes = new Uint8Array(keys.length * 24);
  let end = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const c = counts[i];
    if (!Number.isSafeInteger(k)) throw new RangeError(`key ${k} is not a safe integer`);
    if (!Number.isSafeInteger(c) || c < 1) throw new RangeError(`count ${c} is not a whole number >= 1`);
    if (i === 0) end = writeZigzag(end, k);
    else if (k > keys[i - 1]) end = writeDifference(end, k, keys[i - 1]);
    else throw new RangeError(`keys do not ascend strictly: ${k} after ${keys[i - 1]}`);
    end = writeUint(end, c);
  }
  return ascii.decode(bytes.subarray(0, end));
}

/** Writes the digits of v, a safe integer >= 0, at `end`; returns the new end. */
function writeUint(end: number, v: number): number {
  while (v >= BASE) {
    const digit = v % BASE;
    bytes[end++] = CODES[BASE + digit];
    v = (v - digit) / BASE;
  }
  bytes[end++] = CODES[v];
  return end;
}

/** k >= 0 as 2k, k < 0 as 2(-k - 1) + 1, written digit by digit: 2k itself may exceed the safe integers. */
function writeZigzag(end: number, k: number): number {
  const sign = k < 0 ? 1 : 0;
  const m = k < 0 ? -k - 1 : k;
  const low = m % (BASE / 2);
  const rest = (m - low) / (BASE / 2);
  const digit = 2 * low + sign;
  if (rest === 0) {
    bytes[end++] = CODES[digit];
    return end;
  }
  bytes[end++] = CODES[BASE + digit];
  return writeUint(end, rest);
}

/** a - b for safe integers a > b; beyond 2^53 the difference is not a double, so its last digit is split off first. */
function writeDifference(end: number, a: number, b: number): number {
  const d = a - b;
  if (Number.isSafeInteger(d)) return writeUint(end, d);
  const ra = a - BASE * Math.floor(a / BASE);
  const rb = b - BASE * Math.floor(b / BASE);
  let digit = ra - rb;
  let rest = (a - ra) / BASE - (b - rb) / BASE;
  if (digit < 0) {
    digit += BASE;
    rest -= 1;
  }
  bytes[end++] = CODES[BASE + digit];
  return writeUint(end, rest);
}

/** Decodes and checks what packKeyCounts wrote; `n` is the histogram's total count. Throws PackedIntsError. */
export function unpackKeyCounts(packed: string, n: number): KeyCounts {
  const keys: number[] = [];
  const counts: number[] = [];
  forEachKeyCount(packed, n, (k, c) => {
    keys.push(k);
    counts.push(c);
  });
  return { keys, counts };
}

/**
 * Calls `each` with every key and its count in ascending order, checking as it goes: the decode for a merge,
 * which needs no lists; `each` null only checks. Throws PackedIntsError naming the problem and its character
 * position.
 */
export function forEachKeyCount(packed: string, n: number, each: ((key: number, count: number) => void) | null): void {
  const len = packed.length;
  const at = { i: 0 };
  let i = 0;
  let key = 0;
  let total = 0;
  // One-character deltas and counts are most of a partial: they are read here, the rest by readNumber.
  while (i < len) {
    const start = i;
    let v = DIGIT[packed.charCodeAt(i)];
    if (start > 0 && v > 0 && v < BASE) {
      key += v;
      i++;
      if (key > MAX) throw new PackedIntsError(`a key delta at character ${start} is beyond 2^53`);
    } else {
      at.i = i;
      if (start === 0) {
        key = readFirstKey(packed, at);
      } else {
        const next = readNumber(packed, at, key, 1, 'a key delta', start);
        if (next === key) throw new PackedIntsError(`key delta at character ${start} is 0 (keys must ascend, deltas be >= 1)`);
        key = next;
      }
      i = at.i;
    }
    v = i < len ? DIGIT[packed.charCodeAt(i)] : -1;
    let c = v;
    if (v > 0 && v < BASE) {
      i++;
    } else {
      at.i = i;
      c = readNumber(packed, at, 0, 1, 'a count', i);
      if (c < 1) throw new PackedIntsError(`count at character ${i} is 0 (counts must be >= 1)`);
      i = at.i;
    }
    total += c;
    if (total > MAX) throw new PackedIntsError(`the counts' total is beyond 2^53`);
    // A check alone calls nothing: the call site then sees only a merge's function, which it can inline.
    if (each !== null) each(key, c);
  }
  if (total !== n) throw new PackedIntsError(`the counts add up to ${total}, not to n = ${n}`);
}

/**
 * Adds the digits from character `at.i` on, times `scale`, to `base`, and moves `at.i` past them; `what` at
 * `start` names the number in errors. Digits are added one at a time: every partial sum lies between base and
 * the result, so all are exact while the result is a safe integer, and the first one beyond is caught before
 * precision is lost.
 */
function readNumber(s: string, at: { i: number }, base: number, scale: number, what: string, start: number): number {
  let x = base;
  for (let digits = 0; ; digits++) {
    if (at.i >= s.length) throw new PackedIntsError(`${what} at character ${start} is cut off at the end`);
    if (digits === MAX_DIGITS) throw new PackedIntsError(`${what} at character ${start} is beyond 2^53`);
    const v = readDigit(s, at);
    x += (v < BASE ? v : v - BASE) * scale;
    if (x > MAX) throw new PackedIntsError(`${what} at character ${start} is beyond 2^53`);
    if (v < BASE) return x;
    scale *= BASE;
  }
}

/** The zigzag's sign is the first digit's lowest bit: that digit is read alone, the rest at half scale. */
function readFirstKey(s: string, at: { i: number }): number {
  const start = at.i;
  const v = readDigit(s, at);
  const digit = v < BASE ? v : v - BASE;
  const sign = digit % 2;
  let m = (digit - sign) / 2;
  if (v >= BASE) m = readNumber(s, at, m, BASE / 2, 'the first key', start);
  if (sign === 1 && m === MAX) throw new PackedIntsError(`the first key at character ${start} is beyond 2^53`);
  return sign === 1 ? -m - 1 : m;
}

function readDigit(s: string, at: { i: number }): number {
  const v = DIGIT[s.charCodeAt(at.i)];
  if (v < 0) throw new PackedIntsError(`character ${JSON.stringify(s[at.i])} at ${at.i} is not base64url`);
  at.i++;
  return v;
}
