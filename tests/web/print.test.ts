/**
 * The printed committee paper, the whole flow in a real browser (browser.ts): sign in, add the reference example,
 * open it, tick options, run 1,000 trials, print to an A4 PDF with the print stylesheet, and read the PDF's text
 * with poppler's pdftotext: every section is there, the 2027 figure equals the API's result as formatted, and no
 * control is printed. With WEB_SHOTS set, the PDF's pages are also saved as PNGs (pdftoppm) to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCount, formatMsek } from '../../presentation/numbers.js';
import { ComparisonResultSchema } from '../../simulation/result.js';
import { RUN_WAIT, useBrowser, WAIT } from './browser.js';

const reference = JSON.parse(readFileSync(new URL('../../examples/reference-midsize.json', import.meta.url), 'utf8')) as { name: string };

/**
 * The paper's sections, by their Swedish headings, in the order they must be printed. The options' and the
 * tornado's sections ("Åtgärderna jämförda", "Vad driver osäkerheten?") go before the method note.
 */
const PAPER_SECTIONS = [
  'Underlag till socialnämnden',
  'Antaganden i korthet',
  'Nya placeringar och fördelning på placeringsformer',
  'Dygnskostnad och vårdtid per placeringsform',
  'Budget per år',
  'Kostnad per år',
  'Kostnad per månad',
  'Åtgärderna jämförda',
  'Vad driver osäkerheten?',
  'Om metoden och osäkerheten',
];

/** Text of the page's controls, none of which belongs on paper. */
const CONTROLS = ['Starta beräkningen', 'Logga ut', 'Skriv ut underlag', 'Visa som tabell', 'Visa alternativ', 'Alla modeller', 'English'];

const TICKED = ['Placeringscontroller', 'HVB i egen regi'];

const env = useBrowser();

/** pdftotext's text with every run of white space (no-break spaces included) as one space. */
const flat = (text: string): string => text.replace(/[\s\u00a0]+/g, ' ');

describe('the printed committee paper', () => {
  it('prints, from sign-in to an A4 PDF, every section with the run’s figures and no controls', async () => {
    const { h } = env;
    const page = await env.newPage();
    await env.signIn(h.alfa.editor);
    await page.getByRole('button', { name: 'Medelstor kommun (referensmodell)' }).click();
    await page.getByText(`Modellen ”${reference.name}” är sparad.`).waitFor(WAIT);
    await page
      .getByRole('button', { name: `Öppna ${reference.name}` })
      .first()
      .click();
    await page.getByRole('heading', { name: new RegExp(reference.name) }).waitFor(WAIT);

    // Two options of six: fewer scenarios keep the run short.
    for (const box of await page.getByRole('checkbox').all()) await box.uncheck();
    for (const label of TICKED) await page.getByRole('checkbox', { name: label }).check();
    await page.getByRole('button', { name: 'Starta beräkningen' }).click();
    await page.locator('.headline[data-year="2027"]').waitFor(RUN_WAIT);
    await page.locator('[data-chart="fan"] svg').first().waitFor(WAIT);

    // The paper's own parts are not on the screen; the button prints.
    expect(await page.getByRole('heading', { name: 'Underlag till socialnämnden' }).isVisible()).toBe(false);
    await page.evaluate('window.printed = 0; window.print = () => { window.printed += 1; };');
    await page.getByRole('button', { name: 'Skriv ut underlag' }).click();
    expect(await page.evaluate('window.printed')).toBe(1);
    await env.shot('paper-screen');

    const runs = (await (await h.request('/api/v1/runs?limit=1', { token: h.alfa.editor })).json()) as { items: { id: string }[] };
    const runId = runs.items[0].id;
    const run = (await (await h.request(`/api/v1/runs/${runId}`, { token: h.alfa.editor })).json()) as {
      modelVersion: number;
      timings: { finishedAt: string };
    };
    const result = ComparisonResultSchema.parse(await (await h.request(`/api/v1/runs/${runId}/result`, { token: h.alfa.editor })).json());
    expect(result.scenarios.map((s) => s.label)).toEqual(['Nuläge', ...TICKED]);

    await page.emulateMedia({ media: 'print' });
    // The fan redraws to the paper's width (180 mm, 680 px) before it is printed.
    await expect.poll(() => page.locator('[data-chart="fan"] svg').first().getAttribute('width'), WAIT).toBe('680');
    await page.waitForTimeout(200);
    // The options chart prints its bars in colour: its legend's three swatches must still tell them apart (a string
    // evaluated in the page: the tests are compiled without the DOM's types).
    const legend = await page.evaluate<string[]>(
      `[...document.querySelectorAll('.options-chart .swatch.option-band')].map((e) => getComputedStyle(e).backgroundColor)`,
    );
    expect(legend).toHaveLength(3);
    expect(new Set(legend).size).toBe(3);
    // The fan in grey: where all three bands overlap, the black median and dashed budget keep at least 4.5:1 (they had
    // 2.9:1 on the darkest grey), and each legend swatch is the grey its band prints as (black at its coverage).
    const expectGrey = async (chart: string, mark: string) => {
      const fan = await page.evaluate<{ bands: number[]; fills: string[]; swatches: number[] }>(`(() => {
        const groups = [...document.querySelector('[data-chart="${chart}"] .fan-plot').querySelectorAll("[data-mark='${mark}']")];
        const bands = groups.map((g) => Number(getComputedStyle(g).opacity) * Number(g.getAttribute('fill-opacity') ?? 1));
        const swatches = ['band90', 'band80', 'band50'].map((c) =>
          Number(getComputedStyle(document.querySelector('.fan-panel .swatch.' + c)).opacity));
        return { bands, fills: groups.map((g) => getComputedStyle(g).fill), swatches };
      })()`);
      expect(fan.bands).toHaveLength(3);
      expect(new Set(fan.fills)).toEqual(new Set(['rgb(0, 0, 0)']));
      let clear = 1;
      const coverage = fan.bands.map((a) => 1 - (clear *= 1 - a));
      const linear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      expect((linear(1 - coverage[2]) + 0.05) / 0.05).toBeGreaterThanOrEqual(4.5);
      fan.swatches.forEach((o, i) => expect(o).toBeCloseTo(coverage[i], 1));
    };
    await expectGrey('fan', 'area');
    const dir = process.env.WEB_SHOTS ?? mkdtempSync(join(tmpdir(), 'paper-'));
    const pdf = join(dir, 'paper.pdf');
    await page.pdf({ format: 'A4', printBackground: true, path: pdf });
    const layout = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    // The raw order (the page's order) keeps a label next to its value; the layout keeps a table row on one line.
    const text = flat(execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }));
    if (process.env.WEB_SHOTS) execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(dir, 'paper')]);

    // Every section, in order.
    const at = PAPER_SECTIONS.map((heading) => text.indexOf(heading));
    expect(at.map((i, n) => (i < 0 ? `missing: ${PAPER_SECTIONS[n]}` : 'ok'))).toEqual(PAPER_SECTIONS.map(() => 'ok'));
    expect([...at].sort((a, b) => a - b)).toEqual(at);

    // The title block: model, version, date, trials, seed and the options compared.
    const date = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium' }).format(new Date(run.timings.finishedAt));
    for (const fact of [
      `${reference.name} version ${run.modelVersion}`,
      `Beräkningen gjord ${date}`,
      `Simuleringar ${formatCount(1000, 'sv')}`,
      `Startvärde (seed) ${result.seed}`,
      'Nuläge (utan åtgärd)',
      ...TICKED,
    ]) {
      expect(text, fact).toContain(flat(fact));
    }

    // The assumptions in brief: period, price increase, inflow, mix, prices, stays, an option's own unit, budget.
    for (const part of [
      'Period jan 2026 – dec 2030 (60 månader)',
      'Prisökning per år triangel 2–6 %',
      'Barn och unga gamma, medel 52, sd 6 normal, medel 0 %, sd 2 %, begränsad till −5–5 %',
      'Egna familjehem 33 %',
      'PERT 3 800–6 500 kr, troligast 4 500 kr',
      'lognormal, median 150 dygn, P90 550 dygn',
      '(tillkommer med HVB i egen regi)',
    ]) {
      expect(text, part).toContain(part);
    }
    expect(layout).toMatch(/Budget, mkr\s+64,0\s+66,0\s+68,0\s+70,0\s+72,0/);

    // The headline table: 2027's expected cost as the API's result, formatted, for today and the option shown.
    for (const index of [0, 1]) {
      const expected = formatMsek(result.scenarios[index].periods['2027'].cost.mean, 'sv');
      expect(layout).toMatch(new RegExp(`^\\s*2027\\s+${expected}\\s`, 'm'));
    }
    expect(text).toContain('Med åtgärden Placeringscontroller');

    // The method note, with the Monte Carlo error of this run.
    const error = Math.max(...result.scenarios.flatMap((s) => ['2026', '2027', '2028', '2029', '2030'].map((y) => s.periods[y].cost.mcse)));
    expect(text).toContain(`högst ±${formatMsek(1.96 * error, 'sv')} mkr för en årskostnad`);
    expect(text).toContain('inte prognoser för enskilda placeringar');

    for (const control of CONTROLS) expect(text, control).not.toContain(control);

    // The cost per year, if that is the view on screen, prints in the same greys as the months, its legend with it.
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('radio', { name: 'Per år' }).check();
    await page.locator('[data-chart="fan-year"] svg').first().waitFor(WAIT);
    await page.emulateMedia({ media: 'print' });
    await expectGrey('fan-year', 'bar');
    if (process.env.WEB_SHOTS) await page.pdf({ format: 'A4', printBackground: true, path: join(dir, 'paper-year.pdf') });
  });
});
