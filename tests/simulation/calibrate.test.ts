/**
 * Calibration from placement records (simulation/calibration/calibrate.ts).
 *
 * Recovery: records are generated here from known parameters, written as CSV and read back through
 * parseRecords/linkEpisodes, so the whole path a real export takes is exercised. Tolerances are 4 standard
 * errors set from the sample sizes: binomial for shares, Poisson for the inflow level and trend, and the
 * censored fit's own observed information (fitStandardErrors) for the stays.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Stream } from '../../simulation/rng.js';
import { compileDist } from '../../simulation/dist.js';
import { dayNumber, linkEpisodes, parseRecords } from '../../simulation/calibration/records.js';
import { fitLognormalCensored, fitStandardErrors } from '../../simulation/calibration/survival.js';
import { calibrate, CalibrationOptionError, dataEndOf, stayObservations } from '../../simulation/calibration/calibrate.js';
import { parseModel, simulate } from '../../simulation/index.js';

const TRUE = {
  perYear: 40,
  mixA: 0.6,
  stayA: { median: 120, p90: 400 },
  stayB: { median: 300, p90: 900 },
  stepDownAB: 0.3,
};
const FIRST = '2016-01-01';
const LAST = '2025-12-31';
const YEARS = 10;

const iso = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * A small generator of what a case system would export: Poisson entries at a constant rate, a form by the mix,
 * lognormal stays in whole days, A steps down to B the next day with the known probability, and everything
 * still in care at LAST exported as ongoing (right-censored); episodes that would start after LAST do not exist.
 */
function generateCsv(seed: number): string {
  const rng = new Stream({ k0: seed, k1: 0xca1b });
  const stayA = compileDist({ type: 'lognormal', ...TRUE.stayA });
  const stayB = compileDist({ type: 'lognormal', ...TRUE.stayB });
  const first = dayNumber(FIRST)!;
  const last = dayNumber(LAST)!;
  const rows = ['episode_id,person_id,segment,form,start_date,end_date,daily_cost'];
  let episode = 0;
  let person = 0;
  const add = (p: number, form: 'a' | 'b', start: number): number | null => {
    const len = Math.max(1, Math.round((form === 'a' ? stayA : stayB).sample(rng)));
    const end = start + len - 1;
    const cost = form === 'a' ? 3000 + 1000 * rng.next() : 1000 + 200 * rng.next();
    rows.push(`E${++episode},P${p},seg,${form},${iso(start)},${end <= last ? iso(end) : ''},${cost.toFixed(2)}`);
    return end <= last ? end : null;
  };
  // Exponential gaps with mean 365.25 / rate days: a Poisson process of the known rate.
  for (let t = first - (Math.log(1 - rng.next()) * 365.25) / TRUE.perYear; t <= last + 1;) {
    const start = Math.floor(t);
    const p = ++person;
    const form = rng.next() < TRUE.mixA ? 'a' : 'b';
    const end = add(p, form, start);
    if (form === 'a' && end !== null && rng.next() < TRUE.stepDownAB && end + 1 <= last) add(p, 'b', end + 1);
    t -= (Math.log(1 - rng.next()) * 365.25) / TRUE.perYear;
  }
  return rows.join('\n') + '\n';
}

describe('calibrate: recovery of known parameters', () => {
  const parsed = parseRecords(generateCsv(7));
  const episodes = linkEpisodes(parsed.records);
  const { model, report } = calibrate(episodes, { to: LAST });
  const toDay = dayNumber(LAST)!;

  it('reads the generated records cleanly and builds a valid model starting the month after the data', () => {
    expect(parsed.problems).toEqual([]);
    expect(model.start).toBe('2026-01');
    expect(() => parseModel(model)).not.toThrow();
    expect(report.forms.map((f) => f.form)).toEqual(['a', 'b']);
    expect(report.forms.every((f) => !f.stayPlaceholder)).toBe(true);
  });

  it('recovers the inflow level at the start and a flat trend within 4 Poisson standard errors', () => {
    const seg = report.segments[0];
    // Log-linear fit over yearly counts at x = year + 0.5, extrapolated to the start (2026.0): the
    // prediction variance on the log scale is (1/n + (x0 - xbar)^2 / Sxx) x Var(log count) with Var ~ 1/rate.
    const xs = Array.from({ length: YEARS }, (_, i) => 2016.5 + i);
    const xbar = xs.reduce((a, b) => a + b, 0) / YEARS;
    const sxx = xs.reduce((a, x) => a + (x - xbar) ** 2, 0);
    const seLogLevel = Math.sqrt((1 / YEARS + (2026 - xbar) ** 2 / sxx) / TRUE.perYear);
    expect(Math.abs(Math.log(seg.level / TRUE.perYear))).toBeLessThan(4 * seLogLevel);
    const seSlope = Math.sqrt(1 / TRUE.perYear / sxx);
    expect(Math.abs(seg.trendPerYear)).toBeLessThan(4 * seSlope);
    const inflow = model.inflow[0];
    expect(inflow.episodesPerYear).toMatchObject({ type: 'gamma', mean: seg.level });
    // Never tighter than Poisson noise.
    expect(seg.levelSd).toBeGreaterThanOrEqual(Math.sqrt(seg.level) - 1e-3);
  });

  it('recovers the mix within 4 binomial standard errors, with shares summing to exactly 1', () => {
    const seg = report.segments[0];
    const se = Math.sqrt((TRUE.mixA * (1 - TRUE.mixA)) / seg.entries);
    expect(Math.abs(model.inflow[0].mix.a - TRUE.mixA)).toBeLessThan(4 * se);
    expect(model.inflow[0].mix.a + model.inflow[0].mix.b).toBe(1);
    // The report states the mix's uncertainty: sqrt(p(1-p)/n) per form, n = entries into care.
    for (const form of ['a', 'b']) {
      const p = seg.mix[form];
      const expected = Math.sqrt((p * (1 - p)) / seg.entries);
      expect(Math.abs(seg.mixSe[form] - expected)).toBeLessThan(0.2 * expected);
    }
    // Step-downs into B are not entries into care.
    expect(seg.entries).toBe(episodes.filter((e) => e.stepDownFrom === null).length);
  });

  it('recovers the step-down probability A -> B within 4 binomial standard errors, and none out of B', () => {
    const a = report.forms.find((f) => f.form === 'a')!;
    const se = Math.sqrt((TRUE.stepDownAB * (1 - TRUE.stepDownAB)) / a.stepDownBase);
    const p = model.forms.find((f) => f.id === 'a')!.next?.find((n) => n.form === 'b')?.probability ?? 0;
    expect(Math.abs(p - TRUE.stepDownAB)).toBeLessThan(4 * se);
    expect(model.forms.find((f) => f.id === 'b')!.next).toBeUndefined();
  });

  it.each([
    ['a', TRUE.stayA],
    ['b', TRUE.stayB],
  ] as const)('recovers the stay of %s (median, p90) within 4 standard errors of the censored fit', (form, truth) => {
    const obs = stayObservations(episodes, form, toDay);
    expect(obs.some((o) => !o.event)).toBe(true);
    const fit = fitLognormalCensored(obs);
    const se = fitStandardErrors(obs, fit);
    const stay = model.forms.find((f) => f.id === form)!.lengthOfStayDays as { median: number; p90: number };
    expect(Math.abs(stay.median - truth.median)).toBeLessThan(4 * se.median);
    expect(Math.abs(stay.p90 - truth.p90)).toBeLessThan(4 * se.p90);
    const rows = report.forms.find((f) => f.form === form)!.kmVsFit;
    expect(rows.map((r) => r.p)).toEqual([0.25, 0.5, 0.75, 0.9]);
  });

  it('starts from the placements ongoing at the end of the data, with their start dates', () => {
    const ongoing = episodes.filter((e) => e.end === null);
    expect(report.initialCaseload).toBe(ongoing.length);
    const dates = (model.initialCaseload ?? []).flatMap((c) => c.startDates ?? []).sort();
    expect(dates).toEqual(ongoing.map((e) => e.start).sort());
  });
});

describe('calibrate: the shared midsize records', () => {
  const text = readFileSync(new URL('../../../shared/data/placements-midsize.csv', import.meta.url), 'utf8');
  const parsed = parseRecords(text);
  const episodes = linkEpisodes(parsed.records);
  const { model, report } = calibrate(episodes);

  it('calibrates into a model that passes parseModel and runs 50 trials', () => {
    expect(parsed.problems).toEqual([]);
    expect(() => parseModel(model)).not.toThrow();
    const result = simulate({ model, trials: 50, seed: 1 });
    expect(result.trials).toBe(50);
  });

  it('reports all 8 forms, both segments, the 77 ongoing placements, and entries per year', () => {
    expect(report.forms).toHaveLength(8);
    expect(report.segments.map((s) => s.segment)).toEqual(['bou', 'vuxen']);
    expect(report.initialCaseload).toBe(77);
    for (const s of report.segments) {
      expect(s.entriesPerYear.map((y) => y.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
      expect(Object.values(s.mix).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    for (const f of report.forms) {
      const next = model.forms.find((m) => m.id === f.form)!.next ?? [];
      expect(next.reduce((a, n) => a + n.probability, 0)).toBeLessThanOrEqual(1);
      expect(next.every((n) => n.probability > 0)).toBe(true);
    }
    expect(report.warnings.some((w) => w.includes('sis') && w.includes('thin data'))).toBe(true);
  });
});

describe('calibrate: the data window and the model start', () => {
  const HEADER = 'episode_id,person_id,segment,form,start_date,end_date,daily_cost';
  const ROWS = [
    'E1,P1,bou,hvb,2020-01-10,2020-06-30,4000',
    'E2,P2,bou,hvb,2020-03-01,2021-02-01,4100',
    'E3,P3,bou,hvb,2020-05-01,,4200',
    'E4,P4,bou,hvb,2021-03-01,,4300',
    'E5,P5,bou,hvb,2021-06-01,2021-08-01,4400',
    'E6,P6,bou,hvb,2021-12-20,2021-12-28,4500',
  ];
  const episodesOf = (rows: string[]) => linkEpisodes(parseRecords([HEADER, ...rows].join('\n')).records);

  it('a start inside the data starts from the placements in care on its first day, as known at the data end', () => {
    const { model, report } = calibrate(episodesOf(ROWS), { start: '2020-07' });
    // E1 ended 2020-06-30; E2 (ended later) and E3 (ongoing) were in care on 2020-07-01; E4 starts after it.
    expect(model.initialCaseload).toEqual([{ form: 'hvb', startDates: ['2020-03-01', '2020-05-01'] }]);
    expect(report.initialCaseload).toBe(2);
    expect(report.warnings).toContain(
      'the model starts 2020-07-01, before the data end 2021-12-28: the initial caseload is the placements in care on 2020-07-01, and the months after it are simulated rather than taken from the records',
    );
    // The default start (after the data end) keeps the placements ongoing at the data end, and no such warning.
    const after = calibrate(episodesOf(ROWS));
    expect(after.model.initialCaseload).toEqual([{ form: 'hvb', startDates: ['2020-05-01', '2021-03-01'] }]);
    expect(after.report.warnings.some((w) => w.startsWith('the model starts'))).toBe(false);
  });

  it('on the shared records, --start 2020-01 starts from the 75 placements in care on 2020-01-01', () => {
    const text = readFileSync(new URL('../../../shared/data/placements-midsize.csv', import.meta.url), 'utf8');
    const episodes = linkEpisodes(parseRecords(text).records);
    const inCare = episodes.filter((e) => e.start < '2020-01-01' && (e.end === null || e.end >= '2020-01-01')).length;
    expect(inCare).toBe(75);
    expect(calibrate(episodes, { start: '2020-01' }).report.initialCaseload).toBe(75);
  });

  it('refuses a start before the data window begins, and a data end after the last date in the records, naming the option', () => {
    const episodes = episodesOf(ROWS);
    const refusal = (opts: Parameters<typeof calibrate>[1]) => {
      try {
        calibrate(episodes, opts);
      } catch (e) {
        return e;
      }
      return null;
    };
    expect(refusal({ start: '2019-12' })).toMatchObject({
      option: 'start',
      message: expect.stringMatching(/^2019-12 is before the data window begins \(2020-01-10\)/),
    });
    expect(refusal({ from: '2021-01-01', start: '2020-12' })).toMatchObject({ option: 'start' });
    expect(refusal({ start: '2020-01' })).toBeNull();
    expect(refusal({ to: '2022-01-01' })).toMatchObject({
      option: 'to',
      message: expect.stringMatching(/^2022-01-01 is after the month of the last date in the records \(2021-12-28\)/),
    });
    // An extraction dated a few quiet days after the last event is the data end the controller knows.
    expect(refusal({ to: '2021-12-31' })).toBeNull();
    expect(refusal({ start: '2019-12' })).toBeInstanceOf(CalibrationOptionError);
  });

  it('takes an end date after the last start’s month as a planned end, without moving the window or the start', () => {
    const planned = [...ROWS, 'E7,P7,bou,hvb,2021-04-01,2099-01-01,4600', 'E8,P8,bou,hvb,2021-05-01,2022-06-30,4700'];
    const { model, report } = calibrate(episodesOf(planned));
    expect(report.window.to).toBe('2021-12-28');
    expect(model.start).toBe('2022-01');
    expect(model.initialCaseload).toEqual([{ form: 'hvb', startDates: ['2020-05-01', '2021-03-01', '2021-04-01', '2021-05-01'] }]);
    expect(report.warnings).toContain(
      "end_date after 2021-12-31 (the end of the last month with a new placement) on 2 of the placements: taken as planned ends, they count as ongoing at the data end 2021-12-28 (first: row 8, end_date 2099-01-01); set the data window's last day (to) if they have really ended",
    );
    expect(dataEndOf(episodesOf(planned))).toMatchObject({ plannedEnds: 2, lastDate: dayNumber('2099-01-01') });
    // An explicit data end counts the end dates up to it as ended, and warns of nothing.
    const explicit = calibrate(episodesOf(planned), { to: '2022-06-30' });
    expect(explicit.model.start).toBe('2022-07');
    expect(explicit.report.warnings.some((w) => w.startsWith('end_date after'))).toBe(false);
  });
});
