/**
 * The floor of one episode (bench:engine part 6): what playing an episode cannot skip, with the engine's own parts
 * and nothing else. Per episode: a draw slot keyed from its source (Stream.resetHalves), a uniform for the stay,
 * the inverse normal and the form's own stay transform (its `fromNormal`: the exponential of a lognormal), the
 * stay rounded to whole days and cut at the horizon, its care days, census and admission booked by month with
 * interval arithmetic on the run's calendar, and a uniform that picks the step-down from the form's own
 * cumulative table. No pricing, effects, capacity, age, replay log or recording: the engine does all of those on
 * top, so an engine cannot play an episode in less than this.
 */
import { inverseNormal } from '../simulation/normal.js';
import { labelHalves, Stream } from '../simulation/rng.js';
import type { CompiledRun } from '../simulation/compile.js';

export interface EpisodeFloor {
  /** Nanoseconds per episode drawing its own uniforms and deviate, as the baseline plays one. */
  firstNs: number;
  /** Nanoseconds per episode from deviates already drawn, as a scenario replays one (the engine caches them). */
  replayNs: number;
}

/** Both floors over `episodes` episodes each, the minimum of `rounds` rounds. */
export function episodeFloor(run: CompiledRun, episodes: number, rounds = 5): EpisodeFloor {
  const play = floorLoop(run);
  let firstNs = Infinity;
  let replayNs = Infinity;
  for (let r = 0; r < rounds; r++) {
    firstNs = Math.min(firstNs, play(episodes, false));
    replayNs = Math.min(replayNs, play(episodes, true));
  }
  return { firstNs, replayNs };
}

const STEPS = 16;

function floorLoop(run: CompiledRun): (episodes: number, cached: boolean) => number {
  const { cal } = run;
  const forms = run.forms.filter((f) => f.stay.fromNormal);
  if (forms.length === 0) throw new Error('the model has no form with a lognormal stay');
  const { monthStart, monthOfDay, daysInMonth } = cal;
  const M = cal.months;
  const H = cal.days;
  const F = forms.length;
  const local = run.forms.map((f) => forms.indexOf(f));
  const careDays = new Float64Array(F * M);
  const census = new Float64Array(F * M);
  const admissions = new Float64Array(F * M);
  const cover = new Float64Array(F * (M + 1));
  const stream = new Stream();
  const stayHalves = Array.from({ length: STEPS }, (_, i) => labelHalves(2 * i));
  const nextHalves = Array.from({ length: STEPS }, (_, i) => labelHalves(2 * i + 1));
  // A replay's deviates, drawn once: as many as one pass of sources needs, reused source after source.
  const SOURCES = 4096;
  const zs = new Float64Array(SOURCES * STEPS);
  const us = new Float64Array(SOURCES * STEPS);
  for (let i = 0; i < zs.length; i++) {
    zs[i] = inverseNormal(stream.resetHalves(i, 7, 1, 2).next());
    us[i] = stream.next();
  }

  return (episodes, cached) => {
    let played = 0;
    let source = 0;
    const t = performance.now();
    while (played < episodes) {
      source++;
      const k0 = Math.imul(source, 0x9e3779b9) >>> 0;
      const k1 = (source * 7919) >>> 0;
      const slot = (source % SOURCES) * STEPS;
      let f = source % F;
      let d = source % H;
      for (let step = 0; step < STEPS; step++) {
        played++;
        const form = forms[f];
        const z = cached ? zs[slot + step] : inverseNormal(stream.resetHalves(k0, k1, stayHalves[step][0], stayHalves[step][1]).next());
        const x = form.stay.fromNormal!(z);
        const len = x >= 1.5 ? (x < H ? Math.round(x) : H) : 1;
        const e = Math.min(d + len - 1, H - 1);
        const base = f * M;
        const m0 = monthOfDay[d];
        const m1 = monthOfDay[e];
        admissions[base + m0]++;
        if (e === monthStart[m1 + 1] - 1) census[base + m1]++;
        if (m0 === m1) careDays[base + m0] += e - d + 1;
        else {
          careDays[base + m0] += monthStart[m0 + 1] - d;
          census[base + m0]++;
          careDays[base + m1] += e - monthStart[m1] + 1;
          if (m1 > m0 + 1) {
            cover[f * (M + 1) + m0 + 1]++;
            cover[f * (M + 1) + m1]--;
          }
        }
        const cum = form.nextCum;
        if (e + 1 >= H || cum.length === 0) break;
        const u = cached ? us[slot + step] : stream.resetHalves(k0, k1, nextHalves[step][0], nextHalves[step][1]).next();
        let j = 0;
        while (j < cum.length && u >= cum[j]) j++;
        const next = j < cum.length ? local[form.nextForm[j]] : -1;
        if (next < 0) break;
        f = next;
        d = e + 1;
      }
    }
    // The whole months, once per pass as the engine does once per trial; and a use, so nothing is optimised away.
    for (let f = 0; f < F; f++) {
      let c = 0;
      for (let m = 0; m < M; m++) {
        c += cover[f * (M + 1) + m];
        careDays[f * M + m] += c * daysInMonth[m];
        census[f * M + m] += c;
      }
    }
    if (!(careDays[0] + census[0] + admissions[0] >= 0)) throw new Error('unreachable');
    return ((performance.now() - t) * 1e6) / played;
  };
}
