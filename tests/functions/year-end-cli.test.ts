/**
 * `npm run simulate -- --year-end` as a child process: the table leads with the year-end forecast and its booked
 * amount, the CSV carries outcome_to_date in the start year's row only, the JSON equals simulate() on the year-end
 * scenarios, and --year-end with --scenarios, or on a model that starts after January without outcomeToDate, is
 * refused with exit 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli-process.js';
import { afterAll, describe, expect, it } from 'vitest';
import { parseModel } from '../../simulation/schema.js';
import { simulate } from '../../simulation/index.js';
import { yearEndScenarios } from '../../simulation/year-end.js';

const MODEL = 'examples/arsprognos-november.json';
const raw = JSON.parse(readFileSync(new URL(`../../${MODEL}`, import.meta.url), 'utf8'));
const year = raw.start.slice(0, 4);
const booked: number = raw.outcomeToDate[year];

const run = (args: string[]) => runCli('functions/cli/simulate.ts', args);

const common = ['--model', MODEL, '--year-end', '--trials', '400', '--seed', '3', '--workers', '1'];

describe('simulate --year-end', () => {
  it('prints the year-end forecast with the booked amount and the usual method beside it', async () => {
    const r = await run(common);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Årsprognos ${year}`);
    expect(r.stdout).toMatch(/varav bokfört hittills\s+53,0/);
    expect(r.stdout).toContain('Inga nya placeringar (vanlig prognosmetod)');
    expect(r.stdout).toContain('Den vanliga metoden underskattar året med');
  });

  it('gives the same JSON as the engine on the year-end scenarios, booked amount in the start year only', async () => {
    const r = await run([...common, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const direct = simulate({ model: parseModel(raw), scenarios: yearEndScenarios(parseModel(raw)), trials: 400, seed: 3 });
    expect(json.scenarios.map((s: { id: string }) => s.id)).toEqual(['baseline', 'inga-nya-placeringar']);
    expect(json.scenarios).toEqual(JSON.parse(JSON.stringify(direct.scenarios)));
    for (const s of json.scenarios) {
      expect(s.periods[year].cost.outcomeToDate).toBe(booked);
      expect(s.periods[String(Number(year) + 1)].cost.outcomeToDate).toBeUndefined();
    }
  });

  it('writes outcome_to_date in the start year rows of the CSV and leaves the other years empty', async () => {
    const r = await run([...common, '--format', 'csv', '--locale', 'en']);
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const col = header.indexOf('outcome_to_date');
    const period = header.indexOf('period');
    expect(col).toBeGreaterThan(0);
    const startRows = rows.filter((row) => row[period] === year);
    expect(startRows).toHaveLength(2);
    for (const row of startRows) expect(Number(row[col])).toBe(booked);
    for (const row of rows.filter((row) => row[period] !== year)) expect(row[col]).toBe('');
  });

  it('refuses --year-end with --scenarios, exit 2, naming the option', async () => {
    const r = await run([...common, '--scenarios', MODEL]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--year-end');
    expect(r.stderr).toContain('--scenarios');
    expect(r.stdout).toBe('');
  });

  describe('a model without outcomeToDate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-year-end-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const without = (start: string): string => {
      const file = join(dir, `${start}.json`);
      const { outcomeToDate: _, ...model } = raw;
      writeFileSync(file, JSON.stringify({ ...model, start }));
      return file;
    };
    const yearEnd = (file: string) => run(['--model', file, '--year-end', '--trials', '50', '--seed', '3', '--workers', '1']);

    it('starting after January: refused with exit 2 naming model.outcomeToDate and why, not forecast as booking 0', async () => {
      const r = await yearEnd(without(raw.start));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`model.outcomeToDate: --year-end behöver det som är bokfört ${year} före ${raw.start}`);
      expect(r.stderr).toContain('as the model starts after January');
    });

    it('starting in January: forecast, nothing being booked before the start', async () => {
      const r = await yearEnd(without(`${year}-01`));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Årsprognos ${year} (bokfört hittills och 12 månader simulerade)`);
    });

    it('a model with a bad field: its path under model., as without --year-end', async () => {
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify({ ...raw, forms: [{ ...raw.forms[0], dailyCost: -1 }, ...raw.forms.slice(1)] }));
      const r = await yearEnd(file);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('  model.forms[0].dailyCost: ');
    });

    it('without --year-end it is an ordinary run', async () => {
      const r = await run(['--model', without(raw.start), '--trials', '50', '--workers', '1']);
      expect(r.code).toBe(0);
    });
  });
});
