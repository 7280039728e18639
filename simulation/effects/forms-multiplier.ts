/** What `lengthOfStay` and `dailyCost` share: a ramped multiplier on a monthly factor of the named forms. */
import { z } from 'zod';
import { Dist } from '../dist.js';
import { checkRange, Id, RANGES, TimingFields } from '../schema-parts.js';
import { rampWeight } from './ramp.js';
import type { CheckContext, CompileContext, EffectHooks, Timing } from './types.js';

export const formsMultiplierFields = { forms: z.array(Id).min(1), multiplier: Dist, ...TimingFields };

interface FormsMultiplier {
  forms: string[];
  multiplier: Dist;
}

export interface CompiledFormsMultiplier extends Timing {
  forms: number[];
  param: number;
}

export function checkFormsMultiplier(e: FormsMultiplier, { ctx, path, baseForms, ownForms }: CheckContext): void {
  e.forms.forEach((f, i) => {
    if (!baseForms.has(f) && !ownForms.has(f))
      ctx.addIssue({ code: 'custom', path: [...path, 'forms', i], message: `unknown form "${f}"` });
  });
  checkRange(ctx, [...path, 'multiplier'], e.multiplier, RANGES.multiplier);
}

export function compileFormsMultiplier(e: FormsMultiplier, c: CompileContext): CompiledFormsMultiplier {
  return { ...c.timing, forms: e.forms.map((f) => c.formIndex(f)), param: c.param('multiplier', e.multiplier, 1) };
}

/** Multiplies `target` (form-major, M months per form) by the effect's ramped multiplier. */
export function applyFormsMultiplier(e: CompiledFormsMultiplier, M: number, p: Float64Array, target: Float64Array): EffectHooks {
  return {
    fill() {
      const v = p[e.param] - 1;
      for (let m = 0; m < M; m++) {
        const f = 1 + rampWeight(m, e.fromMonth, e.rampMonths) * v;
        for (const form of e.forms) target[form * M + m] *= f;
      }
    },
  };
}
