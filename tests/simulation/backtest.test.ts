/**
 * Backtest (simulation/calibration/backtest.ts): the observed care days on a hand-made example, and a backtest of
 * the shared records with a cutoff at 2022-12-31.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dayNumber, linkEpisodes, parseRecords, type Episode } from '../../simulation/calibration/records.js';
import { backtest, inSample, observedCareDays } from '../../simulation/calibration/backtest.js';

const ep = (id: string, form: string, start: string, end: string | null, dailyCost: number | null): Episode => ({
  row: 0,
  episodeId: id,
  personId: id,
  segment: 'seg',
  form,
  start,
  end,
  dailyCost,
  stepDownFrom: null,
  lengthDays: null,
});

describe('observedCareDays', () => {
  // E1 spans a year end: 2020-12-30..2021-01-02 = 2 days in 2020 and 2 in 2021.
  // E2 is ongoing from 2021-12-01: 31 days in 2021, then Jan+Feb+Mar 2022 = 31+28+31 = 90 days up to the data end.
  // E3 ends after the data end: counted only up to it (2022-03-01..31 = 31 days).
  // E4 starts after the data end: no days at all.
  const episodes = [
    ep('E1', 'A', '2020-12-30', '2021-01-02', 100),
    ep('E2', 'B', '2021-12-01', null, 50),
    ep('E3', 'A', '2022-03-01', '2022-06-30', 10),
    ep('E4', 'A', '2022-05-01', null, 10),
  ];
  const years = observedCareDays(episodes, dayNumber('2020-01-01')!, dayNumber('2022-03-31')!);

  it('counts care days per year and form, ongoing ones up to the data end', () => {
    expect(years.map((y) => y.year)).toEqual([2020, 2021, 2022]);
    expect(years.map((y) => y.careDays.byForm)).toEqual([
      { A: 2, B: 0 },
      { A: 2, B: 31 },
      { A: 31, B: 90 },
    ]);
    expect(years.map((y) => y.careDays.total)).toEqual([2, 33, 121]);
  });

  it('marks the partial final year, and prices care days with each episode’s own price', () => {
    expect(years.map((y) => y.full)).toEqual([true, true, false]);
    expect(years.map((y) => y.cost?.total)).toEqual([200, 200 + 31 * 50, 31 * 10 + 90 * 50]);
  });

  it('gives no cost for a year with an unpriced episode', () => {
    const y = observedCareDays([ep('E1', 'A', '2021-01-01', '2021-01-10', null)], dayNumber('2021-01-01')!, dayNumber('2021-12-31')!);
    expect(y[0].careDays.total).toBe(10);
    expect(y[0].cost).toBeNull();
  });

  it('starts counting at fromDay', () => {
    const y = observedCareDays([ep('E1', 'A', '2020-12-01', '2021-01-31', 1)], dayNumber('2021-01-01')!, dayNumber('2021-12-31')!);
    expect(y.map((x) => [x.year, x.careDays.total])).toEqual([[2021, 31]]);
  });
});

describe('backtest on the shared records', () => {
  const text = readFileSync(new URL('../../../shared/data/placements-midsize.csv', import.meta.url), 'utf8');
  const parsed = parseRecords(text);
  const episodes = linkEpisodes(parsed.records);

  it('cutoff 2022-12-31, 3 years: rows for 2023–2025, every form and the total, coverage in [0, 1]', () => {
    expect(parsed.problems).toEqual([]);
    const r = backtest(episodes, { cutoff: '2022-12-31', years: 3, trials: 500 });
    expect(r.modelStart).toBe('2023-01');
    expect(r.comparedYears).toEqual([2023, 2024, 2025]);
    const forms = [...new Set(episodes.map((e) => e.form))].sort();
    for (const year of [2023, 2024, 2025]) {
      const care = r.rows.filter((x) => x.year === year && x.measure === 'careDays').map((x) => x.form);
      expect(care.slice().sort()).toEqual([...forms, 'total'].sort());
      expect(r.rows.filter((x) => x.year === year && x.measure === 'cost').map((x) => x.form)).toEqual(['total']);
    }
    for (const x of r.rows) {
      expect(x.p10).toBeLessThanOrEqual(x.p50);
      expect(x.p50).toBeLessThanOrEqual(x.p90);
      expect(x.inside).toBe(x.observed >= x.p10 && x.observed <= x.p90);
    }
    expect(r.compared).toBe(r.rows.length);
    expect(r.coverage).toBeGreaterThanOrEqual(0);
    expect(r.coverage).toBeLessThanOrEqual(1);
    expect(r.coverage).toBe(r.inside / r.compared);
    // The observed totals agree with observedCareDays over the same years.
    const obs = observedCareDays(episodes, dayNumber('2023-01-01')!, dayNumber('2025-12-31')!);
    for (const o of obs) {
      expect(r.rows.find((x) => x.year === o.year && x.form === 'total' && x.measure === 'careDays')!.observed).toBe(o.careDays.total);
    }
  });

  it('an early cutoff still has coverage well above zero', () => {
    // A calibrated model that had nothing to do with the data would put almost no figure inside its band;
    // 0.25 is a loose floor, not a claim about the expected 80 %.
    const r = backtest(episodes, { cutoff: '2019-12-31', years: 3, trials: 500 });
    expect(r.comparedYears).toEqual([2020, 2021, 2022]);
    expect(r.coverage).toBeGreaterThan(0.25);
  });

  it('does not compare years after the data end', () => {
    const r = backtest(episodes, { cutoff: '2023-12-31', years: 3, trials: 200 });
    expect(r.comparedYears).toEqual([2024, 2025]);
    expect(r.skippedYears).toEqual([2026]);
    expect(r.rows.every((x) => x.year <= 2025)).toBe(true);
  });

  it('refuses a cutoff at or after the data end', () => {
    expect(() => backtest(episodes, { cutoff: '2025-12-31', years: 1, trials: 10 })).toThrow(/not before the data end/);
  });

  it('in sample: the model fitted on all ten years, simulated from 2016-01, covers most form-years', () => {
    const t0 = Date.now();
    const r = inSample(episodes, { trials: 1000 });
    expect(r.modelStart).toBe('2016-01');
    expect(r.comparedYears).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    const forms = [...new Set(episodes.map((e) => e.form))];
    expect(r.compared).toBe(10 * forms.length);
    console.log(
      `in-sample coverage ${r.inside}/${r.compared} = ${r.coverage.toFixed(3)} (initial caseload ${r.initialCaseload}, ${Date.now() - t0} ms)`,
    );
    for (const x of r.rows.filter((x) => !x.inside))
      console.log(`  outside: ${x.year} ${x.form} ${x.observed} not in [${x.p10}, ${x.p90}]`);
    expect(r.coverage).toBeGreaterThan(0.5);
  });
});

describe('backtest with a planned end date', () => {
  it('takes the data end as calibrate does, not from an end date in 2099', () => {
    const rows = ['episode_id,person_id,segment,form,start_date,end_date,daily_cost'];
    for (let i = 0; i < 60; i++) {
      const start = new Date(Date.UTC(2020, 0, 5 + i * 18));
      const end = new Date(start.getTime() + (40 + ((i * 53) % 150)) * 86_400_000);
      const iso = (d: Date) => d.toISOString().slice(0, 10);
      rows.push(`E${i},P${i},bou,hvb,${iso(start)},${end < new Date(Date.UTC(2022, 11, 1)) ? iso(end) : ''},3000`);
    }
    rows.push('E99,P99,bou,hvb,2021-03-01,2099-01-01,3000');
    const episodes = linkEpisodes(parseRecords(rows.join('\n')).records);
    const r = backtest(episodes, { cutoff: '2020-12-31', years: 2, trials: 50, seed: 1 });
    expect(r.dataEnd).toBe('2022-12-02');
    expect(r.comparedYears).toEqual([2021]);
    expect(r.skippedYears).toEqual([2022]);
  });
});
