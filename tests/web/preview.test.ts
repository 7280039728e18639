/**
 * The live preview on the model screen, in Chromium (browser.ts): the engine in the page's Web Workers gives the
 * command line's JSON byte for byte, before and without any server run, and gives way to a full run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatCount, formatMsek } from '../../presentation/numbers.js';
import { ComparisonResultSchema, type ComparisonResult } from '../../simulation/result.js';
import type { Model } from '../../simulation/schema.js';
import { firstPictureTrials, previewWorkers } from '../../web/src/engine/plan.js';
import { pageScenarios } from '../../web/src/preview/scenarios.js';
import { expectAccessible } from './axe.js';
import { RUN_WAIT, useBrowser, WAIT } from './browser.js';

const ROOT = new URL('../../', import.meta.url);
const REFERENCE_FILE = new URL('examples/reference-midsize.json', ROOT);
const reference = JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')) as Model;
const options = reference.options ?? [];

const env = useBrowser();

/** The command line's JSON for the reference model, these scenarios, 2,000 trials and seed 1. */
function cliJson(scenarios: unknown): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'preview-'));
  const file = join(dir, 'scenarios.json');
  writeFileSync(file, JSON.stringify(scenarios));
  const args = ['bin/run.mjs', 'simulate', '--model', REFERENCE_FILE.pathname, '--scenarios', file, '--trials', '2000', '--seed', '1'];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...args, '--format', 'json'], { cwd: ROOT.pathname, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

/** Opens the reference model on the model screen, recording every request the page sends with its method. */
async function openReference(name: string): Promise<{ page: Page; sent: string[] }> {
  const { h } = env;
  const created = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: { ...reference, name } });
  const { id } = (await created.json()) as { id: string };
  const page = await env.newPage();
  const sent: string[] = [];
  page.on('request', (r) => sent.push(`${r.method()} ${new URL(r.url()).pathname}`));
  await env.signIn(h.alfa.editor);
  await page.locator(`tr[data-model-id="${id}"]`).getByRole('button').click();
  await page.getByRole('heading', { name: new RegExp(name) }).waitFor(WAIT);
  return { page, sent };
}

/** Waits for a preview that belongs to what is on screen, and downloads it. */
async function previewJson(page: Page): Promise<string> {
  await page.locator('.preview[data-state="done"][data-current="true"]').waitFor(RUN_WAIT);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Ladda ner förhandsvisningen (JSON)' }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^placeringsprognos-referens-[a-z-]*forhandsvisning-[a-z0-9-]*2000-1\.json$/);
  return readFileSync(await file.path(), 'utf8');
}

const postsOfRuns = (sent: string[]) => sent.filter((r) => r === 'POST /api/v1/runs');

describe('the live preview', () => {
  it("equals the command line's JSON for the reference model, its scenarios, 2,000 trials and seed 1, with no server run", async () => {
    const { page, sent } = await openReference('Referens förhandsvisning');
    const scenarios = pageScenarios(
      options,
      options.map((o) => o.id),
    );
    const [text, cli] = await Promise.all([previewJson(page), cliJson(scenarios)]);

    // Byte for byte (the command line ends its output with a newline), so every number is the same double.
    expect(text + '\n').toBe(cli);
    const result: ComparisonResult = ComparisonResultSchema.parse(JSON.parse(text));
    expect(result.scenarios.map((s) => s.id)).toEqual(['baseline', ...options.map((o) => o.id)]);
    expect([result.trials, result.seed]).toEqual([2000, 1]);
    expect(postsOfRuns(sent)).toEqual([]);
    // The preview's workers are the page's own files (the CSP's default-src 'self' lets them in).
    expect(sent.some((r) => /^GET \/assets\/worker-[\w-]+\.js$/.test(r))).toBe(true);

    // What the panel shows is that result: the first option's expected cost over the whole period.
    const panel = page.locator('.preview');
    expect(await panel.locator('.preview-badge').textContent()).toBe(
      `Förhandsvisning · ${formatCount(2000, 'sv')} simuleringar · inte sparad`,
    );
    const total = panel.locator('.preview-years li[data-year="total"] [data-field="expected"]');
    expect(await total.textContent()).toBe(`${formatMsek(result.scenarios[1].periods.total.cost.mean, 'sv')} mkr`);
    expect(await panel.locator('.option-card').count()).toBe(options.length);
    await panel.locator('[data-chart="fan"] svg').first().waitFor(WAIT);
    await env.shot('preview-1-reference');
    await expectAccessible(page, 'the preview');
  });

  it("follows the editor: a higher HVB day price raises the preview's expected cost, before any server run", async () => {
    const { page, sent } = await openReference('Referens dyrare HVB');
    const done = page.locator('.preview[data-state="done"][data-current="true"]');
    await done.waitFor(RUN_WAIT);
    const total = page.locator('.preview-years li[data-year="total"] [data-field="expected"]');
    const msek = async () =>
      Number(
        ((await total.textContent()) ?? '')
          .replace(/[^\d,−-]/g, '')
          .replace(',', '.')
          .replace('−', '-'),
      );
    const before = await msek();
    expect(before).toBeGreaterThan(0);

    await page.locator('details.ed-section > summary', { hasText: /^Placeringsformer/ }).click();
    const hvb = page.locator('details.level-4').filter({ has: page.locator('summary', { hasText: /^HVB \(köpt plats\)/ }) });
    await hvb.locator('summary').click();
    const likely = hvb.getByRole('group', { name: 'Dygnskostnad' }).getByLabel('Troligast');
    const hvbForm = reference.forms.find((f) => f.id === 'hvb') as { dailyCost: { mode: number; max: number } };
    // A first picture comes first (1,000 trials on this machine's two cores), marked as such, while the full 2,000 follow.
    const first = firstPictureTrials(previewWorkers(await page.evaluate<number>('navigator.hardwareConcurrency')));
    await likely.fill(String(hvbForm.dailyCost.max - 100));
    const typed = Date.now();
    const refining = page.locator('.preview[data-state="refining"][data-current="true"]');
    await refining.waitFor(RUN_WAIT);
    expect(await refining.locator('.preview-badge').textContent()).toBe(
      `Förhandsvisning · ${formatCount(first, 'sv')} simuleringar · inte sparad`,
    );
    expect(await refining.locator('[data-field="preview-status"]').textContent()).toBe(
      `Första bild av ${formatCount(first, 'sv')} simuleringar; räknar vidare till ${formatCount(2000, 'sv')} …`,
    );
    // The issue asks for about a second; the wait is generous so that a busy machine does not fail the test, and
    // the time it took is printed for the reader, never asserted.
    await expect.poll(msek, RUN_WAIT).toBeGreaterThan(before);
    const tookMs = Date.now() - typed;
    await done.waitFor(RUN_WAIT);
    expect(await msek()).toBeGreaterThan(before);
    expect(await page.locator('.preview-badge').textContent()).toBe(
      `Förhandsvisning · ${formatCount(2000, 'sv')} simuleringar · inte sparad`,
    );
    expect(await page.locator('.preview-badge').textContent()).toMatch(/^Förhandsvisning/);
    expect(postsOfRuns(sent)).toEqual([]);
    expect(sent.filter((r) => r.startsWith('PUT '))).toEqual([]);
    console.log(`the preview followed the edit in ${tookMs} ms`);
    await env.shot('preview-3-dearer-hvb');
  });

  it('follows the ticked options without a server run, and gives way to the full run when it is started', async () => {
    const { page, sent } = await openReference('Referens urval');
    await page.locator('.preview[data-state="done"][data-current="true"]').waitFor(RUN_WAIT);
    const dropped = options[0];
    await page.getByRole('checkbox', { name: dropped.label }).uncheck();
    const ticked = options.slice(1).map((o) => o.id);
    const text = await previewJson(page);
    const result = JSON.parse(text) as ComparisonResult;
    expect(result.scenarios.map((s) => s.id)).toEqual(['baseline', ...ticked]);
    expect(text + '\n').toBe(await cliJson(pageScenarios(options, ticked)));
    expect(await page.locator(`.preview .option-card[data-option="${dropped.id}"]`).count()).toBe(0);
    expect(postsOfRuns(sent)).toEqual([]);
    await env.shot('preview-2-one-option-fewer');

    await page.getByRole('button', { name: 'Starta beräkningen' }).click();
    await page.locator('.result .headline[data-year="2027"]').waitFor(RUN_WAIT);
    expect(await page.locator('.preview').count()).toBe(0);
    expect(postsOfRuns(sent)).toHaveLength(1);
    // Ticking differently from the run brings the preview back in place of the result; ticking back, the result.
    await page.getByRole('checkbox', { name: dropped.label }).check();
    await page.locator('.preview').waitFor(WAIT);
    expect(await page.locator('.result').count()).toBe(0);
    await page.getByRole('checkbox', { name: dropped.label }).uncheck();
    await page.locator('.result .headline[data-year="2027"]').waitFor(WAIT);
    expect(await page.locator('.preview').count()).toBe(0);
  });
});
