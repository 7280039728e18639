/**
 * Presentation of a comparison result: number formats, the CSV tables spreadsheets read (parsed back with an
 * independent RFC 4180 parser), and the terminal summary.
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulate, type ComparisonResult } from '../../simulation/index.js';
import { validModel } from '../fixtures/models.js';
import { toCsv } from '../../presentation/csv.js';
import {
  csvNumber,
  formatCount,
  formatDecimal,
  formatMonth,
  formatMsek,
  formatMsekError,
  formatMsekRange,
  formatMsekWithRange,
  formatPercent,
} from '../../presentation/numbers.js';
import { parameterLabel } from '../../presentation/parameter-labels.js';
import { toTable } from '../../presentation/table.js';

const NBSP = '\u00a0';
const MINUS = '\u2212';

describe('csvNumber', () => {
  const cases: [number, string, string][] = [
    // x, sv, en
    [0, '0', '0'],
    [-0, '0', '0'],
    [42, '42', '42'],
    [-42, '-42', '-42'],
    [52_000_000, '52000000', '52000000'],
    [12.5, '12,5', '12.5'],
    [-12.5, '-12,5', '-12.5'],
    [27664546.538, '27664546,538', '27664546.538'],
    [0.998, '0,998', '0.998'],
    [1e-7, '0', '0'],
    [-1e-7, '0', '0'],
    [0.0000012, '0,000001', '0.000001'],
    [0.0000016, '0,000002', '0.000002'],
    [123456789.12345679, '123456789,123457', '123456789.123457'],
    [22.100000000000023, '22,1', '22.1'],
    [0.1 + 0.2, '0,3', '0.3'],
    [1.9999999, '2', '2'],
    [2 ** 53, '9007199254740992', '9007199254740992'],
    [1e21, '1000000000000000000000', '1000000000000000000000'],
    [-1e21, '-1000000000000000000000', '-1000000000000000000000'],
    [5e-324, '0', '0'],
  ];
  it.each(cases)('%s -> sv %s, en %s', (x, sv, en) => {
    expect(csvNumber(x, 'sv')).toBe(sv);
    expect(csvNumber(x, 'en')).toBe(en);
  });

  it('never uses exponent notation, even for huge numbers', () => {
    for (const x of [1e22, 1e100, 1.7976931348623157e308, -3.3e250]) {
      for (const locale of ['sv', 'en'] as const) {
        const s = csvNumber(x, locale);
        expect(s).toMatch(/^-?\d+$/);
        expect(Number(s)).toBe(x);
      }
    }
  });

  it('leaves a non-finite number as an empty cell', () => {
    for (const x of [NaN, Infinity, -Infinity]) {
      expect(csvNumber(x, 'sv')).toBe('');
      expect(csvNumber(x, 'en')).toBe('');
    }
  });
});

describe('human number formats', () => {
  it('formats MSEK with one decimal, Swedish separators and minus', () => {
    expect(formatMsek(52_300_000, 'sv')).toBe('52,3');
    expect(formatMsek(52_300_000, 'en')).toBe('52.3');
    expect(formatMsek(52_250_000, 'sv')).toBe('52,3');
    expect(formatMsek(1_234_567_890, 'sv')).toBe(`1${NBSP}234,6`);
    expect(formatMsek(1_234_567_890, 'en')).toBe('1,234.6');
    expect(formatMsek(-1_500_000, 'sv')).toBe(`${MINUS}1,5`);
    expect(formatMsek(-1_500_000, 'en')).toBe('-1.5');
    expect(formatMsek(0, 'sv')).toBe('0,0');
    // A difference that rounds to zero must not read as a saving.
    expect(formatMsek(-9_000, 'sv')).toBe('0,0');
    expect(formatMsek(-9_000, 'sv', { signed: true })).toBe('0,0');
    expect(formatMsek(1_200_000, 'sv', { signed: true })).toBe('+1,2');
    expect(formatMsek(-1_200_000, 'sv', { signed: true })).toBe(`${MINUS}1,2`);
    expect(formatMsek(NaN, 'sv')).toBe('–');
  });

  it('formats ranges with an en dash, spaced when an end is negative', () => {
    expect(formatMsekRange(47_100_000, 58_900_000, 'sv')).toBe('47,1–58,9');
    expect(formatMsekRange(47_100_000, 58_900_000, 'en')).toBe('47.1–58.9');
    expect(formatMsekRange(-5_000_000, -3_200_000, 'sv')).toBe(`${MINUS}5,0 – ${MINUS}3,2`);
    // Ends that differ but read the same at one decimal get more, up to three; equal ends stay as they are.
    expect(formatMsekRange(970_000, 1_030_000, 'sv')).toBe('0,97–1,03');
    expect(formatMsekRange(1_000_100, 1_000_400, 'en')).toBe('1.000–1.000');
    expect(formatMsekRange(1_001_000, 1_004_000, 'en')).toBe('1.001–1.004');
    expect(formatMsekRange(2_000_000, 2_000_000, 'sv')).toBe('2,0–2,0');
    // A mean beside such an interval takes its decimals, so that it does not seem to fall outside it.
    expect(formatMsekWithRange(1_025_000, 1_010_000, 1_040_000, 'sv')).toEqual(['1,03', '1,01–1,04']);
    expect(formatMsekWithRange(12_300_000, 8_100_000, 16_400_000, 'en')).toEqual(['12.3', '8.1–16.4']);
  });

  it('gives a Monte Carlo error the decimals it needs not to read as zero, up to three', () => {
    expect(formatMsekError(350_000, 'sv')).toBe('0,4');
    expect(formatMsekError(35_000, 'sv')).toBe('0,04');
    expect(formatMsekError(35_000, 'en')).toBe('0.04');
    expect(formatMsekError(4_000, 'sv')).toBe('0,004');
    expect(formatMsekError(400, 'sv')).toBe('0,000');
    expect(formatMsekError(0, 'sv')).toBe('0,0');
  });

  it('formats percent, never rounding an uncertain probability to 0 % or 100 %', () => {
    expect(formatPercent(0.48, 'sv')).toBe(`48${NBSP}%`);
    expect(formatPercent(0.48, 'en')).toBe('48%');
    expect(formatPercent(0, 'sv')).toBe(`0${NBSP}%`);
    expect(formatPercent(1, 'en')).toBe('100%');
    expect(formatPercent(0.998, 'sv')).toBe(`99,8${NBSP}%`);
    expect(formatPercent(0.002, 'en')).toBe('0.2%');
    expect(formatPercent(0.9999, 'sv')).toBe(`> 99,9${NBSP}%`);
    expect(formatPercent(0.0001, 'en')).toBe('< 0.1%');
    // Intl rounds 0.995 up to "100 %" at whole percent; that must fall through to one decimal.
    expect(formatPercent(0.995, 'sv')).toBe(`99,5${NBSP}%`);
  });

  it('formats counts with thousands separators', () => {
    expect(formatCount(21_450, 'sv')).toBe(`21${NBSP}450`);
    expect(formatCount(21_450, 'en')).toBe('21,450');
    expect(formatCount(500, 'sv')).toBe('500');
  });

  it('formats an average with one decimal', () => {
    expect(formatDecimal(2.53, 'sv')).toBe('2,5');
    expect(formatDecimal(2.53, 'en')).toBe('2.5');
    expect(formatDecimal(1234.56, 'sv')).toBe(`1${NBSP}234,6`);
  });

  it('names months "okt 2026" in Swedish and "Oct 2026" in English, from a key or a UTC date', () => {
    expect(formatMonth('2026-10', 'sv')).toBe(`okt${NBSP}2026`);
    expect(formatMonth('2027-05', 'sv')).toBe(`maj${NBSP}2027`);
    expect(formatMonth('2026-10', 'en')).toBe(`Oct${NBSP}2026`);
    expect(formatMonth(new Date(Date.UTC(2028, 0, 1)), 'sv')).toBe(`jan${NBSP}2028`);
    expect(formatMonth('2026-13', 'sv')).toBe('–');
  });
});

// Labels needing quotes in either locale: with quotes and a line break, and with only the separators.
const NASTY = 'Kontroll; "fas 1", del\n2';

const PERIOD_HEADER = [
  'scenario_id',
  'scenario_label',
  'period',
  'cost_mean',
  'cost_sd',
  'cost_mcse',
  'cost_p5',
  'cost_p10',
  'cost_p25',
  'cost_p50',
  'cost_p75',
  'cost_p90',
  'cost_p95',
  'option_cost',
  'revenue',
  'care_days_mean',
  'admissions_mean',
  'overflows_mean',
  'census_end_mean',
  'budget',
  'budget_prob_exceed',
  'budget_expected_overrun',
  'delta_mean',
  'delta_ci95_low',
  'delta_ci95_high',
  'delta_p10',
  'delta_p50',
  'delta_p90',
  'prob_saving',
  'outcome_to_date',
];
const MONTHLY_HEADER = [
  'scenario_id',
  'scenario_label',
  'month',
  'cost_p5',
  'cost_p10',
  'cost_p25',
  'cost_p50',
  'cost_p75',
  'cost_p90',
  'cost_p95',
  'census_p5',
  'census_p10',
  'census_p25',
  'census_p50',
  'census_p75',
  'census_p90',
  'census_p95',
];
const DELTA_HEADER = [
  'scenario_id',
  'scenario_label',
  'period',
  'delta_mean',
  'delta_ci95_low',
  'delta_ci95_high',
  'delta_p10',
  'delta_p50',
  'delta_p90',
  'prob_saving',
  'option_cost',
  'revenue',
  'break_even_prob',
  'break_even_median_month',
];
// The fixture's forms, then the form the 'ny_hvb' option adds.
const FORMS = ['hvb', 'familjehem', 'egen_hvb', 'stodboende', 'vuxen_hvb', 'vuxen_boende', 'ny_hvb'];

let result: ComparisonResult;
beforeAll(() => {
  result = simulate({
    model: validModel(),
    scenarios: [
      { id: 'ctrl', label: NASTY, options: ['controller'] },
      { id: 'ny_hvb', label: 'Egen HVB; nr 2, ny', options: ['ny_hvb'] },
    ],
    trials: 200,
    seed: 3,
  });
});

type Parsed = { header: string[]; rows: Record<string, string>[] };

/** Parses with csv-parse, strictly: every row must have the header's width. */
function parseCsv(text: string, locale: 'sv' | 'en'): Parsed {
  const records: string[][] = parse(text, { bom: true, delimiter: locale === 'sv' ? ';' : ',', relax_quotes: false });
  const [header, ...body] = records;
  for (const r of body) expect(r).toHaveLength(header.length);
  return { header, rows: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

/** A numeric cell back to a number; a cell that is not a well-formed number for its locale fails the test. */
function num(cell: string, locale: 'sv' | 'en'): number {
  expect(cell).toMatch(locale === 'sv' ? /^-?\d+(,\d{1,6})?$/ : /^-?\d+(\.\d{1,6})?$/);
  return Number(cell.replace(',', '.'));
}

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
}

describe('toCsv', () => {
  it('writes sv with a BOM, ";", decimal comma and CRLF, and en with ",", "." and no BOM', () => {
    const sv = toCsv(result, { table: 'periods', locale: 'sv' });
    const en = toCsv(result, { table: 'periods', locale: 'en' });
    expect(sv.startsWith('\uFEFFscenario_id;scenario_label;period;cost_mean;')).toBe(true);
    expect(en.startsWith('scenario_id,scenario_label,period,cost_mean,')).toBe(true);
    for (const text of [sv, en]) {
      expect(text.endsWith('\r\n')).toBe(true);
      // The only bare LF is the one inside the quoted label; every record ends in CRLF.
      const records = 1 + result.scenarios.length * result.periods.length;
      expect(text.split('\r\n').length - 1).toBe(records);
      expect(text.split('\n').length - 1).toBe(records + result.periods.length);
      expect(text).not.toContain(MINUS);
      expect(text).not.toMatch(/\d[eE][+-]?\d/);
    }
    expect(en.charCodeAt(0)).not.toBe(0xfeff);
  });

  for (const locale of ['sv', 'en'] as const) {
    describe(`locale ${locale}`, () => {
      it('periods: one row per scenario and period, with the documented header and exact values', () => {
        const { header, rows } = parseCsv(toCsv(result, { table: 'periods', locale }), locale);
        expect(header).toEqual([...PERIOD_HEADER, ...FORMS.map((f) => `cost_${f}`)]);
        expect(rows).toHaveLength(result.scenarios.length * result.periods.length);
        let i = 0;
        for (const s of result.scenarios) {
          for (const period of result.periods) {
            const row = rows[i++];
            const p = s.periods[period];
            expect(row.scenario_id).toBe(s.id);
            expect(row.scenario_label).toBe(s.label);
            expect(row.period).toBe(period);
            expectClose(num(row.cost_mean, locale), p.cost.mean);
            expectClose(num(row.cost_p90, locale), p.cost.p90);
            expectClose(num(row.census_end_mean, locale), p.censusAtPeriodEnd.total.mean);
            expectClose(num(row.option_cost, locale), p.cost.optionCost);
            if (p.cost.outcomeToDate !== undefined) expectClose(num(row.outcome_to_date, locale), p.cost.outcomeToDate);
            else expect(row.outcome_to_date).toBe('');
            if (p.budget) expectClose(num(row.budget_prob_exceed, locale), p.budget.probExceed);
            else expect([row.budget, row.budget_prob_exceed, row.budget_expected_overrun]).toEqual(['', '', '']);
            if (p.delta) {
              expectClose(num(row.delta_mean, locale), p.delta.mean);
              expectClose(num(row.delta_ci95_low, locale), p.delta.ci95[0]);
              expectClose(num(row.delta_ci95_high, locale), p.delta.ci95[1]);
              expectClose(num(row.prob_saving, locale), p.delta.probSaving);
            } else {
              expect(PERIOD_HEADER.filter((h) => h.startsWith('delta_') || h === 'prob_saving').map((h) => row[h])).toEqual(
                Array(7).fill(''),
              );
            }
            for (const f of FORMS) {
              if (f in p.cost.byForm) expectClose(num(row[`cost_${f}`], locale), p.cost.byForm[f]);
              else expect(row[`cost_${f}`]).toBe('');
            }
          }
        }
        // The label with separator, quotes and a line break came back intact.
        expect(rows.filter((r) => r.scenario_label === NASTY)).toHaveLength(result.periods.length);
        // The fixture has budgets for 2026 and 2027 only; the baseline has no deltas.
        expect(rows.find((r) => r.period === '2026')!.budget).not.toBe('');
        expect(rows.find((r) => r.period === 'total')!.budget).toBe('');
        expect(rows.find((r) => r.scenario_id === 'baseline')!.cost_ny_hvb).toBe('');
      });

      it('monthly: one row per scenario and month with the fan percentiles', () => {
        const { header, rows } = parseCsv(toCsv(result, { table: 'monthly', locale }), locale);
        expect(header).toEqual(MONTHLY_HEADER);
        expect(rows).toHaveLength(result.scenarios.length * result.months.length);
        let i = 0;
        for (const s of result.scenarios) {
          result.months.forEach((month, m) => {
            const row = rows[i++];
            expect([row.scenario_id, row.scenario_label, row.month]).toEqual([s.id, s.label, month]);
            expectClose(num(row.cost_p5, locale), s.monthly.cost.p5[m]);
            expectClose(num(row.cost_p50, locale), s.monthly.cost.p50[m]);
            expectClose(num(row.census_p95, locale), s.monthly.census.p95[m]);
          });
        }
      });

      it('delta: one row per non-baseline scenario and period, break-even repeated', () => {
        const { header, rows } = parseCsv(toCsv(result, { table: 'delta', locale }), locale);
        expect(header).toEqual(DELTA_HEADER);
        expect(rows).toHaveLength((result.scenarios.length - 1) * result.periods.length);
        let i = 0;
        for (const s of result.scenarios.slice(1)) {
          for (const period of result.periods) {
            const row = rows[i++];
            const d = s.periods[period].delta!;
            expect([row.scenario_id, row.scenario_label, row.period]).toEqual([s.id, s.label, period]);
            expectClose(num(row.delta_mean, locale), d.mean);
            expectClose(num(row.delta_p90, locale), d.p90);
            expectClose(num(row.revenue, locale), s.periods[period].cost.revenue);
            expectClose(num(row.break_even_prob, locale), s.breakEven!.probWithinHorizon);
            expect(row.break_even_median_month).toBe(s.breakEven!.medianMonth ?? '');
          }
        }
      });
    });
  }

  it('gives the same numbers in both locales', () => {
    for (const table of ['periods', 'monthly', 'delta'] as const) {
      const sv = parseCsv(toCsv(result, { table, locale: 'sv' }), 'sv').rows;
      const en = parseCsv(toCsv(result, { table, locale: 'en' }), 'en').rows;
      const decimalPoint = (v: string) => v.replace(/^(-?\d+),(\d+)$/, '$1.$2');
      expect(sv.map((r) => Object.values(r).map(decimalPoint))).toEqual(en.map((r) => Object.values(r)));
    }
  });

  it('writes just the header for the delta table of a baseline-only run', () => {
    const alone = simulate({ model: validModel(), scenarios: [], trials: 20, seed: 1 });
    expect(toCsv(alone, { table: 'delta', locale: 'en' })).toBe(DELTA_HEADER.join(',') + '\r\n');
  });
});

describe('toTable', () => {
  const flat = (label: string) => label.replace(/\s+/g, ' ');

  it('names every scenario and period, in Swedish with mkr and decimal comma', () => {
    const text = toTable(result, { lang: 'sv', modelName: 'Testkommun' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Placeringsprognos – Testkommun · 200 simuleringar · startvärde 3');
    expect(text).toContain('Belopp i mkr, löpande priser');
    for (const s of result.scenarios) expect(text).toContain(flat(s.label));
    for (const p of result.periods.filter((p) => p !== 'total')) expect(text).toMatch(new RegExp(`^ +${p} `, 'm'));
    expect(text).toMatch(/^ +Totalt /m);
    expect(text.split('(jämfört med nuläge)').length - 1).toBe(result.scenarios.length - 1);
    const total = result.scenarios[0].periods.total;
    expect(formatMsek(total.cost.mean, 'sv')).toContain(',');
    expect(text).toContain(` ${formatMsek(total.cost.mean, 'sv')} `);
    expect(text).toContain(`Monte Carlo-fel (medel, totalt): ±${formatMsek(total.cost.mcse, 'sv')} mkr`);
    expect(text).not.toMatch(/\d\.\d/);
    // eslint-disable-next-line no-control-regex -- the escape character is what must not appear
    expect(text).not.toMatch(/[\t\u001b]/);
  });

  it('writes English with a decimal point on request', () => {
    const text = toTable(result, { lang: 'en' });
    expect(text.split('\n')[0]).toBe('Placement forecast · 200 trials · seed 3');
    expect(text).toContain('MSEK');
    expect(text).not.toContain('mkr');
    expect(text).toMatch(/^ +Total /m);
    // The baseline is the product's, and named in English; the options keep their own labels.
    expect(result.scenarios[0].label).toBe('Nuläge');
    expect(text).toMatch(/^Today$/m);
    expect(text).not.toContain('Nuläge');
    for (const s of result.scenarios.slice(1)) expect(text).toContain(flat(s.label));
    const mean = formatMsek(result.scenarios[0].periods.total.cost.mean, 'en');
    expect(mean).toMatch(/^\d+\.\d$/);
    expect(text).toContain(` ${mean} `);
    expect(text).not.toMatch(/\d,\d/);
  });

  it('keeps the columns of a block aligned, even under a label with a line break', () => {
    const lines = toTable(result, { lang: 'sv' }).split('\n');
    const start = lines.findIndex((l) => l.startsWith(flat(NASTY)));
    expect(start).toBeGreaterThan(0);
    const header = lines[start + 1];
    const rows = lines.slice(start + 2, start + 2 + result.periods.length);
    const edge = header.indexOf('Medel') + 'Medel'.length;
    for (const row of rows) expect(row.slice(0, edge)).toMatch(/\d,\d$/);
    const deltaEdge = header.indexOf('Skillnad') + 'Skillnad'.length;
    for (const row of rows) expect(row.slice(0, deltaEdge)).toMatch(/\d,\d$/);
  });

  it('gives the difference and its interval the decimals the column needs, so a mean never reads outside its interval', () => {
    const ctrl = result.scenarios[1];
    const [first, second] = result.periods;
    const withDelta = (period: string, mean: number, ci95: [number, number]) => ({
      ...ctrl.periods[period],
      delta: { ...ctrl.periods[period].delta!, mean, ci95 },
    });
    const periods = {
      ...ctrl.periods,
      [first]: withDelta(first, 34_000, [21_000, 48_000]),
      [second]: withDelta(second, -1_234_000, [-1_500_000, -970_000]),
    };
    const text = toTable({ ...result, scenarios: [result.scenarios[0], { ...ctrl, periods }] }, { lang: 'sv' });
    const lines = text.split('\n');
    const block = lines.slice(lines.findIndex((l) => l.endsWith('(jämfört med nuläge)')));
    const row = (period: string) => block.find((l) => l.startsWith(`  ${period} `)) ?? '';
    // "0,0" would lie outside "0,02–0,05": two decimals, and the same two in every row of the column.
    expect(row(first)).toMatch(/ \+0,03 +0,02–0,05 /);
    expect(row(second)).toMatch(/ −1,23 +−1,50 – −0,97 /);
    // Intervals that read apart at one decimal keep one.
    expect(toTable(result, { lang: 'sv' })).toMatch(new RegExp(` ${formatMsek(ctrl.periods.total.delta!.mean, 'sv', { signed: true })} `));
  });

  it('states the payback honestly, including never', () => {
    const ctrl = result.scenarios[1];
    const withBreakEven = (probWithinHorizon: number, medianMonth: string | null): string =>
      toTable({ ...result, scenarios: [result.scenarios[0], { ...ctrl, breakEven: { probWithinHorizon, medianMonth } }] }, { lang: 'sv' });
    expect(withBreakEven(0.99, '2027-03')).toContain(`Återbetald: 2027-03 (median), 99${NBSP}% sannolikhet inom perioden`);
    expect(withBreakEven(0.6, '2028-08')).toContain(`Återbetald inom perioden i 60${NBSP}% av simuleringarna (i dem median 2028-08)`);
    expect(withBreakEven(0.26, '2029-05')).toMatch(/inte inom perioden i de flesta simuleringar.*26\u00a0%.*2029-05/);
    // Just below an even chance the share reads 50 %: not "only 50 % do", which would contradict "most do not".
    expect(withBreakEven(0.497, '2026-05')).toContain(`Återbetald inom perioden i 50${NBSP}% av simuleringarna (i dem median 2026-05)`);
    expect(withBreakEven(0, null)).toContain('Betalar sig inte inom perioden i någon simulering');
  });

  it("shows the running cost of an option's own units, and only for an option that adds one", () => {
    const lines = toTable(result, { lang: 'sv' }).split('\n');
    const block = (label: string) => lines.slice(lines.findIndex((l) => l.startsWith(`${flat(label)} (jämfört`)) + 1);
    const unit = block('Egen HVB; nr 2, ny');
    expect(unit[0]).toMatch(/Insatskostnad +Egna enheter +Intäkter$/);
    const ny = result.scenarios[2];
    result.periods.forEach((period, i) => {
      const cells = unit[1 + i].trim().split(/ {2,}/);
      expect(cells[cells.length - 2]).toBe(formatMsek(ny.periods[period].cost.byForm.ny_hvb, 'sv'));
    });
    expect(block(NASTY)[0]).not.toContain('Egna enheter');
  });

  it('lists the top three sensitivity drivers with rho to two decimals', () => {
    const text = toTable(result, { lang: 'en' });
    const base = [...result.scenarios[0].sensitivity].sort((a, b) => Math.abs(b.onCost) - Math.abs(a.onCost));
    for (const e of base.slice(0, 3)) {
      const rho = (e.onCost > 0 ? '+' : '') + e.onCost.toFixed(2);
      expect(text).toMatch(new RegExp(`^ +${e.parameter.replace(/[.[\]]/g, '\\$&')} +${rho.replace('+', '\\+')}$`, 'm'));
    }
  });

  it("names the drivers in the model's words when given them, as the page's tornado does", () => {
    const text = toTable(result, { lang: 'sv', parameterLabel: (path) => parameterLabel(path, validModel(), 'sv') });
    const top = [...result.scenarios[0].sensitivity].sort((a, b) => Math.abs(b.onCost) - Math.abs(a.onCost))[0];
    expect(text).toContain(parameterLabel(top.parameter, validModel(), 'sv'));
    expect(text).not.toContain(`${top.parameter} `);
  });

  it('leaves out budget columns when the model has no budget', () => {
    const model = validModel();
    delete model.budget;
    const text = toTable(simulate({ model, scenarios: [], trials: 20, seed: 1 }), { lang: 'sv' });
    expect(text).not.toContain('Budget');
    expect(text).not.toContain('Skillnad');
  });
});
