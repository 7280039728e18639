/**
 * One trial: draws the world once (parameters, arrival times, initial caseload) and plays every scenario in
 * it (model-spec sections 2 to 4). Each arriving episode draws from its own keyed sub-stream, slot by slot, so
 * a scenario that changes one case leaves every other case's numbers alone.
 */
import type { Calendar } from './calendar.js';
import type { CompiledForm, CompiledRun, CompiledScenario } from './compile.js';
import { Arrivals, checkPacking } from './arrivals.js';
import type { EffectHooks, TrialHost } from './effects/index.js';
import { EpisodeQueue, IntMinHeap } from './episode-queue.js';
import { Outcome } from './outcome.js';
import { inverseNormal } from './normal.js';
import { scenarioReach, type ScenarioReach } from './scenario-reach.js';
import { childKey, childKeyInto, labelHalves, Stream, type Key } from './rng.js';
import { grown } from './typed-arrays.js';

const DAYS_PER_YEAR = 365.25;
const SLOT_THIN = 1;
const SLOT_MIX = 2;
const SLOT_AGE = 3;
const SLOT_STAY = 0x10000000;
const SLOT_NEXT = 0x20000000;
const LABEL_INITIAL = 0x1a1a1a;
const LABEL_EXTRA = 0x3e3e3e;
// What a source added to the baseline's rows, by kind of log entry (see `unplay`).
const LOG_STAY = 0;
const LOG_ADMITTED_STAY = 1;
const LOG_OVERFLOW = 2;
const LOG_AGED_OUT = 3;
/** Steps of an episode chain whose draws are kept for the trial's other scenarios (later steps draw again). */
const CACHED_STEPS = 4;
// The hashes of the slots every source draws from (labelHalves), the stay's and step-down's for the first steps.
const [AGE_A, AGE_B] = labelHalves(SLOT_AGE);
const [MIX_A, MIX_B] = labelHalves(SLOT_MIX);
const [THIN_A, THIN_B] = labelHalves(SLOT_THIN);
const HASHED_STEPS = 16;
const stepHalves = (slot: number) => Array.from({ length: HASHED_STEPS }, (_, step) => labelHalves((slot + step) >>> 0));
const STAY_HALVES = Int32Array.from(stepHalves(SLOT_STAY).flat());
const NEXT_HALVES = Int32Array.from(stepHalves(SLOT_NEXT).flat());

export { rampWeight } from './effects/index.js';

/** A phase of a trial: drawing its world, then playing each scenario (by index; 0 is the baseline). */
export type TrialPhase = 'params' | 'arrivals' | 'sources' | number;

/**
 * The index of the first of the first n cumulative probabilities above u, n if none: a count rather than a
 * search, since a branch on a random draw is mispredicted about every other time.
 */
function below(cum: ArrayLike<number>, u: number, n: number): number {
  let j = 0;
  for (let i = 0; i < n; i++) j += u >= cum[i] ? 1 : 0;
  return j;
}

type RouteEntry = NonNullable<EffectHooks['routeEntry']>;
type RouteStart = NonNullable<EffectHooks['routeStart']>;
type PriceHook = NonNullable<EffectHooks['price']>;

/** A scenario's effect hooks, sorted by hook point once, so the hot loops iterate only what applies. */
interface ScenarioHooks {
  fill: (() => void)[];
  routeEntry: RouteEntry[];
  routeStart: RouteStart[];
  price: PriceHook[];
}

function collectHooks(all: EffectHooks[]): ScenarioHooks {
  const h: ScenarioHooks = { fill: [], routeEntry: [], routeStart: [], price: [] };
  for (const e of all) {
    if (e.fill) h.fill.push(e.fill);
    if (e.routeEntry) h.routeEntry.push(e.routeEntry);
    if (e.routeStart) h.routeStart.push(e.routeStart);
    if (e.price) h.price.push(e.price);
  }
  return h;
}

export class TrialSimulator implements TrialHost {
  readonly params: Float64Array;
  readonly priceIndex: Float64Array;
  readonly outcomes: Outcome[];
  /**
   * Episodes started across all scenarios since construction, those a scenario takes from the baseline
   * included (what the results cover; the cost estimate's unit), and of them the ones actually played.
   */
  episodes = 0;
  played = 0;

  // What the effects see of the simulator (TrialHost).
  readonly rng = new Stream();
  readonly M: number;
  readonly H: number;
  readonly cal: Calendar;
  readonly forms: readonly CompiledForm[];
  // Per-scenario monthly effect factors, refilled for every scenario of every trial.
  readonly inflowFactor: Float64Array;
  readonly stayFactor: Float64Array;
  readonly priceFactor: Float64Array;
  readonly openDay: Int32Array;
  private readonly rates: Float64Array;

  private readonly arrivals = new Arrivals();
  /**
   * Draws of this trial that every scenario would otherwise repeat, by source: the initial caseload's episodes
   * (0 … initialCount − 1), then the baseline arrivals in their order. Each is a pure function of its keyed
   * stream, so drawing it once and reusing it gives every scenario the numbers it would have drawn itself.
   * NaN marks one not drawn yet in this trial.
   */
  private readonly initialCount: number;
  private srcK0 = new Uint32Array(0);
  private srcK1 = new Uint32Array(0);
  private srcBirth = new Float64Array(0);
  /** An initial placement's remaining stay. */
  private srcFirst = new Float64Array(0);
  /** A new entry's form by the mix, before any option routes it. */
  private srcMix = new Int32Array(0);
  private srcThin = new Float64Array(0);
  /** The forms (as bits) a source's episodes visited or overflowed from in the baseline; see ScenarioReach. */
  private srcForms = new Int32Array(0);
  /** Episodes of each source in the baseline, counted for a scenario that keeps the source as it was. */
  private srcEpisodes = new Int32Array(0);
  /**
   * What each source added to the baseline's rows, as a linked list of entries from srcLog (-1: none): a
   * scenario that plays the source again takes it away first (unplay).
   */
  private srcLog = new Int32Array(0);
  private srcLogEnd = new Int32Array(0);
  private logNext = new Int32Array(256);
  private logKind = new Int32Array(256);
  private logForm = new Int32Array(256);
  private logA = new Int32Array(256);
  private logB = new Int32Array(256);
  private logN = 0;
  /** True while the baseline plays: its episodes mark srcForms and the log. */
  private tracing = false;
  /** Per source and step (CACHED_STEPS a source): the stay's normal deviate and the step-down uniform. */
  private stepZ = new Float64Array(0);
  private stepNext = new Float64Array(0);
  /** The stay that stepZ gave in form stepStayForm (-1: none yet this trial). */
  private stepStay = new Float64Array(0);
  private stepStayForm = new Int32Array(0);
  private readonly extras = new Arrivals();
  private readonly queue = new EpisodeQueue();
  private readonly occupants: IntMinHeap[];
  private readonly F: number;
  /** Stays' whole months as differences, per form (M + 1 a form), for recordDays. */
  private readonly cover: Int32Array;
  /** Per form, 1 where `cover` holds a difference not yet summed. */
  private readonly covered: Uint8Array;
  /** Which sources each scenario plays again (null: it plays everything). */
  private readonly reach: (ScenarioReach | null)[];
  /** Whether some scenario keeps sources as they were, so that the baseline must note what each source did. */
  private readonly traces: boolean;
  /**
   * Whether a scenario must play its episodes in the order of their days: only places limited in number make one
   * episode's path depend on others'. Without them every source plays its chain of step-downs at once, in any
   * order, since all it adds to are whole numbers and sums of whole numbers do not depend on their order.
   */
  private readonly ordered: boolean[];
  private readonly anyOrdered: boolean;
  /** Whether the scenario now playing is ordered: a step-down waits in the queue for its day. */
  private inOrder = false;
  /** The first day of the step-down that startEpisode returned. */
  private nextDay = 0;
  /** Per segment, 1 where the scenario now playing has an inflow factor below 1 in some month. */
  private readonly thinned: Uint8Array;
  /** Each scenario's effects bound to this simulator: their per-trial state is this simulator's. */
  private readonly hooks: ScenarioHooks[];
  private out!: Outcome;
  private trialKey!: Key;
  private readonly scratch = { k0: 0, k1: 0 };
  private cur!: ScenarioHooks;

  /** `replayAll` plays every scenario whole, for the tests that check that what is left out plays as the baseline. */
  constructor(
    private readonly run: CompiledRun,
    opts: { replayAll?: boolean } = {},
  ) {
    this.F = run.forms.length;
    this.M = run.cal.months;
    this.H = run.cal.days;
    checkPacking(this.H, run.segments.length);
    this.cal = run.cal;
    this.forms = run.forms;
    this.params = new Float64Array(run.params.length);
    this.priceIndex = new Float64Array(this.M);
    this.outcomes = run.scenarios.map(() => new Outcome(this.F, this.M));
    this.occupants = run.forms.map(() => new IntMinHeap());
    this.inflowFactor = new Float64Array(run.segments.length * this.M);
    this.stayFactor = new Float64Array(this.F * this.M);
    this.priceFactor = new Float64Array(this.F * this.M);
    this.openDay = new Int32Array(this.F);
    this.rates = new Float64Array(run.segments.length * this.M);
    this.thinned = new Uint8Array(run.segments.length);
    this.cover = new Int32Array(this.F * (this.M + 1));
    this.covered = new Uint8Array(this.F);
    this.initialCount = run.initial.reduce((n, g) => n + g.elapsed.length, 0);
    this.reach = run.scenarios.map((_, s) => (opts.replayAll ? null : scenarioReach(run, s)));
    this.traces = this.reach.some((r) => r !== null);
    this.ordered = run.scenarios.map((sc) => run.forms.some((form, f) => form.capacity > 0 && sc.active[f] === 1));
    this.anyOrdered = this.ordered.some((o) => o);
    // Last: binding reads the fields above.
    this.hooks = run.scenarios.map((sc, s) => collectHooks(sc.effects.map((e) => e.bind(this, this.outcomes[s]))));
  }

  /**
   * Plays trial `trial` of a run seeded with `root`; results are in `outcomes` until the next call. `lap`, when
   * given, is called as each phase ends, for `npm run bench:phases` to time them.
   */
  runTrial(root: Key, trial: number, lap?: (phase: TrialPhase) => void): void {
    const tk = (this.trialKey = childKey(root.k0, root.k1, trial));
    this.drawParams(tk);
    lap?.('params');
    this.drawArrivals(tk);
    lap?.('arrivals');
    this.drawSources(tk);
    lap?.('sources');
    for (let s = 0; s < this.run.scenarios.length; s++) {
      this.playScenario(s);
      lap?.(s);
    }
  }

  private drawParams(tk: Key): void {
    const { params } = this.run;
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      this.params[i] = p.sampler.isFixed ? p.sampler.mean : p.sampler.sample(this.rng.resetChild(tk.k0, tk.k1, p.key));
    }
    const g = 1 + this.params[this.run.priceIncrease];
    for (let m = 0; m < this.M; m++) this.priceIndex[m] = Math.pow(g, m / 12);
    this.fillRates();
  }

  /** Monthly expected arrivals of each segment in this trial, before options (segment-major). */
  private fillRates(): void {
    const { calendarMonth } = this.run.cal;
    const { M, rates } = this;
    this.run.segments.forEach((s, seg) => {
      const perMonth = this.params[s.rate] / 12;
      const growth = 1 + this.params[s.trend];
      for (let m = 0; m < M; m++) rates[seg * M + m] = perMonth * Math.pow(growth, m / 12) * s.seasonality[calendarMonth[m]];
    });
  }

  /**
   * A Poisson process with a monthly piecewise-constant rate, by unit exponential gaps in cumulative
   * intensity: exact, and one uniform per arrival.
   */
  private generate(into: Arrivals, seg: number, streamKey: Key, factor: number): void {
    const { monthStart, daysInMonth } = this.run.cal;
    const { M, rates } = this;
    const rng = this.rng.reset(streamKey.k0, streamKey.k1);
    let target = -Math.log(rng.next());
    let acc = 0;
    let i = 0;
    for (let m = 0; m < M; m++) {
      const lam = rates[seg * M + m] * factor;
      if (!(lam > 0)) continue;
      while (target < acc + lam) {
        const day = monthStart[m] + Math.min(daysInMonth[m] - 1, Math.floor(((target - acc) / lam) * daysInMonth[m]));
        into.push(day, seg, childKeyInto(this.scratch, streamKey.k0, streamKey.k1, i++));
        target -= Math.log(rng.next());
      }
      acc += lam;
    }
  }

  private drawArrivals(tk: Key): void {
    this.arrivals.clear();
    this.run.segments.forEach((s, i) => {
      if (s.hasInflow) this.generate(this.arrivals, i, childKey(tk.k0, tk.k1, s.key), 1);
    });
    // Unordered scenarios take the arrivals as generated; both orders index the same sources in all scenarios.
    if (this.anyOrdered) this.arrivals.sort();
    else this.arrivals.checkLimit();
  }

  private fillEffects(sc: CompiledScenario, hooks: ScenarioHooks): void {
    const { M, F } = this;
    this.inflowFactor.fill(1);
    this.stayFactor.fill(1);
    this.priceFactor.fill(1);
    for (let f = 0; f < F; f++) {
      this.out.openMonth[f] = sc.active[f] ? 0 : M;
      this.openDay[f] = sc.active[f] ? 0 : this.H;
    }
    for (const fill of hooks.fill) fill();
  }

  hasRoom(f: number, d: number): boolean {
    if (d < this.openDay[f]) return false;
    const cap = this.run.forms[f].capacity;
    if (cap === 0) return true;
    const occ = this.occupants[f];
    while (occ.size > 0 && occ.top() < d) occ.pop();
    return occ.size < cap;
  }

  private playScenario(s: number): void {
    const sc = this.run.scenarios[s];
    const reach = this.reach[s];
    this.tracing = s === 0 && this.traces;
    this.inOrder = this.ordered[s];
    const hooks = (this.cur = this.hooks[s]);
    const out = (this.out = this.outcomes[s]);
    // From the baseline's rows, where the sources played again take away what they added there.
    out.reset(reach ? this.outcomes[0] : null);
    this.fillEffects(sc, hooks);
    for (const occ of this.occupants) occ.clear();
    this.queue.clear();

    this.placeInitialCaseload(reach);
    this.queueExtraArrivals();

    if (reach) this.markThinned();
    this.arrive(reach);
    this.sumCover();
    out.sumAgedOut();
    this.price(hooks, out);
  }

  /** Keys, ages and first draws of the trial's sources, shared by its scenarios (see `srcK0`). */
  private drawSources(tk: Key): void {
    const { rng } = this;
    const I = this.initialCount;
    const n = I + this.arrivals.n;
    if (this.srcK0.length < n) this.growSources(n);
    this.stepZ.fill(NaN, 0, n * CACHED_STEPS);
    this.stepNext.fill(NaN, 0, n * CACHED_STEPS);
    this.stepStayForm.fill(-1, 0, n * CACHED_STEPS);
    const ik = childKey(tk.k0, tk.k1, LABEL_INITIAL);
    let src = 0;
    for (let gi = 0; gi < this.run.initial.length; gi++) {
      const g = this.run.initial[gi];
      const gk = childKey(ik.k0, ik.k1, gi);
      for (let j = 0; j < g.elapsed.length; j++, src++) {
        const k = childKeyInto(this.scratch, gk.k0, gk.k1, j);
        let birth = NaN;
        if (g.age) {
          const age = g.age.sample(rng.resetHalves(k.k0, k.k1, AGE_A, AGE_B));
          birth = g.ageIsNow ? -age * DAYS_PER_YEAR : -g.elapsed[j] - age * DAYS_PER_YEAR;
        }
        this.srcK0[src] = k.k0;
        this.srcK1[src] = k.k1;
        this.srcBirth[src] = birth;
        this.srcFirst[src] = g.stayAbove[j](rng.resetChild(k.k0, k.k1, SLOT_STAY)) - g.elapsed[j];
      }
    }
    const arr = this.arrivals;
    this.srcThin.fill(NaN, I, n);
    this.srcForms.fill(0, 0, n);
    this.srcEpisodes.fill(0, 0, n);
    this.srcLog.fill(-1, 0, n);
    this.logN = 0;
    for (let i = 0; i < arr.n; i++, src++) {
      const k0 = arr.k0[i];
      const k1 = arr.k1[i];
      const age = this.run.segments[arr.seg[i]].age;
      this.srcK0[src] = k0;
      this.srcK1[src] = k1;
      this.srcBirth[src] = age ? arr.day[i] - age.sample(rng.resetHalves(k0, k1, AGE_A, AGE_B)) * DAYS_PER_YEAR : NaN;
      this.srcMix[src] = this.mixForm(arr.seg[i], k0, k1);
    }
  }

  private growSources(n: number): void {
    const size = Math.max(n, 2 * this.srcK0.length);
    this.srcK0 = new Uint32Array(size);
    this.srcK1 = new Uint32Array(size);
    this.srcBirth = new Float64Array(size);
    this.srcFirst = new Float64Array(size);
    this.srcMix = new Int32Array(size);
    this.srcThin = new Float64Array(size);
    this.srcForms = new Int32Array(size);
    this.srcEpisodes = new Int32Array(size);
    this.srcLog = new Int32Array(size);
    this.srcLogEnd = new Int32Array(size);
    this.stepZ = new Float64Array(size * CACHED_STEPS);
    this.stepNext = new Float64Array(size * CACHED_STEPS);
    this.stepStay = new Float64Array(size * CACHED_STEPS);
    this.stepStayForm = new Int32Array(size * CACHED_STEPS);
  }

  private placeInitialCaseload(reach: ScenarioReach | null): void {
    let src = 0;
    for (const g of this.run.initial) {
      for (let j = 0; j < g.elapsed.length; j++, src++) {
        if (reach) {
          if ((this.srcForms[src] & reach.replay) === 0) {
            this.episodes += this.srcEpisodes[src];
            continue;
          }
          this.unplay(src);
        }
        this.play(g.form, 0, this.srcK0[src], this.srcK1[src], 0, this.srcBirth[src], g.elapsed[j], src);
      }
    }
  }

  /** Inflow multipliers above 1 add a second, independent Poisson stream on top of the baseline arrivals. */
  private queueExtraArrivals(): void {
    const tk = this.trialKey;
    const { M } = this;
    this.run.segments.forEach((s, seg) => {
      if (!s.hasInflow) return;
      let peak = 1;
      for (let m = 0; m < M; m++) peak = Math.max(peak, this.inflowFactor[seg * M + m]);
      if (peak <= 1) return;
      const key = childKey(tk.k0, tk.k1, (s.key ^ LABEL_EXTRA) >>> 0);
      this.extras.clear();
      this.generate(this.extras, seg, key, peak - 1);
      const ex = this.extras;
      for (let i = 0; i < ex.n; i++) {
        const m = this.run.cal.monthOfDay[ex.day[i]];
        const keep = (this.inflowFactor[seg * M + m] - 1) / (peak - 1);
        if (this.rng.resetHalves(ex.k0[i], ex.k1[i], THIN_A, THIN_B).next() < keep) {
          if (this.inOrder) this.queue.push(ex.day[i], -1, ex.k0[i], ex.k1[i], 0, NaN, seg, -1);
          else this.admitNew(seg, ex.day[i], ex.k0[i], ex.k1[i], false, -1);
        }
      }
    });
  }

  /** The baseline arrivals, and in an ordered scenario the queued step-downs and extra arrivals, by day. */
  private arrive(reach: ScenarioReach | null): void {
    const arr = this.arrivals;
    const q = this.queue;
    let ai = 0;
    while (ai < arr.n || q.size > 0) {
      if (q.size > 0 && (ai >= arr.n || q.topDay() <= arr.day[ai])) {
        const i = q.pop();
        if (q.seg[i] >= 0) this.admitNew(q.seg[i], q.day[i], q.k0[i], q.k1[i], false, -1);
        else this.play(q.form[i], q.day[i], q.k0[i], q.k1[i], q.step[i], q.birth[i], -1, q.src[i]);
      } else {
        if (reach) this.arriveAgain(ai, reach);
        else this.admitNew(arr.seg[ai], arr.day[ai], arr.k0[ai], arr.k1[ai], true, this.initialCount + ai);
        ai++;
      }
    }
  }

  /** Fills `thinned` for the scenario about to play, from its inflow factors. */
  private markThinned(): void {
    const { M } = this;
    for (let seg = 0; seg < this.thinned.length; seg++) {
      let thins = 0;
      for (let m = 0; m < M; m++) if (this.inflowFactor[seg * M + m] < 1) thins = 1;
      this.thinned[seg] = thins;
    }
  }

  /**
   * A baseline arrival in a scenario that plays again only what it can change (see ScenarioReach): left out by the
   * inflow factor, played again, or kept as the baseline played it.
   */
  private arriveAgain(ai: number, reach: ScenarioReach): void {
    const arr = this.arrivals;
    const src = this.initialCount + ai;
    const seg = arr.seg[ai];
    const mixed = this.srcMix[src];
    let again = (this.srcForms[src] & reach.replay) !== 0 || reach.segments[seg] === 1;
    const routed = again || ((reach.entry >>> mixed) & 1) !== 0;
    // What most arrivals of most scenarios come to, in a few loads.
    if (!routed && this.thinned[seg] === 0) {
      this.episodes += this.srcEpisodes[src];
      return;
    }
    const d = arr.day[ai];
    const k0 = arr.k0[ai];
    const k1 = arr.k1[ai];
    const m = this.run.cal.monthOfDay[d];
    if (!this.kept(seg, m, k0, k1, src)) {
      this.unplay(src);
      return;
    }
    const f = routed ? this.routeEntry(seg, mixed, m, k0, k1) : mixed;
    if (f !== mixed) again = true;
    if (!again) {
      this.episodes += this.srcEpisodes[src];
      return;
    }
    this.unplay(src);
    this.play(f, d, k0, k1, 0, this.srcBirth[src], -1, src);
  }

  /**
   * A new entry into care: thinning by inflow effects, age, form by mix and mix shifts. `src` is a baseline
   * arrival's index among the trial's sources, -1 for an extra arrival (its draws are its scenario's alone).
   */
  private admitNew(seg: number, d: number, k0: number, k1: number, thin: boolean, src: number): void {
    const m = this.run.cal.monthOfDay[d];
    if (thin && !this.kept(seg, m, k0, k1, src)) return;
    let birth: number;
    let f: number;
    if (src >= 0) {
      birth = this.srcBirth[src];
      f = this.srcMix[src];
    } else {
      const { age } = this.run.segments[seg];
      birth = age ? d - age.sample(this.rng.resetHalves(k0, k1, AGE_A, AGE_B)) * DAYS_PER_YEAR : NaN;
      f = this.mixForm(seg, k0, k1);
    }
    this.play(this.routeEntry(seg, f, m, k0, k1), d, k0, k1, 0, birth, -1, src);
  }

  /** Whether a baseline arrival of month m stays in the scenario, whose inflow factor below 1 thins arrivals. */
  private kept(seg: number, m: number, k0: number, k1: number, src: number): boolean {
    const keep = this.inflowFactor[seg * this.M + m];
    if (!(keep < 1)) return true;
    let u = this.srcThin[src];
    if (u !== u) u = this.srcThin[src] = this.rng.resetHalves(k0, k1, THIN_A, THIN_B).next();
    return u < keep;
  }

  /** The form the scenario's options send a new entry to, from the one the mix chose. */
  private routeEntry(seg: number, f: number, m: number, k0: number, k1: number): number {
    const routers = this.cur.routeEntry;
    for (let e = 0; e < routers.length; e++) f = routers[e](seg, f, m, k0, k1);
    return f;
  }

  /** Takes away from the scenario's rows what source `src` added to the baseline's (its log). */
  private unplay(src: number): void {
    const { M, out } = this;
    const { monthOfDay } = this.run.cal;
    for (let i = this.srcLog[src]; i >= 0; i = this.logNext[i]) {
      const f = this.logForm[i];
      const a = this.logA[i];
      switch (this.logKind[i]) {
        case LOG_ADMITTED_STAY:
          out.admissions[f * M + monthOfDay[a]]--;
          this.recordDays(f, a, this.logB[i], -1);
          break;
        case LOG_STAY:
          this.recordDays(f, a, this.logB[i], -1);
          break;
        case LOG_OVERFLOW:
          out.overflows[f * M + a]--;
          break;
        case LOG_AGED_OUT:
          out.agedOutByForm[f * M + a]--;
          break;
      }
    }
  }

  /** Adds an entry to the baseline's log of source `src`. */
  private note(src: number, kind: number, f: number, a: number, b: number): void {
    const i = this.logN++;
    if (i === this.logNext.length) {
      const size = 2 * i;
      this.logNext = grown(this.logNext, size);
      this.logKind = grown(this.logKind, size);
      this.logForm = grown(this.logForm, size);
      this.logA = grown(this.logA, size);
      this.logB = grown(this.logB, size);
    }
    this.logNext[i] = -1;
    this.logKind[i] = kind;
    this.logForm[i] = f;
    this.logA[i] = a;
    this.logB[i] = b;
    if (this.srcLog[src] < 0) this.srcLog[src] = i;
    else this.logNext[this.srcLogEnd[src]] = i;
    this.srcLogEnd[src] = i;
  }

  /** Plays an episode and what follows it: its step-downs at once, or queued for their day in an ordered scenario. */
  private play(f: number, d: number, k0: number, k1: number, step: number, birth: number, elapsed: number, src: number): void {
    let next = this.startEpisode(f, d, k0, k1, step, birth, elapsed, src);
    if (this.inOrder) {
      if (next >= 0) this.queue.push(this.nextDay, next, k0, k1, step + 1, birth, -1, src);
      return;
    }
    while (next >= 0) next = this.startEpisode(next, this.nextDay, k0, k1, ++step, birth, -1, src);
  }

  /** The form the segment's mix sends an entry to, by the entry's own draw. */
  private mixForm(seg: number, k0: number, k1: number): number {
    const s = this.run.segments[seg];
    return s.mixForm[below(s.mixCum, this.rng.resetHalves(k0, k1, MIX_A, MIX_B).next(), s.mixCum.length - 1)];
  }

  /**
   * Starts an episode in form f on day d. `elapsed` >= 0 marks a placement already under way at the start:
   * it keeps its form, is not an admission, and its remaining stay is drawn conditional on its elapsed time.
   * Returns the form it steps down to (its first day in `nextDay`), or -1.
   */
  private startEpisode(f: number, d: number, k0: number, k1: number, step: number, birth: number, elapsed: number, src: number): number {
    const { M, H, out } = this;
    const forms = this.run.forms;
    const m = this.run.cal.monthOfDay[d];
    const initial = elapsed >= 0;
    const trace = this.tracing && src >= 0;
    if (!initial) {
      const routers = this.cur.routeStart;
      for (let a = 0; a < routers.length; a++) {
        const g = routers[a](f, d, m, k0, k1, step);
        if (g >= 0) {
          f = g;
          break;
        }
      }
      while (!this.hasRoom(f, d) && forms[f].overflowTo >= 0) {
        out.overflows[f * M + m]++;
        if (trace) {
          this.srcForms[src] |= 1 << f;
          this.note(src, LOG_OVERFLOW, f, m, 0);
        }
        f = forms[f].overflowTo;
      }
    }
    const form = forms[f];
    // A placement under way keeps its stay and form whatever the options; only a place it takes can matter.
    if (trace && (!initial || form.capacity > 0)) this.srcForms[src] |= 1 << f;
    let ageOut = Infinity;
    if (form.maxAgeDays !== Infinity && birth === birth) {
      ageOut = Math.ceil(birth + form.maxAgeDays);
      if (ageOut <= d) {
        out.agedOutByForm[f * M + m]++;
        if (trace) this.note(src, LOG_AGED_OUT, f, m, 0);
        return -1;
      }
    }
    if (!initial) out.admissions[f * M + m]++;
    this.episodes++;
    this.played++;
    if (trace) this.srcEpisodes[src]++;

    const cached = src >= 0 && step < CACHED_STEPS ? src * CACHED_STEPS + step : -1;
    let x: number;
    if (initial) x = this.srcFirst[src];
    else if (cached >= 0 && form.stay.fromNormal) {
      // The stay in the form the deviate was last turned into, most often the same in every scenario.
      if (this.stepStayForm[cached] !== f) {
        let z = this.stepZ[cached];
        if (z !== z) z = this.stepZ[cached] = inverseNormal(this.stepStream(k0, k1, STAY_HALVES, SLOT_STAY, step).next());
        this.stepStay[cached] = form.stay.fromNormal(z);
        this.stepStayForm[cached] = f;
      }
      x = this.stepStay[cached] * this.stayFactor[f * M + m];
    } else x = form.stay.sample(this.stepStream(k0, k1, STAY_HALVES, SLOT_STAY, step)) * this.stayFactor[f * M + m];
    // A stay is a whole number of care days, at least one; beyond the horizon its length does not matter.
    const len = x >= 1.5 ? (x < H ? Math.round(x) : H) : 1;
    let end = d + len - 1;
    let agedOut = false;
    if (end >= ageOut) {
      end = ageOut - 1;
      agedOut = true;
      if (ageOut < H) {
        const at = this.run.cal.monthOfDay[ageOut];
        out.agedOutByForm[f * M + at]++;
        if (trace) this.note(src, LOG_AGED_OUT, f, at, 0);
      }
    }
    const last = end < H ? end : H - 1;
    this.recordDays(f, d, last, 1);
    if (trace) this.note(src, initial ? LOG_STAY : LOG_ADMITTED_STAY, f, d, last);
    if (form.capacity > 0) this.occupants[f].push(end);

    const cum = form.nextCum;
    if (agedOut || end + 1 >= H || cum.length === 0) return -1;
    let u = cached >= 0 ? this.stepNext[cached] : NaN;
    if (u !== u) {
      u = this.stepStream(k0, k1, NEXT_HALVES, SLOT_NEXT, step).next();
      if (cached >= 0) this.stepNext[cached] = u;
    }
    const j = below(cum, u, cum.length);
    if (j === cum.length) return -1;
    this.nextDay = end + 1;
    return form.nextForm[j];
  }

  /** The stream of an episode's draw slot `slot + step`, from the hashes worked out for the first steps. */
  private stepStream(k0: number, k1: number, halves: Int32Array, slot: number, step: number): Stream {
    if (step >= HASHED_STEPS) return this.rng.resetChild(k0, k1, (slot + step) >>> 0);
    return this.rng.resetHalves(k0, k1, halves[2 * step], halves[2 * step + 1]);
  }

  /**
   * Care days by calendar month, and the census on each month's last day, by interval arithmetic: the first and
   * last month of a stay directly, the months between as +1/-1 in `cover`, summed once per scenario (sumCover).
   */
  private recordDays(f: number, d: number, e: number, w: number): void {
    const { monthStart, monthOfDay } = this.run.cal;
    const { careDays, census } = this.out;
    const base = f * this.M;
    const m0 = monthOfDay[d];
    const m1 = monthOfDay[e];
    if (e === monthStart[m1 + 1] - 1) census[base + m1] += w;
    if (m0 === m1) {
      careDays[base + m0] += w * (e - d + 1);
      return;
    }
    careDays[base + m0] += w * (monthStart[m0 + 1] - d);
    census[base + m0] += w;
    careDays[base + m1] += w * (e - monthStart[m1] + 1);
    if (m1 > m0 + 1) {
      const c = f * (this.M + 1);
      this.cover[c + m0 + 1] += w;
      this.cover[c + m1] -= w;
      this.covered[f] = 1;
    }
  }

  /** Adds the whole months of every stay (recordDays' `cover`) to care days and census. */
  private sumCover(): void {
    const { M, F, cover, covered } = this;
    const { daysInMonth } = this.run.cal;
    const { careDays, census } = this.out;
    for (let f = 0; f < F; f++) {
      if (covered[f] === 0) continue;
      covered[f] = 0;
      const c = f * (M + 1);
      const base = f * M;
      let n = 0;
      for (let m = 0; m < M; m++) {
        n += cover[c + m];
        cover[c + m] = 0;
        if (n === 0) continue;
        careDays[base + m] += n * daysInMonth[m];
        census[base + m] += n;
      }
    }
  }

  /** Turns care days into money: daily prices, fixed costs, option costs and sold places, all price-indexed. */
  private price(hooks: ScenarioHooks, out: Outcome): void {
    const { M, F, params: p, priceIndex: idx, priceFactor } = this;
    const { careDays, formCost, cost } = out;
    const forms = this.run.forms;
    for (let f = 0; f < F; f++) {
      const open = out.openMonth[f];
      if (open >= M) continue;
      const form = forms[f];
      const daily = p[form.dailyCost];
      const fixedPerMonth = form.fixedCost >= 0 ? p[form.fixedCost] / 12 : 0;
      const base = f * M;
      for (let m = 0; m < M; m++) {
        const c = careDays[base + m] * daily * priceFactor[base + m] + (m >= open ? fixedPerMonth : 0);
        const x = c * idx[m];
        formCost[base + m] = x;
        cost[m] += x;
      }
    }
    for (const price of hooks.price) price(idx);
    for (let m = 0; m < M; m++) out.cost[m] += out.optionCost[m] - out.revenue[m];
  }
}
