/**
 * `inflow`: a multiplier on a segment's new entries into care. The trial thins the baseline arrivals by it, and
 * above 1 adds a second Poisson stream (trial.ts), both from the per-segment monthly factor written here.
 */
import { z } from 'zod';
import { Dist } from '../dist.js';
import { checkRange, Id, RANGES, TimingFields } from '../schema-parts.js';
import { rampWeight } from './ramp.js';
import { defineEffect, type Timing } from './types.js';

export const InflowEffect = z.strictObject({ type: z.literal('inflow'), segment: Id, multiplier: Dist, ...TimingFields });

interface CompiledInflow extends Timing {
  segment: number;
  param: number;
}

export const inflow = defineEffect({
  schema: InflowEffect,
  check(e, { ctx, path, segments }) {
    if (!segments.has(e.segment)) ctx.addIssue({ code: 'custom', path: [...path, 'segment'], message: `unknown segment "${e.segment}"` });
    checkRange(ctx, [...path, 'multiplier'], e.multiplier, RANGES.multiplier);
  },
  compile: (e, c): CompiledInflow => ({ ...c.timing, segment: c.segmentIndex(e.segment), param: c.param('multiplier', e.multiplier, 1) }),
  // The inflow factor's thinning and extra arrivals are the trial's own, checked for every entry of every scenario.
  touches: () => ({}),
  apply(e, { M, params: p, inflowFactor }) {
    return {
      fill() {
        const v = p[e.param] - 1;
        for (let m = 0; m < M; m++) inflowFactor[e.segment * M + m] *= 1 + rampWeight(m, e.fromMonth, e.rampMonths) * v;
      },
    };
  },
});
