/**
 * The model contract (model-spec sections 2 and 3) as zod schemas, with the cross-field rules that a single
 * field cannot express. Every issue carries its field path, e.g. `forms[2].lengthOfStayDays.p90`. Effects
 * (section 3) are defined one module per type in effects/; this file only combines them.
 */
import { z } from 'zod';
import { MAX_ARRIVALS } from './arrivals.js';
import { Dist, practicalRange } from './dist.js';
import { addedForm, checkEffect, Effect } from './effects/index.js';
import { checkFormFields, checkRange, duplicates, Form, Id, Label, RANGES, round, type Ctx, type Path } from './schema-parts.js';
import { reservedKeyPaths } from './reserved-keys.js';

export { issueMessage, Form, StepDown } from './schema-parts.js';
export { Effect } from './effects/index.js';
export { AddFormEffect } from './effects/add-form.js';
export { CostEffect } from './effects/cost.js';
export { DailyCostEffect } from './effects/daily-cost.js';
export { InflowEffect } from './effects/inflow.js';
export { LengthOfStayEffect } from './effects/length-of-stay.js';
export { MixShiftEffect } from './effects/mix-shift.js';

const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((s) => isRealDate(s), 'is not a date in the calendar');

export function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export const Inflow = z.strictObject({
  segment: Id,
  episodesPerYear: Dist,
  trendPerYear: Dist.optional(),
  seasonality: z.array(z.number().min(0, 'must not be negative')).length(12, 'must have 12 monthly factors').nullable().optional(),
  mix: z.record(Id, z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1')),
  ageAtEntry: Dist.optional(),
});
export type Inflow = z.infer<typeof Inflow>;

export const InitialCaseloadEntry = z.strictObject({
  form: Id,
  count: z.number().int('must be a whole number').min(0).max(100_000).optional(),
  elapsedDays: z.number().min(0, 'must not be negative').max(36_500).optional(),
  startDates: z.array(IsoDate).max(100_000).optional(),
  ageYears: Dist.optional(),
});
export type InitialCaseloadEntry = z.infer<typeof InitialCaseloadEntry>;

export const OPTION_KINDS = [
  'placementController',
  'inHouseHvb',
  'inHouseSupportedHousing',
  'interMunicipalAgreement',
  'expandedOutpatientCare',
  'fosterHomeRecruitment',
  'custom',
] as const;

export const Option = z.strictObject({
  id: Id,
  label: Label,
  kind: z.enum(OPTION_KINDS).optional(),
  description: z.string().max(2000).optional(),
  effects: z.array(Effect).max(50),
});
export type Option = z.infer<typeof Option>;

const ModelShape = z.strictObject({
  version: z.literal(1),
  name: Label,
  description: z.string().max(2000).optional(),
  // Years of four digits, and a calendar that the date arithmetic covers: a start in 9999 had periods "10000".
  start: YearMonth.refine((s) => s >= '1900-01' && s <= '2200-12', 'must be a month between 1900-01 and 2200-12'),
  horizonMonths: z.number().int('must be a whole number').min(1, 'must be between 1 and 240').max(240, 'must be between 1 and 240'),
  annualPriceIncrease: Dist.optional(),
  budget: z.record(z.string().regex(/^\d{4}$/, 'budget years must be YYYY'), z.number().min(0, 'must not be negative')).optional(),
  // The year of start is the only key allowed; checkModel says so with the key's own path.
  outcomeToDate: z.record(z.string(), z.number().min(0, 'must not be negative')).optional(),
  segments: z
    .array(z.strictObject({ id: Id, label: Label }))
    .min(1)
    .max(20),
  forms: z.array(Form).min(1).max(100),
  inflow: z.array(Inflow).max(20),
  initialCaseload: z.array(InitialCaseloadEntry).max(1000).optional(),
  options: z.array(Option).max(50).optional(),
});
export type Model = z.infer<typeof ModelShape>;

export const Scenario = z.strictObject({
  id: Id,
  label: Label,
  options: z
    .array(
      z.union([Id, Option], {
        error: (iss) =>
          iss.code === 'invalid_union' ? 'must be the id of a model option or an option object { "id", "label", "effects" }' : undefined,
      }),
    )
    .max(50),
});
export type Scenario = z.infer<typeof Scenario>;
/** Scenarios besides the baseline; an empty list runs the baseline alone. */
export const ScenarioList = z.array(Scenario).max(21);

/** Forms reachable by name in a model: its own plus those that options add (keyed to their path). */
function checkFormReferences(ctx: Ctx, form: Form, path: Path, known: Map<string, Form>, segments: Set<string>): void {
  if (!segments.has(form.segment)) {
    ctx.addIssue({ code: 'custom', path: [...path, 'segment'], message: `unknown segment "${form.segment}"` });
  }
  if (form.overflowTo != null && form.overflowTo !== form.id && !known.has(form.overflowTo)) {
    ctx.addIssue({ code: 'custom', path: [...path, 'overflowTo'], message: `unknown form "${form.overflowTo}"` });
  }
  (form.next ?? []).forEach((n, i) => {
    if (!known.has(n.form)) {
      ctx.addIssue({ code: 'custom', path: [...path, 'next', i, 'form'], message: `unknown form "${n.form}"` });
    }
  });
}

/** Follows overflowTo from every form with a capacity; a chain that comes back to a full form would never end. */
function checkOverflowLoops(ctx: Ctx, forms: Map<string, Form>, paths: Map<string, Path>): void {
  for (const [id, form] of forms) {
    if (form.capacity == null) continue;
    const seen = new Set<string>([id]);
    let cur = form;
    while (cur.capacity != null && cur.overflowTo != null) {
      const nxt = forms.get(cur.overflowTo);
      if (!nxt) break;
      if (seen.has(nxt.id)) {
        ctx.addIssue({
          code: 'custom',
          path: [...(paths.get(id) ?? []), 'overflowTo'],
          message: `overflow chain loops: ${[...seen, nxt.id].join(' -> ')}`,
        });
        break;
      }
      seen.add(nxt.id);
      cur = nxt;
    }
  }
}

/** Rules that an option must satisfy against the model it is used with (also for inline scenario options). */
export function checkOption(ctx: Ctx, option: Option, path: Path, model: Model): void {
  const baseForms = new Map(model.forms.map((f) => [f.id, f]));
  const ownForms = new Map<string, Form>();
  const ownPaths = new Map<string, Path>();
  option.effects.forEach((e, i) => {
    const added = addedForm(e);
    if (!added) return;
    const formPath = [...path, 'effects', i, ...added.path];
    if (baseForms.has(added.form.id) || ownForms.has(added.form.id)) {
      ctx.addIssue({ code: 'custom', path: [...formPath, 'id'], message: `form id "${added.form.id}" is already used` });
    }
    ownForms.set(added.form.id, added.form);
    ownPaths.set(added.form.id, formPath);
  });
  const known = new Map([...baseForms, ...ownForms]);
  const segments = new Set(model.segments.map((s) => s.id));
  option.effects.forEach((e, i) => {
    const p = [...path, 'effects', i];
    const added = addedForm(e);
    if (added) checkFormReferences(ctx, added.form, [...p, ...added.path], known, segments);
    checkEffect(e, { ctx, path: p, segments, baseForms, ownForms });
  });
  if (ownForms.size > 0) checkOverflowLoops(ctx, new Map([...ownForms]), ownPaths);
}

/**
 * The arrivals of one trial must fit the engine's sort key (arrivals.ts, MAX_ARRIVALS). The bound takes every
 * segment at the practical maximum of its rate and trend, with its seasonality, plus eight standard deviations
 * of the Poisson count: a trial past it would need a draw beyond both.
 */
export function arrivalBound(model: Pick<Model, 'start' | 'horizonMonths' | 'inflow'>): { total: number; bySegment: number[] } {
  const firstMonth = Number(model.start.slice(5, 7)) - 1;
  const bySegment = model.inflow.map((inf) => {
    const rateHi = practicalRange(inf.episodesPerYear)[1];
    const trendHi = inf.trendPerYear === undefined ? 0 : practicalRange(inf.trendPerYear)[1];
    let mean = 0;
    for (let m = 0; m < model.horizonMonths; m++) {
      const season = inf.seasonality ? inf.seasonality[(firstMonth + m) % 12] : 1;
      mean += (rateHi / 12) * Math.pow(1 + Math.max(-1, trendHi), m / 12) * season;
    }
    return mean;
  });
  const mean = bySegment.reduce((a, b) => a + b, 0);
  return { total: mean + 8 * Math.sqrt(mean) + 8, bySegment };
}

function checkArrivalLimit(ctx: Ctx, model: Model): void {
  // A horizon out of its range has an issue of its own, and must not make this loop run for ever.
  const h = model.horizonMonths;
  if (model.inflow.length === 0 || !(Number.isInteger(h) && h >= 1 && h <= 240)) return;
  const { total, bySegment } = arrivalBound(model);
  // A bound that is not a number comes from a field that has its own issue already.
  if (!(total > MAX_ARRIVALS)) return;
  const largest = bySegment.indexOf(Math.max(...bySegment));
  const all = model.inflow.length > 1 ? ' (all segments together)' : '';
  ctx.addIssue({
    code: 'custom',
    path: ['inflow', largest, 'episodesPerYear'],
    message:
      `can bring up to ${Math.round(total).toLocaleString('en-US')} new episodes in one trial${all}, more than the ` +
      `${MAX_ARRIVALS.toLocaleString('en-US')} the engine can simulate: lower the rates or shorten horizonMonths`,
  });
}

/**
 * What the start year has cost before `start` (a year-end forecast) can only belong to that year: a later
 * year has not begun, and an earlier one is not simulated.
 */
function checkOutcomeToDate(ctx: Ctx, model: Model): void {
  const year = model.start.slice(0, 4);
  for (const key of Object.keys(model.outcomeToDate ?? {})) {
    if (key !== year) {
      ctx.addIssue({
        code: 'custom',
        path: ['outcomeToDate', key],
        message: `must be the year of start (${year}): the outcome to date is what that year cost before start`,
      });
    }
  }
}

function checkModel(model: Model, ctx: Ctx): void {
  const segments = new Set(model.segments.map((s) => s.id));
  duplicates(model.segments.map((s) => s.id)).forEach((id) =>
    ctx.addIssue({ code: 'custom', path: ['segments'], message: `segment id "${id}" is used more than once` }),
  );
  duplicates(model.forms.map((f) => f.id)).forEach((id) =>
    ctx.addIssue({ code: 'custom', path: ['forms'], message: `form id "${id}" is used more than once` }),
  );
  const forms = new Map(model.forms.map((f) => [f.id, f]));
  const formPaths = new Map<string, Path>(model.forms.map((f, i) => [f.id, ['forms', i]]));

  checkRange(ctx, ['annualPriceIncrease'], model.annualPriceIncrease, RANGES.growth);
  checkOutcomeToDate(ctx, model);
  model.forms.forEach((f, i) => {
    checkFormFields(ctx, f, ['forms', i]);
    checkFormReferences(ctx, f, ['forms', i], forms, segments);
  });
  checkOverflowLoops(ctx, forms, formPaths);

  duplicates(model.inflow.map((f) => f.segment)).forEach((id) =>
    ctx.addIssue({ code: 'custom', path: ['inflow'], message: `segment "${id}" has more than one inflow` }),
  );
  const years = model.horizonMonths / 12;
  model.inflow.forEach((inf, i) => {
    const p: Path = ['inflow', i];
    if (!segments.has(inf.segment)) {
      ctx.addIssue({ code: 'custom', path: [...p, 'segment'], message: `unknown segment "${inf.segment}"` });
    }
    checkRange(ctx, [...p, 'episodesPerYear'], inf.episodesPerYear, RANGES.rate);
    checkRange(ctx, [...p, 'trendPerYear'], inf.trendPerYear, RANGES.growth);
    checkRange(ctx, [...p, 'ageAtEntry'], inf.ageAtEntry, RANGES.age);
    if (inf.trendPerYear !== undefined) {
      const rateHi = practicalRange(inf.episodesPerYear)[1];
      const trendHi = practicalRange(inf.trendPerYear)[1];
      if (rateHi * Math.pow(1 + Math.max(0, trendHi), years) > RANGES.rate.max) {
        ctx.addIssue({
          code: 'custom',
          path: [...p, 'trendPerYear'],
          message: 'grows the inflow beyond 20,000 episodes a year within the horizon',
        });
      }
    }
    if (inf.seasonality) {
      const mean = inf.seasonality.reduce((a, b) => a + b, 0) / 12;
      if (Math.abs(mean - 1) > 1e-3) {
        ctx.addIssue({
          code: 'custom',
          path: [...p, 'seasonality'],
          message: `monthly factors must average 1 (they average ${round(mean)})`,
        });
      }
    }
    const entries = Object.entries(inf.mix);
    if (entries.length === 0) ctx.addIssue({ code: 'custom', path: [...p, 'mix'], message: 'must name at least one form' });
    for (const [formId] of entries) {
      const f = forms.get(formId);
      if (!f) ctx.addIssue({ code: 'custom', path: [...p, 'mix', formId], message: `unknown form "${formId}"` });
      else if (f.segment !== inf.segment) {
        ctx.addIssue({ code: 'custom', path: [...p, 'mix', formId], message: `form "${formId}" is not in segment "${inf.segment}"` });
      }
    }
    const sum = entries.reduce((a, [, s]) => a + s, 0);
    if (entries.length > 0 && Math.abs(sum - 1) > 1e-6) {
      ctx.addIssue({ code: 'custom', path: [...p, 'mix'], message: `shares must sum to 1 (they sum to ${round(sum)})` });
    }
  });

  checkArrivalLimit(ctx, model);

  const startDay = model.start + '-01';
  (model.initialCaseload ?? []).forEach((c, i) => {
    const p: Path = ['initialCaseload', i];
    if (!forms.has(c.form)) ctx.addIssue({ code: 'custom', path: [...p, 'form'], message: `unknown form "${c.form}"` });
    checkRange(ctx, [...p, 'ageYears'], c.ageYears, RANGES.age);
    const byCount = c.count !== undefined || c.elapsedDays !== undefined;
    if (byCount && c.startDates !== undefined) {
      ctx.addIssue({ code: 'custom', path: [...p, 'startDates'], message: 'give either count and elapsedDays, or startDates, not both' });
    } else if (c.startDates === undefined && c.count === undefined) {
      ctx.addIssue({ code: 'custom', path: [...p, 'count'], message: 'is required (or give startDates)' });
    }
    c.startDates?.forEach((d, j) => {
      if (d >= startDay) {
        ctx.addIssue({ code: 'custom', path: [...p, 'startDates', j], message: `must be before the model start ${startDay}` });
      }
    });
  });

  const optionIds = (model.options ?? []).map((o) => o.id);
  duplicates(optionIds).forEach((id) =>
    ctx.addIssue({ code: 'custom', path: ['options'], message: `option id "${id}" is used more than once` }),
  );
  const addedBy = new Map<string, string>();
  (model.options ?? []).forEach((o, i) => {
    checkOption(ctx, o, ['options', i], model);
    o.effects.forEach((e, j) => {
      const added = addedForm(e);
      if (!added) return;
      const other = addedBy.get(added.form.id);
      if (other !== undefined && other !== o.id) {
        ctx.addIssue({
          code: 'custom',
          path: ['options', i, 'effects', j, ...added.path, 'id'],
          message: `form id "${added.form.id}" is also added by option "${other}"`,
        });
      }
      addedBy.set(added.form.id, o.id);
    });
  });
}

export const Model = ModelShape.superRefine(checkModel);

/** One problem with an input, with the path of the field it concerns. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Bad input: every issue names its field. The only error the engine raises for what a user can type. */
export class ValidationError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n'));
    this.name = 'ValidationError';
  }
}

/** `forms[2].lengthOfStayDays.p90` from zod's path array. */
export const RESERVED_KEY_MESSAGE = 'is a reserved name (__proto__, constructor and prototype are not allowed as keys)';

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * A value that matches no branch of a union (a Dist that is neither a number nor a valid distribution object, an
 * inline option with a bad effect) is reported inside the branch it was meant for, however deep, so
 * `dailyCost.min: must be a number` and `options[0].effects[0].multiplier: …` name the field.
 */
function expandUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const specific = issue.errors.find((branch) => branch.some((i) => i.path.length > 0 || i.code !== 'invalid_type'));
  // An unknown or missing `type` of the value itself matches no branch at all: that is said of the value as a whole.
  const ownTypeUnknown = (i: z.core.$ZodIssue) => i.code === 'invalid_union' && i.errors.length === 0 && i.path.length <= 1;
  if (!specific || specific.every(ownTypeUnknown)) return [issue];
  return specific.flatMap((i) => expandUnion({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue));
}

export function toFieldIssues(error: z.ZodError, prefix: Path = []): FieldIssue[] {
  return error.issues.flatMap(expandUnion).map((i) => ({ path: formatPath([...prefix, ...i.path]), message: i.message }));
}

/** Parses with a schema, or throws a ValidationError whose paths start with `prefix`. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, prefix: Path = []): T {
  const reserved = reservedKeyPaths(input);
  if (reserved.length > 0)
    throw new ValidationError(reserved.map((p) => ({ path: formatPath([...prefix, ...p]), message: RESERVED_KEY_MESSAGE })));
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(toFieldIssues(r.error, prefix));
  return r.data;
}

export function parseModel(input: unknown): Model {
  return parseWith(Model, input);
}
