/**
 * Every command line reads its files as UTF-8 only: a Windows-1252 records file, model or scenarios file exits 2
 * with the option, the first byte it cannot read and its line, and the advice to save it as UTF-8, instead of
 * being read with U+FFFD in place of å, ä and ö.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'pp-encoding-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const EXAMPLE = fileURLToPath(new URL('../../examples/reference-midsize.json', import.meta.url));

/** Text written as Windows-1252 (Latin-1 covers every letter used here). */
function cp1252(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(text, 'latin1'));
  return file;
}

const RECORDS = cp1252(
  'records.csv',
  [
    'episode_id;person_id;segment;form;start_date;end_date;daily_cost',
    'E1;P1;bou;hvb;2020-01-10;2020-05-01;4000',
    'E2;P2;bou;skyddat_boende_våld;2020-03-01;;4100',
  ].join('\r\n'),
);

describe('files that are not UTF-8', () => {
  it('calibrate --records exits 2 naming the byte and line, in Swedish and English', async () => {
    const r = await runCli('functions/cli/calibrate.ts', ['--records', RECORDS]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`--records: ${RECORDS} är inte UTF-8 (byte 0xE5 på rad 3); spara filen som UTF-8 (i Excel: "CSV UTF-8")`);
    expect(r.stderr).toContain(`--records: ${RECORDS} is not UTF-8 (byte 0xE5 on line 3); save the file as UTF-8`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('backtest --records exits 2 the same way', async () => {
    const r = await runCli('functions/cli/backtest.ts', ['--records', RECORDS, '--cutoff', '2020-02-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('är inte UTF-8 (byte 0xE5 på rad 3)');
  });

  it('simulate --model and --scenarios exit 2 the same way', async () => {
    const model = cp1252('model.json', '{"version":1,"name":"Placeringsprognos – Småkommun"}'.replace('–', '-'));
    const m = await runCli('functions/cli/simulate.ts', ['--model', model, '--trials', '10']);
    expect(m.code).toBe(2);
    expect(m.stdout).toBe('');
    expect(m.stderr).toContain(`--model: ${model} är inte UTF-8 (byte 0xE5 på rad 1); spara filen som UTF-8 och försök igen.`);
    const scenarios = cp1252('scenarios.json', '[\n{"id":"a","label":"Förstärkt familjehem","options":[]}]');
    const s = await runCli('functions/cli/simulate.ts', ['--model', EXAMPLE, '--scenarios', scenarios, '--trials', '10']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain(`--scenarios: ${scenarios} är inte UTF-8 (byte 0xF6 på rad 2)`);
  });
});
