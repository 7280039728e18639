/**
 * The workbook of a result, read back with exceljs: its sheets, every cell of the three tables against the CSV's
 * cells (numbers as numbers, equal to the result's), the number formats (mkr, percent, months), the labels in
 * Swedish and English, the frozen bold headers, and the assumptions sheet. User text cannot become a formula or
 * break the file.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_TABLES, DELTA_COLUMNS, MONTHLY_COLUMNS, PERIOD_COLUMNS, tableData } from '../../presentation/csv.js';
import { describeDist } from '../../presentation/dist-text.js';
import { COLUMN_LABELS, SHEET_NAMES } from '../../presentation/labels.js';
import type { Lang } from '../../presentation/numbers.js';
import { NUMBER_FORMATS, toXlsx } from '../../presentation/xlsx.js';
import type { ComparisonResult } from '../../simulation/index.js';
import { parseModel, type Model } from '../../simulation/schema.js';

const fixture = (file: string): any => JSON.parse(readFileSync(new URL(`../fixtures/golden/${file}`, import.meta.url), 'utf8'));
const RESULT: ComparisonResult = fixture('reference-midsize.result.json');
const MODEL: Model = parseModel(fixture('reference-midsize.model.json'));

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as any);
  return wb;
}

const books: Partial<Record<Lang, ExcelJS.Workbook>> = {};
beforeAll(async () => {
  for (const lang of ['sv', 'en'] as const) {
    books[lang] = await read(await toXlsx({ result: RESULT, model: MODEL, modelVersion: 3, runId: '01kxyzrun', lang }));
  }
});
const book = (lang: Lang): ExcelJS.Workbook => books[lang] as ExcelJS.Workbook;

function sheet(lang: Lang, name: keyof (typeof SHEET_NAMES)['sv']): ExcelJS.Worksheet {
  const ws = book(lang).getWorksheet(SHEET_NAMES[lang][name]);
  expect(ws, name).toBeDefined();
  return ws as ExcelJS.Worksheet;
}

/** The cell under the header `label` in the first row whose cells match `where` (header label -> value). */
function lookup(ws: ExcelJS.Worksheet, label: string, where: Record<string, unknown>): ExcelJS.Cell {
  const header = (ws.getRow(1).values as unknown[]).map((v) => v as string);
  const col = header.indexOf(label);
  expect(col, label).toBeGreaterThan(0);
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (Object.entries(where).every(([k, v]) => row.getCell(header.indexOf(k)).value === v)) return row.getCell(col);
  }
  throw new Error(`no row with ${JSON.stringify(where)}`);
}

const cellText = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : String(v));

describe('workbook of the reference result', () => {
  it('has one sheet per CSV table and the assumptions, named in the language', () => {
    expect(book('sv').worksheets.map((w) => w.name)).toEqual(['Perioder', 'Månader', 'Skillnader', 'Antaganden']);
    expect(book('en').worksheets.map((w) => w.name)).toEqual(['Periods', 'Monthly', 'Differences', 'Assumptions']);
  });

  it("stores the baseline's expected cost of 2027 as a number, equal to the result, shown in mkr", () => {
    const expected = RESULT.scenarios[0].periods['2027'].cost.mean;
    const sv = lookup(sheet('sv', 'periods'), 'Kostnad, medel', { 'Scenario-id': 'baseline', Period: 2027 });
    expect(sv.value).toBe(expected);
    expect(typeof sv.value).toBe('number');
    expect(sv.numFmt).toBe('#,##0.0,," mkr"');
    const en = lookup(sheet('en', 'periods'), 'Cost, mean', { 'Scenario id': 'baseline', Period: 2027 });
    expect(en.value).toBe(expected);
    expect(en.numFmt).toBe('#,##0.0,," MSEK"');
  });

  for (const lang of ['sv', 'en'] as const) {
    it(`holds every cell of the CSV's tables, numbers as numbers (${lang})`, () => {
      for (const table of CSV_TABLES) {
        const ws = sheet(lang, table);
        const { header, rows } = tableData(RESULT, table);
        expect(ws.rowCount).toBe(rows.length + 1);
        expect(ws.columnCount).toBe(header.length);
        rows.forEach((cells, r) => {
          const row = ws.getRow(r + 2);
          cells.forEach((expected, c) => {
            const got = row.getCell(c + 1).value;
            const name = header[c];
            const where = `${table} row ${r + 2} ${name}`;
            if (expected === null || expected === undefined) expect(got ?? null, where).toBeNull();
            else if (typeof expected === 'number') expect(got, where).toBe(expected);
            else if (name === 'period')
              expect(got, where).toBe(expected === 'total' ? (lang === 'sv' ? 'Totalt' : 'Total') : Number(expected));
            else if (name === 'scenario_label' && cells[header.indexOf('scenario_id')] === 'baseline')
              // The product's own baseline in the workbook's language; the CSV keeps the result's label.
              expect(got, where).toBe(lang === 'sv' ? 'Nuläge' : 'Today');
            else if (name === 'month' || name === 'break_even_median_month') {
              expect(got, where).toBeInstanceOf(Date);
              expect((got as Date).toISOString().slice(0, 7), where).toBe(expected);
            } else expect(got, where).toBe(expected);
          });
        });
      }
    });
  }

  it('formats amounts as mkr, differences with a sign, shares as percent and months as yyyy-mm', () => {
    const ws = sheet('sv', 'delta');
    const where = { 'Scenario-id': 'controller', Period: 2027 };
    expect(lookup(ws, 'Skillnad, medel', where).numFmt).toBe('+#,##0.0,," mkr";-#,##0.0,," mkr";0.0,," mkr"');
    expect(lookup(ws, 'P(besparing)', where).numFmt).toBe('0.0" "%');
    expect(lookup(ws, 'P(besparing)', where).value).toBe(RESULT.scenarios[1].periods['2027'].delta?.probSaving);
    expect(lookup(ws, 'Återbetald, medianmånad', where).numFmt).toBe('yyyy-mm');
    expect(lookup(sheet('en', 'delta'), 'P(saving)', { 'Scenario id': 'controller', Period: 2027 }).numFmt).toBe('0.0%');
    const periods = sheet('sv', 'periods');
    const base = { 'Scenario-id': 'baseline', Period: 2027 };
    expect(lookup(periods, 'P(över budget)', base).numFmt).toBe(NUMBER_FORMATS.sv.share);
    expect(lookup(periods, 'Monte Carlo-fel (medel)', base).numFmt).toBe('#,##0.00,," mkr"');
    expect(lookup(periods, 'Vårddygn, medel', base).numFmt).toBe('#,##0');
    expect(lookup(sheet('sv', 'monthly'), 'Månad', { 'Scenario-id': 'baseline' }).numFmt).toBe('yyyy-mm');
  });

  it('labels the columns in Swedish and English, per-form columns by the form label', () => {
    const header = (lang: Lang, table: 'periods' | 'monthly' | 'delta') => (sheet(lang, table).getRow(1).values as unknown[]).slice(1);
    expect(header('sv', 'periods').slice(0, 4)).toEqual(['Scenario-id', 'Scenario', 'Period', 'Kostnad, medel']);
    expect(header('en', 'periods').slice(0, 4)).toEqual(['Scenario id', 'Scenario', 'Period', 'Cost, mean']);
    expect(header('sv', 'periods')).toContain('Kostnad: Egna familjehem');
    expect(header('en', 'periods')).toContain('Cost: Egna familjehem');
    // A form an option adds is labelled by its own label too, never by its id.
    expect(header('sv', 'periods').filter((h) => String(h).startsWith('Kostnad: ')).length).toBe(
      tableData(RESULT, 'periods').header.filter((h) => h.startsWith('cost_') && !PERIOD_COLUMNS.includes(h)).length,
    );
    expect(header('sv', 'periods').some((h) => /_/.test(String(h)))).toBe(false);
    expect(header('sv', 'delta')).toContain('P(återbetald inom perioden)');
    expect(header('en', 'delta')).toContain('P(pays back within the horizon)');
    expect(header('sv', 'monthly')).toContain('Placerade P90');
    expect(header('en', 'monthly')).toContain('Placements P90');
  });

  it('has every CSV column labelled in both languages', () => {
    for (const lang of ['sv', 'en'] as const) {
      for (const name of [...PERIOD_COLUMNS, ...MONTHLY_COLUMNS, ...DELTA_COLUMNS]) expect(COLUMN_LABELS[lang][name], name).toBeTruthy();
    }
  });

  it('has bold, frozen headers and widths that fit', () => {
    for (const table of CSV_TABLES) {
      const ws = sheet('sv', table);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 3 });
      ws.getRow(1).eachCell((c) => expect(c.font?.bold, `${table} ${cellText(c.value)}`).toBe(true));
      for (let c = 1; c <= ws.columnCount; c++) {
        const width = ws.getColumn(c).width ?? 0;
        expect(width).toBeGreaterThanOrEqual(10);
        expect(width).toBeLessThanOrEqual(40);
      }
    }
    // The scenario label column is as wide as the longest label (within the limit).
    const labels = RESULT.scenarios.map((s) => s.label.length);
    expect(sheet('sv', 'periods').getColumn(2).width).toBeGreaterThanOrEqual(Math.min(40, Math.max(...labels)));
  });

  it('lists the assumptions: model, version, trials, seed, start, horizon, and each form with price and stay', () => {
    const value = (ws: ExcelJS.Worksheet, label: string): ExcelJS.Cell => {
      for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === label) return ws.getRow(r).getCell(2);
      throw new Error(`no row ${label}`);
    };
    const sv = sheet('sv', 'assumptions');
    expect(sv.getRow(1).getCell(1).value).toBe('Placeringsprognos – Referenskommun');
    expect(value(sv, 'Modell').value).toBe(MODEL.name);
    expect(value(sv, 'Modellversion').value).toBe(3);
    expect(value(sv, 'Körning').value).toBe('01kxyzrun');
    expect(value(sv, 'Antal simuleringar').value).toBe(RESULT.trials);
    expect(value(sv, 'Antal simuleringar').numFmt).toBe('#,##0');
    expect(value(sv, 'Startvärde (seed)').value).toBe(RESULT.seed);
    expect(value(sv, 'Start').value).toBe(MODEL.start);
    expect(value(sv, 'Horisont').value).toBe(MODEL.horizonMonths);
    expect(value(sv, 'Horisont').numFmt).toBe('0" månader"');
    expect(value(sv, 'Budget 2027').value).toBe(MODEL.budget?.['2027']);
    expect(value(sv, 'Budget 2027').numFmt).toBe('#,##0.0,," mkr"');

    const en = sheet('en', 'assumptions');
    expect(value(en, 'Model').value).toBe(MODEL.name);
    expect(value(en, 'Trials').value).toBe(RESULT.trials);
    expect(value(en, 'Horizon').numFmt).toBe('0" months"');

    // One row per form, in the model's order, then the forms options add.
    const rows = (ws: ExcelJS.Worksheet) =>
      Array.from({ length: ws.rowCount }, (_, i) => (ws.getRow(i + 1).values as ExcelJS.CellValue[]).slice(1).map(cellText));
    const svRows = rows(sv);
    const head = svRows.findIndex((r) => r[0] === 'Insatsform');
    expect(svRows[head]).toEqual(['Insatsform', 'Målgrupp', 'Dygnskostnad', 'Vårdtid', 'Platser']);
    const hvb = MODEL.forms.find((f) => f.id === 'hvb');
    expect(hvb).toBeDefined();
    const hvbRow = svRows.find((r) => r[0] === hvb?.label);
    expect(hvbRow?.[2]).toBe(describeDist(hvb!.dailyCost, 'sek', 'sv'));
    expect(hvbRow?.[3]).toBe(describeDist(hvb!.lengthOfStayDays, 'days', 'sv'));
    expect(svRows[head + 1][0]).toBe(MODEL.forms[0].label);
    expect(svRows[head + 1][2]).toBe('PERT 720–1\u00a0030 kr, troligast 890 kr');
    expect(svRows[head + 1][3]).toBe('lognormal, median 400 dygn, P90 1\u00a0500 dygn');
    expect(svRows.some((r) => (r[0] ?? '').includes('(tillkommer med HVB i egen regi)'))).toBe(true);
    const enRows = rows(en);
    expect(enRows.find((r) => r[0] === MODEL.forms[0].label)?.[2]).toBe('PERT 720–1,030 SEK, most likely 890 SEK');
    // Scenarios with their options' labels.
    expect(svRows.find((r) => r[0] === 'Nuläge')?.[1]).toBe('inga (nuläge)');
    expect(svRows.find((r) => r[0] === 'Placeringscontroller')?.[1]).toBe('Placeringscontroller');
  });
});

describe('user text in the workbook', () => {
  it('stays text: a label like a formula is not a formula, and broken UTF-16 does not break the file', async () => {
    const result = structuredClone(RESULT);
    result.scenarios[1].label = '=HYPERLINK("http://example.invalid","klicka")';
    result.scenarios[2].label = 'Trasig \ud800 text\u0007';
    const wb = await read(await toXlsx({ result, model: MODEL, modelVersion: 1, lang: 'sv' }));
    const ws = wb.getWorksheet('Perioder') as ExcelJS.Worksheet;
    const formula = lookup(ws, 'Scenario', { 'Scenario-id': result.scenarios[1].id, Period: 2026 });
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.value).toBe(result.scenarios[1].label);
    expect(lookup(ws, 'Scenario', { 'Scenario-id': result.scenarios[2].id, Period: 2026 }).value).toBe('Trasig \ufffd text');
  });

  it('describes each kind of distribution in words', () => {
    expect(describeDist(760, 'sek', 'sv')).toBe('760 kr');
    expect(describeDist({ type: 'fixed', value: 1234.5 }, 'sek', 'en')).toBe('1,234.5 SEK');
    expect(describeDist({ type: 'uniform', min: 10, max: 20 }, 'days', 'sv')).toBe('likformig 10–20 dygn');
    expect(describeDist({ type: 'triangular', min: 1, mode: 2, max: 3 }, 'days', 'en')).toBe('triangular 1–3 days, most likely 2 days');
    expect(describeDist({ type: 'normal', mean: 500, sd: 50, min: 400 }, 'sek', 'en')).toBe(
      'normal, mean 500 SEK, sd 50 SEK, bounded to 400–∞',
    );
    expect(describeDist({ type: 'lognormal', mean: 300, sd: 200 }, 'days', 'sv')).toBe('lognormal, medel 300 dygn, sd 200 dygn');
    expect(describeDist({ type: 'gamma', mean: 300, sd: 200 }, 'days', 'en')).toBe('gamma, mean 300 days, sd 200 days');
    expect(describeDist({ type: 'weibull', shape: 1.2, scale: 300 }, 'days', 'sv')).toBe('Weibull, form 1,2, skala 300 dygn');
    expect(describeDist({ type: 'exponential', mean: 90 }, 'days', 'en')).toBe('exponential, mean 90 days');
    expect(describeDist({ type: 'empirical', values: [30, 90, 60] }, 'days', 'en')).toBe('empirical, 3 values, 30–90 days');
  });
});
