/** The page's strings come from one place: every area has both languages, and no two areas share a key. */
import { describe, expect, it } from 'vitest';
import { AREAS } from '../../web/src/i18n/areas.js';

describe("the page's strings", () => {
  it('has every string in both languages, of the same kind', () => {
    for (const area of AREAS) {
      expect(Object.keys(area.en).sort()).toEqual(Object.keys(area.sv).sort());
      for (const [key, value] of Object.entries(area.sv)) {
        expect(typeof (area.en as Record<string, unknown>)[key], key).toBe(typeof value);
      }
    }
  });

  it('uses each key in one area only, so merging the areas overwrites nothing', () => {
    const seen = new Map<string, number>();
    AREAS.forEach((area, i) => {
      for (const key of Object.keys(area.sv)) {
        expect(seen.get(key), `${key} is in areas ${seen.get(key)} and ${i}`).toBeUndefined();
        seen.set(key, i);
      }
    });
  });

  it('writes a percentage as each language does: "80 %" in Swedish, "80%" in English', () => {
    const texts = (strings: Record<string, unknown>) =>
      Object.entries(strings).map(([key, value]) => {
        if (typeof value !== 'function') return [key, String(value)] as const;
        const fn = value as (...args: unknown[]) => unknown;
        return [key, String(fn(...Array.from({ length: fn.length }, () => '1')))] as const;
      });
    for (const area of AREAS) {
      for (const [key, text] of texts(area.en)) expect(text, key).not.toMatch(/\d[ \u00a0]%/);
      for (const [key, text] of texts(area.sv)) expect(text, key).not.toMatch(/\d%/);
    }
  });
});
