/**
 * The engine's public face: validate a run, play any range of its trials, merge the partial results, and
 * finish them into the comparison result. Pure: no I/O, no clocks, no threads.
 */
import { z } from 'zod';
import { compileRun, type CompiledRun } from './compile.js';
import { finalizeResult } from './finalize.js';
import { RunPartial, SENSITIVITY_TRIALS, TrialRecorder, type SensitivityBlock } from './partial.js';
import type { ComparisonResult } from './result.js';
import { drawCounter, rootKey, type Key } from './rng.js';
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

/**
 * Trials [from, to) played a few at a time. A Web Worker hears "stop" only between tasks (the page's preview
 * yields between steps so that a newer edit can cancel it); the numbers are those of one runTrials call.
 */
export class TrialRange {
  readonly partial: RunPartial;
  private readonly sim: TrialSimulator;
  private readonly recorder: TrialRecorder;
  private readonly cap: number;
  private readonly block: SensitivityBlock | null = null;
  private readonly root: Key;
  private next: number;
  private finished = false;

  constructor(
    run: PreparedRun,
    readonly from: number,
    readonly to: number,
  ) {
    if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= run.trials)) {
      throw new RangeError(`trial range [${from}, ${to}) is outside [0, ${run.trials})`);
    }
    const c = run.compiled;
    this.sim = new TrialSimulator(c);
    this.partial = new RunPartial(run.trials, c);
    this.recorder = new TrialRecorder(c, this.partial, to - from);
    this.partial.ranges.push([from, to]);
    this.cap = Math.min(to, SENSITIVITY_TRIALS);
    if (from < this.cap) {
      const len = this.cap - from;
      const arr = () => new Array<number>(len).fill(0);
      this.block = {
        from,
        params: c.params.map(arr),
        cost: c.scenarios.map(arr),
        delta: c.scenarios.map(arr),
      };
      this.partial.sensitivity.push(this.block);
    }
    this.root = rootKey(run.seed);
    this.next = from;
  }

  /** Trials played so far. */
  get played(): number {
    return this.next - this.from;
  }

  get done(): boolean {
    return this.next >= this.to;
  }

  /** Plays up to `n` more trials; returns how many it played. */
  play(n: number): number {
    const end = Math.min(this.to, this.next + n);
    const { sim, recorder, cap, block, root } = this;
    for (let t = this.next; t < end; t++) {
      sim.runTrial(root, t);
      recorder.record(sim.outcomes, sim.params, t, t < cap ? block : null);
    }
    const played = end - this.next;
    this.next = end;
    return played;
  }

  /** Plays what is left and returns the partial; call once. */
  finish(): { partial: RunPartial; episodes: number } {
    if (this.finished) throw new Error('TrialRange.finish called twice');
    this.finished = true;
    this.play(this.to - this.next);
    this.recorder.flush();
    drawCounter.count += this.sim.rng.drawn;
    drawCounter.keyed += this.sim.rng.keyed;
    return { partial: this.partial, episodes: this.sim.episodes };
  }
}

/** Plays trials [from, to) and returns their mergeable partial result. */
export function runTrials(
  run: PreparedRun,
  from: number,
  to: number,
  onProgress?: (done: number) => void,
): { partial: RunPartial; episodes: number } {
  const range = new TrialRange(run, from, to);
  while (!range.done) {
    range.play(PROGRESS_EVERY);
    onProgress?.(range.played);
  }
  return range.finish();
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
