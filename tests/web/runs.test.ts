/**
 * Earlier runs, sign-in edge cases, a cancelled run tried again, a failed run, another municipality's links, a
 * run that survives a dropped connection, and the downloads, in a real browser (browser.ts). Two runs of 1,000 trials in the whole file; the
 * failed run fails at once (its executor is told to fail it) and the cancelled one is held queued, so neither
 * costs a simulation until it is tried again.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatMsek } from '../../presentation/numbers.js';
import { RunLifecycle } from '../../functions/services/run-lifecycle.js';
import { systemClock, type RunRecord } from '../../functions/store/port.js';
import { ComparisonResultSchema } from '../../simulation/result.js';
import type { Harness } from '../functions/harness.js';
import { expectAccessible } from './axe.js';
import { RUN_WAIT, useBrowser, WAIT } from './browser.js';

const smallModel = JSON.parse(readFileSync(new URL('../../examples/small-municipality.json', import.meta.url), 'utf8')) as {
  name: string;
  options: { id: string; label: string }[];
};

const env = useBrowser();
const { shot, signIn } = env;
let h: Harness;
let page: Page;
beforeAll(() => {
  h = env.h;
});

async function newPage(hash = ''): Promise<Page> {
  page = await env.newPage();
  if (hash) await page.goto(`${env.url}/${hash}`);
  return page;
}

async function createModel(name: string): Promise<string> {
  const res = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: { ...smallModel, name } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const REASON = 'the worker pool stopped';
const realStart = new WeakMap<object, unknown>();

/** Puts `start` in the place of the executor's own start(), until the test ends (releaseRuns). */
function replaceStart(start: (run: RunRecord) => Promise<void>): void {
  const executor = h.executor as unknown as { start(run: RunRecord): Promise<void> };
  realStart.set(executor, executor.start);
  executor.start = start;
}

/** Signs in as alfa's editor, opens the model and starts a run of it with the page's defaults. */
async function startRunInPage(modelId: string, name: string): Promise<void> {
  await newPage();
  await signIn(h.alfa.editor);
  await page.locator(`tr[data-model-id="${modelId}"]`).getByRole('button').click();
  await page.getByRole('heading', { name: new RegExp(name) }).waitFor(WAIT);
  await page.getByRole('button', { name: 'Starta beräkningen' }).click();
}

/** Makes the executor fail every run it is given, as a crashed worker pool would. */
function failEveryRun(): void {
  const life = new RunLifecycle(h.store, systemClock);
  replaceStart(async (run) => {
    await life.fail(run.tenant, run.id, new Error(REASON));
  });
}

/** Makes the executor leave every run it is given queued. */
function holdEveryRun(): void {
  replaceStart(() => Promise.resolve());
}

/** Gives the executor its own start() back. */
function releaseRuns(): void {
  const executor = h.executor as unknown as { start: unknown };
  if (realStart.has(executor)) {
    executor.start = realStart.get(executor);
    realStart.delete(executor);
  }
}
afterEach(releaseRuns);

describe('signing in', () => {
  it('tells a thing that is not a token from a token that is not accepted (revoked), and names the municipality', async () => {
    await newPage();
    await signIn('hello');
    await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toContain('ser inte ut som en token');
    expect(env.requests.filter((u) => u.includes('/api/'))).toEqual([]); // refused without asking the server

    const made = (await (
      await h.request('/api/v1/tokens', { method: 'POST', token: h.alfa.admin, json: { role: 'viewer', label: 'to revoke' } })
    ).json()) as { token: string; tokenId: string };
    expect((await h.request(`/api/v1/tokens/${made.tokenId}`, { method: 'DELETE', token: h.alfa.admin })).status).toBe(204);
    await signIn(made.token);
    await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toContain('Token för alfa godtogs inte');
    expect(await page.getByLabel('Token').inputValue()).toBe(made.token); // nothing typed is lost
    await shot('runs-1-revoked-token');
    await expectAccessible(page, 'sign-in after a revoked token');

    // A good token names its municipality; revoked while signed in, the next request returns to sign-in saying why.
    const second = (await (
      await h.request('/api/v1/tokens', { method: 'POST', token: h.alfa.admin, json: { role: 'viewer' } })
    ).json()) as {
      token: string;
      tokenId: string;
    };
    await page.getByLabel('Token').fill('');
    await signIn(second.token);
    await page.getByRole('heading', { name: 'Modeller' }).waitFor(WAIT);
    expect(await page.locator('header .tenant').textContent()).toBe('Inloggad: alfa');
    expect((await h.request(`/api/v1/tokens/${second.tokenId}`, { method: 'DELETE', token: h.alfa.admin })).status).toBe(204);
    await page.getByRole('link', { name: 'Tidigare beräkningar' }).click();
    await page.getByText('Din token godtas inte längre').waitFor(WAIT);
    expect(await page.evaluate("sessionStorage.getItem('pp.token')")).toBeNull();
  });
});

describe('cancelling a run and trying again', () => {
  it('stops a queued run with "Avbryt", says so, and "Försök igen" goes on to the result', async () => {
    const modelId = await createModel('Avbruten modell');
    holdEveryRun();
    await startRunInPage(modelId, 'Avbruten modell');
    await page.getByText('I kö …').waitFor(WAIT);
    await page.getByRole('button', { name: 'Avbryt beräkningen' }).click();
    await page.getByText('Beräkningen avbröts efter 0 av 1 000 simuleringar').waitFor(WAIT);
    const runId = decodeURIComponent(new URL(page.url()).hash.replace('#/runs/', ''));
    expect(((await (await h.request(`/api/v1/runs/${runId}`, { token: h.alfa.viewer })).json()) as { status: string }).status).toBe(
      'cancelled',
    );
    expect(await page.getByRole('button', { name: 'Starta beräkningen' }).isEnabled()).toBe(true);
    await shot('runs-0-cancelled-run');
    await expectAccessible(page, 'a cancelled run');

    releaseRuns();
    await page.getByRole('button', { name: 'Försök igen' }).click();
    await page.locator('.headline[data-year="2027"]').waitFor(RUN_WAIT);
    const run = (await (await h.request(`/api/v1/runs/${runId}`, { token: h.alfa.viewer })).json()) as { status: string; attempt: number };
    expect(run).toMatchObject({ status: 'succeeded', attempt: 2 });
  });
});

describe('a failed run, the runs list, and another municipality', () => {
  it("shows a failed run's reason on the model view and in the list; a beta token sees no alfa run or model", async () => {
    const modelId = await createModel('Misslyckad modell');
    await createModel('Aldrig körd');
    failEveryRun();
    await startRunInPage(modelId, 'Misslyckad modell');
    // The user reads a plain reason with the reference the log has the internal message under, never that message.
    await expect
      .poll(() => page.getByRole('alert').allTextContents(), WAIT)
      .toContainEqual(expect.stringMatching(/^Beräkningen misslyckades: ett internt fel inträffade \(referens \S+\)/));
    const runId = decodeURIComponent(new URL(page.url()).hash.replace('#/runs/', ''));
    const failed = (await (await h.request(`/api/v1/runs/${runId}`, { token: h.alfa.viewer })).json()) as {
      status: string;
      errorRef: string;
    };
    expect(failed.status).toBe('failed');
    const reason = `Beräkningen misslyckades: ett internt fel inträffade (referens ${failed.errorRef}). Försök igen, eller ge referensen till den som driver tjänsten.`;
    expect(await page.getByRole('alert').allTextContents()).toContain(reason);
    expect((await page.getByRole('alert').allTextContents()).join(' ')).not.toContain(REASON);
    await shot('runs-2-failed-run');
    await expectAccessible(page, 'a failed run');

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Tidigare beräkningar' }).click();
    const row = page.locator(`tr[data-run-id="${runId}"]`);
    await expect.poll(() => row.textContent(), WAIT).toContain('Misslyckad modell');
    expect(await row.locator('[data-field="status"]').textContent()).toBe(reason);
    await expect.poll(() => row.textContent(), WAIT).toContain(smallModel.options.map((o) => o.label).join(', '));
    await shot('runs-3-runs-list');
    await expectAccessible(page, 'earlier runs');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Earlier runs' }).waitFor(WAIT);
    expect(await row.locator('[data-field="status"]').textContent()).toBe(
      `The run failed: an internal error occurred (reference ${failed.errorRef}). Try again, or give the reference to whoever runs the service.`,
    );
    await shot('runs-3-runs-list-en');
    await page.getByRole('button', { name: 'Byt till svenska' }).click();

    // Reload keeps the screen; the models list says when each model last ran.
    await page.reload();
    await page.getByRole('heading', { name: 'Tidigare beräkningar' }).waitFor(WAIT);
    await page.getByRole('link', { name: 'Modeller' }).click();
    const lastRun = (id: string) => page.locator(`tr[data-model-id="${id}"] [data-field="last-run"]`);
    await expect.poll(() => lastRun(modelId).textContent(), WAIT).toMatch(/\d{4}/);
    const never = page.getByRole('row', { name: /Aldrig körd/ }).locator('[data-field="last-run"]');
    expect(await never.textContent()).toBe('ingen än');

    // Beta: an empty list, and alfa's run and model by their links are said not to exist, with the way back.
    await newPage(`#/runs/${runId}`);
    env.allowedErrors.push(/status of 404\b/); // what the API answers beta for alfa's run and model
    await signIn(h.beta.viewer);
    await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toContain('Beräkningen finns inte för beta');
    await shot('runs-4-not-found');
    await expectAccessible(page, 'a run not found');
    await page.getByRole('main').getByRole('link', { name: 'Tidigare beräkningar' }).click();
    await page.getByText('Det finns inga beräkningar än').waitFor(WAIT);
    await page.goto(`${env.url}/#/models/${modelId}`);
    await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toContain('Modellen finns inte för beta');
  });
});

describe('a run through a dropped connection', () => {
  it('recovers when the connection is back, keeps what was typed, offers the downloads and reopens the result', async () => {
    const modelId = await createModel('Avbruten anslutning');
    await newPage();
    env.allowedErrors.push(/ERR_INTERNET_DISCONNECTED/);
    await signIn(h.alfa.editor);
    await page.locator(`tr[data-model-id="${modelId}"]`).getByRole('button').click();
    await page.getByRole('heading', { name: /Avbruten anslutning/ }).waitFor(WAIT);
    await page.getByLabel('Startvärde (seed)').fill('7');

    // Offline from the moment the run is accepted, before the page's first poll: the page learns nothing of the
    // run until the connection is back, however fast the run is.
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/runs'));
    await page.getByRole('button', { name: 'Starta beräkningen' }).click();
    const { id: runId } = (await (await posted).json()) as { id: string };
    await env.context.setOffline(true);
    await page.getByText('Anslutningen bröts – försöker igen …').waitFor(WAIT);
    await shot('runs-5-offline');
    await expectAccessible(page, 'a run while offline');
    await env.context.setOffline(false);

    await page.locator('.headline[data-year="2027"]').waitFor(RUN_WAIT);
    expect(await page.getByText('Anslutningen bröts').count()).toBe(0);
    expect(await page.getByLabel('Startvärde (seed)').inputValue()).toBe('7');
    const resultText = await (await h.request(`/api/v1/runs/${runId}/result`, { token: h.alfa.viewer })).text();
    const result = ComparisonResultSchema.parse(JSON.parse(resultText));
    expect(result.seed).toBe(7);
    const expected2027 = `${formatMsek(result.scenarios[1].periods['2027'].cost.mean, 'sv')} mkr`;
    expect(await page.locator('.headline[data-year="2027"] [data-field="expected"]').textContent()).toBe(expected2027);
    await shot('runs-6-result-downloads');
    await expectAccessible(page, 'a result with downloads');

    // Downloads: fetched with the header (the afterEach checks no URL carries the token), saved under good names.
    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
    };
    const stem = `placeringsprognos-avbruten-anslutning-\\d{4}-\\d{2}-\\d{2}-${runId}`;
    const sv = await download('CSV för svenska Excel');
    expect(sv.name).toMatch(new RegExp(`^${stem}-periods-sv\\.csv$`));
    expect(sv.bytes.toString('utf8')).toMatch(/^\uFEFFscenario_id;scenario_label;period;/);
    await page.getByLabel('Tabell i CSV-filerna').selectOption('delta');
    const en = await download('CSV på engelska');
    expect(en.name).toMatch(new RegExp(`^${stem}-delta-en\\.csv$`));
    expect(en.bytes.toString('utf8')).toMatch(/^scenario_id,scenario_label,period,delta_mean,/);
    const json = await download('JSON');
    expect(json.name).toMatch(new RegExp(`^${stem}\\.json$`));
    expect(json.bytes.toString('utf8')).toBe(resultText);
    const xlsx = await download('Excel-arbetsbok (xlsx)');
    expect(xlsx.name).toMatch(new RegExp(`^${stem}-sv\\.xlsx$`));
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip, as every xlsx is

    // Reopened from the list: the same result, with the version and options it used; a reload keeps it.
    await page.getByRole('link', { name: 'Tidigare beräkningar' }).first().click();
    await page
      .locator(`tr[data-run-id="${runId}"]`)
      .getByRole('button', { name: /Öppna beräkningen/ })
      .click();
    await page.locator('.headline[data-year="2027"]').waitFor(RUN_WAIT);
    expect(await page.locator('.run-facts').textContent()).toContain('med version 1 av modellen');
    expect(await page.locator('.headline[data-year="2027"] [data-field="expected"]').textContent()).toBe(expected2027);
    expect(await page.getByLabel('Startvärde (seed)').inputValue()).toBe('7');
    await page.reload();
    await page.locator('.headline[data-year="2027"] [data-field="expected"]').waitFor(WAIT);
    expect(await page.locator('.headline[data-year="2027"] [data-field="expected"]').textContent()).toBe(expected2027);
    await shot('runs-7-reopened');
    await expectAccessible(page, 'a reopened run');
  });
});
