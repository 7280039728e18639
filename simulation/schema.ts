/**
 * The model contract (model-spec sections 2 and 3) as zod schemas, with the cross-field rules that a single
 * field cannot express. Every issue carries its field path, e.g. `forms[2].lengthOfStayDays.p90`.
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

/** Plain messages for zod's generic issues; the schemas' own messages take precedence. */
export function issueMessage(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? 'is required' : `must be ${TYPE_NAMES[iss.expected] ?? iss.expected}`;
    case 'unrecognized_keys':
      return `unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      return 'must be a number or a distribution such as {"type": "pert", "min": 1, "mode": 2, "max": 3}';
    case 'invalid_value':
      return `must be ${iss.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    default:
      return undefined;
  }
}

// Every parse in the project, the engine's and the API's, speaks with the same plain messages.
z.config({ customError: issueMessage });

const Id = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'may contain only letters a-z, digits, "_", "-" and "."');
const Label = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
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

const Timing = {
  fromMonth: z.number().int('must be a whole number').min(0).max(239).optional(),
  rampMonths: z.number().int('must be a whole number').min(0).max(240).optional(),
};

export const CostEffect = z.strictObject({
  type: z.literal('cost'),
  perYear: Dist.optional(),
  oneOff: Dist.optional(),
  ...Timing,
});
export const InflowEffect = z.strictObject({ type: z.literal('inflow'), segment: Id, multiplier: Dist, ...Timing });
export const LengthOfStayEffect = z.strictObject({
  type: z.literal('lengthOfStay'),
  forms: z.array(Id).min(1),
  multiplier: Dist,
  ...Timing,
});
export const DailyCostEffect = z.strictObject({
  type: z.literal('dailyCost'),
  forms: z.array(Id).min(1),
  multiplier: Dist,
  ...Timing,
});
export const MixShiftEffect = z.strictObject({
  type: z.literal('mixShift'),
  segment: Id,
  from: Id,
  to: Id,
  share: Dist,
  ...Timing,
});
export const AddFormEffect = z.strictObject({
  type: z.literal('addForm'),
  form: Form,
  takes: z.strictObject({ from: z.array(Id).min(1), share: Dist }),
  sellFreePlaces: z.strictObject({ pricePerDay: Dist, utilisation: Dist }).optional(),
  ...Timing,
});
export const Effect = z.discriminatedUnion('type', [
  CostEffect,
  InflowEffect,
  LengthOfStayEffect,
  DailyCostEffect,
  MixShiftEffect,
  AddFormEffect,
]);
export type Effect = z.infer<typeof Effect>;

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
  start: YearMonth,
  horizonMonths: z.number().int('must be a whole number').min(1, 'must be between 1 and 240').max(240, 'must be between 1 and 240'),
  annualPriceIncrease: Dist.optional(),
  budget: z.record(z.string().regex(/^\d{4}$/, 'budget years must be YYYY'), z.number().min(0, 'must not be negative')).optional(),
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
  options: z.array(z.union([Id, Option])).max(50),
});
export type Scenario = z.infer<typeof Scenario>;
/** Scenarios besides the baseline; an empty list runs the baseline alone. */
export const ScenarioList = z.array(Scenario).max(21);

/** What a value of a field can sensibly be; checked against the distribution's practical range. */
interface FieldRange {
  min: number;
  max: number;
  what: string;
}
const RANGES = {
  money: { min: 0, max: 1e9, what: 'an amount in SEK between 0 and 1,000,000,000' },
  // Stays longer than the horizon are cut at its end, so only the sign matters.
  stay: { min: 0, max: Infinity, what: 'a number of days, not negative' },
  rate: { min: 0, max: 20_000, what: 'a number of episodes per year between 0 and 20,000' },
  share: { min: 0, max: 1, what: 'a share between 0 and 1' },
  multiplier: { min: 0, max: 10, what: 'a multiplier between 0 and 10' },
  growth: { min: -0.5, max: 1, what: 'a yearly change between -0.5 and 1' },
  age: { min: 0, max: 120, what: 'an age in years between 0 and 120' },
} satisfies Record<string, FieldRange>;

type Path = (string | number)[];
type Ctx = z.RefinementCtx;

function checkRange(ctx: Ctx, path: Path, d: Dist | undefined, range: FieldRange): void {
  if (d === undefined) return;
  const [lo, hi] = practicalRange(d);
  if (!(lo >= range.min - 1e-12) || !(hi <= range.max + 1e-12)) {
    const bound =
      typeof d === 'number' || d.type === 'fixed'
        ? ''
        : d.type === 'normal'
          ? ' (give it min and max bounds)'
          : ' (pick a distribution whose values stay in that range, e.g. pert or uniform)';
    ctx.addIssue({ code: 'custom', path, message: `must be ${range.what}${bound}` });
  }
}

function duplicates(ids: string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return dup;
}

function checkFormFields(ctx: Ctx, form: Form, path: Path): void {
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

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

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

function checkEffect(ctx: Ctx, e: Effect, path: Path, model: Model, baseForms: Map<string, Form>, ownForms: Map<string, Form>): void {
  const formKnown = (id: string) => baseForms.has(id) || ownForms.has(id);
  const segmentKnown = (id: string) => model.segments.some((s) => s.id === id);
  const unknownForm = (p: Path, id: string) => ctx.addIssue({ code: 'custom', path: p, message: `unknown form "${id}"` });
  const unknownSegment = (p: Path, id: string) => ctx.addIssue({ code: 'custom', path: p, message: `unknown segment "${id}"` });
  switch (e.type) {
    case 'cost':
      checkRange(ctx, [...path, 'perYear'], e.perYear, RANGES.money);
      checkRange(ctx, [...path, 'oneOff'], e.oneOff, RANGES.money);
      break;
    case 'inflow':
      if (!segmentKnown(e.segment)) unknownSegment([...path, 'segment'], e.segment);
      checkRange(ctx, [...path, 'multiplier'], e.multiplier, RANGES.multiplier);
      break;
    case 'lengthOfStay':
    case 'dailyCost':
      e.forms.forEach((f, i) => formKnown(f) || unknownForm([...path, 'forms', i], f));
      checkRange(ctx, [...path, 'multiplier'], e.multiplier, RANGES.multiplier);
      break;
    case 'mixShift': {
      if (!segmentKnown(e.segment)) unknownSegment([...path, 'segment'], e.segment);
      for (const key of ['from', 'to'] as const) {
        const f = baseForms.get(e[key]);
        if (!f) unknownForm([...path, key], e[key]);
        else if (f.segment !== e.segment) {
          ctx.addIssue({ code: 'custom', path: [...path, key], message: `form "${e[key]}" is not in segment "${e.segment}"` });
        }
      }
      if (e.from === e.to) ctx.addIssue({ code: 'custom', path: [...path, 'to'], message: 'must differ from "from"' });
      checkRange(ctx, [...path, 'share'], e.share, RANGES.share);
      break;
    }
    case 'addForm':
      checkFormFields(ctx, e.form, [...path, 'form']);
      e.takes.from.forEach((f, i) => baseForms.has(f) || unknownForm([...path, 'takes', 'from', i], f));
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
      break;
  }
}

/** Rules that an option must satisfy against the model it is used with (also for inline scenario options). */
export function checkOption(ctx: Ctx, option: Option, path: Path, model: Model): void {
  const baseForms = new Map(model.forms.map((f) => [f.id, f]));
  const ownForms = new Map<string, Form>();
  option.effects.forEach((e, i) => {
    if (e.type !== 'addForm') return;
    if (baseForms.has(e.form.id) || ownForms.has(e.form.id)) {
      ctx.addIssue({ code: 'custom', path: [...path, 'effects', i, 'form', 'id'], message: `form id "${e.form.id}" is already used` });
    }
    ownForms.set(e.form.id, e.form);
  });
  const known = new Map([...baseForms, ...ownForms]);
  const segments = new Set(model.segments.map((s) => s.id));
  option.effects.forEach((e, i) => {
    const p = [...path, 'effects', i];
    if (e.type === 'addForm') checkFormReferences(ctx, e.form, [...p, 'form'], known, segments);
    checkEffect(ctx, e, p, model, baseForms, ownForms);
  });
  const ownPaths = new Map<string, Path>();
  option.effects.forEach((e, i) => e.type === 'addForm' && ownPaths.set(e.form.id, [...path, 'effects', i, 'form']));
  if (ownForms.size > 0) checkOverflowLoops(ctx, new Map([...ownForms]), ownPaths);
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
      if (e.type !== 'addForm') return;
      const other = addedBy.get(e.form.id);
      if (other !== undefined && other !== o.id) {
        ctx.addIssue({
          code: 'custom',
          path: ['options', i, 'effects', j, 'form', 'id'],
          message: `form id "${e.form.id}" is also added by option "${other}"`,
        });
      }
      addedBy.set(e.form.id, o.id);
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
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * A value that matches no branch of a union (a Dist that is neither a number nor a valid distribution object)
 * is reported inside the branch it was meant for, so `dailyCost.min: must be a number` names the field.
 */
function expandUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const specific = issue.errors.find((branch) => branch.some((i) => i.path.length > 0 || i.code !== 'invalid_type'));
  // An unknown or missing `type` matches no branch at all: that is said of the distribution as a whole.
  if (!specific || specific.every((i) => i.code === 'invalid_union')) return [issue];
  return specific.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as z.core.$ZodIssue);
}

export function toFieldIssues(error: z.ZodError, prefix: Path = []): FieldIssue[] {
  return error.issues.flatMap(expandUnion).map((i) => ({ path: formatPath([...prefix, ...i.path]), message: i.message }));
}

/** Parses with a schema, or throws a ValidationError whose paths start with `prefix`. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, prefix: Path = []): T {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(toFieldIssues(r.error, prefix));
  return r.data;
}

export function parseModel(input: unknown): Model {
  return parseWith(Model, input);
}
