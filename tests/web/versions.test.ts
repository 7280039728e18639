/**
 * A model's version history in a real browser (browser.ts): the versions made through the API listed newest first
 * with who saved them, the latest against the one before by default, any two picked, the difference as changed
 * assumptions in words (the same words diffModels gives), in Swedish and English; and the conflict view, rendered
 * in the page on its own, resolving a save that met a newer version without losing either side's changes.
 */
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../functions/auth/tokens.js';
import { diffModels } from '../../presentation/model-diff.js';
import type { Model } from '../../simulation/schema.js';
import { hrefOf, parseRoute } from '../../web/src/routes.js';
import type { Harness } from '../functions/harness.js';
import { expectAccessible } from './axe.js';
import { useBrowser, WAIT } from './browser.js';

type Json = Record<string, any>;
const SMALL = JSON.parse(readFileSync(new URL('../../examples/small-municipality.json', import.meta.url), 'utf8')) as Json;
/** A fresh copy of the small example, named. */
const copy = (name = SMALL.name as string): Json => ({ ...(JSON.parse(JSON.stringify(SMALL)) as Json), name });

const env = useBrowser();
let h: Harness;
let page: Page;
/** An editor of alfa whose token is labelled as a person would label it. */
let anna: string;

beforeAll(async () => {
  h = env.h;
  anna = (await createToken(h.store, 'alfa', 'editor', new Date(), 'Anna, controller')).token;
});

async function post(model: Json): Promise<string> {
  const res = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: model });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function put(id: string, model: Json, ifMatch: number, token = h.alfa.editor): Promise<void> {
  const res = await h.request(`/api/v1/models/${id}`, { method: 'PUT', token, json: model, headers: { 'If-Match': `"${ifMatch}"` } });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function version(id: string, n: number): Promise<Model> {
  const res = await h.request(`/api/v1/models/${id}/versions/${n}`, { token: h.alfa.viewer });
  return ((await res.json()) as { model: Model }).model;
}

const hvb = (m: Json): Json => m.forms.find((f: Json) => f.id === 'hvb');

/** Version 1 as in the example; 2 (by Anna) with a dearer HVB and a higher budget; 3 with a new form. */
async function threeVersions(): Promise<string> {
  const id = await post(copy('Historikkommun'));
  const v2 = copy('Historikkommun');
  hvb(v2).dailyCost = { type: 'pert', min: 4000, mode: 4800, max: 6800 };
  v2.budget['2027'] = 19_600_000;
  await put(id, v2, 1, anna);
  const v3 = JSON.parse(JSON.stringify(v2)) as Json;
  v3.forms.push({
    id: 'eget_hvb',
    label: 'Eget HVB',
    segment: v3.forms[0].segment,
    provider: 'internal',
    dailyCost: 1200,
    lengthOfStayDays: 200,
  });
  await put(id, v3, 2);
  return id;
}

const listed = (p: Page) => p.locator('.version-diff ul.changes li').allInnerTexts();

describe('screen hash', () => {
  it('of the history reads back, and a model screen stays a model screen', () => {
    expect(hrefOf({ screen: 'versions', id: 'a b' })).toBe('#/models/a%20b/versions');
    expect(parseRoute('#/models/a%20b/versions')).toEqual({ screen: 'versions', id: 'a b' });
    expect(parseRoute('#/models/x')).toEqual({ screen: 'model', id: 'x' });
    expect(parseRoute('#/models/x/other')).toEqual({ screen: 'models' });
  });
});

describe('version history', () => {
  it('lists the versions newest first and shows the latest against the one before, in words', async () => {
    const id = await threeVersions();
    page = await env.newPage();
    await env.signIn(h.alfa.viewer);
    await page.getByRole('heading', { name: 'Modeller' }).waitFor(WAIT);
    await page.goto(`${env.url}/#/models/${id}`);
    await page.getByRole('link', { name: 'Versioner och ändringar' }).click();
    await page.getByRole('heading', { name: 'Versioner av Historikkommun' }).waitFor(WAIT);
    expect(page.url()).toContain(`#/models/${id}/versions`);

    const rows = page.locator('.versions-table tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-version')))).toEqual(['3', '2', '1']);
    await expect.poll(() => rows.nth(1).locator('td').nth(3).innerText()).toBe('Anna, controller');
    expect(await rows.nth(0).locator('td').nth(3).innerText()).toBe('test editor');
    // Every version has the model's name: no column repeats it.
    expect(await page.getByRole('columnheader', { name: 'Namn' }).count()).toBe(0);

    await page.getByRole('heading', { name: 'Ändringar från version 2 till version 3' }).waitFor(WAIT);
    await expect.poll(() => listed(page)).toEqual(['Ny placeringsform: Eget HVB']);
    await env.shot('versions-latest');

    // The first version against the latest: every change, in the words diffModels gives.
    await page.getByRole('radio', { name: 'Jämför från version 1' }).check();
    await page.getByRole('heading', { name: 'Ändringar från version 1 till version 3' }).waitFor(WAIT);
    const expected = diffModels(await version(id, 1), await version(id, 3), 'sv').map((c) => c.text);
    expect(expected).toHaveLength(3);
    await expect.poll(() => listed(page)).toEqual(expected);
    expect(expected.join('\n')).toContain('Budget 2027: 19,1 → 19,6 mkr');
    expect(expected.join('\n')).toMatch(/^HVB \(köpt plats\): dygnskostnad PERT 3\s800–6\s500 kr/m);
    await page.getByText('3 ändrade antaganden').waitFor(WAIT);
    await expectAccessible(page, 'version history');
    await env.shot('versions-1-to-3');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Changes from version 1 to version 3' }).waitFor(WAIT);
    const english = diffModels(await version(id, 1), await version(id, 3), 'en').map((c) => c.text);
    await expect.poll(() => listed(page)).toEqual(english);
    expect(english.join('\n')).toContain('Budget 2027: 19.1 → 19.6 MSEK');
    await page.getByRole('button', { name: 'Byt till svenska' }).click();
  });

  it('says so when a model has only one version, and is a plain 404 for a model the municipality does not have', async () => {
    const id = await post(copy('Enversionskommun'));
    page = await env.newPage();
    await env.signIn(h.alfa.viewer);
    await page.getByRole('heading', { name: 'Modeller' }).waitFor(WAIT);
    await page.goto(`${env.url}/#/models/${id}/versions`);
    await page.getByText('Modellen har bara en version än.').waitFor(WAIT);
    await env.shot('versions-one');

    env.allowedErrors.push(/status of 404/);
    await page.goto(`${env.url}/#/models/${id}/versions`.replace(id, '01k0000000000000000000000z'));
    await page.getByRole('heading', { name: 'Modellen hittades inte' }).waitFor(WAIT);
  });
});

/** The conflict view alone in a page of this origin (so the API and sessionStorage work), bundled by esbuild. */
async function conflictPage(props: Json): Promise<Page> {
  const bundle = await build({
    stdin: {
      contents: `
        import { h, render } from 'preact';
        import { ConflictView } from '../../web/src/versions/conflict-view.tsx';
        const w = window;
        render(h(ConflictView, { ...w.__props,
          onResolve: (merged, version) => { w.__resolved = { merged, version }; },
          onDiscard: () => { w.__discarded = true; } }), document.getElementById('root'));`,
      resolveDir: new URL('.', import.meta.url).pathname,
      loader: 'tsx',
    },
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    target: 'es2022',
    logLevel: 'silent',
  });
  const css = readFileSync(new URL('../../web/src/styles.css', import.meta.url), 'utf8');
  page = await env.newPage();
  await page.route(`${env.url}/conflict-test/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.endsWith('.js')) return route.fulfill({ contentType: 'text/javascript', body: bundle.outputFiles[0].text });
    if (path.endsWith('.css')) return route.fulfill({ contentType: 'text/css', body: css });
    return route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Konflikt</title>
        <link rel="stylesheet" href="/conflict-test/styles.css"></head>
        <body><main><div id="root"></div></main><script src="/conflict-test/setup.js"></script>
        <script src="/conflict-test/view.js"></script></body></html>`,
    });
  });
  await page.route(`${env.url}/conflict-test/setup.js`, (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `sessionStorage.setItem('pp.token', ${JSON.stringify(h.alfa.viewer)}); window.__props = ${JSON.stringify(props)};`,
    }),
  );
  await page.goto(`${env.url}/conflict-test/index.html`);
  return page;
}

describe('conflict view', () => {
  it('shows both sides, lets the user choose per field and puts my changes on top of their version', async () => {
    const id = await post(copy('Konfliktkommun'));
    const base = await version(id, 1);
    // They (Anna) raise the HVB price and the 2027 budget and save first.
    const theirs = copy();
    theirs.name = 'Konfliktkommun';
    hvb(theirs).dailyCost = { type: 'pert', min: 4000, mode: 4800, max: 6800 };
    theirs.budget['2027'] = 19_600_000;
    await put(id, theirs, 1, anna);
    // I set the HVB price otherwise, rename an option and add a budget year, starting from version 1.
    const mine = copy();
    mine.name = 'Konfliktkommun';
    hvb(mine).dailyCost = { type: 'pert', min: 3900, mode: 4700, max: 6600 };
    mine.options[0].label = 'Placeringscontroller 50 %';
    mine.budget['2031'] = 21_500_000;
    const latest = (await (await h.request(`/api/v1/models/${id}`, { token: h.alfa.viewer })).json()) as Json;

    await conflictPage({ base, baseVersion: 1, mine, theirs: latest });
    await page.getByRole('heading', { name: 'Någon annan har sparat en nyare version' }).waitFor(WAIT);
    // Who saved it is looked up from the history.
    await page.getByRole('heading', { name: /Ändringar i version 2, sparad .* av Anna, controller/ }).waitFor(WAIT);
    const mineList = await page.locator('[aria-labelledby="conflict-mine"] li').allInnerTexts();
    expect(mineList).toEqual(diffModels(base, mine as Model, 'sv').map((c) => c.text));
    const theirList = await page.locator('[aria-labelledby="conflict-theirs"] li').allInnerTexts();
    expect(theirList).toEqual(diffModels(base, theirs as Model, 'sv').map((c) => c.text));

    const apply = page.getByRole('button', { name: 'Lägg mina ändringar ovanpå version 2' });
    expect(await apply.isDisabled()).toBe(true);
    const fields = page.locator('.conflict-field');
    expect(await fields.count()).toBe(1);
    expect(await fields.getAttribute('data-path')).toBe('forms.hvb.dailyCost');
    await env.shot('conflict-view');
    await expectAccessible(page, 'conflict view');

    await fields.getByRole('radio', { name: /Min ändring/ }).check();
    expect(await apply.isDisabled()).toBe(false);
    await apply.click();
    const resolved = (await page.evaluate(() => (globalThis as unknown as { __resolved: unknown }).__resolved)) as {
      merged: Json;
      version: number;
    };
    expect(resolved.version).toBe(2);
    expect(hvb(resolved.merged).dailyCost).toEqual(hvb(mine).dailyCost);
    expect(resolved.merged.budget).toEqual({ ...SMALL.budget, '2027': 19_600_000, '2031': 21_500_000 });
    expect(resolved.merged.options[0].label).toBe('Placeringscontroller 50 %');

    // Saved as the caller would, with If-Match of their version: nobody's change is lost.
    await put(id, resolved.merged, 2);
    const v3 = await version(id, 3);
    expect(diffModels(theirs as Model, v3, 'sv').map((c) => c.path)).toEqual([
      ['budget', '2031'],
      ['forms', 'hvb', 'dailyCost'],
      ['options', 'controller', 'label'],
    ]);
  });

  it('says when the two sets of changes do not make a valid model together, and discards mine on request', async () => {
    const id = await post(copy('Ogiltigkommun'));
    const base = await version(id, 1);
    // They remove a form; I send more HVB step-downs to it. Each is valid alone; together a step-down names a missing form.
    const theirs = copy();
    theirs.name = 'Ogiltigkommun';
    const gone = 'stodboende';
    theirs.forms = theirs.forms.filter((f: Json) => f.id !== gone);
    for (const f of theirs.forms) f.next = (f.next ?? []).filter((n: Json) => n.form !== gone);
    for (const inf of theirs.inflow) {
      const share = inf.mix[gone] ?? 0;
      delete inf.mix[gone];
      inf.mix.familjehem_egna += share;
    }
    theirs.options = theirs.options.filter((o: Json) => !JSON.stringify(o).includes(gone));
    theirs.initialCaseload = (theirs.initialCaseload ?? []).filter((c: Json) => c.form !== gone);
    await put(id, theirs, 1);
    const mine = copy();
    mine.name = 'Ogiltigkommun';
    hvb(mine).next[0] = { form: gone, probability: 0.3 };
    const latest = (await (await h.request(`/api/v1/models/${id}`, { token: h.alfa.viewer })).json()) as Json;

    await conflictPage({ base, mine, theirs: latest });
    await page.getByRole('heading', { name: 'Någon annan har sparat en nyare version' }).waitFor(WAIT);
    const choices = page.locator('.conflict-field');
    for (let i = 0; i < (await choices.count()); i++)
      await choices
        .nth(i)
        .getByRole('radio', { name: /Min ändring/ })
        .check();
    await page.getByRole('button', { name: 'Lägg mina ändringar ovanpå version 2' }).click();
    await page.getByText('Ändringarna går inte ihop till en giltig modell:').waitFor(WAIT);
    expect(await page.evaluate(() => (globalThis as unknown as { __resolved?: unknown }).__resolved)).toBeUndefined();
    await env.shot('conflict-invalid');

    await page.getByRole('button', { name: 'Släng mina ändringar' }).click();
    expect(await page.evaluate(() => (globalThis as unknown as { __discarded?: boolean }).__discarded)).toBe(true);
  });
});
