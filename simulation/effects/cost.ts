/** `cost`: what an option costs, a yearly amount paid monthly (ramped) plus a one-off in its first month. */
import { z } from 'zod';
import { Dist } from '../dist.js';
import { checkRange, RANGES, TimingFields } from '../schema-parts.js';
import { rampWeight } from './ramp.js';
import { defineEffect, type Timing } from './types.js';

export const CostEffect = z.strictObject({
  type: z.literal('cost'),
  perYear: Dist.optional(),
  oneOff: Dist.optional(),
  ...TimingFields,
});

interface CompiledCost extends Timing {
  perYear: number;
  oneOff: number;
}

export const cost = defineEffect({
  schema: CostEffect,
  check(e, { ctx, path }) {
    checkRange(ctx, [...path, 'perYear'], e.perYear, RANGES.money);
    checkRange(ctx, [...path, 'oneOff'], e.oneOff, RANGES.money);
  },
  compile: (e, c): CompiledCost => ({ ...c.timing, perYear: c.param('perYear', e.perYear, 0), oneOff: c.param('oneOff', e.oneOff, 0) }),
  touches: () => ({}),
  apply(e, { M, params: p }, out) {
    return {
      price(idx) {
        const perMonth = p[e.perYear] / 12;
        for (let m = 0; m < M; m++) {
          let c = perMonth * rampWeight(m, e.fromMonth, e.rampMonths);
          if (m === e.fromMonth) c += p[e.oneOff];
          out.optionCost[m] += c * idx[m];
        }
      },
    };
  },
});
