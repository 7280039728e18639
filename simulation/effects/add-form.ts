/**
 * `addForm`: a unit that an option opens at `fromMonth`. Episodes starting in the `takes.from` forms are
 * eligible with probability `takes.share` and go to the unit when it has a free place (else they stay and count
 * as an overflow of the unit); with `sellFreePlaces`, free place-days bring in revenue.
 */
import { z } from 'zod';
import { Dist } from '../dist.js';
import { checkFormFields, checkRange, Form, Id, RANGES, TimingFields } from '../schema-parts.js';
import { rampWeight } from './ramp.js';
import { defineEffect, type Timing } from './types.js';

export const AddFormEffect = z.strictObject({
  type: z.literal('addForm'),
  form: Form,
  takes: z.strictObject({ from: z.array(Id).min(1), share: Dist }),
  sellFreePlaces: z.strictObject({ pricePerDay: Dist, utilisation: Dist }).optional(),
  ...TimingFields,
});

interface CompiledAddForm extends Timing {
  form: number;
  takesFrom: Uint8Array; // per base form
  share: number;
  slot: number;
  sellPrice: number; // -1 when places are not sold
  sellUtilisation: number;
}

export const addForm = defineEffect({
  schema: AddFormEffect,
  check(e, { ctx, path, baseForms }) {
    checkFormFields(ctx, e.form, [...path, 'form']);
    e.takes.from.forEach((f, i) => {
      if (!baseForms.has(f)) ctx.addIssue({ code: 'custom', path: [...path, 'takes', 'from', i], message: `unknown form "${f}"` });
    });
    checkRange(ctx, [...path, 'takes', 'share'], e.takes.share, RANGES.share);
    if (e.sellFreePlaces) {
      checkRange(ctx, [...path, 'sellFreePlaces', 'pricePerDay'], e.sellFreePlaces.pricePerDay, RANGES.money);
      checkRange(ctx, [...path, 'sellFreePlaces', 'utilisation'], e.sellFreePlaces.utilisation, RANGES.share);
      if (e.form.capacity == null) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'sellFreePlaces'],
          message: 'needs form.capacity: free places are counted against it',
        });
      }
    }
  },
  addsForm: (e) => ({ form: e.form, path: ['form'] }),
  compile(e, c): CompiledAddForm {
    // takes.from names base forms only, which are all indexed by now.
    const takesFrom = new Uint8Array(c.baseForms);
    for (const id of e.takes.from) takesFrom[c.formIndex(id)] = 1;
    return {
      ...c.timing,
      form: c.formIndex(e.form.id),
      takesFrom,
      share: c.param('takes.share', e.takes.share, 0),
      slot: c.slot('takes'),
      sellPrice: e.sellFreePlaces ? c.param('sellFreePlaces.pricePerDay', e.sellFreePlaces.pricePerDay, 0) : -1,
      sellUtilisation: e.sellFreePlaces ? c.param('sellFreePlaces.utilisation', e.sellFreePlaces.utilisation, 0) : -1,
    };
  },
  touches: (e) => ({ forms: [e.form, ...[...e.takesFrom.keys()].filter((f) => e.takesFrom[f] === 1)] }),
  apply(e, host, out) {
    const { M, H, params: p, rng, openDay } = host;
    const { monthStart, daysInMonth } = host.cal;
    // This trial's share in each month, owned by the simulator these hooks are bound to.
    const share = new Float64Array(M);
    const hooks = {
      fill() {
        for (let m = 0; m < M; m++) share[m] = rampWeight(m, e.fromMonth, e.rampMonths) * p[e.share];
        out.openMonth[e.form] = e.fromMonth;
        openDay[e.form] = e.fromMonth >= M ? H : monthStart[e.fromMonth];
      },
      routeStart(f: number, d: number, m: number, k0: number, k1: number, step: number): number {
        if (e.takesFrom[f] !== 1) return -1;
        const s = share[m];
        if (s > 0 && rng.resetChild(k0, k1, (e.slot + step) >>> 0).next() < s) {
          if (host.hasRoom(e.form, d)) return e.form;
          out.overflows[e.form * M + m]++;
        }
        return -1;
      },
    };
    if (e.sellPrice < 0) return hooks;
    const cap = host.forms[e.form].capacity;
    return {
      ...hooks,
      price(idx: Float64Array) {
        const price = p[e.sellPrice] * p[e.sellUtilisation];
        for (let m = e.fromMonth; m < M; m++) {
          const free = cap * daysInMonth[m] - out.careDays[e.form * M + m];
          if (free > 0) out.revenue[m] += free * price * idx[m];
        }
      },
    };
  },
});
