/** `lengthOfStay`: scales the stays of episodes that start in the named forms (never those already under way). */
import { z } from 'zod';
import { applyFormsMultiplier, checkFormsMultiplier, compileFormsMultiplier, formsMultiplierFields } from './forms-multiplier.js';
import { defineEffect } from './types.js';

export const LengthOfStayEffect = z.strictObject({ type: z.literal('lengthOfStay'), ...formsMultiplierFields });

export const lengthOfStay = defineEffect({
  schema: LengthOfStayEffect,
  check: checkFormsMultiplier,
  compile: compileFormsMultiplier,
  touches: (e) => ({ forms: e.forms }),
  apply: (e, host) => applyFormsMultiplier(e, host.M, host.params, host.stayFactor),
});
