/**
 * The placement-records reader (simulation/calibration/records.ts): both Excel dialects, every error with its
 * row and column, skipping, scale, and the step-down rule (model-spec section 6).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_PROBLEMS, linkEpisodes, parseAmount, parseRecords, type PlacementRecord } from '../../simulation/calibration/records.js';
import { RECORD_FORMS, swedishExcelRecords } from '../../bench/records-file.js';

const HEADER = 'episode_id,person_id,segment,form,start_date,end_date,daily_cost';
const FORMS = { familjehem: 'bou', hvb: 'bou', institution: 'vuxen' };
// shared/ stands beside the repository, on developers' machines and in CI alike.
const SHARED = new URL('../../../shared/data/placements-midsize.csv', import.meta.url);

/** Characters that String.prototype.indexOf examines while `fn` runs: a count of the reader's work. */
function countIndexOfScans(fn: () => void): number {
  const original = String.prototype.indexOf;
  let scanned = 0;
  String.prototype.indexOf = function (this: string, search: string, from = 0) {
    const at = original.call(this, search, from);
    scanned += (at < 0 ? this.length : at + search.length) - Math.max(0, Math.min(from, this.length));
    return at;
  };
  try {
    fn();
  } finally {
    String.prototype.indexOf = original;
  }
  return scanned;
}

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n';
}

function rec(episodeId: string, personId: string, form: string, start: string, end: string | null): PlacementRecord {
  return { row: 0, episodeId, personId, segment: 'bou', form, start, end, dailyCost: null };
}

describe('parseRecords: dialects', () => {
  it('reads the comma / decimal point dialect', () => {
    const r = parseRecords(
      csv('E1,P1,bou,familjehem,2016-01-20,2016-09-10,842.15', 'E2,P2,bou,hvb,2016-02-10,,4810.00', 'E3,P3,bou,hvb,2016-03-01,2016-03-01,'),
    );
    expect(r.problems).toEqual([]);
    expect(r.records).toEqual([
      {
        row: 2,
        episodeId: 'E1',
        personId: 'P1',
        segment: 'bou',
        form: 'familjehem',
        start: '2016-01-20',
        end: '2016-09-10',
        dailyCost: 842.15,
      },
      { row: 3, episodeId: 'E2', personId: 'P2', segment: 'bou', form: 'hvb', start: '2016-02-10', end: null, dailyCost: 4810 },
      { row: 4, episodeId: 'E3', personId: 'P3', segment: 'bou', form: 'hvb', start: '2016-03-01', end: '2016-03-01', dailyCost: null },
    ]);
  });

  it('reads the Swedish Excel dialect: BOM, CRLF, semicolons, decimal comma, grouped thousands, quoted fields', () => {
    const text =
      '\uFEFF' +
      [
        'Episode_ID ; person_id;SEGMENT;form;start_date;end_date;daily_cost;label',
        'E1;P1;bou;familjehem;2016-01-20;2016-09-10;842,15;"Familjehem; egna"',
        'E2;P2;bou;hvb;2016-02-10;;"4 810,50";"säger ""hej"""',
        'E3;P3;bou;hvb;2016-02-11;;4\u00a0810,50;"two',
        'lines"',
        'E4;P4;bou;hvb;2016-02-12;;12\u202f345;plain',
      ].join('\r\n') +
      '\r\n';
    const r = parseRecords(text, { forms: FORMS });
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => [x.row, x.episodeId, x.dailyCost, x.end])).toEqual([
      [2, 'E1', 842.15, '2016-09-10'],
      [3, 'E2', 4810.5, null],
      [4, 'E3', 4810.5, null],
      // The quoted label spans two lines, so E4 is on line 6.
      [6, 'E4', 12345, null],
    ]);
  });

  it('ignores extra columns in any position, and accepts a file without a daily_cost column', () => {
    const text = 'note,form,episode_id,segment,person_id,start_date,end_date,region\nx,hvb,E1,bou,P1,2020-01-01,,north\n';
    const r = parseRecords(text);
    expect(r.problems).toEqual([]);
    expect(r.records[0]).toMatchObject({ episodeId: 'E1', form: 'hvb', personId: 'P1', dailyCost: null });
  });

  it('has no final newline requirement and skips blank lines', () => {
    const r = parseRecords(`${HEADER}\n\nE1,P1,bou,hvb,2020-01-01,,100\n\nE2,P1,bou,hvb,2020-02-01,,100`);
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => x.row)).toEqual([3, 5]);
  });

  it('parses amounts in both locales', () => {
    expect(parseAmount('1 234,50')).toBe(1234.5);
    expect(parseAmount('1.234,50')).toBe(1234.5);
    expect(parseAmount('1,234.50')).toBe(1234.5);
    expect(parseAmount('842')).toBe(842);
    expect(parseAmount('2020-02-29')).toBeNaN();
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('12,3,4')).toBeNaN();
    expect(parseAmount('abc')).toBeNaN();
  });
});

describe('parseRecords: errors name row and column', () => {
  it('reports a missing required column on row 1', () => {
    const r = parseRecords('episode_id,person_id,segment,form,start_date,daily_cost\nE1,P1,bou,hvb,2020-01-01,1\n');
    expect(r.records).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ row: 1, column: 'end_date' })]);
    expect(r.problems[0].message).toMatch(/missing required column "end_date"/);
  });

  it.each([
    ['bad date', 'E1,P1,bou,hvb,2020-13-01,,100', 'start_date', /not a date/],
    ['not a calendar date', 'E1,P1,bou,hvb,2020-01-01,2021-02-29,100', 'end_date', /not a date/],
    ['typo year', 'E1,P1,bou,hvb,0202-01-01,,100', 'start_date', /not a date/],
    ['leap day in a common year', 'E1,P1,bou,hvb,2019-02-29,,100', 'start_date', /not a date/],
    ['wrong date format', 'E1,P1,bou,hvb,01/02/2020,,100', 'start_date', /not a date/],
    ['end before start', 'E1,P1,bou,hvb,2020-05-01,2020-04-30,100', 'end_date', /before start_date/],
    ['empty episode_id', ',P1,bou,hvb,2020-01-01,,100', 'episode_id', /empty/],
    ['empty person_id', 'E1,,bou,hvb,2020-01-01,,100', 'person_id', /empty/],
    ['empty segment', 'E1,P1,,hvb,2020-01-01,,100', 'segment', /empty/],
    ['empty form', 'E1,P1,bou,,2020-01-01,,100', 'form', /empty/],
    ['empty start', 'E1,P1,bou,hvb,,,100', 'start_date', /empty/],
    ['short row', 'E1,P1,bou,hvb', 'start_date', /empty/],
    ['negative cost', 'E1,P1,bou,hvb,2020-01-01,,-5', 'daily_cost', /negative/],
    ['non-numeric cost', 'E1,P1,bou,hvb,2020-01-01,,abc', 'daily_cost', /not a number/],
    ['cost above the model’s limit', 'E1,P1,bou,hvb,2020-01-01,,40000000000', 'daily_cost', /40000000000 is more than the model allows/],
  ])('%s', (_name, line, column, message) => {
    const r = parseRecords(csv('E0,P0,bou,hvb,2020-01-01,,100', line));
    expect(r.records).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ row: 3, column });
    expect(r.problems[0].message).toMatch(message);
  });

  it('reports a row with more fields than the header, rather than cutting a value (an unquoted decimal comma)', () => {
    const r = parseRecords(csv('E1,P1,bou,hvb,2020-01-01,,842.15', 'E2,P2,bou,hvb,2016-01-20,2016-09-10,842,15'));
    expect(r.records).toEqual([]);
    expect(r.problems).toEqual([
      {
        row: 3,
        column: '',
        message: '8 fields but the header has 7 (a decimal comma in a comma-separated file must be in quotes, "842,15")',
      },
    ]);
    const semi = parseRecords(csv('E1,P1,bou,hvb,2020-01-01,,842.15').replaceAll(',', ';') + 'E2;P2;bou;hvb;2020-01-01;;842;15\n');
    expect(semi.problems).toEqual([{ row: 3, column: '', message: '8 fields but the header has 7' }]);
  });

  it('accepts empty fields after the last column, which lose nothing', () => {
    const r = parseRecords(csv('E1,P1,bou,hvb,2020-01-01,,842.15,,', 'E2,P2,bou,hvb,2020-01-01,,"842,15", '));
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => x.dailyCost)).toEqual([842.15, 842.15]);
  });

  it('reports a duplicate episode_id on the later row, naming the first', () => {
    const r = parseRecords(csv('E1,P1,bou,hvb,2020-01-01,,100', 'E2,P2,bou,hvb,2020-01-01,,100', 'E1,P3,bou,hvb,2020-01-01,,100'));
    expect(r.problems).toEqual([{ row: 4, column: 'episode_id', message: expect.stringMatching(/duplicate.*row 2/) }]);
  });

  it('checks forms and segments only when the known forms are given', () => {
    const text = csv('E1,P1,bou,unknown_form,2020-01-01,,1', 'E2,P2,mars,hvb,2020-01-01,,1', 'E3,P3,bou,institution,2020-01-01,,1');
    expect(parseRecords(text).problems).toEqual([]);
    const r = parseRecords(text, { forms: FORMS });
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'form'],
      [3, 'segment'],
      [3, 'form'],
      [4, 'form'],
    ]);
    expect(r.problems[0].message).toMatch(/unknown form "unknown_form"/);
    expect(r.problems[1].message).toMatch(/unknown segment "mars"/);
    expect(r.problems[3].message).toMatch(/belongs to segment "vuxen", not "bou"/);
  });

  it('reports every bad row, not only the first', () => {
    const r = parseRecords(
      csv(
        'E1,P1,bou,hvb,2020-01-01,,1',
        'E2,P2,bou,hvb,2020-02-30,,1',
        'E3,P3,bou,hvb,2020-01-01,,1',
        'E4,P4,bou,hvb,2020-01-01,,x',
        'E5,,bou,hvb,2020-01-01,,1',
      ),
    );
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'start_date'],
      [5, 'daily_cost'],
      [6, 'person_id'],
    ]);
  });

  it('caps the list with a final "and N more" problem', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `E${i},P${i},bou,hvb,not-a-date,,1`);
    const r = parseRecords(csv(...rows));
    expect(r.problems).toHaveLength(MAX_PROBLEMS);
    expect(r.problems[MAX_PROBLEMS - 2]).toMatchObject({ row: MAX_PROBLEMS, column: 'start_date' });
    expect(r.problems[MAX_PROBLEMS - 1].message).toBe(`… and ${1500 - (MAX_PROBLEMS - 1)} more problems`);
    expect(r.problemCount).toBe(1500);
  });

  it('skipBadRows drops bad rows, counts them, and keeps the good ones', () => {
    const text = csv(
      'E1,P1,bou,hvb,2020-01-01,,1',
      'E2,P2,bou,hvb,2020-02-30,,1',
      'E3,P3,bou,hvb,2020-01-05,2020-01-01,1',
      'E1,P4,bou,hvb,2020-01-01,,1',
      'E5,P5,bou,hvb,2020-01-01,,1',
    );
    const r = parseRecords(text, { skipBadRows: true });
    expect(r.problems).toEqual([]);
    expect(r.skipped).toBe(3);
    expect(r.records.map((x) => x.episodeId)).toEqual(['E1', 'E5']);
    expect(r.dropped.map((p) => p.row)).toEqual([3, 4, 5]);
    // A row with two problems is still one skipped row.
    const two = parseRecords(csv('E1,,bou,hvb,bad,,1', 'E2,P2,bou,hvb,2020-01-01,,1'), { skipBadRows: true });
    expect(two.skipped).toBe(1);
    expect(two.dropped).toHaveLength(2);
  });

  it('skipBadRows still fails when nothing is left, or the header is wrong', () => {
    expect(parseRecords(csv('E1,P1,bou,hvb,bad,,1'), { skipBadRows: true }).problems[0].message).toBe(
      'the 1 record is bad; nothing left after skipping it',
    );
    expect(parseRecords('a,b\n1,2\n', { skipBadRows: true }).problems.length).toBeGreaterThan(0);
  });

  it('rejects an empty file and a header-only file with a clear message', () => {
    for (const text of ['', '\uFEFF', '  \r\n\n']) {
      const r = parseRecords(text);
      expect(r.problems).toEqual([{ row: 1, column: '', message: expect.stringMatching(/empty/) }]);
    }
    for (const text of [HEADER, `${HEADER}\r\n`, `${HEADER}\n\n\n`]) {
      const r = parseRecords(text);
      expect(r.problems).toEqual([{ row: 1, column: '', message: expect.stringMatching(/header but no placement records/) }]);
    }
  });

  it('reports an unclosed quote', () => {
    const r = parseRecords(csv('E1,P1,bou,hvb,2020-01-01,,1', 'E2,P2,bou,"hvb,2020-01-01,,1'));
    expect(r.problems.some((p) => p.row === 3 && /never closed/.test(p.message))).toBe(true);
  });
});

describe('parseRecords: real and large files', () => {
  it('reads the shared midsize records without problems', () => {
    const text = readFileSync(SHARED, 'utf8');
    const forms = {
      familjehem_egna: 'bou',
      familjehem_konsulent: 'bou',
      hvb: 'bou',
      sis: 'bou',
      stodboende: 'bou',
      familjehem_vuxen: 'vuxen',
      institution: 'vuxen',
      skyddat_boende: 'vuxen',
    };
    const r = parseRecords(text, { forms });
    expect(r.problems).toEqual([]);
    // 882 lines: the header and 881 episodes.
    expect(r.records).toHaveLength(881);
    expect(r.records.filter((x) => x.end === null)).toHaveLength(77);
    const episodes = linkEpisodes(r.records);
    const stepDowns = episodes.filter((e) => e.stepDownFrom !== null);
    expect(stepDowns.length).toBeGreaterThan(0);
    expect(stepDowns.length).toBeLessThan(episodes.length / 2);
    // A step-down is a move between forms in the shared data.
    const byId = new Map(episodes.map((e) => [e.episodeId, e]));
    expect(stepDowns.every((e) => byId.get(e.episodeId)!.stepDownFrom !== e.form)).toBe(true);
  });

  it('reads 100,000 rows in the Swedish Excel dialect', () => {
    const r = parseRecords(swedishExcelRecords(100_000), { forms: RECORD_FORMS });
    const episodes = linkEpisodes(r.records);
    expect(r.problems).toEqual([]);
    expect(r.records).toHaveLength(100_000);
    expect(r.records[99_999]).toMatchObject({ episodeId: 'E99999', form: 'hvb', dailyCost: 1000 + (99_999 % 997) + 0.5 });
    expect(episodes).toHaveLength(100_000);
  });

  // Reading is one pass: the characters the reader scans grow with the file, not with its square. Counted, not
  // timed, so the verdict does not depend on how busy the machine is (timings are in `npm run bench:records`).
  it('scans each character a bounded number of times, whatever the number of rows', () => {
    const perChar = (rows: number) => {
      const text = swedishExcelRecords(rows);
      const scanned = countIndexOfScans(() => parseRecords(text, { forms: RECORD_FORMS }));
      return scanned / text.length;
    };
    const small = perChar(10_000);
    const large = perChar(40_000);
    expect(small).toBeGreaterThan(0.5); // the premise: the reader does scan through indexOf
    expect(large).toBeLessThan(small * 1.1);
  });

  it('keeps the problem list and the cost of reporting bounded when every row is bad', () => {
    const lines = [HEADER];
    for (let i = 0; i < 100_000; i++) lines.push(`E1,P${i},bou,hvb,2020-01-01,,1`);
    const r = parseRecords(lines.join('\n'), { skipBadRows: true });
    expect(r.records).toHaveLength(1);
    expect(r.skipped).toBe(99_999);
    expect(r.dropped).toHaveLength(MAX_PROBLEMS);
    const perRow = (rows: number) => {
      const text = [HEADER, ...lines.slice(1, rows + 1)].join('\n');
      return countIndexOfScans(() => parseRecords(text, { skipBadRows: true })) / rows;
    };
    expect(perRow(40_000)).toBeLessThan(perRow(10_000) * 1.1);
  });

  it('names a huge header line without repeating it', () => {
    const r = parseRecords('x'.repeat(1_000_000) + '\n' + 'E1,P1,bou,hvb,2020-01-01,,1\n');
    expect(r.problems.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.problems).length).toBeLessThan(10_000);
  });
});

describe('linkEpisodes', () => {
  it('a gap of exactly 7 days is a step-down, 8 days a new entry', () => {
    const e = linkEpisodes([
      rec('A1', 'PA', 'hvb', '2020-01-01', '2020-01-10'),
      rec('A2', 'PA', 'familjehem', '2020-01-17', null),
      rec('B1', 'PB', 'hvb', '2020-01-01', '2020-01-10'),
      rec('B2', 'PB', 'familjehem', '2020-01-18', null),
    ]);
    const by = new Map(e.map((x) => [x.episodeId, x]));
    expect(by.get('A1')).toMatchObject({ stepDownFrom: null, lengthDays: 10 });
    expect(by.get('A2')).toMatchObject({ stepDownFrom: 'hvb', lengthDays: null });
    expect(by.get('B2')!.stepDownFrom).toBeNull();
  });

  it('sorts each person by start regardless of input order, and chains moves', () => {
    const e = linkEpisodes([
      rec('3', 'P', 'c', '2020-03-01', null),
      rec('1', 'P', 'a', '2020-01-01', '2020-01-31'),
      rec('2', 'P', 'b', '2020-02-01', '2020-02-28'),
    ]);
    expect(e.map((x) => [x.episodeId, x.stepDownFrom])).toEqual([
      ['1', null],
      ['2', 'a'],
      ['3', 'b'],
    ]);
  });

  it('never links different persons', () => {
    const e = linkEpisodes([rec('1', 'P1', 'a', '2020-01-01', '2020-01-10'), rec('2', 'P2', 'b', '2020-01-11', null)]);
    expect(e.every((x) => x.stepDownFrom === null)).toBe(true);
  });

  it('never links to an ongoing previous episode, nor to one starting the same day', () => {
    const e = linkEpisodes([
      rec('1', 'P', 'a', '2020-01-01', null),
      rec('2', 'P', 'b', '2020-01-05', null),
      rec('3', 'Q', 'a', '2020-01-01', '2020-01-01'),
      rec('4', 'Q', 'b', '2020-01-01', null),
    ]);
    expect(e.every((x) => x.stepDownFrom === null)).toBe(true);
  });

  it('accepts a leap day and counts lengths across it', () => {
    const e = linkEpisodes([rec('1', 'P', 'a', '2020-02-28', '2020-03-01')]);
    expect(e[0].lengthDays).toBe(3);
  });

  it('a later entry after a long gap is a re-entry', () => {
    const e = linkEpisodes([rec('1', 'P', 'a', '2018-01-01', '2018-06-30'), rec('2', 'P', 'a', '2019-01-01', '2019-03-01')]);
    expect(e[1]).toMatchObject({ stepDownFrom: null, lengthDays: 60 });
  });
});
