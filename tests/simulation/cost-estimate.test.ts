/**
 * The cost estimate against what the engine really does: the episodes it expects per trial and scenario are
 * within a factor of 1.5 of the episodes the engine counts (both example models, and a long, busy variant with
 * step-downs), and its advice on what to lower gives runs that fit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adviseCost, estimateCost } from '../../simulation/cost-estimate.js';
import { prepareRun, runTrials } from '../../simulation/index.js';

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')) as Record<string, any>;

/** The engine's own count of episodes per trial and scenario, over `trials` trials. */
function realEpisodes(model: unknown, trials: number): { real: number; estimated: number } {
  const run = prepareRun({ model, trials, seed: 11 });
  const { episodes } = runTrials(run, 0, trials);
  const est = estimateCost(run.compiled, trials);
  return { real: episodes / trials / run.compiled.scenarios.length, estimated: est.episodesPerTrial };
}

const FACTOR = 1.5;

describe('estimateCost', () => {
  it.each(['reference-midsize', 'small-municipality'])('expects the episodes the engine plays for %s, within a factor of 1.5', (name) => {
    const { real, estimated } = realEpisodes(example(name), 40);
    expect(real).toBeGreaterThan(10);
    expect(estimated / real).toBeLessThan(FACTOR);
    expect(real / estimated).toBeLessThan(FACTOR);
  });

  it('follows a longer horizon and a busier inflow', () => {
    const model = example('reference-midsize');
    model.horizonMonths = 120;
    for (const inflow of model.inflow) inflow.episodesPerYear = 400;
    const { real, estimated } = realEpisodes(model, 4);
    expect(real).toBeGreaterThan(2000);
    expect(estimated / real).toBeLessThan(FACTOR);
    expect(real / estimated).toBeLessThan(FACTOR);
  });

  it('grows with trials and scenarios, and with the horizon month by month', () => {
    const run = prepareRun({ model: example('reference-midsize'), trials: 1000, seed: 1 });
    const est = estimateCost(run.compiled, 1000);
    expect(est.scenarios).toBe(7);
    expect(est.units).toBeCloseTo(1000 * 7 * est.unitsPerTrial, 0);
    expect(est.unitsByHorizon).toHaveLength(est.months);
    for (let m = 1; m < est.unitsByHorizon.length; m++) expect(est.unitsByHorizon[m]).toBeGreaterThan(est.unitsByHorizon[m - 1]);
    expect(est.unitsByHorizon.at(-1)).toBe(est.unitsPerTrial);
  });
});

describe('adviseCost', () => {
  it('names trials, scenarios and a horizon that each fit the limit, and one more that does not', () => {
    const run = prepareRun({ model: example('reference-midsize'), trials: 100_000, seed: 1 });
    const est = estimateCost(run.compiled, 100_000);
    const limit = est.units / 3;
    const advice = adviseCost(est, limit);
    const per = est.scenarios * est.unitsPerTrial;
    expect(advice.maxTrials * per).toBeLessThanOrEqual(limit);
    expect((advice.maxTrials + 1) * per).toBeGreaterThan(limit);
    expect(advice.maxScenarios).toBe(2);
    expect(advice.maxHorizonMonths).toBeGreaterThan(0);
    expect(advice.maxHorizonMonths).toBeLessThan(est.months);
    expect(est.trials * est.scenarios * est.unitsByHorizon[advice.maxHorizonMonths - 1]).toBeLessThanOrEqual(limit);
    expect(est.trials * est.scenarios * est.unitsByHorizon[advice.maxHorizonMonths]).toBeGreaterThan(limit);
  });
});
