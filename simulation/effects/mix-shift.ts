/**
 * `mixShift`: moves a share of a segment's new entries that the mix sends to `from` over to `to`. Each entry
 * decides by its own draw slot, so the entries that move in one scenario are a subset of those of a larger share.
 */
import { z } from 'zod';
import { Dist } from '../dist.js';
import { checkRange, Id, RANGES, TimingFields } from '../schema-parts.js';
import { rampWeight } from './ramp.js';
import { defineEffect, type Timing } from './types.js';

export const MixShiftEffect = z.strictObject({
  type: z.literal('mixShift'),
  segment: Id,
  from: Id,
  to: Id,
  share: Dist,
  ...TimingFields,
});

interface CompiledMixShift extends Timing {
  segment: number;
  from: number;
  to: number;
  share: number;
  slot: number;
}

export const mixShift = defineEffect({
  schema: MixShiftEffect,
  check(e, { ctx, path, segments, baseForms }) {
    if (!segments.has(e.segment)) ctx.addIssue({ code: 'custom', path: [...path, 'segment'], message: `unknown segment "${e.segment}"` });
    for (const key of ['from', 'to'] as const) {
      const f = baseForms.get(e[key]);
      if (!f) ctx.addIssue({ code: 'custom', path: [...path, key], message: `unknown form "${e[key]}"` });
      else if (f.segment !== e.segment) {
        ctx.addIssue({ code: 'custom', path: [...path, key], message: `form "${e[key]}" is not in segment "${e.segment}"` });
      }
    }
    if (e.from === e.to) ctx.addIssue({ code: 'custom', path: [...path, 'to'], message: 'must differ from "from"' });
    checkRange(ctx, [...path, 'share'], e.share, RANGES.share);
  },
  compile: (e, c): CompiledMixShift => ({
    ...c.timing,
    segment: c.segmentIndex(e.segment),
    from: c.formIndex(e.from),
    to: c.formIndex(e.to),
    share: c.param('share', e.share, 0),
    slot: c.slot('shift'),
  }),
  touches: (e) => ({ entryForms: [e.from] }),
  apply(e, { M, params: p, rng }) {
    // This trial's share in each month, owned by the simulator these hooks are bound to.
    const share = new Float64Array(M);
    return {
      fill() {
        for (let m = 0; m < M; m++) share[m] = rampWeight(m, e.fromMonth, e.rampMonths) * p[e.share];
      },
      routeEntry(seg, f, m, k0, k1) {
        if (seg !== e.segment || f !== e.from) return f;
        const s = share[m];
        return s > 0 && rng.resetChild(k0, k1, e.slot).next() < s ? e.to : f;
      },
    };
  },
});
