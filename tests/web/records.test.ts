/**
 * Calibration and backtest of placement records in the page (web/src/records/): computed in the browser's
 * worker, never sent, and the same numbers as the command line's for the same file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BacktestResult } from '../../simulation/calibration/backtest.js';
import { formatCount, formatMsek } from '../../presentation/numbers.js';
import type { Harness } from '../functions/harness.js';
import { expectAccessible } from './axe.js';
import { overlappingLabels, refusePosts, useBrowser, WAIT, RUN_WAIT } from './browser.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** CI puts ../shared beside the repository, as the other tests expect; a worktree of the workbench has it at /work/shared. */
const CSV = [join(ROOT, '../shared/data/placements-midsize.csv'), '/work/shared/data/placements-midsize.csv'].find((p) => existsSync(p))!;
const CSV_TEXT = readFileSync(CSV, 'utf8');

const env = useBrowser();
const { shot } = env;
let h: Harness;
let page: Page;
/** Every request of the context, page and workers alike, with its body. */
let sent: { url: string; body: string }[] = [];
beforeAll(() => {
  h = env.h;
});

async function open(screen: 'calibrate' | 'backtest'): Promise<void> {
  page = await env.newPage();
  sent = [];
  env.context.on('request', (r) => sent.push({ url: r.url(), body: r.postDataBuffer()?.toString('utf8') ?? '' }));
  await env.signIn(h.alfa.editor);
  await page.getByRole('heading', { name: 'Modeller' }).waitFor(WAIT);
  await page.getByRole('link', { name: screen === 'calibrate' ? /Gör en modell av kommunens placeringsregister/ : /backtest/ }).click();
}

function cli(args: string[]): string {
  return execFileSync(process.execPath, ['bin/run.mjs', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** No request carries the records: not a line of them, not an id from them, nor anything near their size. */
function expectRecordsNotSent(text: string): void {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const probes = [lines[0], lines[1], lines[Math.floor(lines.length / 2)], lines[lines.length - 1]];
  const ids = lines.slice(1).map((l) => l.split(/[,;]/)[0]);
  for (const r of sent) {
    for (const p of probes) expect(r.body.includes(p), `${r.url} carries "${p}"`).toBe(false);
    for (const id of [ids[0], ids[ids.length - 1]]) expect(r.body.includes(id), `${r.url} carries ${id}`).toBe(false);
    expect(r.body.length, r.url).toBeLessThan(text.length / 4);
  }
}

describe('calibration in the page', () => {
  it('calibrates the shared records without sending them, and saves the model the command line makes', async () => {
    await open('calibrate');
    await page.getByText('Registret lämnar aldrig din dator: beräkningen görs här i webbläsaren.').waitFor(WAIT);
    await page.getByLabel('Registerfil (CSV)').setInputFiles(CSV);
    await page.getByText(/Vald fil: placements-midsize\.csv/).waitFor(WAIT);
    await page.getByRole('button', { name: 'Kalibrera' }).click();
    await page.getByRole('heading', { name: 'Anpassningsrapport' }).waitFor(RUN_WAIT);
    // A chart per segment and per fitted form, and the thin-data warning of a thin form next to that form.
    await page.locator('[data-chart^="entries-"] svg').first().waitFor(WAIT);
    await page.locator('[data-chart="stay-hvb"] svg').waitFor(WAIT);
    expect(await page.locator('[data-form="sis"] [data-warnings="form-sis"]').textContent()).toContain(
      'Tunt underlag: 16 avslutade placeringar',
    );
    // Stays in whole days, as a controller counts them (the fit's median is 406.7 days for this form).
    expect(await page.locator('[data-form="familjehem_egna"] p.muted').first().textContent()).toMatch(
      /^Hälften avslutade inom 407 dagar, 9 av 10 inom 1\s625 dagar;/,
    );
    // The axis label sat on the last tick's label at the right end of the axis.
    for (const chart of ['stay-familjehem_egna', 'stay-hvb', 'entries-bou']) {
      expect(await overlappingLabels(page, `[data-chart="${chart}"] svg`), chart).toEqual([]);
    }
    await shot('records-1-calibration-report');
    await expectAccessible(page, 'calibration report');

    await page.getByRole('button', { name: 'Spara som ny modell' }).click();
    const saved = page.getByText(/är sparad\./);
    await saved.waitFor(WAIT);
    const href = await page.getByRole('link', { name: 'Öppna modellen' }).getAttribute('href');
    const id = decodeURIComponent(href!.replace('#/models/', ''));
    await shot('records-2-saved');

    const got = (await (await h.request(`/api/v1/models/${encodeURIComponent(id)}`, { token: h.alfa.editor })).json()) as {
      model: unknown;
    };
    const out = join(mkdtempSync(join(tmpdir(), 'pp-records-')), 'model.json');
    cli(['calibrate', '--records', CSV, '--out', out]);
    // The name too: the page proposes calibrate()'s own name and the test keeps it.
    expect(got.model).toEqual(JSON.parse(readFileSync(out, 'utf8')));

    // Merged into the reference model: a new version that keeps its options, budget and name.
    const reference = JSON.parse(readFileSync(join(ROOT, 'examples/reference-midsize.json'), 'utf8')) as Record<string, unknown>;
    const made = await h.request('/api/v1/models', {
      method: 'POST',
      token: h.alfa.editor,
      json: { ...reference, name: 'Kommunens modell' },
    });
    const targetId = ((await made.json()) as { id: string }).id;
    await page.reload();
    await page.getByRole('heading', { name: 'Kalibrera från placeringsregister' }).waitFor(WAIT);
    await page.getByLabel('Registerfil (CSV)').setInputFiles(CSV);
    await page.getByRole('button', { name: 'Kalibrera' }).click();
    await page.getByRole('heading', { name: 'Anpassningsrapport' }).waitFor(RUN_WAIT);
    await page.getByLabel('Modell att uppdatera').selectOption(targetId);
    await page.getByRole('button', { name: 'Slå ihop och spara som ny version' }).click();
    await page.getByText('”Kommunens modell” är sparad som version 2.').waitFor(WAIT);
    const after = (await (await h.request(`/api/v1/models/${encodeURIComponent(targetId)}`, { token: h.alfa.editor })).json()) as {
      version: number;
      model: Record<string, unknown>;
    };
    expect(after.version).toBe(2);
    for (const key of ['name', 'options', 'budget', 'start', 'horizonMonths'])
      expect(after.model[key], key).toEqual(key === 'name' ? 'Kommunens modell' : reference[key]);
    expect(after.model.initialCaseload).not.toEqual(reference.initialCaseload);

    // The listener saw the worker's own script being fetched, so it would have seen the worker sending too.
    expect(sent.some((r) => /worker/.test(r.url))).toBe(true);
    expect(sent.some((r) => r.url.endsWith('/api/v1/models') && r.body.includes('"initialCaseload"'))).toBe(true);
    expectRecordsNotSent(CSV_TEXT);
  });

  it("names the service's refusal of the calibrated model by the model's own forms", async () => {
    await open('calibrate');
    await page.getByLabel('Registerfil (CSV)').setInputFiles(CSV);
    await page.getByRole('button', { name: 'Kalibrera' }).click();
    await page.getByRole('heading', { name: 'Anpassningsrapport' }).waitFor(RUN_WAIT);
    await refusePosts(page, '**/api/v1/models', [{ path: 'forms[3].dailyCost', message: 'must be an amount in kronor' }]);
    await page.getByRole('button', { name: 'Spara som ny modell' }).click();
    const issue = page.locator('#save-title ~ .add-grid .error li');
    await issue.first().waitFor(WAIT);
    // The calibrated model's fourth form is hvb (calibrate() labels a form by its id): named so, not by its position.
    expect(await issue.locator('strong').allTextContents()).toEqual(['hvb › Dygnskostnad']);
    expect(await page.getByText(/är sparad\./).count()).toBe(0);
  });

  it('reads a Swedish Excel export and lists its bad rows with row and column, making no model', async () => {
    await open('calibrate');
    // ; and decimal comma, BOM and CRLF, as Excel saves "CSV UTF-8"; rows 3 and 4 are bad.
    const text =
      '\uFEFFepisode_id;person_id;segment;form;start_date;end_date;daily_cost\r\n' +
      'X1;Q1;bou;hvb;2020-01-10;2020-05-01;4 810,50\r\n' +
      'X2;Q2;bou;hvb;2020-13-01;;4810,00\r\n' +
      'X3;Q3;bou;hvb;2020-03-01;2020-02-01;abc\r\n';
    // Dropped on the page rather than picked.
    // The tests' types have no DOM: the page builds the DataTransfer from source text.
    const dropped = await page.evaluateHandle(
      `(() => { const dt = new DataTransfer(); dt.items.add(new File([${JSON.stringify(text)}], 'export.csv', { type: 'text/csv' })); return dt; })()`,
    );
    await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
    await page.getByText(/Vald fil: export\.csv/).waitFor(WAIT);
    await page.getByRole('button', { name: 'Kalibrera' }).click();
    await page.getByText(/Filen har 3 fel\. Ingen modell har gjorts\./).waitFor(RUN_WAIT);
    const rows = await page.locator('[data-table="bad-rows"] tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    // The parser's messages, in the page's language.
    expect(rows[0]).toMatch(/^3start_date"2020-13-01" är inget datum/);
    expect(rows[1]).toMatch(/^4end_date.*är före start_date/);
    expect(rows[2]).toMatch(/^4daily_cost.*är inget tal/);
    expect(await page.getByRole('heading', { name: 'Anpassningsrapport' }).count()).toBe(0);
    await shot('records-3-bad-rows');
    await expectAccessible(page, 'bad rows');

    // A workbook instead of its CSV export is named as such.
    await page.getByLabel('Registerfil (CSV)').setInputFiles({
      name: 'register.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 6, 0]),
    });
    await page.getByText(/Det här är en Excel-arbetsbok, inte en CSV-fil/).waitFor(WAIT);

    // Skipping bad rows of a file with nothing but bad rows still makes no model, and says why.
    await page.getByLabel('Registerfil (CSV)').setInputFiles({
      name: 'bara-fel.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('episode_id;person_id;segment;form;start_date;end_date\r\nX2;Q2;bou;hvb;2020-13-01;\r\n'),
    });
    await page.getByLabel('Hoppa över felaktiga rader i stället för att avbryta').check();
    await page.getByRole('button', { name: 'Kalibrera' }).click();
    await page.getByText('den enda raden är felaktig; inget finns kvar när den hoppas över').waitFor(RUN_WAIT);
    expect(await page.getByRole('heading', { name: 'Anpassningsrapport' }).count()).toBe(0);
    expectRecordsNotSent(text);
  });
});

describe('backtest in the page', () => {
  it('shows the band against the outcome and the coverage, with the numbers of npm run backtest, sending nothing', async () => {
    await open('backtest');
    await page.getByLabel('Registerfil (CSV)').setInputFiles(CSV);
    await page.getByLabel('Brytdatum (sista dag kalibreringen får se)').fill('2022-12-31');
    await page.getByRole('button', { name: 'Kör backtest' }).click();
    const coverage = page.locator('[data-field="coverage"]');
    await coverage.waitFor(RUN_WAIT);
    await page.locator('[data-chart="backtest-total"] svg').waitFor(WAIT);
    expect(await overlappingLabels(page, '[data-chart="backtest-total"] svg')).toEqual([]);
    await shot('records-4-backtest');
    await expectAccessible(page, 'backtest');

    const cliResult = JSON.parse(cli(['backtest', '--records', CSV, '--cutoff', '2022-12-31', '--years', '3', '--json'])) as BacktestResult;
    expect(await coverage.textContent()).toContain(`Observerat inom P10–P90 i ${cliResult.inside} av ${cliResult.compared} fall`);
    const value = (measure: string, x: number): string => (measure === 'cost' ? formatMsek(x, 'sv') : formatCount(x, 'sv'));
    const expected = cliResult.rows.map((r) => [
      String(r.year),
      r.form === 'total' ? 'Totalt' : r.form,
      r.measure === 'cost' ? 'kostnad' : 'vårddygn',
      value(r.measure, r.observed),
      value(r.measure, r.p10),
      value(r.measure, r.p50),
      value(r.measure, r.p90),
      r.inside ? 'ja' : `nej (${r.observed < r.p10 ? 'under' : 'över'})`,
    ]);
    const shown = await page
      .locator('[data-table="backtest"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
    expect(shown).toEqual(expected);
    // One panel per form and the total, and the cost.
    expect(await page.locator('.backtest [data-chart^="backtest-"]').count()).toBe(
      new Set(cliResult.rows.map((r) => `${r.form}/${r.measure}`)).size,
    );
    expectRecordsNotSent(CSV_TEXT);
  });
});
