/**
 * `npm run calibrate` end to end, as a child process: the shared records calibrate into a model that passes
 * parseModel; bad files exit 2 naming row and column; --skip-bad-rows drops the bad rows and says how many;
 * bad options exit 2 naming the option.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli-process.js';
import { afterAll, describe, expect, it } from 'vitest';
import { parseModel } from '../../simulation/schema.js';

const SHARED = fileURLToPath(new URL('../../../shared/data/placements-midsize.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'pp-calibrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => runCli('functions/cli/calibrate.ts', args);

const HEADER = 'episode_id,person_id,segment,form,start_date,end_date,daily_cost';
const GOOD = [
  'E1,P1,bou,hvb,2020-01-10,2020-05-01,4000',
  'E2,P2,bou,hvb,2020-03-01,2020-09-15,4100',
  'E3,P3,bou,hvb,2021-02-01,2021-06-30,4200',
  'E4,P4,bou,hvb,2021-05-01,,4300',
  'E5,P5,bou,hvb,2022-01-15,2022-04-01,4400',
  'E6,P6,bou,hvb,2022-06-01,,4500',
];

describe('npm run calibrate', () => {
  it('calibrates the shared records into a model that passes parseModel, with the report table on stderr', async () => {
    const reportFile = join(dir, 'report.json');
    const r = await run(['--records', SHARED, '--report', reportFile, '--lang', 'en']);
    expect(r.stderr).toContain('Calibration – fit report');
    expect(r.code).toBe(0);
    const model = parseModel(JSON.parse(r.stdout));
    expect(model.forms.length).toBe(8);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { forms: unknown[]; segments: unknown[]; initialCaseload: number };
    expect(report.initialCaseload).toBeGreaterThan(0);
    expect(report.forms.length).toBe(8);
    expect(report.segments.length).toBe(2);
    expect(r.stderr).toMatch(/Kaplan–Meier/);
  });

  it('writes the model to --out and prints Swedish by default', async () => {
    const out = join(dir, 'sub', 'model.json');
    const r = await run(['--records', SHARED, '--out', out, '--start', '2026-01', '--horizon', '36']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Kalibrering – anpassningsrapport');
    const model = parseModel(JSON.parse(readFileSync(out, 'utf8')));
    expect(model.start).toBe('2026-01');
    expect(model.horizonMonths).toBe(36);
  });

  it('a file with a missing column exits 2 naming the column', async () => {
    const file = join(dir, 'missing.csv');
    writeFileSync(file, ['episode_id,person_id,segment,form,start_date,daily_cost', 'E1,P1,bou,hvb,2020-01-10,4000'].join('\n'));
    const r = await run(['--records', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/row 1, column end_date: /);
    expect(r.stdout).toBe('');
  });

  it('a bad date exits 2 with its row and column; --skip-bad-rows drops it and says how many', async () => {
    const file = join(dir, 'baddate.csv');
    writeFileSync(file, [HEADER, ...GOOD.slice(0, 2), 'E9,P9,bou,hvb,2020-02-31,2020-05-01,4000', ...GOOD.slice(2)].join('\n') + '\n');
    const bad = await run(['--records', file, '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/row 4, column start_date: /);
    const sv = await run(['--records', file]);
    expect(sv.code).toBe(2);
    expect(sv.stderr).toMatch(/rad 4, kolumn start_date: /);

    const skipped = await run(['--records', file, '--skip-bad-rows', '--lang', 'en']);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain('Skipped 1 bad row.');
    parseModel(JSON.parse(skipped.stdout));
  });

  it('a row with more fields than the header exits 2 naming the row (not a value cut at its decimal comma)', async () => {
    const file = join(dir, 'comma-decimal.csv');
    writeFileSync(file, [HEADER, ...GOOD.slice(0, 3), 'E4,P4,bou,hvb,2021-05-01,,4300,50', ...GOOD.slice(4)].join('\n'));
    const r = await run(['--records', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Ogiltiga rader i filen (1 fel):\n  rad 5: 8 fields but the header has 7');
  });

  it('counts every problem in the heading when the list is cut at 1000', async () => {
    const file = join(dir, 'many.csv');
    writeFileSync(file, [HEADER, ...Array.from({ length: 1500 }, (_, i) => `E${i},P${i},bou,hvb,2020-02-30,,x`)].join('\n'));
    const r = await run(['--records', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Ogiltiga rader i filen (3000 fel):');
    expect(r.stderr).toContain(`… and ${3000 - 999} more problems`);
  });

  it('a --to after the records, or a --start before them, exits 2 naming the option and why', async () => {
    const to = await run(['--records', SHARED, '--to', '2030-01-01']);
    expect(to.code).toBe(2);
    expect(to.stdout).toBe('');
    expect(to.stderr).toContain('--to: 2030-01-01 is after the month of the last date in the records (2025-12-31)');
    const start = await run(['--records', SHARED, '--start', '2010-01', '--to', '2022-12-31']);
    expect(start.code).toBe(2);
    expect(start.stderr).toContain('--start: 2010-01 is before the data window begins (2016-01-03)');
  });

  it('bad options exit 2 naming the option', async () => {
    for (const [args, option] of [
      [['--records', SHARED, '--from', '2020-13-01'], '--from'],
      [['--records', SHARED, '--to', '20201231'], '--to'],
      [['--records', SHARED, '--start', '2026-1'], '--start'],
      [['--records', SHARED, '--horizon', '241'], '--horizon'],
      [['--records', SHARED, '--horizon', '0'], '--horizon'],
      // Plain decimal digits only: hexadecimal or exponent spellings are not read as 36.
      [['--records', SHARED, '--horizon', '0x24'], '--horizon'],
      [['--records', SHARED, '--horizon', '3.6e1'], '--horizon'],
      [['--records', SHARED, '--lang', 'de'], '--lang'],
      [[], '--records'],
    ] as const) {
      const r = await run([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(option);
    }
    const missing = await run(['--records', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--records');
  });
});

describe('npm run calibrate on a file of 100,000 rows', () => {
  /** `;` and decimal comma as Swedish Excel writes them, one bad date near the end. */
  function bigFile(): string {
    const lines = ['\uFEFFepisode_id;person_id;segment;form;start_date;end_date;daily_cost'];
    const day = 86_400_000;
    for (let i = 0; i < 100_000; i++) {
      const start = Date.UTC(2016, 0, 1) + (i % 3650) * day;
      const end = start + (20 + (i % 400)) * day;
      const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
      const endText = end < Date.UTC(2026, 0, 1) ? iso(end) : '';
      const startText = i === 99_990 ? '2021-02-30' : iso(start);
      lines.push(`E${i};P${i};bou;${i % 3 === 0 ? 'hvb' : 'familjehem'};${startText};${endText};${1000 + (i % 500)},50`);
    }
    return lines.join('\r\n');
  }

  it('reports the bad row with its row and column, and calibrates the rest with --skip-bad-rows', async () => {
    const file = join(dir, 'big.csv');
    writeFileSync(file, bigFile());
    const bad = await run(['--records', file, '--lang', 'en']);
    expect(bad.code).toBe(2);
    // Row numbers count the header as row 1.
    expect(bad.stderr).toContain('row 99992, column start_date');
    const good = await run(['--records', file, '--skip-bad-rows', '--lang', 'en', '--out', join(dir, 'big-model.json')]);
    expect(good.code).toBe(0);
    expect(good.stderr).toContain('Skipped 1 bad row');
    const model = parseModel(JSON.parse(readFileSync(join(dir, 'big-model.json'), 'utf8')));
    expect(model.forms.map((f) => f.id).sort()).toEqual(['familjehem', 'hvb']);
  });
});
