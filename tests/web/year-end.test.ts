/**
 * The year-end forecast screen (årsprognos), in Chromium: the booked amount is included in the year, the usual
 * method ("no new placements") is lower, the figures equal `npm run simulate -- --year-end` for the same trials and
 * seed, a bad amount is refused next to its field without a save, and a saved amount becomes the model's.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatMsek, formatMsekRange as range, formatMsekWithRange } from '../../presentation/numbers.js';
import { yearEndForecast } from '../../presentation/year-end.js';
import type { ComparisonResult } from '../../simulation/result.js';
import { expectAccessible } from './axe.js';
import { overlappingLabels, RUN_WAIT, useBrowser, WAIT } from './browser.js';

const ROOT = new URL('../../', import.meta.url);
const MODEL_FILE = new URL('examples/arsprognos-november.json', ROOT);
const model = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as { start: string; outcomeToDate: Record<string, number> };
const year = model.start.slice(0, 4);
const booked = model.outcomeToDate[year];

const env = useBrowser();

function cliJson(): Promise<string> {
  const args = ['bin/run.mjs', 'simulate', '--model', MODEL_FILE.pathname, '--year-end', '--trials', '2000', '--seed', '1'];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...args, '--format', 'json'], { cwd: ROOT.pathname, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

async function openForecast(name: string): Promise<{ page: Page; id: string }> {
  const { h } = env;
  const created = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: { ...model, name } });
  const { id } = (await created.json()) as { id: string };
  const page = await env.newPage();
  await env.signIn(h.alfa.editor);
  await page.locator(`tr[data-model-id="${id}"]`).getByRole('button').click();
  await page.getByRole('heading', { name: new RegExp(name) }).waitFor(WAIT);
  await page.getByRole('link', { name: 'Årsprognos' }).click();
  await page.getByRole('heading', { name: `Årsprognos ${year}: ${name}` }).waitFor(WAIT);
  return { page, id };
}

const done = (page: Page) => page.locator('.fc-card[data-state="done"][data-current="true"]').waitFor(RUN_WAIT);
const msek = (x: number) => formatMsek(x, 'sv');
const text = async (page: Page, figure: string, value: string) =>
  (await page.locator(`[data-figure="${figure}"] [data-value="${value}"]`).textContent())?.replace(/\s+/g, ' ').trim();

describe('the year-end forecast screen', () => {
  it('includes the booked amount, shows the usual method lower, with the command line numbers', async () => {
    const [{ page }, cli] = await Promise.all([openForecast('Årsprognos A'), cliJson()]);
    await expect(page.getByLabel(/Bokfört utfall i år före/).inputValue()).resolves.toBe('53');
    await done(page);

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ner prognosen (JSON)' }).click(),
    ]);
    const fromPage = readFileSync(await file.path(), 'utf8');
    expect(fromPage).toBe(cli.trimEnd());

    const f = yearEndForecast(JSON.parse(cli) as ComparisonResult)!;
    expect(f.booked).toBe(booked);
    // The figures on screen are the CLI's, as the shared formatting writes them.
    expect(await text(page, 'full', 'mean')).toBe(`${msek(f.full.mean)} mkr`);
    expect(await text(page, 'full', 'range')).toBe(`P10–P90 ${range(f.full.p10, f.full.p90, 'sv')} mkr`);
    expect(await text(page, 'full', 'booked')).toBe(`varav bokfört ${msek(booked)} mkr`);
    expect(await text(page, 'usual', 'mean')).toBe(`${msek(f.usual.mean)} mkr`);
    expect(f.usual.mean).toBeLessThan(f.full.mean);
    expect(f.full.p10).toBeGreaterThan(booked);
    // The understatement with its interval, both at the decimals the interval needs.
    const [understates, ci] = formatMsekWithRange(f.understatement.mean, ...f.understatement.ci95, 'sv');
    expect(await page.locator('[data-value="understates"]').textContent()).toContain(
      `underskattar året med ${understates} mkr (95 % intervall ${ci})`,
    );
    await page.locator('figure.year-end-chart svg').waitFor(WAIT);
    // Its labels read at the size of the page's other charts' (they were Plot's 10 px), and none overlaps another.
    const size = await page.evaluate<string>(`getComputedStyle(document.querySelector('figure.year-end-chart svg text')).fontSize`);
    expect(size).toBe('13px');
    expect(await overlappingLabels(page, 'figure.year-end-chart svg')).toEqual([]);
    // The download button and its note beside it keep apart (the note touched the button's edge).
    const gap = await page.evaluate<number>(`(() => {
      const row = document.querySelector('.preview-download');
      return row.querySelector('.help').getBoundingClientRect().left - row.querySelector('button').getBoundingClientRect().right;
    })()`);
    expect(gap).toBeGreaterThanOrEqual(8);
    await expectAccessible(page, 'the year-end forecast at 1280 px');
    await page.setViewportSize({ width: 768, height: 900 });
    await expectAccessible(page, 'the year-end forecast at 768 px');
    await page.setViewportSize({ width: 1280, height: 900 });
    await env.shot('year-end');
  });

  it('moves the year with the booked amount, refuses a bad one next to its field, and saves a good one', async () => {
    const { page, id } = await openForecast('Årsprognos B');
    await done(page);
    const before = await text(page, 'full', 'mean');
    const field = page.getByLabel(/Bokfört utfall i år före/);

    await field.fill('-3');
    await expect(page.locator('#fc-booked-err').textContent()).resolves.toBe('Beloppet kan inte vara negativt.');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByRole('button', { name: /Spara beloppet/ }).isDisabled()).resolves.toBe(true);
    await field.fill('53 x');
    await expect(page.locator('#fc-booked-err').textContent()).resolves.toContain('Skriv ett belopp i mkr');

    // Ten million more booked: the year's expected outcome is exactly 10,0 mkr higher (same trials).
    await field.fill('63');
    await done(page);
    const f = (s: string | undefined) => Number(s!.replace(' mkr', '').replace(/\s/g, '').replace(',', '.'));
    expect(f(await text(page, 'full', 'mean'))).toBeCloseTo(f(before) + 10, 5);

    // Kept through a reload, then saved as the model's outcomeToDate.
    await page.reload();
    await page.getByLabel(/Bokfört utfall i år före/).waitFor(WAIT);
    await expect(page.getByLabel(/Bokfört utfall i år före/).inputValue()).resolves.toBe('63');
    await page.getByRole('button', { name: /Spara beloppet/ }).click();
    await page.getByText('Sparat som version 2.').waitFor(WAIT);
    const stored = await env.h.request(`/api/v1/models/${id}`, { token: env.h.alfa.editor });
    const body = (await stored.json()) as { version: number; model: { outcomeToDate: Record<string, number> } };
    expect(body.version).toBe(2);
    expect(body.model.outcomeToDate).toEqual({ [year]: 63_000_000 });
  });
});
