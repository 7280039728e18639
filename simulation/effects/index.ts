/**
 * The registry of effect types: the one list that the schema's `Effect` union, the validation, the compiler
 * and the trial simulator all take their effect types from. Adding an effect type is one module in this folder
 * and one line in EFFECT_MODULES.
 */
import { z } from 'zod';
import type { Outcome } from '../outcome.js';
import { addForm } from './add-form.js';
import { cost } from './cost.js';
import { dailyCost } from './daily-cost.js';
import { inflow } from './inflow.js';
import { lengthOfStay } from './length-of-stay.js';
import { mixShift } from './mix-shift.js';
import type { AddedForm, CheckContext, CompileContext, EffectHooks, EffectModule, EffectSchema, Touches, TrialHost } from './types.js';

/** A module of any effect type; its methods see an effect only as an object with a `type`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module's compiled form is its own business
export type AnyEffectModule = EffectModule<EffectSchema, any>;

export const EFFECT_MODULES = [cost, inflow, lengthOfStay, dailyCost, mixShift, addForm] as const satisfies readonly AnyEffectModule[];

type SchemaOf<M> = M extends { schema: infer S } ? S : never;
// A homomorphic mapped type keeps a tuple a tuple only through a type parameter.
type SchemasOf<T extends readonly unknown[]> = { readonly [K in keyof T]: SchemaOf<T[K]> };
type Schemas = SchemasOf<typeof EFFECT_MODULES>;

/** The effect types in registry order. */
export const EFFECT_TYPES = EFFECT_MODULES.map((m) => m.schema.shape.type.value);
export type EffectType = (typeof EFFECT_TYPES)[number];

// Its own message for an unknown or missing type: the project's plain message for a union speaks of distributions.
const unknownType = `must be one of ${EFFECT_TYPES.map((type) => `"${type}"`).join(', ')}`;
export const Effect = z.discriminatedUnion('type', EFFECT_MODULES.map((m) => m.schema) as unknown as Schemas, {
  error: (iss) => (iss.code === 'invalid_union' ? unknownType : undefined),
});
export type Effect = z.infer<typeof Effect>;

const BY_TYPE = new Map<string, AnyEffectModule>();
for (const m of EFFECT_MODULES) {
  const type = m.schema.shape.type.value;
  if (BY_TYPE.has(type)) throw new Error(`effect type "${type}" is registered twice`);
  BY_TYPE.set(type, m);
}

function moduleOf(e: Effect): AnyEffectModule {
  const m = BY_TYPE.get(e.type);
  if (!m) throw new Error(`effect type "${e.type}" has no module`);
  return m;
}

/** An effect compiled for a run, ready to be bound to a trial simulator. */
export interface CompiledEffect {
  type: EffectType;
  touches: Touches;
  bind(host: TrialHost, out: Outcome): EffectHooks;
}

export function checkEffect(e: Effect, c: CheckContext): void {
  moduleOf(e).check(e, c);
}

/** The form an effect adds to the scenarios that include its option, if any. */
export function addedForm(e: Effect): AddedForm | undefined {
  return moduleOf(e).addsForm?.(e);
}

export function compileEffect(e: Effect, c: CompileContext): CompiledEffect {
  const m = moduleOf(e);
  const compiled: unknown = m.compile(e, c);
  return { type: e.type, touches: m.touches(compiled), bind: (host, out) => m.apply(compiled, host, out) };
}

export { assertNever, defineEffect } from './types.js';
export type {
  AddedForm,
  CheckContext,
  CompileContext,
  EffectHooks,
  EffectModule,
  EffectSchema,
  Timing,
  Touches,
  TrialHost,
} from './types.js';
export { rampWeight } from './ramp.js';
