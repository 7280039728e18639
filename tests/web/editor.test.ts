/**
 * The model editor in a real browser (browser.ts): edit the HVB day price of the reference model and save a new
 * version, an invalid entry with its message by its field and no save, undo, the place of an issue in the editor's
 * words in the preview and the year-end forecast, a draft that survives a reload, and a conflict between two people
 * editing the same version.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../functions/harness.js';
import { openSection, useBrowser, WAIT } from './browser.js';

const reference = JSON.parse(readFileSync(new URL('../../examples/reference-midsize.json', import.meta.url), 'utf8')) as {
  name: string;
  forms: { id: string; dailyCost: { mode: number } }[];
  budget: Record<string, number>;
};
const HVB = reference.forms.findIndex((f) => f.id === 'hvb');

const env = useBrowser();
let h: Harness;
beforeAll(() => {
  h = env.h;
});

/** A fresh copy of the reference model, and the page open on it, signed in as an editor. */
async function openReference(name: string, page?: Page): Promise<{ id: string; page: Page; writes: string[] }> {
  const created = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: { ...reference, name } });
  const { id } = (await created.json()) as { id: string };
  const p = page ?? (await env.newPage());
  return { id, ...(await openOn(p, id)) };
}

async function openOn(page: Page, id: string): Promise<{ page: Page; writes: string[] }> {
  const writes: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET') writes.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  if (await page.getByLabel('Token').isVisible()) {
    await page.getByLabel('Token').fill(h.alfa.editor);
    await page.getByRole('button', { name: 'Logga in' }).click();
  }
  await page.locator(`tr[data-model-id="${id}"]`).getByRole('button').click();
  await page.getByRole('heading', { name: 'Antaganden' }).waitFor(WAIT);
  return { page, writes };
}

const budget2026 = async (page: Page) => {
  await openSection(page, /^Budget per år/);
  return page.getByRole('textbox', { name: 'Budget 2026' });
};

/** The HVB form's section, opened. */
async function hvbSection(page: Page): Promise<Locator> {
  await openSection(page, /^Placeringsformer/);
  const section = page.locator('details.level-4').filter({ has: page.locator('summary', { hasText: /^HVB \(köpt plats\)/ }) });
  if (!(await section.getAttribute('open').then((v) => v !== null))) await section.locator('summary').click();
  return section;
}

const likelyPrice = async (page: Page) => (await hvbSection(page)).getByRole('group', { name: 'Dygnskostnad' }).getByLabel('Troligast');

async function storedModel(id: string): Promise<{ version: number; model: typeof reference }> {
  return (await (await h.request(`/api/v1/models/${id}`, { token: h.alfa.editor })).json()) as { version: number; model: typeof reference };
}

describe('the model editor', () => {
  it('edits the HVB day price of the reference model and saves it as a new version', async () => {
    const { id, page, writes } = await openReference('Redigerad modell');
    const price = await likelyPrice(page);
    // Shown as the page writes numbers: "4 500", with a no-break space.
    expect(await price.inputValue()).toBe(reference.forms[HVB].dailyCost.mode.toLocaleString('sv-SE'));
    const spread = (await hvbSection(page)).getByRole('group', { name: 'Dygnskostnad' }).locator('.ed-spread-text');
    const before = await spread.textContent();
    // A stay's spread in whole days: HVB's median 150 and P90 550 days put its P10 at 40.9 days.
    expect(await (await hvbSection(page)).getByRole('group', { name: 'Vårdtid' }).locator('.ed-spread-text').textContent()).toBe(
      '80 % av utfallen mellan 41\u00a0dygn och 550\u00a0dygn',
    );
    await price.fill('5200');
    // The picture of the spread follows the entry.
    await expect.poll(() => spread.textContent(), WAIT).not.toBe(before);
    await page.getByText('Osparade ändringar').first().waitFor(WAIT);
    await env.shot('editor-1-hvb-price');

    await page.getByRole('button', { name: 'Spara som ny version' }).click();
    await page.getByText('Sparad som version 2.').waitFor(WAIT);
    expect(writes).toEqual([`PUT /api/v1/models/${id}`]);
    const stored = await storedModel(id);
    expect(stored.version).toBe(2);
    expect(stored.model.forms[HVB].dailyCost.mode).toBe(5200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('version 2');
    // Saved: nothing is left as a draft in the browser.
    expect(await page.evaluate('localStorage.length')).toBe(0);

    // An option through its preset's parameters, with the default and its documented source beside each.
    await openSection(page, /^Åtgärder/);
    await page.locator('summary', { hasText: /^Placeringscontroller/ }).click();
    const salary = page.getByRole('group', { name: 'Lönekostnad per år' });
    expect(await salary.getByLabel('Troligast').inputValue()).toBe('800\u00a0000');
    expect(await page.locator('.ed-source').first().textContent()).toContain('pert 700,000 / 800,000 / 900,000');
    await env.shot('editor-6-option');
  });

  it('shows an invalid entry by its field, saves nothing, and undoes back to the value before', async () => {
    const { id, page, writes } = await openReference('Felaktig modell');
    const price = await likelyPrice(page);
    const original = await price.inputValue();
    await price.fill('45oo');
    expect(await price.inputValue()).toBe('45oo');
    expect(await price.getAttribute('aria-invalid')).toBe('true');
    const errId = `${await price.getAttribute('id')}-err`;
    expect(await price.getAttribute('aria-describedby')).toContain(errId);
    expect(await page.locator(`#${errId}`).textContent()).toBe('måste vara ett tal');

    // A negative lowest day price: the message stands by that box, which it describes.
    const lowest = (await hvbSection(page)).getByRole('group', { name: 'Dygnskostnad' }).getByLabel('Lägsta');
    await lowest.fill('-100');
    await price.fill(original);
    await expect.poll(() => lowest.getAttribute('aria-invalid'), WAIT).toBe('true');
    const lowestErr = `${await lowest.getAttribute('id')}-err`;
    expect(await lowest.getAttribute('aria-describedby')).toContain(lowestErr);
    expect(await page.locator(`#${lowestErr}`).textContent()).toContain('måste vara ett belopp i kronor');
    // No picture of a spread the model refuses.
    const priceSpread = (await hvbSection(page)).getByRole('group', { name: 'Dygnskostnad' }).locator('.ed-spread');
    expect(await priceSpread.count()).toBe(0);
    await env.shot('editor-2-invalid');

    await page.getByRole('button', { name: 'Spara som ny version' }).click();
    await page.getByText('Modellen har fel och sparas inte.').waitFor(WAIT);
    expect(writes).toEqual([]);
    expect((await storedModel(id)).version).toBe(1);

    // Ctrl+Z undoes the last change, the button the one before it, and redo brings that back.
    await lowest.fill('3800');
    await expect.poll(() => priceSpread.count(), WAIT).toBe(1);
    await price.fill('4999');
    await price.press('Control+z');
    await expect.poll(() => price.inputValue(), WAIT).toBe(original);
    await expect.poll(() => page.locator('#ed-issues').count(), WAIT).toBe(0);
    await page.getByRole('button', { name: 'Ångra', exact: true }).click();
    // Shown as the page writes numbers: a true minus sign, a no-break space between thousands.
    await expect.poll(() => lowest.inputValue(), WAIT).toBe('\u2212100');
    await page.getByRole('button', { name: 'Gör om' }).click();
    await expect.poll(() => lowest.inputValue(), WAIT).toBe('3\u00a0800');
  });

  it("names an invalid entry by the editor's labels in the preview and the year-end forecast, in Swedish and English", async () => {
    const { page } = await openReference('Felets plats');
    await (await likelyPrice(page)).fill('45oo');
    const said = 'HVB (köpt plats) › Dygnskostnad › Troligast: måste vara ett tal';
    // The editor's list, the preview's (which keeps the last good result, dimmed) and, below, the forecast's.
    await expect.poll(() => page.locator('#ed-issues li').allTextContents(), WAIT).toEqual([said]);
    await page.locator('.preview[data-state="invalid"]').waitFor(WAIT);
    expect(await page.locator('.preview .preview-issues li').allTextContents()).toEqual([said]);
    expect(await page.locator('.preview').textContent()).not.toContain('forms[');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    const inEnglish = 'HVB (köpt plats) › Price per care day › Most likely: must be a number';
    await expect.poll(() => page.locator('.preview .preview-issues li').allTextContents(), WAIT).toEqual([inEnglish]);
    await env.shot('editor-7-preview-issues-en');

    // The year-end forecast runs the draft kept in this browser, and says what is wrong with it in the same words.
    await page.getByRole('link', { name: 'Year-end forecast' }).click();
    await page.locator('.fc-card[data-state="invalid"]').waitFor(WAIT);
    expect(await page.locator('.fc-card .preview-issues li').allTextContents()).toEqual([inEnglish]);
    await page.getByRole('button', { name: 'Byt till svenska' }).click();
    await expect.poll(() => page.locator('.fc-card .preview-issues li').allTextContents(), WAIT).toEqual([said]);
  });

  it('keeps typed changes through a reload and offers to restore them', async () => {
    const { page } = await openReference('Omladdad modell');
    await (await likelyPrice(page)).fill('4777');
    await (await budget2026(page)).fill('65,5');
    await page.reload();
    await page.getByText(/Du har osparade ändringar från/).waitFor(WAIT);
    await env.shot('editor-3-restore');
    await page.getByRole('button', { name: 'Återställ ändringarna' }).click();
    expect(await (await likelyPrice(page)).inputValue()).toBe('4\u00a0777');
    expect(await (await budget2026(page)).inputValue()).toBe('65,5');
  });

  it('shows a conflict between two people editing the same version and keeps both changes', async () => {
    const { id, page: mine } = await openReference('Delad modell');
    // The refused save is a 409 answer, which Chromium logs.
    env.allowedErrors.push(/status of 409\b/);
    // The second person: a context of its own, on the same version.
    const other = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
    try {
      const theirs = await other.newPage();
      theirs.setDefaultTimeout(60_000);
      await theirs.goto(env.url + '/');
      await openOn(theirs, id);

      await (await likelyPrice(theirs)).fill('5100');
      await (await budget2026(mine)).fill('65');

      await theirs.getByRole('button', { name: 'Spara som ny version' }).click();
      await theirs.getByText('Sparad som version 2.').waitFor(WAIT);

      await mine.getByRole('button', { name: 'Spara som ny version' }).click();
      await mine.getByRole('heading', { name: 'Någon annan har sparat en nyare version' }).waitFor(WAIT);
      const conflict = mine.locator('section.conflict');
      expect(await conflict.textContent()).toContain('HVB');
      expect(await conflict.textContent()).toContain('2026');
      await env.shot('editor-4-conflict');

      await conflict.getByRole('button', { name: 'Lägg mina ändringar ovanpå version 2' }).click();
      await mine.getByText('Sammanslaget med version 2.').waitFor(WAIT);
      expect(await (await likelyPrice(mine)).inputValue()).toBe('5\u00a0100');
      await mine.getByRole('button', { name: 'Spara som ny version' }).click();
      await mine.getByText('Sparad som version 3.').waitFor(WAIT);

      const stored = await storedModel(id);
      expect(stored.version).toBe(3);
      expect(stored.model.forms[HVB].dailyCost.mode).toBe(5100);
      expect(stored.model.budget['2026']).toBe(65_000_000);
      if (process.env.WEB_SHOTS)
        await theirs.screenshot({ path: join(process.env.WEB_SHOTS, 'editor-5-other-person.png'), fullPage: true });
    } finally {
      await other.close();
    }
  });
});
