/**
 * Broken models fed to the engine itself: every one is answered with a ValidationError naming fields, and
 * every model that passes validation runs and produces finite numbers. Never an exception of another kind.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finalize, prepareRun, runTrials, ValidationError } from '../../simulation/index.js';
import { validModelJson, type Json } from '../fixtures/models.js';

type Path = (string | number)[];

function paths(v: Json, prefix: Path = []): Path[] {
  if (v === null || typeof v !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return entries.flatMap(([k, x]) => [[...prefix, k], ...paths(x, [...prefix, k])]);
}

function setAt(root: Json, path: Path, value: Json | undefined): Json {
  const copy = JSON.parse(JSON.stringify(root)) as Json;
  let node = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

const base = validModelJson();
const allPaths = paths(base);

/** Values that break fields in the ways users and spreadsheets do. */
const nasty: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constantFrom<Json | undefined>(undefined, null, '', 'abc', '12,5', -1, 0, 1, 0.5, 2, 1e308, -1e308, 1e-300, 241, 1e6, [], {}, true),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1000, max: 100_000 }),
  fc.constantFrom<Json>(
    { type: 'lognormal', median: 100, p90: 50 },
    { type: 'gamma', mean: 1e9, sd: 1e12 },
    { type: 'normal', mean: 0, sd: 1e9 },
    { type: 'weibull', shape: 0.05, scale: 1e9 },
    { type: 'empirical', values: [] },
    { type: 'pert', min: 5, mode: 1, max: 3 },
    { type: 'uniform', min: 0, max: 1e12 },
    { type: 'exponential', mean: 1e-9 },
  ),
  fc.jsonValue() as fc.Arbitrary<Json>,
);

function finiteEverywhere(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(finiteEverywhere);
  if (v && typeof v === 'object') return Object.values(v).every(finiteEverywhere);
  return true;
}

describe('the engine on broken models', () => {
  it('answers with a ValidationError naming a field, or runs to finite numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(allPaths.length - 1), nasty), { minLength: 1, maxLength: 3 }), (edits) => {
        let model: Json = base;
        for (const [i, value] of edits) {
          const p = allPaths[i];
          try {
            model = setAt(model, p, value);
          } catch {
            // The path no longer exists after an earlier edit: skip this one.
          }
        }
        let run;
        try {
          run = prepareRun({ model, trials: 3, seed: 1 });
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError);
          expect((e as ValidationError).issues.length).toBeGreaterThan(0);
          for (const issue of (e as ValidationError).issues) expect(issue.path).toMatch(/^model/);
          return;
        }
        const result = finalize(run, runTrials(run, 0, 3).partial);
        expect(finiteEverywhere(result)).toBe(true);
      }),
      { seed: 7, numRuns: 600 },
    );
  });

  it('names the trials, the seed and unknown scenario options', () => {
    const e = (() => {
      try {
        prepareRun({ model: base, trials: 0, seed: -1, scenarios: [{ id: 'x', label: 'x', options: ['nope'] }] });
      } catch (err) {
        return err as ValidationError;
      }
    })();
    expect(e).toBeInstanceOf(ValidationError);
    expect(e!.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['trials', 'seed', 'scenarios[0].options[0]']));
  });

  it('names a scenario id used twice at the second, with the first', () => {
    const scenarios = [
      { id: 'a', label: 'A', options: [] },
      { id: 'b', label: 'B', options: [] },
      { id: 'a', label: 'C', options: [] },
    ];
    expect(() => prepareRun({ model: base, trials: 10, seed: 1, scenarios })).toThrow(ValidationError);
    try {
      prepareRun({ model: base, trials: 10, seed: 1, scenarios });
    } catch (err) {
      expect((err as ValidationError).issues).toEqual([
        { path: 'scenarios[2].id', message: 'scenario id "a" is already used by scenarios[0]' },
      ]);
    }
  });
});
