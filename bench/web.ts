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
 * Options: --repeat N (5). Each run has 1,000 trials, the page's default: a result's size does not depend on them.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
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

async function measureDrawing(cleanup: Cleanup): Promise<{ drawMs: number[]; charts: number; scenarios: number }> {
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
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
    // Signed in as the page keeps it: the token in this tab's sessionStorage (set through the DevTools protocol,
    // so the page's CSP is untouched).
    await context.addInitScript(`sessionStorage.setItem('pp.token', ${JSON.stringify(token)})`);
    const page = await context.newPage();
    page.setDefaultTimeout(180_000);
    await page.goto(`${url}/`);
    await page.locator(`tr[data-model-id="${modelId}"]`).getByRole('button').click();
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
  return { drawMs, charts, scenarios: 1 + (model.options?.length ?? 0) };
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
    const sorted = [...drawing.drawMs].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    const max = sorted[sorted.length - 1];
    const what = `${drawing.scenarios} scenarios, ${drawing.charts} charts, ${REPEAT} fresh pages`;
    rows.push(
      [`result arrived -> drawn, median (${what})`, `${fmt(median, 1)} ms`, `${DRAW_BUDGET_MS} ms: ${within(median, DRAW_BUDGET_MS)}`],
      ['result arrived -> drawn, max', `${fmt(max, 1)} ms`, `${DRAW_BUDGET_MS} ms: ${within(max, DRAW_BUDGET_MS)}`],
      ['result arrived -> drawn, each', drawing.drawMs.map((ms) => fmt(ms, 0)).join(' / ') + ' ms', '-'],
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
