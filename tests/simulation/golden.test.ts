/**
 * Refactorings must not change a number: the engine still gives, byte for byte, the result JSON recorded in
 * tests/fixtures/golden before them (all scenarios of each model, a fixed seed).
 *
 * The trials are played off this thread or in short slices: a test worker that computes for a minute without
 * returning to its event loop misses vitest's own heartbeat on a busy machine and fails the run
 * ("Timeout calling onTaskUpdate") although every test passed.
 */
import { readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runLocally } from '../../functions/executors/local.js';
import { chunkRanges, finalize, mergePartials, prepareRun, RunPartial, runTrials } from '../../simulation/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/golden/${name}`, import.meta.url), 'utf8');

const CASES = [
  { name: 'reference-midsize', trials: 2000, seed: 20261201 },
  { name: 'small-municipality', trials: 2000, seed: 7 },
];

describe('golden results', () => {
  for (const { name, trials, seed } of CASES) {
    const model = JSON.parse(fixture(`${name}.model.json`));
    const expected = fixture(`${name}.result.json`);

    it(`gives the recorded result of ${name} in one pass on a worker thread, as the command line plays it`, async () => {
      const { result } = await runLocally({ model, trials, seed }, { workers: 2, chunkSize: trials });
      expect(JSON.stringify(result) + '\n').toBe(expected);
    });

    it(`gives the recorded result of ${name} from uneven chunks sent through JSON, merged in reverse`, async () => {
      const run = prepareRun({ model, trials, seed });
      const parts: RunPartial[] = [];
      for (const [a, b] of chunkRanges(trials, 333)) {
        parts.push(RunPartial.fromJSON(JSON.parse(JSON.stringify(runTrials(run, a, b).partial))));
        await nextTurn();
      }
      expect(JSON.stringify(finalize(run, mergePartials(run, parts.reverse()))) + '\n').toBe(expected);
    });
  }
});
