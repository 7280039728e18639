/**
 * The contract of an effect type. Each effect type is one module that says, in one place, how its JSON looks
 * (zod schema), which cross-field rules it has, what per-trial parameters it registers when a run is compiled,
 * and how a trial applies it through the hook points of the trial simulator.
 */
import type { z } from 'zod';
import type { Calendar } from '../calendar.js';
import type { CompiledForm } from '../compile.js';
import type { Dist } from '../dist.js';
import type { Outcome } from '../outcome.js';
import type { Stream } from '../rng.js';
import type { Ctx, Form, Path, TimingFields } from '../schema-parts.js';

/**
 * Every effect schema is a strict zod object whose `type` is a string literal, the discriminator of the union,
 * with the timing fields that every effect has (docs/engine.md, "Options").
 */
export type EffectSchema = z.ZodObject<{ type: z.ZodLiteral<string> } & typeof TimingFields & z.core.$ZodLooseShape, z.core.$strict>;

export interface Timing {
  fromMonth: number;
  rampMonths: number;
}

/** What a cross-field check can see: the option's effect path and the forms and segments it may name. */
export interface CheckContext {
  ctx: Ctx;
  /** Path of the effect, e.g. ['options', 0, 'effects', 2]. */
  path: Path;
  segments: ReadonlySet<string>;
  /** The model's own forms. */
  baseForms: ReadonlyMap<string, Form>;
  /** Forms that effects of the same option add. */
  ownForms: ReadonlyMap<string, Form>;
}

/** A form that an effect adds to the scenarios that include its option, and where it sits in the effect. */
export interface AddedForm {
  form: Form;
  /** Path of the form inside the effect, e.g. ['form']. */
  path: string[];
}

/** What compiling an effect can do: register per-trial parameters and look up indexes. */
export interface CompileContext {
  /** Path of the effect, e.g. `options.controller.effects[1]`; parameter paths are this plus the field. */
  path: string;
  timing: Timing;
  /** Registers the per-trial parameter `${path}.${field}` and returns its index in the trial's draws. */
  param(field: string, d: Dist | undefined, fallback: number): number;
  /** The key of a draw slot `${path}.${name}` in each episode's stream. */
  slot(name: string): number;
  formIndex(id: string): number;
  segmentIndex(id: string): number;
  /** Number of the model's own forms (they come first in the form list). */
  baseForms: number;
}

/**
 * What a trial simulator offers its effects. The arrays belong to one simulator and are refilled for every
 * scenario of every trial; an effect's own per-trial state belongs to the hooks it creates in `apply`.
 */
export interface TrialHost {
  /** Months and days of the horizon. */
  readonly M: number;
  readonly H: number;
  readonly cal: Calendar;
  readonly forms: readonly CompiledForm[];
  /** This trial's draw of every per-trial parameter, by index. */
  readonly params: Float64Array;
  /** The simulator's stream; an effect keys it to an episode (resetChild) before drawing. */
  readonly rng: Stream;
  /** Monthly multipliers, reset to 1 before `fill`: new arrivals per segment, stays and daily prices per form. */
  readonly inflowFactor: Float64Array;
  readonly stayFactor: Float64Array;
  readonly priceFactor: Float64Array;
  /** First day each form takes episodes; H when it is not open in this scenario. */
  readonly openDay: Int32Array;
  /** Whether form f has a free place on day d (and is open). */
  hasRoom(f: number, d: number): boolean;
}

/**
 * The hook points through which an effect acts on a trial. Each is optional; the simulator collects them once
 * per scenario, so the hot loops call only the hooks that a scenario has.
 */
export interface EffectHooks {
  /** Once per scenario and trial, after the factors are reset: monthly factors and the effect's own state. */
  fill?: () => void;
  /** A new entry into care whose mix gave form f in month m: returns the form it goes to. */
  routeEntry?: (seg: number, f: number, m: number, k0: number, k1: number) => number;
  /**
   * An episode (new entry or step-down, not one already under way) about to start in form f on day d: returns
   * the form that takes it instead, or -1. The first effect that takes it wins.
   */
  routeStart?: (f: number, d: number, m: number, k0: number, k1: number, step: number) => number;
  /** After the forms are priced: option costs and revenue, with the price index of each month. */
  price?: (priceIndex: Float64Array) => void;
}

/** What an effect can change besides money (see EffectModule.touches and scenario-reach.ts). */
export interface Touches {
  /** Segments whose every new entry may take another path. */
  segments?: readonly number[];
  /** Forms where an episode may differ: its stay, where it goes as it starts, whether it finds a place. */
  forms?: readonly number[];
  /** Forms whose new entries the effect may send elsewhere as they enter care (routeEntry), and nothing else. */
  entryForms?: readonly number[];
}

/** One effect type, complete: a module without any of these parts is not an effect module. */
export interface EffectModule<S extends EffectSchema, C> {
  readonly schema: S;
  /** Cross-field rules against the model (unknown forms, ranges of distributions); issues name their field. */
  check(e: z.output<S>, c: CheckContext): void;
  /** The form the effect adds, if it adds one; such a form is registered before any parameter of its option. */
  addsForm?(e: z.output<S>): AddedForm | undefined;
  compile(e: z.output<S>, c: CompileContext): C;
  /**
   * What the effect can change besides money: where in the baseline's paths an episode may start to differ. The
   * simulator plays again only the sources whose baseline paths meet one of these (scenario-reach.ts) and keeps
   * the baseline's numbers of every other, so an effect that leaves out what it touches gives wrong numbers:
   * when in doubt, name more (`forms` and `segments` cover everything).
   */
  touches(c: C): Touches;
  /** Binds a compiled effect to one simulator and one scenario's outcome. */
  apply(c: C, host: TrialHost, out: Outcome): EffectHooks;
}

/** Type-checks an effect module; the compiler refuses one that lacks a part. */
export function defineEffect<S extends EffectSchema, C>(m: EffectModule<S, C>): EffectModule<S, C> {
  return m;
}

/** For switches over a closed set: a case left out is a compile error here. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
