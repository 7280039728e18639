/**
 * Which part of a scenario must be played, and which is the baseline's. An option acts on some segments and
 * forms (each effect's `touches`); an episode can only differ from the baseline once its path reaches one of
 * them, and paths go forward only (mix, step-downs, overflow). So the forms downstream of what a scenario
 * touches are the only ones whose numbers can change; a segment or an initial placement whose paths never reach
 * one plays exactly as in the baseline, and the rows of every other form are the baseline's.
 */
import type { CompiledRun } from './compile.js';

export interface ScenarioReach {
  /** Segments an effect acts on as a whole (inflow): every new entry of theirs is played. */
  segments: Uint8Array;
  /**
   * Forms whose numbers can differ from the baseline's, as bits: a source (an arrival, or a placement under way)
   * is played when the forms its episodes touched in the baseline meet these, and is otherwise left as it was.
   */
  dirty: number;
  /** Forms whose rows the scenario takes from the baseline of the same trial. */
  clean: Uint8Array;
}

/** Forms reachable from `start` by step-downs and overflow, `start` included. */
function downstream(run: CompiledRun, start: Iterable<number>): Uint8Array {
  const seen = new Uint8Array(run.forms.length);
  const stack = [...start];
  while (stack.length > 0) {
    const f = stack.pop() as number;
    if (seen[f]) continue;
    seen[f] = 1;
    const form = run.forms[f];
    stack.push(...form.nextForm);
    if (form.overflowTo >= 0) stack.push(form.overflowTo);
  }
  return seen;
}

/** Forms as bits need one bit each. */
export const MAX_REACH_FORMS = 32;

/**
 * The reach of scenario `s`, or null when it must be played whole: the baseline itself, a model with more forms
 * than MAX_REACH_FORMS, or a scenario with a form of limited places whose numbers cannot change, since the
 * places taken there by the sources left out would then be missing for the ones played.
 *
 * Why a source left out plays as in the baseline: its episodes touched no dirty form in the baseline, and an
 * episode's path can only change at something an effect touches, all of which is dirty, as is everything
 * downstream of it. A dirty form's rows come only from sources that are played, for the same reason.
 */
export function scenarioReach(run: CompiledRun, s: number): ScenarioReach | null {
  if (s === 0 || run.forms.length > MAX_REACH_FORMS) return null;
  const sc = run.scenarios[s];
  const seeds: number[] = [];
  const segments = new Uint8Array(run.segments.length);
  for (const e of sc.effects) {
    seeds.push(...(e.touches.forms ?? []));
    for (const seg of e.touches.segments ?? []) {
      segments[seg] = 1;
      seeds.push(...run.segments[seg].mixForm);
    }
  }
  const dirty = downstream(run, seeds);
  if (run.forms.some((form, f) => form.capacity > 0 && sc.active[f] === 1 && dirty[f] === 0)) return null;
  let bits = 0;
  dirty.forEach((x, f) => (bits |= x << f));
  return { segments, dirty: bits, clean: Uint8Array.from(dirty, (x, f) => (x === 0 && sc.active[f] === 1 ? 1 : 0)) };
}
