/**
 * What drives the cost, in Chromium (browser.ts): the fan chart's budget and its switch to yearly totals, the
 * tornado's plain labels, and the probability question answered by the API. One run of the small example.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatMsek, formatPercent } from '../../presentation/numbers.js';
import { parameterLabel } from '../../presentation/parameter-labels.js';
import { parseModel } from '../../simulation/index.js';
import { ComparisonResultSchema, type ComparisonResult } from '../../simulation/result.js';
import { expectAccessible } from './axe.js';
import { overlappingLabels, useBrowser, WAIT, RUN_WAIT } from './browser.js';

const smallJson = JSON.parse(readFileSync(new URL('../../examples/small-municipality.json', import.meta.url), 'utf8')) as object;
const small = parseModel(smallJson);
const PATH_LIKE = /effects\[|\.dailyCost|options\.|\w\.\w/;

const env = useBrowser();

async function runSmallExample(): Promise<{ page: Page; runId: string; result: ComparisonResult }> {
  const { h } = env;
  const created = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: { ...smallJson, name: 'Drivarmodell' } });
  const { id: modelId } = (await created.json()) as { id: string };
  const page = await env.newPage();
  await env.signIn(h.alfa.editor);
  await page.locator(`tr[data-model-id="${modelId}"]`).getByRole('button').click();
  await page.getByRole('heading', { name: /Drivarmodell/ }).waitFor(WAIT);
  await page.getByRole('button', { name: 'Starta beräkningen' }).click();
  await page.locator('[data-chart="fan"] svg').first().waitFor(RUN_WAIT);
  const runs = (await (await h.request('/api/v1/runs?limit=1', { token: h.alfa.editor })).json()) as { items: { id: string }[] };
  const runId = runs.items[0].id;
  const result = ComparisonResultSchema.parse(await (await h.request(`/api/v1/runs/${runId}/result`, { token: h.alfa.editor })).json());
  expect(result.trials).toBe(1000);
  return { page, runId, result };
}

describe('what drives the cost', () => {
  it('draws the budget, switches to yearly totals, labels the tornado plainly and answers the probability question', async () => {
    const { page, runId, result } = await runSmallExample();
    const shown = result.scenarios[1]; // the first option is shown next to the baseline
    const years = result.periods.filter((p) => p !== 'total');

    // The monthly fan: both panels carry the dashed budget, named in the key under them.
    const fan = page.locator('[data-chart="fan"] svg');
    expect(await fan.count()).toBe(2);
    for (const i of [0, 1]) {
      expect(await fan.nth(i).locator('[stroke-dasharray]').count()).toBeGreaterThan(0);
    }
    expect(await page.locator('.fan .budget-key').textContent()).toContain('Budget per månad');
    expect(await overlappingLabels(page, '[data-chart="fan"] svg')).toEqual([]);
    expect(await overlappingLabels(page, '[data-chart="tornado"] svg')).toEqual([]);
    // The median is drawn on a white halo, just beneath it, so it does not sink into the band of its own colour.
    const halo = (chart: string, mark: string) =>
      page
        .evaluate<string[]>(
          `[...document.querySelectorAll('[data-chart="${chart}"] svg .halo')].map((g) => g.getAttribute('stroke') + ' ' + g.nextElementSibling?.getAttribute('data-mark'))`,
        )
        .then((found) => expect(found).toEqual([`white ${mark}`, `white ${mark}`]));
    await halo('fan', 'line');
    const monthTable = page.locator('[data-table="fan-month-1"] tbody tr');
    expect(await monthTable.count()).toBe(result.months.length);
    // Months read as a Swede writes them: "okt 2026", no dot, the year after a no-break space.
    const monthNames = await monthTable.locator('th').allTextContents();
    expect(monthNames[0]).toBe('jan\u00a02026');
    expect(monthNames[9]).toBe('okt\u00a02026');
    expect(await monthTable.first().locator('td').last().textContent()).toBe(
      formatMsek(result.scenarios[0].periods['2026'].budget!.amount / 12, 'sv'),
    );
    await env.shot('drivers-1-fan-month');

    // Yearly totals, and back.
    await page.getByRole('radio', { name: 'Per år' }).check();
    await page.locator('[data-chart="fan-year"] svg').nth(1).waitFor(WAIT);
    expect(await page.locator('[data-chart="fan"]').count()).toBe(0);
    expect(await overlappingLabels(page, '[data-chart="fan-year"] svg')).toEqual([]);
    expect(await page.getByRole('heading', { name: 'Kostnad per år', exact: true }).count()).toBe(1);
    const yearRows = page.locator('[data-table="fan-year-1"] tbody tr');
    expect(await yearRows.count()).toBe(years.length);
    for (const [i, year] of years.entries()) {
      const period = shown.periods[year];
      const cells = yearRows.nth(i);
      expect(await cells.locator('th').textContent()).toBe(year); // the examples start in January: full years
      expect(await cells.locator('td').first().textContent()).toBe(formatMsek(period.cost.p50, 'sv'));
      expect(await cells.locator('td').last().textContent()).toBe(formatMsek(period.budget!.amount, 'sv'));
    }
    expect(await page.locator('[data-chart="fan-year"] svg').nth(0).locator('[stroke-dasharray]').count()).toBeGreaterThan(0);
    await halo('fan-year', 'tick');
    await env.shot('drivers-2-fan-year');
    await expectAccessible(env.page, 'the fan chart per year');
    await page.getByRole('radio', { name: 'Per månad' }).check();
    await page.locator('[data-chart="fan"] svg').nth(1).waitFor(WAIT);
    expect(await page.locator('[data-chart="fan-year"]').count()).toBe(0);

    // The tornado: the API's top drivers, under the labels parameterLabel gives them, never a path.
    const top = (key: 'onCost' | 'onDelta') =>
      [...shown.sensitivity]
        .filter((e) => e[key] !== null)
        .sort((a, b) => Math.abs(b[key]!) - Math.abs(a[key]!))
        .slice(0, 8)
        .map((e) => parameterLabel(e.parameter, small, 'sv'));
    const tornadoLabels = () => page.locator('[data-table="tornado"] tbody th').allTextContents();
    const expected = top('onCost');
    expect(expected.length).toBeGreaterThan(3);
    expect(await tornadoLabels()).toEqual(expected);
    await page.locator('[data-chart="tornado"] svg').waitFor(WAIT);
    const drawn = (await page.locator('[data-chart="tornado"] svg').textContent()) ?? '';
    for (const label of expected) {
      expect(label).not.toMatch(PATH_LIKE);
      expect(drawn.replace(/\s+/g, '')).toContain(label.replace(/\s+/g, ''));
    }
    expect(drawn).not.toMatch(PATH_LIKE);
    await page.getByRole('radio', { name: 'Besparingen mot nuläget' }).check();
    await expect.poll(tornadoLabels, WAIT).toEqual(top('onDelta'));
    await page.locator('.tornado').scrollIntoViewIfNeeded();
    await env.shot('drivers-3-tornado');
    await expectAccessible(env.page, 'the tornado');

    // The probability question, answered by the API and formatted.
    const threshold = page.getByLabel('Högst, mkr');
    expect(await page.getByLabel('År', { exact: true }).inputValue()).toBe('2026'); // the first full year
    await page.getByLabel('År', { exact: true }).selectOption('2027');
    const median = formatMsek(shown.periods['2027'].cost.p50, 'sv');
    await expect.poll(() => threshold.inputValue(), WAIT).toBe(median);
    await threshold.fill('20,5');
    // The help under the field still names the year's median once the reader has typed their own amount.
    expect(await page.locator('#threshold-help').textContent()).toBe(`Årets median är ${median} mkr.`);
    await page.getByRole('button', { name: 'Hur troligt?' }).click();
    const q = new URLSearchParams({ scenario: shown.id, period: '2027', threshold: '20500000' });
    const api = (await (await env.h.request(`/api/v1/runs/${runId}/probability?${q.toString()}`, { token: env.h.alfa.editor })).json()) as {
      probability: number;
    };
    const answer = page.locator('[data-field="probability-answer"]');
    await expect
      .poll(() => answer.textContent(), WAIT)
      .toBe(`Det är ${formatPercent(api.probability, 'sv')} sannolikt att kostnaden 2027 blir högst 20,5 mkr.`);
    await page.locator('.probability').scrollIntoViewIfNeeded();
    await env.shot('drivers-4-probability');

    // Letters: the field's own message, next to it, and what was typed stays.
    await threshold.fill('abc');
    await page.getByRole('button', { name: 'Hur troligt?' }).click();
    const message = page.locator('#threshold-error');
    await expect.poll(() => message.textContent(), WAIT).toBe('Skriv beloppet som ett tal i mkr, med decimalkomma: 19,5.');
    expect(await threshold.inputValue()).toBe('abc');
    expect(await threshold.getAttribute('aria-invalid')).toBe('true');
    expect(await threshold.getAttribute('aria-describedby')).toContain('threshold-error');
    expect(await answer.textContent()).toBe('');
    await env.shot('drivers-5-probability-bad-input');
    await expectAccessible(env.page, 'the probability question with a bad amount');
  });
});
