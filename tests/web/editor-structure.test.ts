/**
 * The model's structure in the editor, in a real browser (browser.ts): a new segment with its own form and inflow
 * makes a valid draft that the preview runs; a segment still in use cannot be removed and says by what; an inflow
 * can be removed.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../functions/harness.js';
import { RUN_WAIT, useBrowser, WAIT } from './browser.js';

const reference = JSON.parse(readFileSync(new URL('../../examples/reference-midsize.json', import.meta.url), 'utf8')) as object;

const env = useBrowser();
let h: Harness;
beforeAll(() => {
  h = env.h;
});

async function openReference(name: string): Promise<Page> {
  const created = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: { ...reference, name } });
  const { id } = (await created.json()) as { id: string };
  const page = await env.newPage();
  await page.getByLabel('Token').fill(h.alfa.editor);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.locator(`tr[data-model-id="${id}"]`).getByRole('button').click();
  await page.getByRole('heading', { name: 'Antaganden' }).waitFor(WAIT);
  return page;
}

async function openSection(page: Page, title: RegExp): Promise<void> {
  const section = page.locator('details.ed-section').filter({ has: page.locator('> summary', { hasText: title }) });
  if ((await section.getAttribute('open')) === null) await section.locator('> summary').click();
}

const expectedTotal = async (page: Page): Promise<string> => {
  await page.locator('.preview[data-state="done"][data-current="true"]').waitFor(RUN_WAIT);
  return (await page.locator('.preview-years li[data-year="total"] [data-field="expected"]').textContent()) ?? '';
};

const parseMsek = (text: string): number => Number(text.replace(/[^\d,-]/g, '').replace(',', '.'));

describe('the structure of the model in the editor', () => {
  it('adds a segment with a form and an inflow, and the preview runs the valid draft', async () => {
    const page = await openReference('Ny målgrupp');
    const before = parseMsek(await expectedTotal(page));

    await openSection(page, /^Målgrupper/);
    await page.getByRole('button', { name: 'Lägg till en målgrupp' }).click();
    await page.getByRole('textbox', { name: 'Namn på målgruppen malgrupp_1' }).fill('Ensamkommande');

    await openSection(page, /^Placeringsformer/);
    await page.getByRole('button', { name: 'Lägg till en placeringsform' }).click();
    const form = page.locator('details.level-4').filter({ has: page.locator('summary', { hasText: /^Ny placeringsform/ }) });
    if ((await form.getAttribute('open')) === null) await form.locator('summary').click();
    await form.getByRole('combobox', { name: 'Målgrupp' }).selectOption({ label: 'Ensamkommande' });

    // A segment of the reference model names the options whose effects act on it, by their labels.
    const bou = page.getByRole('button', { name: 'Ta bort Barn och unga' });
    const bouUses = await page.locator(`#${await bou.getAttribute('aria-describedby')}`).textContent();
    expect(bouUses).toContain('Placeringscontroller, Utökad öppenvård, Familjehemsrekrytering');

    // The segment is now used by the form: it cannot be removed, and says why.
    const remove = page.getByRole('button', { name: 'Ta bort Ensamkommande' });
    expect(await remove.isDisabled()).toBe(true);
    expect(await page.locator(`#${await remove.getAttribute('aria-describedby')}`).textContent()).toContain('Ny placeringsform');

    await openSection(page, /^Nya placeringar/);
    await page.getByRole('combobox', { name: 'Lägg till nya placeringar för' }).selectOption({ label: 'Ensamkommande' });
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.locator('summary', { hasText: /^Nya placeringar, Ensamkommande/ }).waitFor(WAIT);

    // Valid: no list of problems, and the preview runs the draft with the new placements, which cost more.
    expect(await page.locator('#ed-issues').count()).toBe(0);
    await expect.poll(async () => parseMsek(await expectedTotal(page)), RUN_WAIT).toBeGreaterThan(before);
    await env.shot('editor-structure-1-new-segment');

    // Removing the inflow again brings the draft back to where the mix names no unknown form.
    await page.locator('summary', { hasText: /^Nya placeringar, Ensamkommande/ }).click();
    await page.getByRole('button', { name: 'Ta bort Nya placeringar, Ensamkommande' }).click();
    expect(await page.locator('summary', { hasText: /^Nya placeringar, Ensamkommande/ }).count()).toBe(0);
    expect(await page.locator('#ed-issues').count()).toBe(0);
  });
});
