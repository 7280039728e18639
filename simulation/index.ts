/**
 * The engine's public face: validate a run, play any range of its trials, merge the partial results, and
 * finish them into the comparison result. Pure: no I/O, no clocks, no threads.
 */
import { z } from 'zod';
import { compileRun, type CompiledRun } from './compile.js';
import { finalizeResult } from './finalize.js';
import { RunPartial, SENSITIVITY_TRIALS, TrialRecorder, type SensitivityBlock } from './partial.js';
import type { ComparisonResult } from './result.js';
import { drawCounter, rootKey } from './rng.js';
import { resolveScenarios, type ResolvedScenario } from './scenarios.js';
import { Model, ValidationError, parseWith } from './schema.js';
import { TrialSimulator } from './trial.js';

import { DEFAULT_SEED, DEFAULT_TRIALS, MAX_TRIALS } from './run-defaults.js';

export { DEFAULT_SEED, DEFAULT_TRIALS, MAX_TRIALS } from './run-defaults.js';

export const Trials = z
  .number()
  .int('must be a whole number')
  .min(1, `must be between 1 and ${MAX_TRIALS}`)
  .max(MAX_TRIALS, `must be between 1 and ${MAX_TRIALS}`);
export const Seed = z
  .number()
  .int('must be a whole number')
  .min(0, 'must be between 0 and 9007199254740991')
  .max(Number.MAX_SAFE_INTEGER, 'must be between 0 and 9007199254740991');

/** Everything a run is a pure function of. */
export interface RunInput {
  model: unknown;
  scenarios?: unknown;
  trials?: number;
  seed?: number;
}

export interface PreparedRun {
  model: Model;
  scenarios: ResolvedScenario[];
  trials: number;
  seed: number;
  compiled: CompiledRun;
}

/** Validates everything; throws ValidationError (with field paths) and nothing else for bad input. */
export function prepareRun(input: RunInput): PreparedRun {
  if (typeof input !== 'object' || input === null) throw new ValidationError([{ path: '', message: 'must be an object' }]);
  const issues: ValidationError['issues'] = [];
  const collect = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ValidationError) issues.push(...e.issues);
      else throw e;
      return undefined;
    }
  };
  const model = collect(() => parseWith(Model, input.model, ['model']));
  const trials = collect(() => parseWith(Trials, input.trials ?? DEFAULT_TRIALS, ['trials']));
  const seed = collect(() => parseWith(Seed, input.seed ?? DEFAULT_SEED, ['seed']));
  const scenarios = model ? collect(() => resolveScenarios(model, input.scenarios)) : undefined;
  if (issues.length > 0 || !model || !scenarios || trials === undefined || seed === undefined) {
    throw new ValidationError(issues);
  }
  return { model, scenarios, trials, seed, compiled: compileRun(model, scenarios) };
}

/** How often (in trials) progress is reported. */
const PROGRESS_EVERY = 100;

/** Plays trials [from, to) and returns their mergeable partial result. */
export function runTrials(
  run: PreparedRun,
  from: number,
  to: number,
  onProgress?: (done: number) => void,
): { partial: RunPartial; episodes: number } {
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= run.trials)) {
    throw new RangeError(`trial range [${from}, ${to}) is outside [0, ${run.trials})`);
  }
  const c = run.compiled;
  const sim = new TrialSimulator(c);
  const partial = new RunPartial(run.trials, c);
  const recorder = new TrialRecorder(c, partial);
  partial.ranges.push([from, to]);
  const cap = Math.min(to, SENSITIVITY_TRIALS);
  let block: SensitivityBlock | null = null;
  if (from < cap) {
    const len = cap - from;
    const arr = () => new Array<number>(len).fill(0);
    block = {
      from,
      params: c.params.map(arr),
      cost: c.scenarios.map(arr),
      delta: c.scenarios.map(arr),
    };
    partial.sensitivity.push(block);
  }
  const root = rootKey(run.seed);
  for (let t = from; t < to; t++) {
    sim.runTrial(root, t);
    recorder.record(sim.outcomes, sim.params, t, t < cap ? block : null);
    if (onProgress && ((t - from + 1) % PROGRESS_EVERY === 0 || t === to - 1)) onProgress(t - from + 1);
  }
  recorder.flush();
  drawCounter.count += sim.rng.drawn;
  drawCounter.keyed += sim.rng.keyed;
  return { partial, episodes: sim.episodes };
}

/** Merges partials of disjoint trial ranges; the order does not matter. */
export function mergePartials(run: PreparedRun, partials: RunPartial[]): RunPartial {
  const merged = new RunPartial(run.trials, run.compiled);
  for (const p of partials) merged.merge(p);
  return merged;
}

export function finalize(run: PreparedRun, partial: RunPartial): ComparisonResult {
  return finalizeResult(run.compiled, partial, run.seed);
}

/** A whole run in this thread. */
export function simulate(input: RunInput): ComparisonResult {
  const run = prepareRun(input);
  return finalize(run, runTrials(run, 0, run.trials).partial);
}

export { chunkRange, chunkRanges, planChunks, type ChunkPlan } from './chunks.js';
export { PARTIAL_FORMAT, PartialFormatError, RunPartial } from './partial.js';
export { ValidationError, parseModel, type Model, type Option, type Form, type Effect, type Scenario } from './schema.js';
export { ComparisonResultSchema } from './result.js';
export type * from './result.js';
