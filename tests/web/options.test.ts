/**
 * The options compared, in Chromium (browser.ts): the reference model run from the page with all six options,
 * its cards and side-by-side chart checked against the API's result as the shared presentation formats it.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatMsek, formatMsekError, formatMsekRange, formatMsekWithRange, formatPercent } from '../../presentation/numbers.js';
import { byMeanSaving, byMedianSaving, costMcError, summarizeOptions } from '../../presentation/option-summary.js';
import { ComparisonResultSchema, type ComparisonResult } from '../../simulation/result.js';
import type { Model } from '../../simulation/schema.js';
import { overlappingLabels, RUN_WAIT, useBrowser, WAIT } from './browser.js';
import { expectAccessible } from './axe.js';

const reference = JSON.parse(readFileSync(new URL('../../examples/reference-midsize.json', import.meta.url), 'utf8')) as Model;

const env = useBrowser();

async function runReference(): Promise<{ page: Page; result: ComparisonResult }> {
  const { h } = env;
  const created = await h.request('/api/v1/models', {
    method: 'POST',
    token: h.alfa.editor,
    json: { ...reference, name: 'Referens, åtgärder' },
  });
  const { id: modelId } = (await created.json()) as { id: string };
  const page = await env.newPage();
  await env.signIn(h.alfa.editor);
  await page.locator(`tr[data-model-id="${modelId}"]`).getByRole('button').click();
  await page.getByRole('heading', { name: /Referens, åtgärder/ }).waitFor(WAIT);
  // Every option is ticked, 1,000 trials and seed 1 are the defaults.
  const boxes = page.getByRole('checkbox');
  expect(await boxes.count()).toBe(6);
  for (let i = 0; i < 6; i++) expect(await boxes.nth(i).isChecked()).toBe(true);
  expect(await page.getByRole('radio', { name: '1 000' }).isChecked()).toBe(true);
  expect(await page.getByLabel('Startvärde (seed)').inputValue()).toBe('1');
  await page.getByRole('button', { name: 'Starta beräkningen' }).click();
  await page.locator('.option-card').first().waitFor(RUN_WAIT);
  await page.locator('[data-chart="options"] svg').waitFor(WAIT);

  const runs = (await (await h.request('/api/v1/runs?limit=1', { token: h.alfa.editor })).json()) as { items: { id: string }[] };
  const res = await h.request(`/api/v1/runs/${runs.items[0].id}/result`, { token: h.alfa.editor });
  const result = ComparisonResultSchema.parse(await res.json());
  expect([result.trials, result.seed]).toEqual([1000, 1]);
  return { page, result };
}

describe('the options compared', () => {
  it('shows the in-house HVB as costing money, with its unit in its own cost, and the options side by side', async () => {
    const { page, result } = await runReference();
    const summaries = summarizeOptions(result, reference);
    const hvbResult = result.scenarios.find((s) => s.id === 'hvb_egen')!.periods.total;
    // At seed 1 and 1,000 trials the API's own interval lies wholly above zero: the in-house HVB costs money.
    expect(hvbResult.delta!.ci95[0]).toBeGreaterThan(0);

    const card = page.locator('.option-card[data-option="hvb_egen"]');
    expect(await card.getAttribute('data-verdict')).toBe('costs');
    expect(await card.getAttribute('class')).toContain('costs');
    expect(await card.locator('[data-field="mark"]').textContent()).toContain('Kostar mer');
    expect(await card.getByRole('heading', { level: 4 }).textContent()).toBe('HVB i egen regi');

    const [lo, hi] = hvbResult.delta!.ci95;
    expect(await card.locator('[data-field="saving"]').textContent()).toBe(
      `Kostar ${formatMsek(hvbResult.delta!.mean, 'sv')} mkr mer på fem år (95 % intervall ${formatMsekRange(lo, hi, 'sv')})`,
    );
    // Its own cost counts the unit's running cost, not only the start-up cost of the table's "Insatskostnad".
    const hvb = summaries.find((s) => s.scenarioId === 'hvb_egen')!;
    const ownCost = hvbResult.cost.optionCost + hvbResult.cost.byForm.hvb_egen;
    expect(hvb.total.ownCost).toBeCloseTo(ownCost, 0);
    expect(formatMsek(ownCost, 'sv')).not.toBe(formatMsek(hvbResult.cost.optionCost, 'sv'));
    expect(await card.locator('[data-field="own-cost"]').textContent()).toBe(`${formatMsek(ownCost, 'sv')} mkr`);
    expect(await card.locator('[data-field="revenue"]').textContent()).toBe(`${formatMsek(hvbResult.cost.revenue, 'sv')} mkr`);
    const breakEven = result.scenarios.find((s) => s.id === 'hvb_egen')!.breakEven!;
    expect(breakEven.probWithinHorizon).toBeLessThan(0.2);
    expect(await card.locator('[data-field="payback"]').textContent()).toBe(
      `Betalar sig troligen inte inom perioden (${formatPercent(breakEven.probWithinHorizon, 'sv')} chans)`,
    );
    expect(await card.locator('[data-field="saving-mc-error"]').textContent()).toContain(`±${formatMsekError((hi - lo) / 2, 'sv')} mkr`);

    // Per year too: after its first year the option's cost effects are nil (the table's "Insatskostnad" reads
    // 0,0), but the unit's running cost is still its own cost.
    const y2027 = result.scenarios.find((s) => s.id === 'hvb_egen')!.periods['2027'].cost;
    expect(formatMsek(y2027.optionCost, 'sv')).toBe('0,0');
    await card.locator('.per-year summary').click();
    const row2027 = card.locator('.per-year tbody tr', { has: page.getByRole('rowheader', { name: '2027' }) });
    expect(await row2027.locator('td').nth(1).textContent()).toBe(formatMsek(y2027.optionCost + y2027.byForm.hvb_egen, 'sv'));

    // Best mean saving first.
    const cardOrder = await page.locator('.option-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-option')));
    expect(cardOrder).toEqual(byMeanSaving(summaries).map((s) => s.scenarioId));
    // An option whose interval spans zero warns that 1,000 trials are too few; the others do not.
    for (const s of summaries) {
      const warning = page.locator(`.option-card[data-option="${s.scenarioId}"] [data-field="unclear-warning"]`);
      expect(await warning.count()).toBe(s.total.verdict === 'unclear' ? 1 : 0);
    }
    expect(summaries.some((s) => s.total.verdict === 'unclear')).toBe(true);
    // A mean saving that reads as zero is not given a sign ("Sparar 0,0 mkr"): at this seed the agreement's.
    const even = summaries
      .map((s) => ({ s, read: formatMsekWithRange(s.total.saving.mean, ...s.total.saving.ci95, 'sv') }))
      .filter(({ s, read }) => s.total.verdict === 'unclear' && !/[1-9]/.test(read[0]));
    expect(even.map(({ s }) => s.scenarioId)).toContain('avtalssamverkan');
    for (const { s, read } of even) {
      expect(await page.locator(`.option-card[data-option="${s.scenarioId}"] [data-field="saving"]`).textContent()).toBe(
        `Kostar ungefär som nuläget på fem år (besparing, 95 % intervall ${read[1]} mkr)`,
      );
    }

    expect(await overlappingLabels(page, '[data-chart="options"] svg')).toEqual([]);
    // One bar per option, top to bottom in the order of the median saving; the same rows in the text table.
    const expected = byMedianSaving(summaries).map((s) => s.label);
    const bars = await page.locator('[data-chart="options"] svg g[data-mark="bar"] rect').evaluateAll((rects) =>
      rects
        .map((r) => ({ y: Number(r.getAttribute('y')), title: r.querySelector('title')?.textContent ?? '' }))
        .sort((a, b) => a.y - b.y)
        .map((r) => r.title.split(':')[0]),
    );
    expect(bars).toEqual(expected);
    const table = page.locator('[data-table="options"]');
    const rows = await table.locator('tbody th').allTextContents();
    expect(rows).toEqual(expected);

    // The headline's Monte Carlo error, for the scenario shown (the first option).
    const headline = result.scenarios[1].periods['2027'];
    expect(await page.locator('.headline[data-year="2027"] [data-field="mc-error"]').textContent()).toBe(
      `Osäkerhet från antalet simuleringar: ±${formatMsekError(costMcError(headline.cost), 'sv')} mkr`,
    );

    await table.locator('summary').click();
    await page.locator('.options-compared').scrollIntoViewIfNeeded();
    await env.shot('options-1-compared');
    await expectAccessible(env.page, 'the options compared');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'The options compared' }).waitFor(WAIT);
    expect(await card.locator('[data-field="mark"]').textContent()).toContain('Costs more');
    expect(await card.locator('[data-field="saving"]').textContent()).toContain('over five years');
    await env.shot('options-2-english');
    await expectAccessible(env.page, 'the options compared, in English');
  });
});
