/**
 * `npm run backtest` as a child process: `--lang sv|en` (it had none) gives a wholly Swedish or wholly English table
 * and bad-row messages in calibrate's form; a bad --lang is refused with exit 2 naming it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process.js';

const SHARED = fileURLToPath(new URL('../../../shared/data/placements-midsize.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'pp-backtest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => runCli('functions/cli/backtest.ts', args);
const common = ['--records', SHARED, '--cutoff', '2022-12-31', '--years', '2', '--trials', '50', '--seed', '4'];

describe('npm run backtest --lang', () => {
  it('Swedish by default: Swedish headings, verdicts and coverage, cost in mkr', async () => {
    const r = await run(common);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^År +Insatsform +Mått +Utfall/m);
    expect(r.stdout).toMatch(/^2023 +totalt +kostnad \(mkr\) +\d+,\d +/m);
    expect(r.stdout).toMatch(/^Täckning: \d+\u00a0% \(\d+ av \d+ värden inom P10–P90\)$/m);
    expect(r.stdout).not.toMatch(/ \/ |Mkr|\byes\b|coverage/);
  });

  it('English with --lang en: English headings, verdicts and coverage, cost in MSEK', async () => {
    const r = await run([...common, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Year +Form +Measure +Outcome/m);
    expect(r.stdout).toMatch(/^2023 +total +cost \(MSEK\) +\d+\.\d +/m);
    expect(r.stdout).toMatch(/^Coverage: \d+% \(\d+ of \d+ figures inside P10–P90\)$/m);
    expect(r.stdout).not.toMatch(/ \/ |Mkr|mkr|År|\bja\b|Täckning|vårddygn/);
  });

  it('bad rows are reported as calibrate reports them, in the chosen language', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      ['episode_id,person_id,segment,form,start_date,end_date,daily_cost', 'E1,P1,bou,hvb,2020-02-31,2020-05-01,4000'].join('\n') + '\n',
    );
    const sv = await run(['--records', file, '--cutoff', '2022-12-31']);
    expect(sv.code).toBe(2);
    expect(sv.stderr).toMatch(/^Ogiltiga rader i filen \(1 fel\):\n {2}rad 2, kolumn start_date: /);
    const en = await run(['--records', file, '--cutoff', '2022-12-31', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/^Invalid rows in the file \(1 problem\):\n {2}row 2, column start_date: /);
  });

  it('a language it does not have: exit 2 naming --lang', async () => {
    const r = await run([...common, '--lang', 'de']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lang: must be sv or en');
  });
});
