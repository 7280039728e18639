/**
 * Placement records (model-spec section 6): the case-system export that calibration starts from.
 *
 * Pure: takes the file's text, never touches the file system, so the CLI, the HTTP endpoint and the tests share
 * one reader. The CSV splitting is written here rather than taken from csv-parse because csv-parse is only a dev
 * dependency, and the dialect we must accept is small (one separator, RFC 4180 quotes); a line-at-a-time fast
 * path keeps 100,000 rows well under a second.
 */

import { RANGES } from '../schema-parts.js';

export interface PlacementRecord {
  /** 1-based line number in the file where the record starts (header = 1), for messages downstream. */
  row: number;
  episodeId: string;
  personId: string;
  segment: string;
  form: string;
  /** YYYY-MM-DD. */
  start: string;
  /** Last care day, YYYY-MM-DD; null = ongoing at extraction (right-censored). */
  end: string | null;
  dailyCost: number | null;
}

export interface RecordProblem {
  /** 1-based line number in the file, header = 1. */
  row: number;
  column: string;
  message: string;
}

export interface ParseRecordsOptions {
  /** Drop bad rows (counted in `skipped`, described in `dropped`) instead of failing the whole file. */
  skipBadRows?: boolean;
  /** Known form id -> segment id. When given, unknown forms and segments, and mismatches, are errors. */
  forms?: Record<string, string>;
}

export interface ParseRecordsResult {
  /** Empty whenever `problems` is non-empty, so a caller cannot calibrate on half a file by accident. */
  records: PlacementRecord[];
  /** Rows dropped under `skipBadRows`. */
  skipped: number;
  /** Problems that make the result unusable. Non-empty = failure. Capped at MAX_PROBLEMS entries. */
  problems: RecordProblem[];
  /** How many problems there are in all, including those the capped list sums up in its last entry. */
  problemCount: number;
  /** Under `skipBadRows`: why each dropped row was dropped (capped the same way). Otherwise empty. */
  dropped: RecordProblem[];
}

export type Episode = PlacementRecord & {
  /** Form of the episode this one stepped down from; null = an entry into care. */
  stepDownFrom: string | null;
  /** end - start + 1 days; null if ongoing. */
  lengthDays: number | null;
};

/** A person moving to a new form within this many days after the last care day is a step-down, not a new entry. */
export const STEP_DOWN_GAP_DAYS = 7;

/** The model's limit on a price per day (`money` in schema-parts.ts): a larger one could never be a form's price. */
export const MAX_DAILY_COST = RANGES.money.max;

/** A file with a systematic fault would otherwise produce one message per row; nobody reads 100,000 of them. */
export const MAX_PROBLEMS = 1000;

export const REQUIRED_COLUMNS = ['episode_id', 'person_id', 'segment', 'form', 'start_date', 'end_date'] as const;
/** daily_cost may be absent altogether: prices are optional in the model (forms without prices get a placeholder). */
export const OPTIONAL_COLUMNS = ['daily_cost'] as const;

type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const MS_PER_DAY = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 for a real calendar date, or null (rejects 2023-02-30 and friends). */
export function dayNumber(s: string): number | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  // Years before 1900 are typos (0202-01-01), and Date.UTC would misread years below 100 anyway.
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return null;
  // Checked against the month's length: Date.UTC would silently roll 2023-02-30 over into March.
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (mo === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[mo - 1])) return null;
  return Math.round(Date.UTC(y, mo - 1, d) / MS_PER_DAY);
}

/**
 * Money as exported by Excel in either locale: `4810.00`, `4810,00`, `4 810,00` (space, no-break or narrow
 * no-break space as grouping), `4,810.00`, `4.810,00`. With both marks present the last one is the decimal mark;
 * a single comma alone is a decimal comma (Swedish exports never group with commas).
 */
export function parseAmount(raw: string): number | null {
  let s = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const grouped = new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+\\${decimal}\\d+$`);
    if (!grouped.test(s)) return Number.NaN;
    s = s.split(group).join('').replace(decimal, '.');
  } else if (lastComma >= 0) {
    if (s.indexOf(',') !== lastComma) return Number.NaN;
    s = s.replace(',', '.');
  }
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return Number.NaN;
  return Number(s);
}

interface RawRow {
  line: number;
  fields: string[];
  /** Set when a quoted field never closed: the rest of the file was swallowed into this row. */
  unterminated?: boolean;
}

/** The separator is whichever of `;` and `,` occurs more often outside quotes in the header line. */
function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semis = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (c === 10) break;
      if (c === 44) commas++;
      else if (c === 59) semis++;
    }
  }
  return semis > commas ? ';' : ',';
}

/** RFC 4180 rows with the line each starts on; quoted fields may hold separators, quotes ("") and newlines. */
function* readRows(text: string, sep: string): Generator<RawRow> {
  const n = text.length;
  let pos = 0;
  let line = 1;
  while (pos < n) {
    const rowLine = line;
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = n;
    let lineEnd = nl;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const lineText = text.slice(pos, lineEnd);
    if (lineText.indexOf('"') < 0) {
      // Fast path: the vast majority of export lines carry no quotes at all.
      pos = nl + 1;
      line++;
      yield { line: rowLine, fields: lineText.split(sep) };
      continue;
    }
    const fields: string[] = [];
    let field = '';
    let unterminated = false;
    for (;;) {
      if (text[pos] === '"') {
        pos++;
        for (;;) {
          const q = text.indexOf('"', pos);
          if (q < 0) {
            field += text.slice(pos);
            pos = n;
            unterminated = true;
            break;
          }
          const chunk = text.slice(pos, q);
          for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) line++;
          field += chunk;
          if (text[q + 1] === '"') {
            field += '"';
            pos = q + 2;
          } else {
            pos = q + 1;
            break;
          }
        }
      }
      // Unquoted text, or stray text after a closing quote (kept leniently, as Excel does).
      while (pos < n) {
        const c = text[pos];
        if (c === sep || c === '\n' || c === '\r') break;
        field += c;
        pos++;
      }
      fields.push(field);
      field = '';
      if (pos >= n) break;
      const c = text[pos];
      if (c === sep) {
        pos++;
        continue;
      }
      if (c === '\r') pos++;
      if (text[pos] === '\n') pos++;
      line++;
      break;
    }
    yield { line: rowLine, fields, unterminated };
  }
}

/** Keeps the first MAX_PROBLEMS - 1 problems and replaces the rest by one summary, so the list stays bounded. */
class ProblemList {
  readonly items: RecordProblem[] = [];
  private extra = 0;
  private firstExtraRow = 0;

  add(p: RecordProblem): void {
    if (this.items.length < MAX_PROBLEMS - 1) this.items.push(p);
    else if (this.extra++ === 0) this.firstExtraRow = p.row;
  }

  get total(): number {
    return this.items.length + this.extra;
  }

  finish(): RecordProblem[] {
    if (this.extra === 0) return this.items;
    return [...this.items, { row: this.firstExtraRow, column: '', message: `… and ${this.extra} more problems` }];
  }
}

function fail(problem: RecordProblem): ParseRecordsResult {
  return { records: [], skipped: 0, problems: [problem], problemCount: 1, dropped: [] };
}

/**
 * A value from the file, quoted for a message and cut to a readable length: a problem names what it saw,
 * but a 5 MB cell must not come back 5 MB long in every message about it.
 */
export function quoteValue(raw: string, max = 60): string {
  return JSON.stringify(raw.length > max ? raw.slice(0, max) + '…' : raw);
}

const MAX_HEADER_NAMES = 20;
export const TOO_MANY_FIELDS_HINT = ' (a decimal comma in a comma-separated file must be in quotes, "842,15")';

export function parseRecords(text: string, opts: ParseRecordsOptions = {}): ParseRecordsResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail({ row: 1, column: '', message: 'the file is empty: expected a header line and placement records' });

  const sep = detectSeparator(text);
  const rows = readRows(text, sep);
  const first = rows.next();
  if (first.done) return fail({ row: 1, column: '', message: 'the file is empty' });

  const header = first.value.fields.map((h) => h.trim().toLowerCase());
  const index = new Map<string, number>();
  const headerProblems: RecordProblem[] = [];
  header.forEach((h, i) => {
    if (!index.has(h)) index.set(h, i);
    else if ((REQUIRED_COLUMNS as readonly string[]).includes(h) || (OPTIONAL_COLUMNS as readonly string[]).includes(h)) {
      headerProblems.push({ row: 1, column: h, message: `column ${quoteValue(h)} appears more than once in the header` });
    }
  });
  const shown = header.slice(0, MAX_HEADER_NAMES).map((h) => quoteValue(h, 40));
  if (header.length > MAX_HEADER_NAMES) shown.push(`… ${header.length - MAX_HEADER_NAMES} more`);
  const headerHas = shown.join(', ') || 'nothing';
  for (const c of REQUIRED_COLUMNS) {
    if (!index.has(c)) {
      headerProblems.push({
        row: 1,
        column: c,
        message: `missing required column "${c}" (header has: ${headerHas}; separator "${sep}")`,
      });
    }
  }
  if (headerProblems.length > 0)
    return { records: [], skipped: 0, problems: headerProblems, problemCount: headerProblems.length, dropped: [] };

  const col = (c: Column): number => index.get(c) ?? -1;
  const iEpisode = col('episode_id');
  const iPerson = col('person_id');
  const iSegment = col('segment');
  const iForm = col('form');
  const iStart = col('start_date');
  const iEnd = col('end_date');
  const iCost = col('daily_cost');

  const forms = opts.forms;
  const knownSegments = forms ? new Set(Object.values(forms)) : null;
  const knownFormList = forms ? Object.keys(forms).join(', ') : '';

  const problems = new ProblemList();
  const records: PlacementRecord[] = [];
  const seen = new Map<string, number>();
  let badRows = 0;
  let dataRows = 0;

  for (const raw of rows) {
    const f = raw.fields;
    // Blank lines (often a trailing one, or several from Excel) carry no record.
    if (f.length === 1 && f[0].trim() === '') continue;
    dataRows++;
    const row = raw.line;
    const before = problems.total;
    const get = (i: number): string => (i >= 0 && i < f.length ? f[i].trim() : '');
    const report = (column: string, message: string): void => problems.add({ row, column, message });

    if (raw.unterminated) report('', 'a quoted field is never closed (missing ")');
    // More fields than the header names: a value was split (typically an unquoted decimal comma in a comma-separated
    // file), and reading the fields by position would silently cut it. Empty trailing fields lose nothing.
    if (f.length > header.length && f.slice(header.length).some((x) => x.trim() !== '')) {
      report('', `${f.length} fields but the header has ${header.length}` + (sep === ',' ? TOO_MANY_FIELDS_HINT : ''));
    }

    const episodeId = get(iEpisode);
    const personId = get(iPerson);
    const segment = get(iSegment);
    const form = get(iForm);
    const startRaw = get(iStart);
    const endRaw = get(iEnd);
    const costRaw = get(iCost);

    if (episodeId === '') report('episode_id', 'episode_id is empty');
    if (personId === '') report('person_id', 'person_id is empty');
    if (segment === '') report('segment', 'segment is empty');
    if (form === '') report('form', 'form is empty');

    let startDay: number | null = null;
    if (startRaw === '') report('start_date', 'start_date is empty');
    else {
      startDay = dayNumber(startRaw);
      if (startDay === null) report('start_date', `${quoteValue(startRaw)} is not a date (expected a real calendar date as YYYY-MM-DD)`);
    }
    if (endRaw !== '') {
      const endDay = dayNumber(endRaw);
      if (endDay === null)
        report('end_date', `${quoteValue(endRaw)} is not a date (expected a real calendar date as YYYY-MM-DD, or empty if ongoing)`);
      else if (startDay !== null && endDay < startDay) report('end_date', `end_date ${endRaw} is before start_date ${startRaw}`);
    }

    let dailyCost: number | null = null;
    if (costRaw !== '') {
      dailyCost = parseAmount(costRaw);
      if (dailyCost === null || Number.isNaN(dailyCost)) report('daily_cost', `${quoteValue(costRaw)} is not a number`);
      else if (dailyCost < 0) report('daily_cost', `daily_cost ${costRaw} is negative`);
      else if (dailyCost > MAX_DAILY_COST)
        report('daily_cost', `daily_cost ${costRaw} is more than the model allows (${MAX_DAILY_COST} kr per day)`);
    }

    if (forms && knownSegments) {
      if (segment !== '' && !knownSegments.has(segment)) {
        report('segment', `unknown segment ${quoteValue(segment)} (known: ${[...knownSegments].join(', ')})`);
      }
      if (form !== '') {
        const owner = Object.hasOwn(forms, form) ? forms[form] : undefined;
        if (owner === undefined) report('form', `unknown form ${quoteValue(form)} (known: ${knownFormList})`);
        else if (segment !== '' && owner !== segment)
          report('form', `form ${quoteValue(form)} belongs to segment "${owner}", not ${quoteValue(segment)}`);
      }
    }

    if (episodeId !== '') {
      const firstRow = seen.get(episodeId);
      if (firstRow !== undefined) report('episode_id', `duplicate episode_id ${quoteValue(episodeId)} (first on row ${firstRow})`);
    }

    if (problems.total > before) {
      badRows++;
      continue;
    }
    seen.set(episodeId, row);
    records.push({ row, episodeId, personId, segment, form, start: startRaw, end: endRaw === '' ? null : endRaw, dailyCost });
  }

  if (dataRows === 0) {
    return fail({ row: 1, column: '', message: 'the file has a header but no placement records' });
  }
  if (badRows === 0) return { records, skipped: 0, problems: [], problemCount: 0, dropped: [] };
  if (opts.skipBadRows) {
    if (records.length === 0) {
      return {
        records: [],
        skipped: badRows,
        problems: [
          {
            row: 1,
            column: '',
            message:
              badRows === 1
                ? 'the 1 record is bad; nothing left after skipping it'
                : `all ${badRows} records are bad; nothing left after skipping them`,
          },
        ],
        problemCount: 1,
        dropped: problems.finish(),
      };
    }
    return { records, skipped: badRows, problems: [], problemCount: 0, dropped: problems.finish() };
  }
  return { records: [], skipped: 0, problems: problems.finish(), problemCount: problems.total, dropped: [] };
}

/**
 * Episodes with entries into care told apart from step-downs. Returned sorted by start date (then episode id),
 * the order calibration counts entries in.
 *
 * Each person's episodes are taken in start order and each is compared with the one just before it only: a
 * step-down is a move out of a placement that has ended, so an ongoing previous episode never links, and an
 * episode starting on the same day as the previous one is a parallel record rather than a move.
 */
export function linkEpisodes(records: readonly PlacementRecord[]): Episode[] {
  const items = records.map((r) => {
    const startDay = dayNumber(r.start);
    if (startDay === null) throw new Error(`row ${r.row}: start_date "${r.start}" is not a date`);
    const endDay = r.end === null ? null : dayNumber(r.end);
    if (r.end !== null && endDay === null) throw new Error(`row ${r.row}: end_date "${r.end}" is not a date`);
    return { r, startDay, endDay };
  });
  const byStart = (a: (typeof items)[number], b: (typeof items)[number]): number =>
    a.startDay - b.startDay || (a.r.episodeId < b.r.episodeId ? -1 : a.r.episodeId > b.r.episodeId ? 1 : 0);

  const byPerson = new Map<string, (typeof items)[number][]>();
  for (const it of items) {
    const list = byPerson.get(it.r.personId);
    if (list) list.push(it);
    else byPerson.set(it.r.personId, [it]);
  }

  const stepDownFrom = new Map<(typeof items)[number], string>();
  for (const list of byPerson.values()) {
    list.sort(byStart);
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1];
      const cur = list[i];
      if (prev.endDay === null) continue;
      if (cur.startDay > prev.startDay && cur.startDay - prev.endDay <= STEP_DOWN_GAP_DAYS) {
        stepDownFrom.set(cur, prev.r.form);
      }
    }
  }

  return items
    .slice()
    .sort(byStart)
    .map((it) => ({
      ...it.r,
      stepDownFrom: stepDownFrom.get(it) ?? null,
      lengthDays: it.endDay === null ? null : it.endDay - it.startDay + 1,
    }));
}
