/**
 * What every browser test file shares: Debian's Chromium driven by playwright-core, against the app on DynamoDB
 * Local with the page built by the global setup (global-setup.ts). `useBrowser()` registers the hooks; after each
 * test it checks that the page asked no other host, never put a token in a URL and logged no error (a refused
 * inline style or script is one). Set WEB_SHOTS=/some/dir to also save a screenshot of each screen at 1280 and
 * 768 px.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startHarness, type Harness } from '../functions/harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];
const SHOTS = process.env.WEB_SHOTS;
export const WAIT = { timeout: 60_000 };
/** A run of 1,000 trials may take a while on a busy machine. */
export const RUN_WAIT = { timeout: 180_000 };

export interface BrowserEnv {
  h: Harness;
  url: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request the page made. */
  requests: string[];
  /** Every console error and uncaught exception. */
  consoleErrors: string[];
  /** Console errors a test provoked on purpose, e.g. /status of 401/. */
  allowedErrors: RegExp[];
  /** A fresh context and page at `/`, Swedish, 1280 px wide. */
  newPage(opts?: { locale?: string }): Promise<Page>;
  /** Screenshots of the current screen at 1280 and 768 px, when WEB_SHOTS is set. */
  shot(name: string): Promise<void>;
  signIn(token: string): Promise<void>;
}

export function useBrowser(): BrowserEnv {
  const env = { requests: [], consoleErrors: [], allowedErrors: [] } as unknown as BrowserEnv;
  let server: { url: string; close(): Promise<void> } | undefined;

  beforeAll(async () => {
    env.h = await startHarness();
    server = await env.h.listen();
    env.url = server.url;
    env.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });

  afterAll(async () => {
    await env.browser?.close();
    await server?.close();
    await env.h?.close();
  });

  env.newPage = async ({ locale = 'sv-SE' } = {}) => {
    env.context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale, acceptDownloads: true });
    env.page = await env.context.newPage();
    env.page.setDefaultTimeout(60_000);
    env.requests = [];
    env.consoleErrors = [];
    env.allowedErrors = [/status of 40[01]\b/];
    env.page.on('request', (r) => env.requests.push(r.url()));
    env.page.on('console', (m) => {
      if (m.type() === 'error') env.consoleErrors.push(m.text());
    });
    env.page.on('pageerror', (e) => env.consoleErrors.push(e.message));
    await env.page.goto(env.url + '/');
    return env.page;
  };

  env.shot = async (name) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    for (const width of [1280, 768]) {
      await env.page.setViewportSize({ width, height: 900 });
      await env.page.waitForTimeout(300); // let the charts redraw at the new width
      await env.page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
    }
    await env.page.setViewportSize({ width: 1280, height: 900 });
  };

  env.signIn = async (token) => {
    await env.page.getByLabel('Token').fill(token);
    await env.page.getByRole('button', { name: 'Logga in' }).click();
  };

  afterEach(async () => {
    if (!env.context) return;
    // Only this origin, and the token never in a URL.
    const origin = new URL(env.url).origin;
    expect(env.requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && new URL(u).origin !== origin)).toEqual([]);
    for (const token of [...Object.values(env.h.alfa), ...Object.values(env.h.beta)]) {
      expect(env.requests.filter((u) => u.includes(token))).toEqual([]);
    }
    expect(env.consoleErrors.filter((e) => !env.allowedErrors.some((re) => re.test(e)))).toEqual([]);
    await env.context.close();
  });

  return env;
}

/** Answers the page's POSTs to `url` (a glob) with a 400 problem carrying these field issues; other methods pass. */
export async function refusePosts(page: Page, url: string, errors: { path: string; message: string }[]): Promise<void> {
  await page.route(url, (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({
          status: 400,
          contentType: 'application/problem+json',
          body: JSON.stringify({ type: 'about:blank', title: 'Invalid input', status: 400, errors }),
        })
      : route.continue(),
  );
}

/**
 * A section of the model editor, opened (they start closed). Its body renders after the toggle event, so this waits
 * for it: reading the section's contents at once after the click raced the render (seen in a CI run).
 */
export async function openSection(page: Page, title: RegExp, level: 3 | 4 = 3): Promise<Locator> {
  const section = page.locator(`details.level-${level}`).filter({ has: page.locator('> summary', { hasText: title }) });
  if ((await section.getAttribute('open')) === null) await section.locator('> summary').click();
  await section.locator('> .ed-section-body').waitFor(WAIT);
  return section;
}

/** The text labels of the chart `svgSelector` that overlap another (as their texts), for a chart to have none. */
export async function overlappingLabels(page: Page, svgSelector: string): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const boxes = [...document.querySelector(${JSON.stringify(svgSelector)}).querySelectorAll('text')]
      .filter((e) => e.textContent.trim() !== '')
      .map((e) => { const r = e.getBoundingClientRect(); return { text: e.textContent, box: [r.left, r.top, r.right, r.bottom] }; });
    const overlap = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    return boxes.filter((a, i) => boxes.some((b, j) => j !== i && overlap(a.box, b.box))).map((a) => a.text);
  })()`);
}
