/**
 * Refactorings must not change a number: the engine still gives, byte for byte, the result JSON recorded in
 * tests/fixtures/golden before them (all scenarios of each model, a fixed seed).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkRanges, finalize, mergePartials, prepareRun, RunPartial, runTrials, simulate } from '../../simulation/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/golden/${name}`, import.meta.url), 'utf8');

const CASES = [
  { name: 'reference-midsize', trials: 2000, seed: 20261201 },
  { name: 'small-municipality', trials: 2000, seed: 7 },
];

describe('golden results', () => {
  for (const { name, trials, seed } of CASES) {
    const model = JSON.parse(fixture(`${name}.model.json`));
    const expected = fixture(`${name}.result.json`);

    it(`gives the recorded result of ${name} in one pass`, () => {
      expect(JSON.stringify(simulate({ model, trials, seed })) + '\n').toBe(expected);
    });

    it(`gives the recorded result of ${name} from uneven chunks sent through JSON`, () => {
      const run = prepareRun({ model, trials, seed });
      const parts = chunkRanges(trials, 333).map(([a, b]) => RunPartial.fromJSON(JSON.parse(JSON.stringify(runTrials(run, a, b).partial))));
      expect(JSON.stringify(finalize(run, mergePartials(run, parts.reverse()))) + '\n').toBe(expected);
    });
  }
});
