/**
 * Accessibility of the page in Chromium: axe-core (axe.ts) on every screen, in Swedish and English, at 1280 and
 * 768 px; and the whole flow from sign-in to a result from the keyboard alone, with a visible focus that lands on
 * each new screen's heading and on the result when it arrives.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.js';
import { RUN_WAIT, useBrowser, WAIT } from './browser.js';

const smallModel = JSON.parse(readFileSync(new URL('../../examples/small-municipality.json', import.meta.url), 'utf8')) as {
  name: string;
  options: { id: string; label: string }[];
};

const env = useBrowser();

/** axe at both widths the page is made for, and the screenshots when WEB_SHOTS is set. */
async function checkScreen(page: Page, name: string): Promise<void> {
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page, `${name} at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await env.shot(`a11y-${name}`);
}

interface Focused {
  tag: string;
  /** Its aria-label, else its label's text, else its own text. */
  text: string;
  id: string;
  /** A focus ring is drawn: an outline at least 2 px wide. */
  ring: boolean;
}

/** What has the focus now (a string evaluated in the page: the tests are compiled without the DOM's types). */
function focused(page: Page): Promise<Focused> {
  return page.evaluate<Focused>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', text: '', id: '', ring: false };
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '').trim(),
      id: el.id,
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  })()`);
}

/** Presses Tab until the focus is on what `matches` accepts, checking at every stop that the focus is visible. */
async function tabTo(page: Page, what: string, matches: (f: Focused) => boolean, max = 20) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    expect(f.ring, `focus ring on <${f.tag}> "${f.text}" while tabbing to ${what}`).toBe(true);
    if (matches(f)) return;
  }
  throw new Error(`${what}: not reached in ${max} presses of Tab`);
}

async function expectFocusOnHeading(page: Page, name: RegExp): Promise<void> {
  await expect.poll(async () => (await focused(page)).tag, WAIT).toMatch(/^h[1-3]$/);
  expect((await focused(page)).text).toMatch(name);
}

describe('axe-core on every screen', () => {
  it('finds nothing serious on sign-in (empty and refused) and on models (listed and a refused file), in both languages', async () => {
    await env.h.request('/api/v1/models', {
      method: 'POST',
      token: env.h.alfa.editor,
      json: { ...smallModel, name: 'Tillgänglig modell' },
    });
    const page = await env.newPage();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor(WAIT);
    await checkScreen(page, 'sign-in');

    await env.signIn('pp_not-a-real-token');
    await page.getByRole('alert').waitFor(WAIT);
    await checkScreen(page, 'sign-in-refused');

    await page.getByLabel('Token').fill(env.h.alfa.editor);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('row', { name: /Tillgänglig modell/ }).waitFor(WAIT);
    await checkScreen(page, 'models');

    await page.getByLabel('Modellfil (JSON)').setInputFiles({
      name: 'fel.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...smallModel, horizonMonths: -3 })),
    });
    await page.getByRole('button', { name: 'Ladda upp' }).click();
    await page.getByText('Modellen godtogs inte').waitFor(WAIT);
    await checkScreen(page, 'models-refused-file');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Models' }).waitFor(WAIT);
    await checkScreen(page, 'models-en');
  });
});

describe('the keyboard alone', () => {
  it('goes from sign-in to a result with a visible focus on each screen heading, and the result is announced; axe passes on the way', async () => {
    const created = await env.h.request('/api/v1/models', {
      method: 'POST',
      token: env.h.alfa.editor,
      json: { ...smallModel, name: 'Tangentbordsmodell' },
    });
    expect(created.status).toBe(201);
    const page = await env.newPage();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor(WAIT);

    await tabTo(page, 'the token field', (f) => f.id === 'token');
    await page.keyboard.type(env.h.alfa.editor);
    await page.keyboard.press('Enter');
    await expectFocusOnHeading(page, /^Modeller$/);
    await page.getByRole('row', { name: /Tangentbordsmodell/ }).waitFor(WAIT);

    await tabTo(page, 'the model’s open button', (f) => f.text === 'Öppna Tangentbordsmodell');
    await page.keyboard.press('Enter');
    await expectFocusOnHeading(page, /Tangentbordsmodell/);
    await checkScreen(page, 'model');

    // Untick all options but the first with Space, so the run compares one option with today.
    await tabTo(page, 'the first option', (f) => f.text === smallModel.options[0].label);
    for (let i = 1; i < smallModel.options.length; i++) {
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
    }
    const ticked = await page.getByRole('checkbox', { checked: true }).count();
    expect(ticked).toBe(1);
    await tabTo(page, 'the start button', (f) => f.text === 'Starta beräkningen');
    await env.shot('a11y-focus-on-start');
    await page.keyboard.press('Enter');

    // The result takes the focus when it arrives, so a screen reader reads it and the next Tab goes into it.
    await page.locator('.headline[data-year="2027"]').waitFor(RUN_WAIT);
    await expectFocusOnHeading(page, /^Resultat$/);
    await page.locator('[data-chart="fan"] svg').first().waitFor(WAIT);
    expect(await page.locator('[data-chart="fan"]').count()).toBe(2);
    await checkScreen(page, 'result');

    // From the result's heading the next stops are inside the result: printing the paper, then the choice of
    // scenario.
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Skriv ut underlag');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('scenario');
  });
});
