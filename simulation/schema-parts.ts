/**
 * The building blocks of the model contract that both the model schema (schema.ts) and the effect modules
 * (effects/) need: ids, forms, timing fields, plain messages and the range checks. A module of its own so that
 * the effect modules can use them without importing schema.ts, which is built from them.
 */
import { z } from 'zod';
import { Dist, practicalRange } from './dist.js';

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  array: 'a list',
  object: 'an object',
  boolean: 'true or false',
};

function boundMessage(origin: string, side: 'min' | 'max', bound: number | bigint, inclusive: boolean): string | undefined {
  const n = Number(bound);
  if (origin === 'string') {
    if (side === 'min') return n === 1 ? 'must not be empty' : `must be at least ${n} characters`;
    return `must be at most ${n} characters`;
  }
  if (origin === 'array' || origin === 'set') return side === 'min' ? `must have at least ${n} items` : `must have at most ${n} items`;
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    if (side === 'min') return inclusive ? `must be at least ${n}` : `must be greater than ${n}`;
    return inclusive ? `must be at most ${n}` : `must be less than ${n}`;
  }
  return undefined;
}

/** `unknown field "colour"`, `unknown fields "a", "b"`: keys a strict object does not take. */
export function unknownKeys(what: string, keys: readonly string[]): string {
  return `unknown ${what}${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`;
}

/** Plain messages for zod's generic issues; the schemas' own messages take precedence. */
export function issueMessage(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? 'is required' : `must be ${TYPE_NAMES[iss.expected] ?? iss.expected}`;
    case 'unrecognized_keys':
      return unknownKeys('field', iss.keys);
    case 'invalid_union':
      return 'matches none of the allowed forms';
    case 'invalid_value':
      return `must be ${iss.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    // Bounds a schema gives without a message of its own: zod's words ("Too big: expected int to be <=239").
    case 'too_small':
      return boundMessage(iss.origin, 'min', iss.minimum, iss.inclusive !== false);
    case 'too_big':
      return boundMessage(iss.origin, 'max', iss.maximum, iss.inclusive !== false);
    case 'invalid_key':
      // A record's key refused by its own schema: that schema's message ("budget years must be YYYY").
      return iss.issues.find((i) => i.message)?.message ?? 'is not an allowed name here';
    default:
      return undefined;
  }
}

// Every parse in the project, the engine's and the API's, speaks with the same plain messages.
z.config({ customError: issueMessage });

export const Id = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'may contain only letters a-z, digits, "_", "-" and "."');
export const Label = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const StepDown = z.strictObject({
  form: Id,
  probability: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
});

export const Form = z.strictObject({
  id: Id,
  label: Label,
  segment: Id,
  provider: z.enum(['external', 'internal']),
  dailyCost: Dist,
  lengthOfStayDays: Dist,
  capacity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000).nullable().optional(),
  overflowTo: Id.nullable().optional(),
  fixedCostPerYear: Dist.optional(),
  next: z.array(StepDown).optional(),
  maxAgeYears: z.number().min(1).max(120).optional(),
});
export type Form = z.infer<typeof Form>;

/** `fromMonth` and `rampMonths`, which every effect has. */
export const TimingFields = {
  fromMonth: z.number().int('must be a whole number').min(0).max(239).optional(),
  rampMonths: z.number().int('must be a whole number').min(0).max(240).optional(),
};

/** What a value of a field can sensibly be; checked against the distribution's practical range. */
export interface FieldRange {
  min: number;
  max: number;
  what: string;
}
export const RANGES = {
  money: { min: 0, max: 1e9, what: 'an amount in SEK between 0 and 1,000,000,000' },
  // Stays longer than the horizon are cut at its end, so only the sign matters.
  stay: { min: 0, max: Infinity, what: 'a number of days, not negative' },
  rate: { min: 0, max: 20_000, what: 'a number of episodes per year between 0 and 20,000' },
  share: { min: 0, max: 1, what: 'a share between 0 and 1' },
  multiplier: { min: 0, max: 10, what: 'a multiplier between 0 and 10' },
  growth: { min: -0.5, max: 1, what: 'a yearly change between -0.5 and 1' },
  age: { min: 0, max: 120, what: 'an age in years between 0 and 120' },
} satisfies Record<string, FieldRange>;

export type Path = (string | number)[];
export type Ctx = z.RefinementCtx;

export function checkRange(ctx: Ctx, path: Path, d: Dist | undefined, range: FieldRange): void {
  if (d === undefined) return;
  const [lo, hi] = practicalRange(d);
  const low = !(lo >= range.min - 1e-12);
  if (!low && hi <= range.max + 1e-12) return;
  const field = boundField(d, low);
  // A value typed out of range is corrected in its box; a tail out of range, by another distribution or bounds.
  const hint =
    typeof d === 'number' || field.length > 0
      ? ''
      : d.type === 'normal'
        ? ' (give it min and max bounds)'
        : ' (pick a distribution whose values stay in that range, e.g. pert or uniform)';
  ctx.addIssue({ code: 'custom', path: [...path, ...field], message: `must be ${range.what}${hint}` });
}

/**
 * The field of `d` that puts it out of range, where one does: a bound typed as `min` or `max`, or a fixed value's
 * `value`, so that the message stands by that box; else none (the distribution as a whole).
 */
function boundField(d: Dist, low: boolean): string[] {
  if (typeof d === 'number') return [];
  if (d.type === 'fixed') return ['value'];
  if (d.type === 'uniform' || d.type === 'triangular' || d.type === 'pert') return [low ? 'min' : 'max'];
  if (d.type === 'normal' && (low ? d.min : d.max) !== undefined) return [low ? 'min' : 'max'];
  return [];
}

export function duplicates(ids: string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return dup;
}

export function checkFormFields(ctx: Ctx, form: Form, path: Path): void {
  checkRange(ctx, [...path, 'dailyCost'], form.dailyCost, RANGES.money);
  checkRange(ctx, [...path, 'lengthOfStayDays'], form.lengthOfStayDays, RANGES.stay);
  checkRange(ctx, [...path, 'fixedCostPerYear'], form.fixedCostPerYear, RANGES.money);
  if (form.capacity != null && form.overflowTo == null) {
    ctx.addIssue({ code: 'custom', path: [...path, 'overflowTo'], message: 'is required when capacity is set' });
  }
  if (form.overflowTo != null && form.overflowTo === form.id) {
    ctx.addIssue({ code: 'custom', path: [...path, 'overflowTo'], message: 'must name another form' });
  }
  const next = form.next ?? [];
  const sum = next.reduce((a, n) => a + n.probability, 0);
  if (sum > 1 + 1e-9) {
    ctx.addIssue({ code: 'custom', path: [...path, 'next'], message: `probabilities must sum to at most 1 (they sum to ${round(sum)})` });
  }
  duplicates(next.map((n) => n.form)).forEach((f) =>
    ctx.addIssue({ code: 'custom', path: [...path, 'next'], message: `names form "${f}" more than once` }),
  );
}

export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
