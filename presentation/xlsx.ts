/**
 * The comparison result as an Excel workbook (.xlsx): one sheet per CSV table (periods, monthly, delta) with the
 * same columns and cells as the CSV (csv.ts's `tableData`), and a sheet of the run's assumptions.
 *
 * Numbers are stored as numbers, exactly as in the result: amounts in SEK, probabilities as shares 0..1, so
 * that sums and lookups in a spreadsheet agree with the JSON result and the CSV. What a reader sees comes from
 * number formats: amounts shown as millions with one decimal ("52,3 mkr", by the format code's scaling commas,
 * `#,##0.0,," mkr"`), shares as percent, months as dates `yyyy-mm`. Format codes are stored in Excel's
 * invariant syntax (`,` groups, `.` is the decimal point) and shown in the reader's own locale, so Swedish
 * Excel shows "1 234,5 mkr" and English Excel "1,234.5 MSEK".
 *
 * Labels for people, in Swedish or English, come from labels.ts; the column names of the CSV stay the contract
 * for machines (docs/csv.md). Pure apart from exceljs: plain data in, the file's bytes out, no I/O.
 */
import ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import type { ComparisonResult } from '../simulation/result.js';
import type { ResolvedScenario } from '../simulation/scenarios.js';
import type { Model } from '../simulation/schema.js';
import { CSV_TABLES, tableData, type Cell, type CsvTable } from './csv.js';
import { addedForms, assumptionsOf, scenarioOptions } from './assumptions.js';
import { COLUMN_LABELS, formCostLabel, SHEET_NAMES, TOTAL_LABEL } from './labels.js';
import { scenarioLabel } from './scenario-label.js';
import type { Lang } from './numbers.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface WorkbookInput {
  result: ComparisonResult;
  /** The model version the run used: form labels, prices and stays for the assumptions sheet. */
  model: Model;
  modelVersion: number;
  /** The run's scenarios with their options (inline ones included); absent: the options are looked up in the model. */
  scenarios?: ResolvedScenario[];
  runId?: string;
  /** The workbook's creation date (the run's end); absent: now. */
  created?: Date;
  lang: Lang;
}

/** How a column's numbers are shown. */
type Kind = 'text' | 'period' | 'month' | 'sek' | 'sekSigned' | 'sekFine' | 'share' | 'count' | 'count1';

/** Number format codes per kind and language (Excel's invariant syntax; shown in the reader's locale). */
export const NUMBER_FORMATS: Record<Lang, Record<Exclude<Kind, 'text'>, string>> = {
  sv: {
    period: '0',
    month: 'yyyy-mm',
    sek: '#,##0.0,," mkr"',
    sekSigned: '+#,##0.0,," mkr";-#,##0.0,," mkr";0.0,," mkr"',
    sekFine: '#,##0.00,," mkr"',
    share: '0.0" "%',
    count: '#,##0',
    count1: '#,##0.0',
  },
  en: {
    period: '0',
    month: 'yyyy-mm',
    sek: '#,##0.0,," MSEK"',
    sekSigned: '+#,##0.0,," MSEK";-#,##0.0,," MSEK";0.0,," MSEK"',
    sekFine: '#,##0.00,," MSEK"',
    share: '0.0%',
    count: '#,##0',
    count1: '#,##0.0',
  },
};

const KINDS: Readonly<Record<string, Kind>> = {
  scenario_id: 'text',
  scenario_label: 'text',
  period: 'period',
  month: 'month',
  cost_sd: 'sek',
  cost_mcse: 'sekFine',
  option_cost: 'sek',
  revenue: 'sek',
  care_days_mean: 'count',
  admissions_mean: 'count1',
  overflows_mean: 'count1',
  census_end_mean: 'count1',
  budget: 'sek',
  budget_prob_exceed: 'share',
  budget_expected_overrun: 'sek',
  outcome_to_date: 'sek',
  prob_saving: 'share',
  break_even_prob: 'share',
  break_even_median_month: 'month',
};

/** A column's kind: listed above, or by its prefix (cost_*, delta_*, census_*, which include the per-form columns). */
function kindOf(column: string): Kind {
  const listed = KINDS[column];
  if (listed) return listed;
  if (column.startsWith('delta_')) return 'sekSigned';
  if (column.startsWith('cost_')) return 'sek';
  // Percentiles of the number of placements are whole or nearly so; the mean at a period's end is listed above.
  if (column.startsWith('census_')) return 'count';
  throw new Error(`no number format for column ${column}`);
}

/** Columns that identify a row; frozen at the left with the header row. */
const KEY_COLUMNS = new Set(['scenario_id', 'scenario_label', 'period', 'month']);

/**
 * Text as XML 1.0 can hold it: exceljs drops control characters itself, but not lone UTF-16 surrogates, which
 * would make the file unreadable. Labels are user text and may hold anything.
 */
const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** 'YYYY-MM' as the first day of the month, UTC midnight, which exceljs stores as a whole date serial. */
function monthDate(month: string): Date | string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : month;
}

type Value = number | string | Date | null;

function value(cell: Cell, kind: Kind, lang: Lang): Value {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (kind === 'period') return /^\d{4}$/.test(cell) ? Number(cell) : cell === 'total' ? TOTAL_LABEL[lang] : cell;
  if (kind === 'month') return monthDate(cell);
  return wellFormed(cell);
}

/** Characters a cell of this kind takes when shown, for the column's width. */
function shownWidth(v: Value, kind: Kind): number {
  if (v === null) return 0;
  if (typeof v === 'string') return [...v].length;
  switch (kind) {
    case 'sek':
    case 'sekSigned':
      return 12;
    case 'sekFine':
      return 11;
    case 'share':
      return 7;
    case 'month':
    case 'period':
      return 8;
    default:
      return Math.max(6, Math.round(Math.abs(Number(v))).toLocaleString('en').length + 2);
  }
}

const HEADER_FONT = { bold: true } as const;
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } } as const;
const MAX_WIDTH = 40;
/** At least 10: exceljs leaves a column of width 9, its default, out of the file, and Excel's default is narrower. */
const MIN_WIDTH = 10;
/** Headers wrap onto at most this many lines; the column is widened where needed. */
const HEADER_LINES = 3;
const LINE_HEIGHT = 15;
/** Column widths of the assumptions sheet's first column and of the others. */
const LABEL_WIDTH = 48;
const VALUE_WIDTH = 48;

/** Bold, shaded, wrapped header row; its height fits the longest wrapped header. */
function styleHeader(ws: Worksheet, widths: number[]): void {
  const row = ws.getRow(1);
  let lines = 1;
  row.eachCell((cell, col) => {
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.border = { bottom: { style: 'thin' } };
    lines = Math.max(lines, Math.ceil([...String(cell.value ?? '')].length / Math.max(1, widths[col - 1] - 1)));
  });
  row.height = LINE_HEIGHT * lines;
}

function tableSheet(wb: ExcelJS.Workbook, table: CsvTable, input: WorkbookInput, formLabels: Map<string, string>): void {
  const { lang } = input;
  const { header, rows } = tableData(input.result, table);
  // The product's own scenarios in the workbook's language ("Today", not the result's "Nuläge"); the CSV keeps the result's.
  const idAt = header.indexOf('scenario_id');
  const labelAt = header.indexOf('scenario_label');
  if (idAt >= 0 && labelAt >= 0) {
    for (const r of rows) r[labelAt] = scenarioLabel({ id: String(r[idAt]), label: String(r[labelAt]) }, lang);
  }
  const kinds = header.map(kindOf);
  const labels = header.map((name) => {
    const form = name.startsWith('cost_') ? formLabels.get(name.slice('cost_'.length)) : undefined;
    return wellFormed(COLUMN_LABELS[lang][name] ?? (form !== undefined ? formCostLabel(form, lang) : name));
  });
  const ws = wb.addWorksheet(SHEET_NAMES[lang][table], {
    views: [{ state: 'frozen', xSplit: header.filter((h) => KEY_COLUMNS.has(h)).length, ySplit: 1 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, printTitlesRow: '1:1' },
  });
  ws.addRow(labels);
  // Wide enough for the header's longest word, and for the whole header in HEADER_LINES lines.
  const longestWord = (l: string): number => Math.max(...l.split(/\s+/).map((w) => [...w].length));
  const widths = labels.map((l) =>
    Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longestWord(l) + 2, Math.ceil([...l].length / HEADER_LINES) + 2)),
  );
  const formats = NUMBER_FORMATS[lang];
  for (const r of rows) {
    const values = r.map((c, i) => value(c, kinds[i], lang));
    const row = ws.addRow(values);
    values.forEach((v, i) => {
      widths[i] = Math.min(MAX_WIDTH, Math.max(widths[i], shownWidth(v, kinds[i]) + 2));
      const kind = kinds[i];
      if (kind !== 'text' && (typeof v === 'number' || v instanceof Date)) row.getCell(i + 1).numFmt = formats[kind];
    });
  }
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  styleHeader(ws, widths);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
}

// ---------------------------------------------------------------------------------------------------------
// The assumptions sheet

const ASSUMPTIONS = {
  sv: {
    title: (name: string) => `Placeringsprognos – ${name}`,
    model: 'Modell',
    version: 'Modellversion',
    run: 'Körning',
    trials: 'Antal simuleringar',
    seed: 'Startvärde (seed)',
    start: 'Start',
    horizon: 'Horisont',
    months: 'månader',
    budget: (year: string) => `Budget ${year}`,
    amounts: 'Belopp',
    amountsNote:
      'Beloppen lagras i kronor och visas i miljoner kronor (mkr) med en decimal; sannolikheter lagras som andelar 0–1 och visas i procent.',
    forms: 'Insatsformer',
    form: 'Insatsform',
    segment: 'Målgrupp',
    dailyCost: 'Dygnskostnad',
    stay: 'Vårdtid',
    capacity: 'Platser',
    addedBy: (option: string) => `tillkommer med ${option}`,
    scenarios: 'Scenarier',
    scenario: 'Scenario',
    options: 'Insatser',
    none: 'inga (nuläge)',
  },
  en: {
    title: (name: string) => `Placement forecast – ${name}`,
    model: 'Model',
    version: 'Model version',
    run: 'Run',
    trials: 'Trials',
    seed: 'Seed',
    start: 'Start',
    horizon: 'Horizon',
    months: 'months',
    budget: (year: string) => `Budget ${year}`,
    amounts: 'Amounts',
    amountsNote:
      'Amounts are stored in SEK and shown in millions (MSEK) with one decimal; probabilities are stored as shares 0–1 and shown as percent.',
    forms: 'Forms of care',
    form: 'Form',
    segment: 'Segment',
    dailyCost: 'Daily cost',
    stay: 'Length of stay',
    capacity: 'Places',
    addedBy: (option: string) => `added by ${option}`,
    scenarios: 'Scenarios',
    scenario: 'Scenario',
    options: 'Options',
    none: 'none (baseline)',
  },
} as const;

function assumptionsSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const { lang, model, result } = input;
  const brief = assumptionsOf(input, lang);
  const t = ASSUMPTIONS[lang];
  const formats = NUMBER_FORMATS[lang];
  // Printed on one page width: it is the sheet a reader prints to check the inputs.
  const ws = wb.addWorksheet(SHEET_NAMES[lang].assumptions, {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const bold = (row: ExcelJS.Row) => row.eachCell((c) => (c.font = HEADER_FONT));

  const title = ws.addRow([wellFormed(t.title(model.name))]);
  title.getCell(1).font = { bold: true, size: 14 };
  ws.addRow([]);

  /** Long text wraps in its cell; the row is made high enough for it. */
  const wrap = (row: ExcelJS.Row, col: number, width: number): void => {
    row.eachCell((c) => (c.alignment = { ...c.alignment, vertical: 'top' }));
    const cell = row.getCell(col);
    cell.alignment = { horizontal: 'left', wrapText: true, vertical: 'top' };
    const len = typeof cell.value === 'string' ? [...cell.value].length : 0;
    if (len > width) row.height = Math.max(row.height ?? 0, LINE_HEIGHT * Math.ceil(len / (width - 4)));
  };
  const pair = (label: string, v: Value, numFmt?: string): void => {
    const row = ws.addRow([label, v]);
    row.getCell(1).font = HEADER_FONT;
    wrap(row, 2, VALUE_WIDTH);
    if (numFmt) row.getCell(2).numFmt = numFmt;
  };
  pair(t.model, wellFormed(model.name));
  pair(t.version, input.modelVersion, '0');
  if (input.runId) pair(t.run, input.runId);
  pair(t.trials, result.trials, formats.count);
  pair(t.seed, result.seed, '0');
  pair(t.start, model.start);
  pair(t.horizon, model.horizonMonths, `0" ${t.months}"`);
  for (const [year, amount] of Object.entries(model.budget ?? {})) pair(t.budget(year), amount, formats.sek);
  pair(t.amounts, t.amountsNote);

  ws.addRow([]);
  bold(ws.addRow([t.forms]));
  bold(ws.addRow([t.form, t.segment, t.dailyCost, t.stay, t.capacity]));
  for (const form of brief.forms) {
    const label = form.addedBy === null ? form.label : `${form.label} (${t.addedBy(form.addedBy)})`;
    const row = ws.addRow([wellFormed(label), wellFormed(form.segment), form.dailyCost, form.lengthOfStay, form.capacity]);
    wrap(row, 1, LABEL_WIDTH);
  }

  ws.addRow([]);
  bold(ws.addRow([t.scenarios]));
  bold(ws.addRow([t.scenario, t.options]));
  for (const s of brief.scenarios) {
    const row = ws.addRow([wellFormed(scenarioLabel(s, input.lang)), wellFormed(s.options.length > 0 ? s.options.join(', ') : t.none)]);
    wrap(row, 2, VALUE_WIDTH);
  }

  // Widths from the cells below the title (which may run over), at most LABEL_WIDTH and VALUE_WIDTH.
  const widths = [0, 0, 0, 0, 0];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    row.eachCell((cell, col) => {
      widths[col - 1] = Math.max(widths[col - 1], typeof cell.value === 'string' ? [...cell.value].length : 8);
    });
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = Math.min(i === 0 ? LABEL_WIDTH : VALUE_WIDTH, Math.max(MIN_WIDTH, w + 2))));
}

/** The workbook's bytes (.xlsx), sheets in this order: periods, monthly, delta, assumptions. */
export async function toXlsx(input: WorkbookInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Placeringsprognos';
  wb.title = wellFormed(ASSUMPTIONS[input.lang].title(input.model.name));
  wb.created = wb.modified = input.created ?? new Date();
  const options = scenarioOptions(input);
  const formLabels = new Map<string, string>(input.model.forms.map((f) => [f.id, f.label]));
  for (const { form } of addedForms(options)) if (!formLabels.has(form.id)) formLabels.set(form.id, form.label);
  for (const table of CSV_TABLES) tableSheet(wb, table, input, formLabels);
  assumptionsSheet(wb, input);
  const raw: unknown = await wb.xlsx.writeBuffer();
  return raw instanceof Uint8Array ? raw : new Uint8Array(raw as ArrayBuffer);
}
