/** The editor's ways of entering a distribution, and the numbers as typed: pure conversions, checked with the engine. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOptionSources } from '../../presentation/option-sources.js';
import { compileDist } from '../../simulation/dist.js';
import {
  convertDist,
  entryFromLognormal,
  entryFromPert,
  entryKindOf,
  lognormalFromEntry,
  pertFromEntry,
  spreadOf,
  validDist,
} from '../../web/src/editor/dist-entry.js';
import { formatNumberText, parseNumberText } from '../../web/src/editor/number-text.js';

describe('min–likely–max and PERT', () => {
  it('turns the three figures into a beta-PERT and back', () => {
    const d = pertFromEntry({ min: 3800, likely: 4500, max: 6500 });
    expect(d).toEqual({ type: 'pert', min: 3800, mode: 4500, max: 6500 });
    expect(entryFromPert(d as { min: number; mode: number; max: number })).toEqual({ min: 3800, likely: 4500, max: 6500 });
    expect(entryKindOf(d)).toBe('pert');
  });

  it('makes a PERT from another distribution within its range, centred on its median', () => {
    const d = convertDist({ type: 'triangular', min: 0.02, mode: 0.035, max: 0.06 }, 'pert') as { min: number; mode: number; max: number };
    expect(d.min).toBe(0.02);
    expect(d.max).toBe(0.06);
    expect(d.mode).toBeGreaterThan(0.02);
    expect(d.mode).toBeLessThan(0.06);
  });
});

describe('median and P90 and the lognormal', () => {
  it('gives a lognormal whose engine quantiles are the median and P90 typed', () => {
    const d = lognormalFromEntry({ median: 150, p90: 550 });
    const s = compileDist(d);
    expect(s.quantile(0.5)).toBeCloseTo(150, 6);
    expect(s.quantile(0.9)).toBeCloseTo(550, 4);
    expect(entryKindOf(d)).toBe('lognormal');
  });

  it('reads a lognormal given by mean and sd as the same distribution by median and P90', () => {
    const byMean = { type: 'lognormal' as const, mean: 200, sd: 150 };
    const e = entryFromLognormal(byMean);
    const s = compileDist(byMean);
    expect(e.median).toBeCloseTo(s.quantile(0.5), 6);
    expect(e.p90).toBeCloseTo(s.quantile(0.9), 6);
    expect(entryKindOf(byMean)).toBe('other');
  });

  it('converts a PERT into a lognormal with the PERT’s median, and a fixed value into a number', () => {
    const pert = { type: 'pert' as const, min: 100, mode: 150, max: 400 };
    const d = convertDist(pert, 'lognormal') as { median: number; p90: number };
    expect(d.median).toBeCloseTo(compileDist(pert).quantile(0.5), -1);
    expect(d.p90).toBeGreaterThan(d.median);
    expect(convertDist({ type: 'fixed', value: 7 }, 'fixed')).toBe(7);
  });

  it('still converts an entry with errors, from the numbers it has', () => {
    expect(convertDist({ type: 'pert', min: 'abc', mode: 4500, max: 6500 }, 'fixed')).toBe(4500);
    expect(entryKindOf('4 6x')).toBe('fixed');
  });

  it('spreads a value of 0, or none yet, by one unit of the field, and a negative one the right way round', () => {
    // An optional trend not in the model yet, switched to min–likely–max: 0 to 1 % (the field is in per cent).
    expect(convertDist(undefined, 'pert', 0.01)).toEqual({ type: 'pert', min: 0, mode: 0, max: 0.01 });
    expect(convertDist(0, 'lognormal', 0.01)).toEqual({ type: 'lognormal', median: 0.01, p90: 0.03 });
    // A falling trend keeps min below max, so the entry is valid as it stands.
    const falling = convertDist(-0.05, 'pert', 0.01);
    expect(falling).toEqual({ type: 'pert', min: -0.06, mode: -0.05, max: -0.0375 });
    expect(validDist(falling)).not.toBeNull();
  });
});

describe('the picture of the spread', () => {
  it('has P10 < median < P90 and a density that peaks at 1', () => {
    const sp = spreadOf({ type: 'pert', min: 3800, mode: 4500, max: 6500 });
    expect(sp.p10).toBeLessThan(sp.p50);
    expect(sp.p50).toBeLessThan(sp.p90);
    expect(Math.max(...sp.density.map(([, y]) => y))).toBe(1);
    expect(spreadOf(5).density).toEqual([]);
  });
});

describe('numbers as typed', () => {
  it('reads Swedish and English decimals, spaces and units shifted by a power of ten', () => {
    expect(parseNumberText('4 600')).toEqual({ ok: true, value: 4600 });
    expect(parseNumberText('0,25')).toEqual({ ok: true, value: 0.25 });
    expect(parseNumberText('25', 2)).toEqual({ ok: true, value: 0.25 });
    expect(parseNumberText('12,3', 2)).toEqual({ ok: true, value: 0.123 });
    expect(parseNumberText('64', -6)).toEqual({ ok: true, value: 64_000_000 });
    expect(parseNumberText('−5')).toEqual({ ok: true, value: -5 });
    expect(parseNumberText('abc').ok).toBe(false);
    expect(parseNumberText('').ok).toBe(false);
    expect(formatNumberText(0.07, 2)).toBe('7');
    expect(formatNumberText(0.035, 2)).toBe('3,5');
    expect(formatNumberText(64_000_000, -6, false)).toBe('64');
  });
});

describe('the presets’ sources from docs/options.md', () => {
  it('has a default and a source for every preset parameter the docs list', () => {
    const sources = parseOptionSources(readFileSync(new URL('../../docs/options.md', import.meta.url), 'utf8'));
    expect(Object.keys(sources).sort()).toEqual(
      [
        'expandedOutpatientCare',
        'fosterHomeRecruitment',
        'inHouseHvb',
        'inHouseSupportedHousing',
        'interMunicipalAgreement',
        'placementController',
      ].sort(),
    );
    expect(sources.placementController.salaryPerYear.default).toBe('pert 700,000 / 800,000 / 900,000');
    expect(sources.placementController.salaryPerYear.source).toContain('domain.md');
    expect(sources.inHouseHvb['sellFreePlaces.pricePerDay'].unit).toBe('SEK/day');
  });
});
