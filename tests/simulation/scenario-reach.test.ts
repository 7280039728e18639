/**
 * A scenario starts from the baseline's numbers and plays again only the sources whose paths meet what its
 * options touch, taking away what they added in the baseline (simulation/scenario-reach.ts). These tests hold that to the full replay: every
 * number of every scenario, trial by trial, must be the same either way.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareRun } from '../../simulation/index.js';
import { rootKey } from '../../simulation/rng.js';
import { scenarioReach } from '../../simulation/scenario-reach.js';
import { TrialSimulator } from '../../simulation/trial.js';
import { validModelJson, type Json } from '../fixtures/models.js';

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Json;
const FIELDS = ['careDays', 'admissions', 'overflows', 'census', 'agedOut', 'formCost', 'optionCost', 'revenue', 'cost'] as const;
const TRIALS = 60;

interface ModelJson {
  options: { id: string; effects: Record<string, unknown>[] }[];
}

/** The baseline, each option alone, and all options together. */
function scenariosOf(model: ModelJson) {
  const ids = model.options.map((o) => o.id);
  return [
    { id: 'baseline', label: 'baseline', options: [] },
    ...ids.map((id) => ({ id, label: id, options: [id] })),
    { id: 'all', label: 'all', options: ids },
  ];
}

/** The reference model with an option that raises inflow above 1 (an extra arrival stream) on top. */
function referenceWithMoreInflow(): Json {
  const m = example('reference-midsize.json') as unknown as ModelJson;
  m.options.push({
    id: 'mer_inflode',
    effects: [{ type: 'inflow', segment: 'vuxen', multiplier: 1.3, fromMonth: 6, rampMonths: 6 }],
  } as ModelJson['options'][number] & Record<string, unknown>);
  (m.options[m.options.length - 1] as unknown as Record<string, unknown>).label = 'Mer inflöde';
  return m as unknown as Json;
}

const MODELS: [string, Json][] = [
  ['the reference model', example('reference-midsize.json')],
  ['the small municipality', example('small-municipality.json')],
  ['the test fixture (a form with limited places, every effect type)', validModelJson()],
  ['the reference model with inflow raised above 1', referenceWithMoreInflow()],
];

describe('scenarios that replay only what their options reach', () => {
  for (const [name, model] of MODELS) {
    it(`give every number of the full replay, trial by trial, for ${name}`, () => {
      const run = prepareRun({ model, scenarios: scenariosOf(model as unknown as ModelJson), trials: TRIALS, seed: 11 });
      const fast = new TrialSimulator(run.compiled);
      const full = new TrialSimulator(run.compiled, { replayAll: true });
      const root = rootKey(11);
      for (let t = 0; t < TRIALS; t++) {
        fast.runTrial(root, t);
        full.runTrial(root, t);
        fast.outcomes.forEach((out, s) => {
          for (const f of FIELDS) {
            if (!Array.from(out[f]).every((x, i) => Object.is(x, full.outcomes[s][f][i]))) {
              expect.fail(`trial ${t}, scenario ${run.compiled.scenarios[s].id}: ${f} differs from the full replay`);
            }
          }
        });
      }
    });
  }

  it('play again, in the reference model, only the entries that foster-home recruitment can move', () => {
    const model = example('reference-midsize.json');
    const run = prepareRun({ model, scenarios: scenariosOf(model as unknown as ModelJson), trials: 1, seed: 1 });
    const c = run.compiled;
    const bits = (ids: string[]) => ids.reduce((b, id) => b | (1 << c.forms.findIndex((f) => f.id === id)), 0);
    const s = c.scenarios.findIndex((sc) => sc.id === 'familjehemsrekrytering');
    // The mix shift moves entries from consultant-supported to own foster homes as they enter care; nothing else.
    expect(scenarioReach(c, s)).toEqual({ replay: 0, entry: bits(['familjehem_konsulent']), segments: new Uint8Array(2) });
    // The controller shortens stays in three forms and routes some residential-care entries to own foster homes.
    const controller = scenarioReach(
      c,
      c.scenarios.findIndex((sc) => sc.id === 'controller'),
    );
    expect(controller?.replay).toBe(bits(['hvb', 'familjehem_konsulent', 'sis']));
    expect(controller?.entry).toBe(bits(['hvb']));
    expect(scenarioReach(c, 0)).toBeNull();
  });

  it('play again every source that visited a form with limited places', () => {
    const run = prepareRun({ model: validModelJson(), trials: 1, seed: 1 });
    const c = run.compiled;
    const limited = c.forms.findIndex((f) => f.capacity > 0 && f.addedBy === null);
    expect(limited).toBeGreaterThanOrEqual(0);
    c.scenarios.forEach((sc, s) => {
      if (s > 0) expect((scenarioReach(c, s) as { replay: number }).replay & (1 << limited)).not.toBe(0);
    });
  });
});

describe('the count of episodes', () => {
  it('covers what a scenario takes from the baseline, as if it had played it, and tells apart what was played', () => {
    const model = example('reference-midsize.json');
    const run = prepareRun({ model, scenarios: scenariosOf(model as unknown as ModelJson), trials: 20, seed: 5 });
    const fast = new TrialSimulator(run.compiled);
    const full = new TrialSimulator(run.compiled, { replayAll: true });
    const root = rootKey(5);
    for (let t = 0; t < 20; t++) {
      fast.runTrial(root, t);
      full.runTrial(root, t);
    }
    expect(fast.episodes).toBe(full.episodes);
    expect(full.played).toBe(full.episodes);
    expect(fast.played).toBeLessThan(0.9 * fast.episodes);
  });
});
