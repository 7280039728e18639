/**
 * The comparison result as CSV for spreadsheets. Column names are a contract (documented in docs/csv.md):
 * planning spreadsheets look columns up by these names, so rename nothing; add columns only at the end.
 *
 * Amounts stay in SEK, unrounded beyond 6 decimals: spreadsheets compute with them, and rounding to MSEK
 * here would make sums disagree with the JSON result. Probabilities are shares 0..1, not percent.
 *
 * Locales: 'sv' is what Swedish Excel opens with a double-click: ';' separator, decimal comma, and a UTF-8
 * BOM (without it Excel reads the file as Windows-1252 and breaks "å", "ä", "ö"). 'en' is plain RFC 4180
 * with ',' and '.'. Both use CRLF, as RFC 4180 says and as Excel writes.
 */
import type { ComparisonResult, PeriodResult, ScenarioResult } from '../simulation/result.js';
import { FAN_KEYS } from '../simulation/result.js';
import { csvNumber, type Lang } from './numbers.js';

/** The tables, in the order the workbook has them as sheets. */
export const CSV_TABLES = ['periods', 'monthly', 'delta'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export interface CsvOptions {
  table: CsvTable;
  locale: Lang;
}

/** A cell is a number (formatted per locale), text, or absent (an empty cell: "not applicable"). */
export type Cell = number | string | null | undefined;

/** One table before it is written: its column names and its rows of cells, in column order. */
export interface TableData {
  header: string[];
  rows: Cell[][];
}

interface PeriodColumn {
  name: string;
  cell(p: PeriodResult, s: ScenarioResult, period: string): Cell;
}

/**
 * The 'periods' table's columns before the per-form `cost_<formId>` columns, each with its cell, in one list
 * so a name cannot drift from its value; the 'delta' table takes its period columns from here by name.
 */
const PERIOD_TABLE: readonly PeriodColumn[] = [
  { name: 'scenario_id', cell: (_, s) => s.id },
  { name: 'scenario_label', cell: (_, s) => s.label },
  { name: 'period', cell: (_p, _s, period) => period },
  { name: 'cost_mean', cell: (p) => p.cost.mean },
  { name: 'cost_sd', cell: (p) => p.cost.sd },
  { name: 'cost_mcse', cell: (p) => p.cost.mcse },
  ...FAN_KEYS.map((k) => ({ name: `cost_${k}`, cell: (p: PeriodResult) => p.cost[k] })),
  { name: 'option_cost', cell: (p) => p.cost.optionCost },
  { name: 'revenue', cell: (p) => p.cost.revenue },
  { name: 'care_days_mean', cell: (p) => p.careDays.total.mean },
  { name: 'admissions_mean', cell: (p) => p.admissions.total.mean },
  { name: 'overflows_mean', cell: (p) => p.overflows.total.mean },
  { name: 'census_end_mean', cell: (p) => p.censusAtPeriodEnd.total.mean },
  { name: 'budget', cell: (p) => p.budget?.amount },
  { name: 'budget_prob_exceed', cell: (p) => p.budget?.probExceed },
  { name: 'budget_expected_overrun', cell: (p) => p.budget?.expectedOverrun },
  { name: 'delta_mean', cell: (p) => p.delta?.mean },
  { name: 'delta_ci95_low', cell: (p) => p.delta?.ci95[0] },
  { name: 'delta_ci95_high', cell: (p) => p.delta?.ci95[1] },
  { name: 'delta_p10', cell: (p) => p.delta?.p10 },
  { name: 'delta_p50', cell: (p) => p.delta?.p50 },
  { name: 'delta_p90', cell: (p) => p.delta?.p90 },
  { name: 'prob_saving', cell: (p) => p.delta?.probSaving },
  { name: 'outcome_to_date', cell: (p) => p.cost.outcomeToDate },
];

/** Columns of the 'periods' table before the per-form `cost_<formId>` columns. */
export const PERIOD_COLUMNS: readonly string[] = PERIOD_TABLE.map((c) => c.name);

const periodColumn = (name: string): PeriodColumn => {
  const c = PERIOD_TABLE.find((x) => x.name === name);
  if (!c) throw new Error(`no period column ${name}`);
  return c;
};

/** The 'delta' table's columns up to the break-even ones, as in the 'periods' table. */
const DELTA_PERIOD_COLUMNS = [
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
].map(periodColumn);

export const MONTHLY_COLUMNS = [
  'scenario_id',
  'scenario_label',
  'month',
  ...FAN_KEYS.map((k) => `cost_${k}`),
  ...FAN_KEYS.map((k) => `census_${k}`),
] as const;

export const DELTA_COLUMNS: readonly string[] = [...DELTA_PERIOD_COLUMNS.map((c) => c.name), 'break_even_prob', 'break_even_median_month'];

const SEPARATOR: Record<Lang, string> = { sv: ';', en: ',' };
const BOM = '\uFEFF';
const EOL = '\r\n';

/** RFC 4180: quote when the cell holds the separator, a quote or a line break; double inner quotes. */
function quote(text: string, sep: string): string {
  return text.includes(sep) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cell(value: Cell, locale: Lang): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return csvNumber(value, locale);
  return quote(value, SEPARATOR[locale]);
}

function render({ header, rows }: TableData, locale: Lang): string {
  const sep = SEPARATOR[locale];
  const lines = [header.map((h) => quote(h, sep)).join(sep), ...rows.map((r) => r.map((v) => cell(v, locale)).join(sep))];
  return (locale === 'sv' ? BOM : '') + lines.join(EOL) + EOL;
}

/** Form ids in a stable order: first appearance across scenarios, so an added form lands after the model's own. */
export function formIds(result: ComparisonResult): string[] {
  const seen = new Set<string>();
  for (const s of result.scenarios) {
    for (const period of result.periods) {
      const p = s.periods[period];
      if (p) for (const id of Object.keys(p.cost.byForm)) seen.add(id);
    }
  }
  return [...seen];
}

function periodRow(s: ScenarioResult, period: string, p: PeriodResult, forms: string[]): Cell[] {
  return [...PERIOD_TABLE.map((c) => c.cell(p, s, period)), ...forms.map((f) => p.cost.byForm[f])];
}

function periodsTable(result: ComparisonResult): TableData {
  const forms = formIds(result);
  const rows: Cell[][] = [];
  for (const s of result.scenarios) {
    for (const period of result.periods) {
      const p = s.periods[period];
      if (p) rows.push(periodRow(s, period, p, forms));
    }
  }
  return { header: [...PERIOD_COLUMNS, ...forms.map((f) => `cost_${f}`)], rows };
}

function monthlyTable(result: ComparisonResult): TableData {
  const rows: Cell[][] = [];
  for (const s of result.scenarios) {
    result.months.forEach((month, m) => {
      rows.push([s.id, s.label, month, ...FAN_KEYS.map((k) => s.monthly.cost[k][m]), ...FAN_KEYS.map((k) => s.monthly.census[k][m])]);
    });
  }
  return { header: [...MONTHLY_COLUMNS], rows };
}

function deltaTable(result: ComparisonResult): TableData {
  const rows: Cell[][] = [];
  // The first scenario is the baseline by contract; it has no delta to itself.
  for (const s of result.scenarios.slice(1)) {
    for (const period of result.periods) {
      const p = s.periods[period];
      if (!p) continue;
      rows.push([...DELTA_PERIOD_COLUMNS.map((c) => c.cell(p, s, period)), s.breakEven?.probWithinHorizon, s.breakEven?.medianMonth]);
    }
  }
  return { header: [...DELTA_COLUMNS], rows };
}

/**
 * One table of the result as data: the CSV's columns and cells before formatting (numbers as numbers, SEK and
 * shares 0..1 as in the result). The CSV writes it as text; the workbook (xlsx.ts) writes the same cells.
 */
export function tableData(result: ComparisonResult, table: CsvTable): TableData {
  switch (table) {
    case 'periods':
      return periodsTable(result);
    case 'monthly':
      return monthlyTable(result);
    case 'delta':
      return deltaTable(result);
    default: {
      const never: never = table;
      throw new RangeError(`unknown CSV table "${String(never)}"`);
    }
  }
}

/** One table of the result as CSV text (BOM included for 'sv'); write it to a file as UTF-8. */
export function toCsv(result: ComparisonResult, opts: CsvOptions): string {
  return render(tableData(result, opts.table), opts.locale);
}
