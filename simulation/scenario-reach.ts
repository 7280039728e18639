/**
 * Which sources a scenario must play again. A scenario starts from the baseline's numbers of the same trial and
 * plays again only the sources (an arrival, or a placement under way) that its options can change: for each, it
 * takes away what the source added in the baseline and adds what it does now. Every number is a sum of whole
 * numbers, so the result is exactly that of playing everything.
 *
 * A source plays as in the baseline unless one of its episodes meets what an effect acts on: a form where an
 * effect changes stays, routes episodes elsewhere as they start, or limits places (a source that took a place, or
 * found none, may fare otherwise when others take other places); an entry into care that an effect routes to
 * another form; or an entry that the scenario's inflow factor leaves out (the trial checks that for every entry,
 * whatever the effects). Until its path meets one of these it takes the
 * baseline's path with the baseline's draws; after, it is played again whole.
 */
import type { CompiledRun } from './compile.js';

export interface ScenarioReach {
  /** Forms as bits: a source whose episodes visited one of them in the baseline is played again. */
  replay: number;
  /** Forms as bits whose new entries an effect may route elsewhere: such an entry is played again if it is. */
  entry: number;
  /** Per segment, 1 where every new entry is played again. */
  segments: Uint8Array;
}

/** Forms as bits need one bit each. */
export const MAX_REACH_FORMS = 32;

/** The reach of scenario `s`, or null when it must be played whole: the baseline itself, or too many forms. */
export function scenarioReach(run: CompiledRun, s: number): ScenarioReach | null {
  if (s === 0 || run.forms.length > MAX_REACH_FORMS) return null;
  const sc = run.scenarios[s];
  let replay = 0;
  let entry = 0;
  const segments = new Uint8Array(run.segments.length);
  for (const e of sc.effects) {
    for (const f of e.touches.forms ?? []) replay |= 1 << f;
    for (const f of e.touches.entryForms ?? []) entry |= 1 << f;
    for (const seg of e.touches.segments ?? []) segments[seg] = 1;
  }
  run.forms.forEach((form, f) => {
    if (form.capacity > 0 && sc.active[f] === 1) replay |= 1 << f;
  });
  return { replay, entry, segments };
}
