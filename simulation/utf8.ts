/**
 * Strict UTF-8 decoding of a file's bytes, for the command lines and the page alike: a file that is not UTF-8
 * (typically a Windows-1252 export from Excel, where "å" is the single byte 0xE5) is refused with the first
 * offending byte and its line, rather than read with U+FFFD in place of every letter it could not decode.
 */

export type Utf8Decoded =
  | { ok: true; text: string }
  /** `byte`: the first byte that does not start or continue a UTF-8 character; `line`: 1-based line it is on. */
  | { ok: false; byte: number; offset: number; line: number };

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629), or -1. */
function firstInvalid(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + n >= b.length) return i; // cut off at the end of the file
    if (b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k <= n; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return i;
    i += n + 1;
  }
  return -1;
}

export function decodeUtf8(bytes: Uint8Array): Utf8Decoded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = Math.max(0, firstInvalid(bytes));
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
    return { ok: false, byte: bytes[offset] ?? 0, offset, line };
  }
}

/** A byte as the messages show it: 0xE5. */
export const hexByte = (b: number): string => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
