/**
 * The backtest's terminal table (presentation/backtest-table.ts): wholly Swedish or wholly English, amounts in mkr
 * (MSEK) with the unit on the row's measure, not "63,0 Mkr" in every cell and "År / year" in every heading.
 */
import { describe, expect, it } from 'vitest';
import { backtestTable } from '../../presentation/backtest-table.js';
import type { BacktestResult } from '../../simulation/calibration/backtest.js';

const result = {
  cutoff: '2022-12-31',
  dataEnd: '2025-12-31',
  modelStart: '2023-01',
  horizonMonths: 36,
  trials: 2000,
  seed: 1,
  comparedYears: [2023],
  skippedYears: [2024, 2025],
  rows: [
    { year: 2023, form: 'hvb', measure: 'careDays', observed: 3071, p10: 823, p50: 1344, p90: 2088, inside: false },
    { year: 2023, form: 'sis', measure: 'careDays', observed: 10, p10: 20, p50: 73, p90: 304, inside: false },
    { year: 2023, form: 'total', measure: 'careDays', observed: 31044, p10: 27478, p50: 30231, p90: 33228, inside: true },
    { year: 2023, form: 'total', measure: 'cost', observed: 63_012_345, p10: 49_300_000, p50: 56_800_000, p90: 65_400_000, inside: true },
  ],
  inside: 2,
  compared: 4,
  coverage: 0.5,
} as unknown as BacktestResult;

const NBSP = '\u00a0';

describe('backtestTable', () => {
  it('Swedish: Swedish words and numbers only, cost in mkr named on its measure', () => {
    const text = backtestTable(result, 'sv');
    expect(text).toContain('Backtest: kalibrerat t.o.m. 2022-12-31, modellstart 2023-01, 3 år, registret t.o.m. 2025-12-31');
    expect(text).toContain(`2${NBSP}000 simuleringar, startvärde 1`);
    expect(text).toMatch(/^År +Insatsform +Mått +Utfall +P10 +P50 +P90 +Inom P10–P90$/m);
    expect(text).toMatch(/^2023 +totalt +kostnad \(mkr\) +63,0 +49,3 +56,8 +65,4 +ja$/m);
    expect(text).toMatch(/^2023 +hvb +vårddygn +3\u00a0071 .*NEJ \(över\)$/m);
    expect(text).toMatch(/^2023 +sis +vårddygn .*NEJ \(under\)$/m);
    expect(text).toContain(`31${NBSP}044`);
    expect(text).toContain('Ej jämförda år (efter registrets slut eller inte hela året i registret): 2024, 2025');
    expect(text).toContain(`Täckning: 50${NBSP}% (2 av 4 värden inom P10–P90)`);
    expect(text).not.toMatch(/Mkr|MSEK|\byear|\byes\b|\bno\b|coverage|care days|\bcost\b|trials| \/ /);
  });

  it('English: English words and numbers only, cost in MSEK named on its measure', () => {
    const text = backtestTable(result, 'en');
    expect(text).toContain(
      'Backtest: calibrated up to 2022-12-31, model start 2023-01, 3 years, records up to 2025-12-31, 2,000 trials, seed 1',
    );
    expect(text).toMatch(/^Year +Form +Measure +Outcome +P10 +P50 +P90 +Inside P10–P90$/m);
    expect(text).toMatch(/^2023 +total +cost \(MSEK\) +63\.0 +49\.3 +56\.8 +65\.4 +yes$/m);
    expect(text).toMatch(/^2023 +hvb +care days +3,071 .*NO \(above\)$/m);
    expect(text).toMatch(/^2023 +sis +care days .*NO \(below\)$/m);
    expect(text).toContain('31,044');
    expect(text).toContain('Years not compared (after the end of the records, or not the whole year in them): 2024, 2025');
    expect(text).toContain('Coverage: 50% (2 of 4 figures inside P10–P90)');
    expect(text).not.toMatch(/Mkr|mkr|År|ja\b|NEJ|Täckning|vårddygn|kostnad|försök|simuleringar|totalt| \/ /);
  });

  it('says so when no year could be compared', () => {
    const none = { ...result, rows: [], inside: 0, compared: 0, coverage: Number.NaN, skippedYears: [] };
    expect(backtestTable(none, 'sv')).toContain('Täckning: – (inget helt år efter brytdatumet att jämföra med)');
    expect(backtestTable(none, 'en')).toContain('Coverage: – (no full year after the cutoff to compare with)');
  });
});
