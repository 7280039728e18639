/**
 * The model's structure in the editor, in a real browser (browser.ts): a new segment with its own form and inflow
 * makes a valid draft that the preview runs; a segment still in use cannot be removed and says by what; an inflow
 * can be removed; a duplicated segment id is reported by its fields; options are removed and added from their
 * presets with their targets chosen among the model's own; an assumption given as a number becomes a distribution.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../functions/harness.js';
import { openSection, RUN_WAIT, useBrowser, WAIT } from './browser.js';

const reference = JSON.parse(readFileSync(new URL('../../examples/reference-midsize.json', import.meta.url), 'utf8')) as object;

const env = useBrowser();
let h: Harness;
beforeAll(() => {
  h = env.h;
});

async function openReference(name: string): Promise<{ page: Page; id: string }> {
  const created = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: { ...reference, name } });
  const { id } = (await created.json()) as { id: string };
  const page = await env.newPage();
  await page.getByLabel('Token').fill(h.alfa.editor);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.locator(`tr[data-model-id="${id}"]`).getByRole('button').click();
  await page.getByRole('heading', { name: 'Antaganden' }).waitFor(WAIT);
  return { page, id };
}

const expectedTotal = async (page: Page): Promise<string> => {
  await page.locator('.preview[data-state="done"][data-current="true"]').waitFor(RUN_WAIT);
  return (await page.locator('.preview-years li[data-year="total"] [data-field="expected"]').textContent()) ?? '';
};

const parseMsek = (text: string): number => Number(text.replace(/[^\d,-]/g, '').replace(',', '.'));

describe('the structure of the model in the editor', () => {
  it('adds a segment with a form and an inflow, and the preview runs the valid draft', async () => {
    const { page } = await openReference('Ny målgrupp');
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

    // An invalid entry is named by its field: a second segment given an id already in use. Both fields that
    // share it stay to be corrected (the first one's is otherwise hidden, being in use), each with the message.
    await page.getByRole('button', { name: 'Lägg till en målgrupp' }).click();
    await page.getByRole('textbox', { name: 'Kortnamn (id)' }).fill('bou');
    const ids = page.getByRole('textbox', { name: 'Kortnamn (id)' });
    await expect.poll(() => ids.count(), WAIT).toBe(2);
    for (const field of await ids.all()) {
      expect(await field.inputValue()).toBe('bou');
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      const err = `${await field.getAttribute('id')}-err`;
      expect(await field.getAttribute('aria-describedby')).toContain(err);
      expect(await page.locator(`#${err}`).textContent()).toBe('målgruppens id "bou" används mer än en gång');
    }
    expect(await page.locator('#ed-issues li').count()).toBe(1);
    // One of the two can be removed, which makes the model valid again.
    expect(await page.getByRole('button', { name: 'Ta bort Barn och unga' }).isDisabled()).toBe(false);
    await env.shot('editor-structure-3-duplicate-segment');
    await page.getByRole('button', { name: 'Ta bort Ny målgrupp' }).click();
    await expect.poll(() => page.locator('#ed-issues').count(), WAIT).toBe(0);
    expect(await page.getByRole('button', { name: 'Ta bort Barn och unga' }).isDisabled()).toBe(true);
  });

  it("removes an option and adds one from its preset, with what it acts on chosen among the model's own", async () => {
    const { page } = await openReference('Åtgärder');
    await openSection(page, /^Åtgärder/);
    const controller = page.locator('details.level-4').filter({ has: page.locator('summary', { hasText: /^Placeringscontroller/ }) });
    expect(await controller.count()).toBe(1);
    await controller.locator('summary').click();
    await controller.getByRole('button', { name: 'Ta bort Placeringscontroller' }).click();
    await expect.poll(() => controller.count(), WAIT).toBe(0);
    expect(await page.locator('#ed-issues').count()).toBe(0);
    // The preview compares the draft's own options: the removed one's scenario goes with it (it would otherwise
    // name an option the draft no longer has, and the preview would stay invalid).
    await page.locator('.preview[data-state="done"][data-current="true"]').waitFor(RUN_WAIT);
    expect(await page.locator('.preview .option-card').count()).toBe(5);
    expect(await page.locator('.preview .option-card[data-option="controller"]').count()).toBe(0);
    expect(await page.locator('.preview-issues').count()).toBe(0);

    await page.getByRole('combobox', { name: 'Lägg till en åtgärd med förvalda värden' }).selectOption({ label: 'Placeringscontroller' });
    await page.getByRole('button', { name: 'Lägg till åtgärden' }).click();
    // The option added opens at once; the one that took the removed one's place did not open instead.
    await expect.poll(() => controller.count(), WAIT).toBe(1);
    expect(await controller.getAttribute('open')).not.toBeNull();
    expect(await page.locator('details.level-4[open]').count()).toBe(1);
    expect(await controller.getByRole('group', { name: 'Lönekostnad per år' }).getByLabel('Troligast').inputValue()).toBe('800\u00a0000');
    const segment = controller.getByRole('combobox', { name: 'Målgrupp (flytt mellan former)' });
    expect(await segment.inputValue()).toBe('bou');
    expect(await segment.locator('option').allTextContents()).toContain('Barn och unga');
    await segment.selectOption({ label: 'Vuxna' });
    expect(await segment.inputValue()).toBe('vuxen');
    // The mix shift's forms are the model's own too: a form of another segment is refused by its field.
    const from = controller.getByRole('combobox', { name: 'Från placeringsform (flytt mellan former)' });
    const fromErr = page.locator(`#${await from.getAttribute('id')}-err`);
    await expect.poll(() => fromErr.textContent(), WAIT).toContain('hvb');
    // Offered: the adult forms only, and the one it still names, kept visible so that its message makes sense.
    expect(await from.locator('option').allTextContents()).toEqual([
      'hvb',
      'Institution/HVB missbruk',
      'Skyddat boende',
      'Familjehem vuxna',
    ]);
    await segment.selectOption({ label: 'Barn och unga' });
    await expect.poll(() => page.locator('#ed-issues').count(), WAIT).toBe(0);
    await page.locator('.preview[data-state="done"][data-current="true"]').waitFor(RUN_WAIT);
    expect(await page.locator('.preview .option-card[data-option="controller"]').count()).toBe(1);

    // A second one of the same kind gets an id and a name of its own, and is previewed although no box is ticked for it.
    await page.getByRole('button', { name: 'Lägg till åtgärden' }).click();
    await page.locator('summary', { hasText: /^Placeringscontroller 2/ }).waitFor(WAIT);
    expect(await page.locator('#ed-issues').count()).toBe(0);
    await page.locator('.preview[data-state="done"][data-current="true"]').waitFor(RUN_WAIT);
    expect(await page.locator('.preview .option-card[data-option="controller_2"]').count()).toBe(1);
    await env.shot('editor-structure-2-option');
  });

  it('switches an assumption the model may give as a number to a distribution, and the preview and the draft follow', async () => {
    const { page, id } = await openReference('Fast kostnad');
    const start = parseMsek(await expectedTotal(page));
    await openSection(page, /^Placeringsformer/);
    const hvb = page.locator('details.level-4').filter({ has: page.locator('summary', { hasText: /^HVB \(köpt plats\)/ }) });
    await hvb.locator('summary').click();
    const fixed = hvb.getByRole('group', { name: 'Fast kostnad per år' });

    // Not in the model yet: a fixed amount is typed, which the preview adds to every year.
    await fixed.getByRole('textbox', { name: 'Värde' }).fill('1500000');
    await expect.poll(async () => parseMsek(await expectedTotal(page)), RUN_WAIT).toBeGreaterThan(start);
    const asNumber = parseMsek(await expectedTotal(page));

    // The same amount as lowest–likely–highest: the entry keeps it as the likely value, with a spread around it.
    await fixed.getByRole('combobox', { name: 'Ange som' }).selectOption({ label: 'Lägsta – troligast – högsta' });
    expect(await fixed.getByLabel('Troligast').inputValue()).toBe('1\u00a0500\u00a0000');
    expect(await fixed.getByRole('img').count()).toBe(1);
    await fixed.getByLabel('Högsta').fill('4500000');
    await expect.poll(async () => parseMsek(await expectedTotal(page)), RUN_WAIT).toBeGreaterThan(asNumber);
    expect(await page.locator('#ed-issues').count()).toBe(0);

    const stored = (await page.evaluate(`localStorage.getItem('pp.draft.${id}@1')`)) as string;
    const hvbForm = (JSON.parse(stored) as { model: { forms: { id: string; fixedCostPerYear?: unknown }[] } }).model.forms.find(
      (f) => f.id === 'hvb',
    );
    expect(hvbForm?.fixedCostPerYear).toEqual({ type: 'pert', min: 1200000, mode: 1500000, max: 4500000 });

    // Emptied as a fixed value again, the optional cost leaves the model instead of being an error.
    await fixed.getByRole('combobox', { name: 'Ange som' }).selectOption({ label: 'Ett fast värde' });
    await fixed.getByRole('textbox', { name: 'Värde' }).fill('');
    await expect.poll(() => page.locator('#ed-issues').count(), WAIT).toBe(0);
    await expect.poll(async () => parseMsek(await expectedTotal(page)), RUN_WAIT).toBe(start);
  });
});
