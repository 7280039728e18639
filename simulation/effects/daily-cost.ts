/** `dailyCost`: scales the price per care day of the named forms. */
import { z } from 'zod';
import { applyFormsMultiplier, checkFormsMultiplier, compileFormsMultiplier, formsMultiplierFields } from './forms-multiplier.js';
import { defineEffect } from './types.js';

export const DailyCostEffect = z.strictObject({ type: z.literal('dailyCost'), ...formsMultiplierFields });

export const dailyCost = defineEffect({
  schema: DailyCostEffect,
  check: checkFormsMultiplier,
  compile: compileFormsMultiplier,
  // Prices only: every episode plays as in the baseline.
  touches: () => ({}),
  apply: (e, host) => applyFormsMultiplier(e, host.M, host.params, host.priceFactor),
});
