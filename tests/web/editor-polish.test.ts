/**
 * The editor's finish, in a real browser (browser.ts): amounts shown grouped as the page writes numbers and read
 * back as typed (spaces, decimal comma, English commas); the server's field issues named as the editor names them,
 * a scenario of one option said once; the fields inside an option's effects named by their labels; an in-house
 * unit's intake and overflow chosen among the model's forms; and removing a form, an inflow or a group of ongoing
 * placements opens nothing else in its place.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../functions/harness.js';
import { openSection, refusePosts, useBrowser, WAIT } from './browser.js';

type Loose = Record<string, unknown>;
const reference = JSON.parse(readFileSync(new URL('../../examples/reference-midsize.json', import.meta.url), 'utf8')) as Loose & {
  forms: Loose[];
  options: Loose[];
};

const env = useBrowser();
let h: Harness;
beforeAll(() => {
  h = env.h;
});

const NBSP = '\u00a0';

async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Token').fill(h.alfa.editor);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

async function openModel(model: object, name: string): Promise<{ page: Page; id: string }> {
  const created = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: { ...model, name } });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const page = await env.newPage();
  await signIn(page);
  await page.locator(`tr[data-model-id="${id}"]`).getByRole('button').click();
  await page.getByRole('heading', { name: 'Antaganden' }).waitFor(WAIT);
  return { page, id };
}

/** The draft as the editor keeps it in this browser. */
async function draftOf(page: Page, id: string): Promise<Loose & { options: Loose[]; forms: Loose[] }> {
  const stored = (await page.evaluate(`localStorage.getItem('pp.draft.${id}@1')`)) as string;
  return (JSON.parse(stored) as { model: Loose & { options: Loose[]; forms: Loose[] } }).model;
}

const effectOf = (model: { options: Loose[] }, option: string, type: string) =>
  (model.options.find((o) => o.id === option)!.effects as Loose[]).find((e) => e.type === type) as Loose;

describe('the editor, finished', () => {
  it('shows amounts grouped as the page writes numbers, and reads them back as typed, in Swedish and English', async () => {
    const { page, id } = await openModel(reference, 'Tusental');
    await openSection(page, /^Åtgärder/);
    const unit = await openSection(page, /^HVB i egen regi/, 4);
    const running = unit.getByRole('group', { name: 'Driftkostnad per år, full eller tom' });
    const lowest = running.getByRole('textbox', { name: 'Lägsta' });
    expect(await lowest.inputValue()).toBe(`8${NBSP}800${NBSP}000`);
    expect(await running.getByRole('textbox', { name: 'Troligast' }).inputValue()).toBe(`9${NBSP}350${NBSP}000`);

    // Typed with spaces and a decimal comma: kept as typed while typing, grouped once the box is left.
    await lowest.fill('9 100 000,5');
    expect(await lowest.inputValue()).toBe('9 100 000,5');
    await lowest.press('Tab');
    expect(await lowest.inputValue()).toBe(`9${NBSP}100${NBSP}000,5`);
    const fixedCost = async () => (effectOf(await draftOf(page, id), 'hvb_egen', 'addForm').form as Loose).fixedCostPerYear as Loose;
    await expect.poll(async () => (await fixedCost()).min, WAIT).toBe(9_100_000.5);

    // Text that is no number stays as typed, with its message beside the field.
    await lowest.fill('9 1x0');
    await lowest.press('Tab');
    expect(await lowest.inputValue()).toBe('9 1x0');
    expect(await lowest.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await lowest.getAttribute('id')}-err`).textContent()).toBe('måste vara ett tal');

    await lowest.fill('8800000');
    await lowest.press('Tab');
    expect(await lowest.inputValue()).toBe(`8${NBSP}800${NBSP}000`);
    await env.shot('editor-polish-1-grouped-sv');

    // In English, commas group and a point is the decimal mark.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    const lowestEn = unit.getByRole('group', { name: 'Running cost per year, full or empty' }).getByRole('textbox', { name: 'Lowest' });
    await expect.poll(() => lowestEn.inputValue(), WAIT).toBe('8,800,000');
    await lowestEn.fill('8,950,000.25');
    await lowestEn.press('Tab');
    expect(await lowestEn.inputValue()).toBe('8,950,000.25');
    await expect.poll(async () => (await fixedCost()).min, WAIT).toBe(8_950_000.25);
    await env.shot('editor-polish-2-grouped-en');
  });

  it("names the server's field issues as the editor names them, and a scenario of one option once", async () => {
    const page = await env.newPage();
    await signIn(page);
    // The refused upload and the refused run are answers of 400, which Chromium logs.
    env.allowedErrors.push(/status of 400\b/);
    const invalid = structuredClone(reference);
    (invalid.forms[2].dailyCost as Loose).min = -100;
    await page.locator('#model-file').setInputFiles({
      name: 'modell.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...invalid, name: 'Fel i filen' })),
    });
    await page.getByRole('button', { name: 'Ladda upp' }).click();
    const issue = page.locator('#file-error li');
    await issue.first().waitFor(WAIT);
    expect(await issue.locator('strong').allTextContents()).toContain('HVB (köpt plats) › Dygnskostnad › Lägsta');
    expect(await page.locator('#file-error').textContent()).not.toContain('forms[');
    await env.shot('editor-polish-3-upload-issue');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => issue.locator('strong').allTextContents(), WAIT).toContain('HVB (köpt plats) › Price per care day › Lowest');
    await page.getByRole('button', { name: 'Byt till svenska' }).click();

    // A run the service refuses for one of its scenarios: the scenario of the controller alone is named once.
    const created = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: { ...reference, name: 'Körfel' } });
    const { id } = (await created.json()) as { id: string };
    await page.reload();
    await page.locator(`tr[data-model-id="${id}"]`).getByRole('button').click();
    await page.getByRole('heading', { name: 'Antaganden' }).waitFor(WAIT);
    await refusePosts(page, '**/api/v1/runs', [{ path: 'scenarios[0].options[0]', message: 'unknown option "controller"' }]);
    await page.getByRole('button', { name: 'Starta beräkningen' }).click();
    const runIssue = page.locator('form .error li');
    await runIssue.first().waitFor(WAIT);
    expect(await runIssue.locator('strong').allTextContents()).toEqual(['Placeringscontroller']);
    expect(await page.locator('form .error').textContent()).not.toContain('scenarios[');
  });

  it("names the fields inside an option's effects by their labels, a preset's by its parameters", async () => {
    const own = {
      id: 'egen',
      label: 'Egen åtgärd',
      effects: [{ type: 'lengthOfStay', forms: ['hvb'], multiplier: 0.9, fromMonth: 0 }],
    };
    const { page } = await openModel({ ...reference, options: [...reference.options, own] }, 'Effekternas fält');
    await openSection(page, /^Åtgärder/);
    const controller = await openSection(page, /^Placeringscontroller/, 4);
    await controller.getByRole('group', { name: 'Effekt på vårdtiden (faktor)' }).getByRole('textbox', { name: 'Troligast' }).fill('abc');
    const issues = page.locator('#ed-issues li');
    await expect
      .poll(() => issues.allTextContents(), WAIT)
      .toEqual(['Placeringscontroller › Effekt på vårdtiden (faktor) › Troligast: måste vara ett tal']);
    await controller.getByRole('group', { name: 'Effekt på vårdtiden (faktor)' }).getByRole('textbox', { name: 'Troligast' }).fill('0,85');

    // An option of no known kind: its effect's fields by the editor's labels, in the list as by the field.
    const mine = await openSection(page, /^Egen åtgärd/, 4);
    const factor = mine.getByRole('group', { name: 'Effekt (faktor)' });
    expect(await mine.locator('legend', { hasText: /^Effekt 1/ }).textContent()).toBe('Effekt 1: vårdtid');
    await factor.getByRole('textbox', { name: 'Värde' }).fill('abc');
    await expect
      .poll(() => issues.locator('strong').allTextContents(), WAIT)
      .toEqual(['Egen åtgärd › Effekt 1: vårdtid › Effekt (faktor)']);
    await env.shot('editor-polish-4-effect-labels');
  });

  it("chooses an in-house unit's intake and overflow among the model's forms", async () => {
    const { page, id } = await openModel(reference, 'Egen enhet');
    await openSection(page, /^Åtgärder/);
    const unit = await openSection(page, /^HVB i egen regi/, 4);
    const overflow = unit.getByRole('combobox', { name: 'När platserna är fulla, placera i (egen enhet)' });
    expect(await overflow.inputValue()).toBe('hvb');
    // The unit's own segment's forms, and none.
    expect(await overflow.locator('option').allTextContents()).toEqual([
      '(ingen)',
      'Egna familjehem',
      'Konsulentstödda familjehem',
      'HVB (köpt plats)',
      'SiS särskilt ungdomshem',
      'Stödboende (köpt plats)',
    ]);
    await overflow.selectOption({ label: 'Stödboende (köpt plats)' });

    const takes = unit.getByRole('group', { name: 'Tar emot nya placeringar från (egen enhet)' });
    expect(await takes.getByRole('checkbox', { name: 'HVB (köpt plats)' }).isChecked()).toBe(true);
    expect(await takes.getByRole('checkbox', { name: 'SiS särskilt ungdomshem' }).isChecked()).toBe(false);
    await takes.getByRole('checkbox', { name: 'SiS särskilt ungdomshem' }).check();
    await env.shot('editor-polish-5-unit-targets');

    await expect
      .poll(async () => effectOf(await draftOf(page, id), 'hvb_egen', 'addForm').takes, WAIT)
      .toMatchObject({ from: ['hvb', 'sis'] });
    const addForm = effectOf(await draftOf(page, id), 'hvb_egen', 'addForm');
    expect((addForm.form as Loose).overflowTo).toBe('stodboende');
    expect(await page.locator('#ed-issues').count()).toBe(0);
  });

  /** What has the focus: its tag and text. */
  const FOCUSED = "`${document.activeElement?.tagName.toLowerCase()}: ${document.activeElement?.textContent ?? ''}`";

  it('opens nothing in place of a removed form, inflow or group of ongoing placements, and keeps the focus in its section', async () => {
    const { page } = await openModel(reference, 'Borttagna');
    const open = page.locator('details.level-4[open]');

    await openSection(page, /^Placeringsformer/);
    const first = await openSection(page, /^Egna familjehem/, 4);
    await first.getByRole('button', { name: 'Ta bort Egna familjehem' }).click();
    await expect.poll(() => page.locator('details.level-4 > summary', { hasText: /^Egna familjehem/ }).count(), WAIT).toBe(0);
    expect(await open.count()).toBe(0);
    // The keyboard goes on from the section the form was in, not from the top of the document.
    await expect.poll(() => page.evaluate(FOCUSED), WAIT).toMatch(/^summary: Placeringsformer/);

    await openSection(page, /^Nya placeringar/);
    const inflow = await openSection(page, /^Nya placeringar, Barn och unga/, 4);
    await inflow.getByRole('button', { name: 'Ta bort Nya placeringar, Barn och unga' }).click();
    await expect.poll(() => page.locator('details.level-4 > summary', { hasText: /^Nya placeringar, Barn/ }).count(), WAIT).toBe(0);
    expect(await open.count()).toBe(0);
    await expect.poll(() => page.evaluate(FOCUSED), WAIT).toMatch(/^summary: Nya placeringar/);

    // A group of ongoing placements: the next group keeps its own fields, and the focus does not land on its
    // remove button (where a second press would remove it too).
    await openSection(page, /^Pågående placeringar vid start/);
    const rows = page.locator('fieldset.ed-caseload');
    // The section's groups render as it opens.
    await rows.nth(1).waitFor(WAIT);
    const count = await rows.count();
    const removed = await rows.nth(0).elementHandle();
    const next = await rows.nth(1).elementHandle();
    await rows.nth(0).getByRole('button', { name: 'Ta bort', exact: true }).click();
    await expect.poll(() => rows.count(), WAIT).toBe(count - 1);
    expect(await removed!.evaluate((el) => el.isConnected)).toBe(false);
    expect(await next!.evaluate((el) => el.querySelector('legend')?.textContent)).toBe('Grupp 1');
    expect(await page.evaluate("document.activeElement?.closest('fieldset.ed-caseload') == null")).toBe(true);
    await expect.poll(() => page.evaluate(FOCUSED), WAIT).toMatch(/^summary: Pågående placeringar vid start/);
    await env.shot('editor-polish-6-removed');
  });
});
