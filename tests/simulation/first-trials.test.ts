/**
 * A run's first trials are a whole run of that many (finalizeFirst): the page's preview finalises them as a first
 * picture and then merges the rest of the trials into the same partial.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finalize, finalizeFirst, mergePartials, prepareRun, runTrials, simulate } from '../../simulation/index.js';

const reference = JSON.parse(readFileSync(new URL('../../examples/reference-midsize.json', import.meta.url), 'utf8')) as {
  options: { id: string }[];
};
const scenarios = reference.options.slice(0, 3).map((o) => ({ id: o.id, label: o.id, options: [o.id] }));

describe('the first trials of a run', () => {
  it('finalise to the bits of the shorter run, and the same partial then goes on to the bits of the whole run', () => {
    const run = prepareRun({ model: reference, scenarios, trials: 400, seed: 4 });
    // Played in pieces as the preview's workers play them: the first 150 in two, the other 250 in two.
    const first = mergePartials(run, [runTrials(run, 0, 70).partial, runTrials(run, 70, 150).partial]);
    expect(JSON.stringify(finalizeFirst(run, first, 150))).toBe(
      JSON.stringify(simulate({ model: reference, scenarios, trials: 150, seed: 4 })),
    );
    first.merge(runTrials(run, 150, 300).partial);
    first.merge(runTrials(run, 300, 400).partial);
    expect(JSON.stringify(finalize(run, first))).toBe(JSON.stringify(simulate({ model: reference, scenarios, trials: 400, seed: 4 })));
  });

  it('refuses a partial that is not exactly the first trials', () => {
    const run = prepareRun({ model: reference, scenarios, trials: 60, seed: 4 });
    expect(() => finalizeFirst(run, runTrials(run, 10, 30).partial, 20)).toThrow(/beyond the first 20/);
    expect(() => finalizeFirst(run, runTrials(run, 0, 10).partial, 20)).toThrow(/covers 10 of 20/);
  });
});
