/** Strict UTF-8 decoding (simulation/utf8.ts): what the command lines and the page read files with. */
import { describe, expect, it } from 'vitest';
import { decodeUtf8, hexByte } from '../../simulation/utf8.js';

const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeUtf8', () => {
  it('reads UTF-8, with or without a byte-order mark, in characters of every length', () => {
    expect(decodeUtf8(utf8('skyddat_boende_våld;€;𝄞\n'))).toEqual({ ok: true, text: 'skyddat_boende_våld;€;𝄞\n' });
    expect(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({ ok: true, text: 'a' });
  });

  it('refuses a Windows-1252 file, naming the first byte it cannot read and its line', () => {
    // "a\nb\nskyddat_boende_v" + å as Windows-1252 (0xE5) + "ld"
    const cp1252 = new Uint8Array([...utf8('a\nb\nskyddat_boende_v'), 0xe5, ...utf8('ld\n')]);
    expect(decodeUtf8(cp1252)).toEqual({ ok: false, byte: 0xe5, offset: 20, line: 3 });
    expect(hexByte(0xe5)).toBe('0xE5');
  });

  it.each([
    ['a UTF-16 byte-order mark', bytes(0xff, 0xfe, 0x61, 0x00), 0, 0xff],
    ['an overlong form', bytes(0x61, 0xc0, 0xaf), 1, 0xc0],
    ['a surrogate', bytes(0x61, 0xed, 0xa0, 0x80), 1, 0xed],
    ['a character cut off at the end', bytes(0x61, 0x62, 0xe2, 0x82), 2, 0xe2],
    ['a stray continuation byte', bytes(0x80), 0, 0x80],
  ])('refuses %s', (_name, b, offset, byte) => {
    expect(decodeUtf8(b)).toEqual({ ok: false, byte, offset, line: 1 });
  });
});
