/**
 * `npm run bench:web`: the page's two speed budgets (issue 8), printed, not asserted.
 *
 * 1. Size: builds the page and, from Vite's manifest, adds up the gzipped JavaScript that index.html loads before
 *    any chart (its entry script and that script's static imports; not the lazily loaded Plot chunk or the example
 *    models) against 200 KB, and Plot's chunk (fetched when a model opens, while its run runs) on its own.
 * 2. Drawing: the app on DynamoDB Local, the reference model (6 options, so 7 scenarios over 60 months) run with
 *    every option ticked from the page in headless Chromium, and the time from the page's performance mark
 *    `pp:result-arrived` (the result parsed) to `pp:result-drawn` (every chart of the result drawn) against
 *    300 ms; a fresh page each time, as a committee member would open it.
 *
 * 3. The live preview (issue 12: "within about a second of the last change"): on the same model's screen, the
 *    preview's own time for 2,000 trials of its 7 scenarios in the page's Web Workers (the status's
 *    data-elapsed-ms, its first picture of 1,000 trials included), first when the screen opens and then after a
 *    change of the HVB day price, with the times, taken in the page, from that change's input event to the frame
 *    drawn after the first picture and after the full preview (which include the 200 ms the preview waits for
 *    typing to stop); a fresh page each time.
 *
 * Options: --repeat N (5). Each run has 1,000 trials, the page's default: a result's size does not depend on them.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { buildPage } from '../functions/build-page.js';
import { DEFAULT_WEB_ROOT } from '../functions/http/page.js';
import { startBenchApp, withCleanup, type Cleanup } from './local-app.js';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '5' } } });
const REPEAT = Number(values.repeat);
const JS_BUDGET_KB = 200;
const DRAW_BUDGET_MS = 300;
const TENANT = 'bench';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const WATCHDOG_MS = (120 + REPEAT * 180) * 1000;

/**
 * The page's preview trials and its first picture's trials per worker, as web/src/preview/use-preview.ts and
 * web/src/engine/plan.ts have them: not imported, since those modules would bring the DOM's types into the root
 * program that type-checks this file.
 */
const PREVIEW_TRIALS = 2000;
const firstPictureTrials = (workers: number) => Math.min(1000, 500 * workers);
const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const within = (value: number, budget: number) => (value <= budget ? 'within budget' : 'OVER BUDGET');

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}

/** A chunk's file and every file it imports statically, transitively: what the browser fetches with it. */
function withStaticImports(manifest: Record<string, ManifestChunk>, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) withStaticImports(manifest, imported, seen);
  return seen;
}

async function gzippedKb(files: Iterable<string>): Promise<number> {
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await readFile(join(DEFAULT_WEB_ROOT, file))).length;
  return bytes / 1024;
}

async function measureSize(): Promise<{ initialKb: number; initialFiles: number; plotKb: number; plotFile: string }> {
  await buildPage();
  const manifest = JSON.parse(await readFile(join(DEFAULT_WEB_ROOT, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry && k.endsWith('index.html'));
  const plotKey = Object.keys(manifest).find((k) => k.includes('@observablehq/plot'));
  if (!entry || !plotKey) throw new Error('the manifest names no index.html entry or no Plot chunk');
  const initial = withStaticImports(manifest, entry);
  // Plot's chunk with whatever it imports that the first load did not already bring.
  const plot = [...withStaticImports(manifest, plotKey)].filter((f) => !initial.has(f));
  return {
    initialKb: await gzippedKb(initial),
    initialFiles: initial.size,
    plotKb: await gzippedKb(plot),
    plotFile: manifest[plotKey].file,
  };
}

interface Previews {
  /** The preview's own time when the screen opens, and after the edit. */
  firstMs: number[];
  editedMs: number[];
  /** From the edit's input event to the first frame drawn after the first picture, and after the full preview. */
  firstPictureMs: number[];
  followMs: number[];
  workers: number;
}

async function measureDrawing(cleanup: Cleanup): Promise<{ drawMs: number[]; charts: number; scenarios: number; previews: Previews }> {
  const { url, token } = await startBenchApp(cleanup, TENANT, 'bench:web');

  const model = JSON.parse(await readFile(fileURLToPath(new URL('../examples/reference-midsize.json', import.meta.url)), 'utf8'));
  const created = await fetch(`${url}/api/v1/models`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(model),
  });
  if (created.status !== 201) throw new Error(`creating the reference model: ${created.status} ${await created.text()}`);
  const { id: modelId } = (await created.json()) as { id: string };

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  cleanup.push(() => browser.close());
  const drawMs: number[] = [];
  let charts = 0;
  for (let i = 0; i < REPEAT; i++) {
    const { context, page } = await openModelScreen(browser, url, token, modelId);
    await page.locator('#seed').fill(String(i + 1));
    await page.getByRole('button', { name: 'Starta beräkningen' }).click();
    // A function, not a string: Playwright would eval a string inside the page, which the CSP refuses.
    await page.waitForFunction(() => performance.getEntriesByName('pp:result-drawn').length > 0, undefined, { timeout: 180_000 });
    const [ms, drawn] = await page.evaluate<[number, number]>(`[
      performance.getEntriesByName('pp:result-drawn')[0].startTime - performance.getEntriesByName('pp:result-arrived')[0].startTime,
      document.querySelectorAll('.result [data-chart] svg').length,
    ]`);
    drawMs.push(ms);
    charts = drawn;
    await context.close();
  }
  const previews = await measurePreviews(browser, url, token, modelId);
  return { drawMs, charts, scenarios: 1 + (model.options?.length ?? 0), previews };
}

/** The model's screen in a fresh page, signed in, as a committee member would open it. */
async function openModelScreen(browser: Browser, url: string, token: string, modelId: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
  // Signed in as the page keeps it: the token in this tab's sessionStorage (set through the DevTools protocol,
  // so the page's CSP is untouched).
  await context.addInitScript(`sessionStorage.setItem('pp.token', ${JSON.stringify(token)})`);
  const page = await context.newPage();
  page.setDefaultTimeout(180_000);
  await page.goto(`${url}/`);
  await page.locator(`tr[data-model-id="${modelId}"]`).getByRole('button').click();
  return { context, page };
}

async function measurePreviews(browser: Browser, url: string, token: string, modelId: string): Promise<Previews> {
  const out: Previews = { firstMs: [], editedMs: [], firstPictureMs: [], followMs: [], workers: 0 };
  for (let i = 0; i < REPEAT; i++) {
    const { context, page } = await openModelScreen(browser, url, token, modelId);
    const status = page.locator('.preview[data-state="done"][data-current="true"] [data-field="preview-status"]');
    const elapsed = async () => Number(await status.getAttribute('data-elapsed-ms'));
    await status.waitFor();
    out.firstMs.push(await elapsed());
    out.workers = await page.evaluate<number>('Math.min(4, navigator.hardwareConcurrency || 2)');

    await page.locator('details.ed-section > summary', { hasText: /^Placeringsformer/ }).click();
    const hvb = page.locator('details.level-4').filter({ has: page.locator('summary', { hasText: /^HVB \(köpt plats\)/ }) });
    await hvb.locator('summary').click();
    const likely = hvb.getByRole('group', { name: 'Dygnskostnad' }).getByLabel('Troligast');
    // Timed in the page: Playwright's own waits see a state about a quarter of a second after the page draws it.
    await page.evaluate(`(() => {
      const marks = (window.ppMarks = { input: 0, refining: 0, done: 0 });
      document.addEventListener('input', () => (marks.input ||= performance.now()), { capture: true, once: true });
      const preview = document.querySelector('.preview');
      // The frame after the last change of the preview in each state: the first picture's and the full one's charts drawn.
      new MutationObserver(() => {
        const state = preview.dataset.current === 'true' ? preview.dataset.state : '';
        if (state !== 'refining' && state !== 'done') return;
        requestAnimationFrame(() => setTimeout(() => {
          if (preview.dataset.state === state) marks[state] = performance.now();
        }));
      }).observe(preview, { attributes: true, childList: true, subtree: true });
    })()`);
    await likely.fill(String(5000 + i));
    await page.locator('.preview[data-state="running"]').waitFor();
    await status.waitFor();
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)))');
    const marks = await page.evaluate<{ input: number; refining: number; done: number }>('window.ppMarks');
    out.firstPictureMs.push(marks.refining - marks.input);
    out.followMs.push(marks.done - marks.input);
    out.editedMs.push(await elapsed());
    await context.close();
  }
  return out;
}

async function main(): Promise<void> {
  await withCleanup('bench:web', WATCHDOG_MS, async (cleanup) => {
    const size = await measureSize();
    // Drawing times move with whatever else the machine runs; the load says how busy it was.
    console.log(
      `bench:web: the page (web/dist, freshly built); ${availableParallelism()} cores, load average ${fmt(loadavg()[0], 1)} at the start`,
    );
    const rows: [string, string, string][] = [
      [
        `JavaScript before charts (${size.initialFiles} file${size.initialFiles === 1 ? '' : 's'}, gzip)`,
        `${fmt(size.initialKb, 1)} KB`,
        `${JS_BUDGET_KB} KB: ${within(size.initialKb, JS_BUDGET_KB)}`,
      ],
      [`Plot chunk, loaded once a model is open (${size.plotFile}, gzip)`, `${fmt(size.plotKb, 1)} KB`, '-'],
    ];
    const drawing = await measureDrawing(cleanup);
    const median = medianOf(drawing.drawMs);
    const max = Math.max(...drawing.drawMs);
    const what = `${drawing.scenarios} scenarios, ${drawing.charts} charts, ${REPEAT} fresh pages`;
    rows.push(
      [`result arrived -> drawn, median (${what})`, `${fmt(median, 1)} ms`, `${DRAW_BUDGET_MS} ms: ${within(median, DRAW_BUDGET_MS)}`],
      ['result arrived -> drawn, max', `${fmt(max, 1)} ms`, `${DRAW_BUDGET_MS} ms: ${within(max, DRAW_BUDGET_MS)}`],
      ['result arrived -> drawn, each', drawing.drawMs.map((ms) => fmt(ms, 0)).join(' / ') + ' ms', '-'],
    );
    const p = drawing.previews;
    const each = (xs: number[]) => `median ${fmt(medianOf(xs), 0)} ms (${xs.map((x) => fmt(x, 0)).join(' / ')})`;
    const where = `${PREVIEW_TRIALS} trials x ${drawing.scenarios} scenarios, ${p.workers} workers`;
    rows.push(
      [`preview, screen opened (${where})`, each(p.firstMs), '-'],
      ['preview, after the HVB day price changed', each(p.editedMs), '-'],
      [
        `HVB day price changed -> first picture (${fmt(firstPictureTrials(p.workers))} trials) on screen`,
        each(p.firstPictureMs),
        'about 1 s (issue 12)',
      ],
      ['HVB day price changed -> full preview on screen', each(p.followMs), '-'],
    );
    const w = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
    console.log(['measure'.padEnd(w[0]), 'value'.padStart(w[1]), 'budget'].join('  '));
    for (const r of rows) console.log([r[0].padEnd(w[0]), r[1].padStart(w[1]), r[2]].join('  '));
  });
}

main().catch((e: unknown) => {
  console.error(`bench:web: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
