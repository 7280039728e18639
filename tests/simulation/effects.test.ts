/**
 * The registry contract of effect types (simulation/effects/): a module is complete or the compiler refuses it,
 * the Effect union is exactly the registered modules, and every registered type is reachable through the model
 * schema, compiles with its parameters under their paths, and changes what a trial produces.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  assertNever,
  type AnyEffectModule,
  defineEffect,
  Effect,
  EFFECT_MODULES,
  EFFECT_TYPES,
  type EffectModule,
  type EffectType,
} from '../../simulation/effects/index.js';
import { prepareRun } from '../../simulation/index.js';
import { Option, parseModel, ValidationError } from '../../simulation/schema.js';
import { TimingFields } from '../../simulation/schema-parts.js';
import { eachTrial, form, tinyModel } from '../fixtures/tiny.js';

// ---------------------------------------------------------------------------------------------------------------
// Type-level contract: checked by tsc, which runs over the tests. Each @ts-expect-error fails the type check if
// the line below it ever compiles.

const NoopEffect = z.strictObject({ type: z.literal('noop'), ...TimingFields });

// @ts-expect-error a module without its apply part is not an effect module
const _noApply: EffectModule<typeof NoopEffect, null> = { schema: NoopEffect, check() {}, compile: () => null };

// @ts-expect-error nor is one without its compile part
defineEffect({ schema: NoopEffect, check() {}, touches: () => ({}), apply: () => ({}) });

// @ts-expect-error nor one without its cross-field check
defineEffect({ schema: NoopEffect, compile: () => null, touches: () => ({}), apply: () => ({}) });

// @ts-expect-error nor one that does not say what it touches (the simulator replays the rest as the baseline)
defineEffect({ schema: NoopEffect, check() {}, compile: () => null, apply: () => ({}) });

defineEffect({
  // @ts-expect-error an effect schema has the timing fields that every effect has
  schema: z.strictObject({ type: z.literal('noop') }),
  check() {},
  compile: () => null,
  touches: () => ({}),
  apply: () => ({}),
});

// apply receives what compile returned, typed.
defineEffect({
  schema: NoopEffect,
  check() {},
  // @ts-expect-error compile returns a number, so apply cannot read a field of an object
  compile: () => 1,
  touches: () => ({}),
  apply: (c: { param: number }) => ({ fill: () => void c.param }),
});

// The registry's element type refuses it too, so a module cannot enter the list without defineEffect's check.
// @ts-expect-error a registry entry without apply
const _registry = [{ schema: NoopEffect, check() {}, compile: () => null }] satisfies readonly AnyEffectModule[];

const _complete = defineEffect({ schema: NoopEffect, check() {}, compile: () => null, touches: () => ({}), apply: () => ({}) });

/** A sample of every registered type: adding a module to the registry makes this a compile error until it has one. */
const SAMPLES: { [K in EffectType]: Extract<Effect, { type: K }> } = {
  cost: { type: 'cost', perYear: 120_000, oneOff: 10_000 },
  inflow: { type: 'inflow', segment: 'bou', multiplier: 0.5 },
  lengthOfStay: { type: 'lengthOfStay', forms: ['hvb'], multiplier: 0.5 },
  dailyCost: { type: 'dailyCost', forms: ['hvb'], multiplier: 0.5 },
  mixShift: { type: 'mixShift', segment: 'bou', from: 'hvb', to: 'fam', share: 0.5 },
  addForm: {
    type: 'addForm',
    form: form('egen', { provider: 'internal', dailyCost: 200, capacity: 3, overflowTo: 'hvb', fixedCostPerYear: 600_000 }),
    takes: { from: ['hvb'], share: 0.5 },
    sellFreePlaces: { pricePerDay: 4000, utilisation: 0.5 },
  },
};

/** Where each sample's per-trial parameters are registered (the paths the sensitivity output names). */
const PARAM_FIELDS: Record<EffectType, string[]> = {
  cost: ['perYear', 'oneOff'],
  inflow: ['multiplier'],
  lengthOfStay: ['multiplier'],
  dailyCost: ['multiplier'],
  mixShift: ['share'],
  addForm: ['form.dailyCost', 'form.fixedCostPerYear', 'takes.share', 'sellFreePlaces.pricePerDay', 'sellFreePlaces.utilisation'],
};

/** A switch over effect types that leaves one out does not compile. */
function _describe(e: Effect): string {
  switch (e.type) {
    case 'cost':
    case 'inflow':
    case 'lengthOfStay':
    case 'dailyCost':
    case 'mixShift':
      return e.type;
    default:
      // @ts-expect-error addForm is not handled, so e is not never here
      return assertNever(e, 'effect type');
  }
}

// ---------------------------------------------------------------------------------------------------------------

const options = EFFECT_TYPES.map((type) => ({ id: `o_${type}`, label: type, effects: [SAMPLES[type]] }));
const model = () =>
  tinyModel({
    forms: [form('hvb', { lengthOfStayDays: { type: 'exponential', mean: 150 } }), form('fam', { dailyCost: 300 })],
    rate: 40,
    mix: { hvb: 0.7, fam: 0.3 },
    horizonMonths: 36,
    options,
  });

describe('the effect registry', () => {
  it('registers each effect type once, and the Effect union is exactly the registered modules', () => {
    expect(new Set(EFFECT_TYPES).size).toBe(EFFECT_MODULES.length);
    expect(Effect.options.map((o) => o.shape.type.value)).toEqual(EFFECT_TYPES);
    expect([...EFFECT_TYPES].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(EFFECT_TYPES)('%s is reachable through the option and model schemas', (type) => {
    expect(Option.parse({ id: 'o', label: 'o', effects: [SAMPLES[type]] }).effects[0].type).toBe(type);
    expect(() => parseModel(model())).not.toThrow();
  });

  it('an unknown effect type is refused, naming the field', () => {
    const bad = { ...model(), options: [{ id: 'o', label: 'o', effects: [{ type: 'noop' }] }] };
    expect(() => parseModel(bad)).toThrow(ValidationError);
    try {
      parseModel(bad);
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.path)).toContain('options[0].effects[0].type');
    }
  });

  it.each(EFFECT_TYPES)("%s runs its module's cross-field check", (type) => {
    // Every sample names the form "hvb" or the segment "bou"; a model without them must be refused there.
    const renamed = JSON.parse(JSON.stringify(model()).replaceAll('"hvb"', '"hvb2"').replaceAll('"bou"', '"bou2"'));
    renamed.options = [{ id: 'o', label: 'o', effects: [SAMPLES[type]] }];
    const issues = (() => {
      try {
        parseModel(renamed);
        return [];
      } catch (e) {
        return (e as ValidationError).issues;
      }
    })();
    expect(issues.some((i) => i.path.startsWith('options[0].effects[0]') && /unknown (form|segment)/.test(i.message))).toBe(
      type !== 'cost',
    );
  });

  it.each(EFFECT_TYPES)('%s compiles, registering its parameters under their paths', (type) => {
    const run = prepareRun({ model: model(), trials: 10 });
    const sc = run.compiled.scenarios.find((s) => s.id === `o_${type}`)!;
    expect(sc.effects.map((e) => e.type)).toEqual([type]);
    const paths = sc.params.map((i) => run.compiled.params[i].path);
    for (const field of PARAM_FIELDS[type]) expect(paths).toContain(`options.o_${type}.effects[0].${field}`);
    // The baseline depends on none of an option's parameters.
    expect(run.compiled.scenarios[0].params.every((i) => !run.compiled.params[i].path.startsWith('options.'))).toBe(true);
  });

  it.each(EFFECT_TYPES)('%s changes what a trial produces (no effect type silently does nothing)', (type) => {
    const s = 1 + EFFECT_TYPES.indexOf(type);
    let differs = 0;
    eachTrial(model(), 5, (outcomes) => {
      const [b, o] = [outcomes[0], outcomes[s]];
      const net = (x: typeof b) => x.cost.reduce((a, c) => a + c, 0);
      if (net(o) !== net(b)) differs++;
    });
    expect(differs).toBe(5);
  });
});
