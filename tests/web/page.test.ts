/** The committee's page in a real browser (browser.ts): signing in, the models, and a run's headlines. */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMsek, formatMsekError, formatMsekRange, formatPercent } from '../../presentation/numbers.js';
import { ComparisonResultSchema } from '../../simulation/result.js';
import type { Harness } from '../functions/harness.js';
import { useBrowser, WAIT, RUN_WAIT } from './browser.js';

const smallModel = JSON.parse(readFileSync(new URL('../../examples/small-municipality.json', import.meta.url), 'utf8')) as {
  name: string;
};

const env = useBrowser();
const { shot, signIn } = env;
let h: Harness;
let page: Page;
beforeAll(() => {
  h = env.h;
});
async function newPage(): Promise<Page> {
  page = await env.newPage();
  return page;
}

describe('signing in', () => {
  it('refuses a wrong token with a clear message and keeps what was typed', async () => {
    await newPage();
    await shot('1-sign-in');
    await signIn('pp_not-a-real-token');
    await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toContain('Token godtogs inte');
    expect(await page.getByLabel('Token').inputValue()).toBe('pp_not-a-real-token');
    await shot('2-sign-in-bad-token');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('accepts a good token, keeps it for this tab only, and signs out', async () => {
    await newPage();
    await signIn(h.alfa.viewer);
    await page.getByRole('heading', { name: 'Modeller' }).waitFor(WAIT);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    expect(await page.evaluate("sessionStorage.getItem('pp.token')")).toBe(h.alfa.viewer);

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor(WAIT);
    expect(await page.evaluate("sessionStorage.getItem('pp.token')")).toBeNull();
  });
});

describe('models', () => {
  it("lists the tenant's models, adds an example, shows an invalid file's messages, and switches to English", async () => {
    const created = await h.request('/api/v1/models', {
      method: 'POST',
      token: h.alfa.editor,
      json: { ...smallModel, name: 'Listad modell' },
    });
    expect(created.status).toBe(201);
    await newPage();
    await signIn(h.alfa.editor);
    const row = page.getByRole('row', { name: /Listad modell/ });
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain('1');

    await page.getByRole('button', { name: 'Liten kommun (exempel)' }).click();
    await page.getByText(`Modellen ”${smallModel.name}” är sparad.`).waitFor(WAIT);
    await page
      .getByRole('row', { name: new RegExp(smallModel.name) })
      .first()
      .waitFor(WAIT);
    await shot('3-models');

    await page.getByLabel('Modellfil (JSON)').setInputFiles({
      name: 'fel.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...smallModel, horizonMonths: -3 })),
    });
    await page.getByRole('button', { name: 'Ladda upp' }).click();
    // The messages stand next to the upload, in its form.
    const alert = page.locator('form', { has: page.getByLabel('Modellfil (JSON)') }).getByRole('alert');
    await expect.poll(() => alert.textContent(), WAIT).toContain('Modellen godtogs inte');
    // The API's English message, in Swedish on the Swedish page, its field named as the editor names it.
    expect(await alert.textContent()).toContain('Antal månader: måste vara mellan 1 och 240');
    expect(await alert.textContent()).not.toContain('horizonMonths');
    await shot('4-models-invalid-file');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Models' }).waitFor(WAIT);
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
  });
});

describe('a run', () => {
  it('runs the small example with 1,000 trials and shows the API result, formatted, as the headline for each year', async () => {
    const created = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: { ...smallModel, name: 'Körmodell' } });
    const { id: modelId } = (await created.json()) as { id: string };
    await newPage();
    await signIn(h.alfa.editor);
    await page.locator(`tr[data-model-id="${modelId}"]`).getByRole('button').click();
    await page.getByRole('heading', { name: /Körmodell/ }).waitFor(WAIT);
    expect(await page.getByRole('radio', { name: '1 000' }).isChecked()).toBe(true);
    await shot('5-model');
    // A card's title starts at its padding: the heading's own top margin left a gap above it.
    await page.locator('section.card.ed h2').waitFor(WAIT); // the editor loads lazily
    const titleGap = await page.evaluate<number>(`(() => {
      const card = document.querySelector('section.card.ed');
      return card.querySelector('h2').getBoundingClientRect().top - card.getBoundingClientRect().top;
    })()`);
    expect(titleGap).toBeLessThan(30);

    // A seed that is not a whole number: the message stands by the field, the start waits, the text stays.
    const seed = page.getByLabel('Startvärde (seed)');
    await seed.fill('12a');
    expect(await page.locator('#seed-error').textContent()).toBe('Skriv ett heltal, 0 eller större, till exempel 1.');
    expect(await seed.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Starta beräkningen' }).isDisabled()).toBe(true);
    expect(await seed.inputValue()).toBe('12a');
    await seed.fill('1');
    expect(await page.locator('#seed-error').count()).toBe(0);

    await page.getByRole('button', { name: 'Starta beräkningen' }).click();
    await page.locator('.headline[data-year="2027"]').waitFor(RUN_WAIT);
    await page.locator('[data-chart="fan"] svg').first().waitFor(WAIT);
    expect(await page.locator('[data-chart="fan"] svg').count()).toBe(2); // the baseline and the chosen option

    const runs = (await (await h.request('/api/v1/runs?limit=1', { token: h.alfa.editor })).json()) as { items: { id: string }[] };
    const res = await h.request(`/api/v1/runs/${runs.items[0].id}/result`, { token: h.alfa.editor });
    const result = ComparisonResultSchema.parse(await res.json());
    expect(result.trials).toBe(1000);

    // The shown scenario is the first option; then the baseline, chosen in the list.
    for (const index of [1, 0]) {
      await page.getByLabel('Visa alternativ').selectOption(String(index));
      for (const year of result.periods.filter((p) => p !== 'total')) {
        const period = result.scenarios[index].periods[year];
        const card = page.locator(`.headline[data-year="${year}"]`);
        expect(await card.locator('[data-field="expected"]').textContent()).toBe(`${formatMsek(period.cost.mean, 'sv')} mkr`);
        expect(await card.locator('[data-field="range"]').textContent()).toBe(
          `${formatMsekRange(period.cost.p10, period.cost.p90, 'sv')} mkr`,
        );
        if (period.budget) {
          expect(await card.locator('[data-field="budget"]').textContent()).toBe(`${formatMsek(period.budget.amount, 'sv')} mkr`);
          expect(await card.locator('[data-field="prob-exceed"]').textContent()).toBe(formatPercent(period.budget.probExceed, 'sv'));
        }
      }
      if (index === 1) await shot('6-result');
    }
    expect(result.periods).toContain('2027');

    // An option whose saving is known to a few hundredths of a mkr: its Monte Carlo error reads with the
    // decimals it needs ("±0,04 mkr"), where one decimal said "±0,0", as if the figure had no error at all.
    const precise = result.scenarios.slice(1).find((sc) => {
      const [lo, hi] = sc.periods.total.delta!.ci95;
      return hi - lo > 0 && hi - lo < 0.1e6;
    })!;
    const [lo, hi] = precise.periods.total.delta!.ci95;
    const note = await page.locator(`.option-card[data-option="${precise.id}"] [data-field="saving-mc-error"]`).textContent();
    expect(note).toBe(`Osäkerhet från antalet simuleringar: ±${formatMsekError((hi - lo) / 2, 'sv')} mkr`);
    expect(note).not.toContain('±0,0 mkr');
  });
});
