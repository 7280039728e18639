/**
 * A run is a pure function of (model, scenarios, trials, seed): chunking, worker count and the order in which
 * partial results arrive never change a number, and scenarios are paired on common random numbers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLocally } from '../../functions/executors/local.js';
import { chunkRanges, finalize, mergePartials, prepareRun, RunPartial, runTrials, simulate } from '../../simulation/index.js';
import { placementController } from '../../simulation/presets/index.js';

const reference = JSON.parse(readFileSync(new URL('../../examples/reference-midsize.json', import.meta.url), 'utf8'));

describe('reproducibility', () => {
  it('gives identical JSON on one worker with one chunk and on two workers with 37-trial chunks', async () => {
    const input = { model: reference, trials: 300, seed: 11 };
    const one = await runLocally(input, { workers: 1, chunkSize: 300 });
    const two = await runLocally(input, { workers: 2, chunkSize: 37 });
    expect(JSON.stringify(two.result)).toBe(JSON.stringify(one.result));
    expect(two.episodes).toBe(one.episodes);
  });

  it('plays one worker as one range unless chunks are asked for, with progress every 100 trials and the same JSON', async () => {
    const input = { model: reference, trials: 250, seed: 11 };
    const seen: [number, number][] = [];
    const whole = await runLocally(input, { workers: 1, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([
      [100, 250],
      [200, 250],
      [250, 250],
    ]);
    const chunked = await runLocally(input, { workers: 1, chunkSize: 37 });
    expect(JSON.stringify(whole.result)).toBe(JSON.stringify(chunked.result));
    expect(whole.episodes).toBe(chunked.episodes);
  });

  it('merges partials in any order, also after a trip through JSON', () => {
    const run = prepareRun({ model: reference, trials: 240, seed: 3 });
    const whole = finalize(run, runTrials(run, 0, 240).partial);
    const parts = chunkRanges(240, 17).map(([a, b]) => RunPartial.fromJSON(JSON.parse(JSON.stringify(runTrials(run, a, b).partial))));
    const shuffled = [parts[5], ...parts.slice(9), parts[0], ...parts.slice(1, 5), ...parts.slice(6, 9)];
    expect(shuffled).toHaveLength(parts.length);
    expect(JSON.stringify(finalize(run, mergePartials(run, shuffled)))).toBe(JSON.stringify(whole));
  });

  it('refuses to finish a run with missing or overlapping trials', () => {
    const run = prepareRun({ model: reference, trials: 40, seed: 3 });
    const a = runTrials(run, 0, 20).partial;
    expect(() => finalize(run, mergePartials(run, [a]))).toThrow(/covers 20 of 40/);
    expect(() => mergePartials(run, [a, runTrials(run, 10, 30).partial])).toThrow(/overlap/);
  });

  it('depends on the seed', () => {
    const a = simulate({ model: reference, trials: 50, seed: 1 });
    const b = simulate({ model: reference, trials: 50, seed: 2 });
    expect(a.scenarios[0].periods.total.cost.mean).not.toBe(b.scenarios[0].periods.total.cost.mean);
  });

  it('gives the baseline the same numbers whatever options run beside it', () => {
    const withAll = simulate({ model: reference, trials: 100, seed: 4 });
    const alone = simulate({ model: reference, trials: 100, seed: 4, scenarios: [] });
    expect(JSON.stringify(alone.scenarios[0].periods)).toBe(JSON.stringify(withAll.scenarios[0].periods));
  });
});

describe('common random numbers', () => {
  it('makes the paired delta of the placement controller at least 10 times less variable than independent runs', () => {
    const trials = 2000;
    const model = { ...reference, options: [placementController()] };
    const paired = simulate({ model, trials, seed: 1 });
    const other = simulate({ model, trials, seed: 2 });
    const id = model.options[0].id;
    const total = (r: typeof paired, s: string) => r.scenarios.find((x) => x.id === s)!.periods.total;
    // The delta's sd, recovered from its 95% interval of the mean.
    const d = total(paired, id).delta!;
    const pairedVar = (((d.ci95[1] - d.ci95[0]) / (2 * 1.959963984540054)) * Math.sqrt(trials)) ** 2;
    // Scenario cost from one seed minus baseline cost from another: independent, so the variances add.
    const independentVar = total(other, id).cost.sd ** 2 + total(paired, 'baseline').cost.sd ** 2;
    expect(independentVar / pairedVar).toBeGreaterThan(10);
  });
});
