/**
 * What changed between two versions of a model, in words a controller reads ("HVB (köpt plats): dygnskostnad
 * PERT 3 800–6 500 kr, troligast 4 600 kr → …"), and a three-way merge of two people's changes by the same
 * paths. Pure and without a DOM, so the page's history, its conflict view and any later CLI share it.
 *
 * Paths name things by what they are, not by where they stand: lists of things with an identity are keyed, so
 * moving a form up the list is not a change and two people's edits to different forms never collide.
 * - `segments`, `forms`, `options`: by `id` → `['forms', 'hvb', 'dailyCost']`
 * - `inflow`: by `segment` → `['inflow', 'bou', 'mix']`
 * - `initialCaseload`: by `form`; a second group of the same form is `'hvb#2'` → `['initialCaseload', 'hvb', 'count']`
 * - an option's `effects`: by `type`, a second effect of the same type `'lengthOfStay#2'`
 *   → `['options', 'controller', 'effects', 'lengthOfStay', 'multiplier']`
 * Everything else is a whole value at its path: a distribution, a form's step-downs (`next`), an inflow's `mix`
 * (its shares must sum to 1, so two people's edits of it are one decision), seasonality and other plain lists.
 * `toIndexPath` turns a path back into the positions of one model (as the schema's messages give them).
 */
import type { Dist } from '../simulation/dist.js';
import type { Model } from '../simulation/schema.js';
import { describeDist, type DistUnit } from './dist-text.js';
import { formatCount, formatMonth, formatMsek, type Lang } from './numbers.js';
import { parameterLabel } from './parameter-labels.js';

export type ModelPath = (string | number)[];

export interface ModelChange {
  /** Keyed as described above; the same paths `mergeModels` reports conflicts by. */
  path: ModelPath;
  text: string;
}

export interface MergeConflict {
  path: ModelPath;
  /** The value at `path` in my version; undefined when I removed it. */
  mine: unknown;
  /** The value at `path` in theirs; undefined when they removed it. */
  theirs: unknown;
}

export interface MergeResult {
  /** Their version with my changes on top; at a conflict it keeps theirs. Not validated: parse it before saving. */
  merged: Model;
  conflicts: MergeConflict[];
}

type Json = unknown;
type Obj = Record<string, Json>;

const DIST_TYPES = new Set([
  'fixed',
  'uniform',
  'triangular',
  'pert',
  'normal',
  'lognormal',
  'gamma',
  'weibull',
  'exponential',
  'empirical',
]);

function isObj(v: Json): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNothing(v: Json): boolean {
  return v == null || (Array.isArray(v) && v.length === 0);
}

function isDist(v: Json): boolean {
  return isObj(v) && typeof v.type === 'string' && DIST_TYPES.has(v.type);
}

/**
 * Deep equality of JSON values; the order of an object's keys does not matter, that of a list does. Null and
 * absent are the same: `capacity: null` and no capacity both mean unlimited, and the editor may write either;
 * so are an empty list and none (`next: []`, no step-downs).
 */
function same(a: Json, b: Json): boolean {
  if (a === b || (isNothing(a) && isNothing(b))) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => !isNothing(a[k]));
    const kb = Object.keys(b).filter((k) => !isNothing(b[k]));
    return ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
  }
  return false;
}

/** The field a list at `path` is keyed by, or undefined for a list that is one value. */
function keyField(path: ModelPath): string | undefined {
  if (path.length === 1) {
    const p = path[0];
    if (p === 'segments' || p === 'forms' || p === 'options') return 'id';
    if (p === 'inflow') return 'segment';
    if (p === 'initialCaseload') return 'form';
  }
  if (path.length === 3 && path[0] === 'options' && path[2] === 'effects') return 'type';
  return undefined;
}

/** Each item's key; a second item with the same key gets `#2`, a third `#3`. */
function keysOf(items: Json[], field: string): string[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const raw = isObj(item) ? item[field] : undefined;
    const k = typeof raw === 'string' ? raw : '?';
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? k : `${k}#${n}`;
  });
}

function keyed(v: Json, field: string): Map<string, Json> {
  const items = Array.isArray(v) ? v : [];
  const keys = keysOf(items, field);
  return new Map(keys.map((k, i) => [k, items[i]]));
}

/** Whether the value at `path` is compared field by field (a record) rather than as a whole. */
function isRecordAt(path: ModelPath, v: Json): boolean {
  return isObj(v) && !isDist(v) && path[path.length - 1] !== 'mix';
}

// ---------------------------------------------------------------------------------------------------------
// Raw differences

interface RawChange {
  path: ModelPath;
  before: Json;
  after: Json;
}

function walk(before: Json, after: Json, path: ModelPath, out: RawChange[]): void {
  if (same(before, after)) return;
  const field = keyField(path);
  if (field !== undefined && (Array.isArray(before) || before === undefined) && (Array.isArray(after) || after === undefined)) {
    const b = keyed(before, field);
    const a = keyed(after, field);
    for (const [k, v] of a) {
      if (b.has(k)) walk(b.get(k), v, [...path, k], out);
      else out.push({ path: [...path, k], before: undefined, after: v });
    }
    for (const [k, v] of b) if (!a.has(k)) out.push({ path: [...path, k], before: v, after: undefined });
    return;
  }
  const bRec = before === undefined || isRecordAt(path, before);
  const aRec = after === undefined || isRecordAt(path, after);
  if (bRec && aRec) {
    const b = (before ?? {}) as Obj;
    const a = (after ?? {}) as Obj;
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const k of keys) walk(b[k], a[k], [...path, k], out);
    return;
  }
  out.push({ path, before, after });
}

// ---------------------------------------------------------------------------------------------------------
// Words

interface Words {
  arrow: string;
  none: string;
  unlimited: string;
  changed: string;
  msek: string;
  name: string;
  description: string;
  start: string;
  horizon: (n: string) => string;
  budget: (year: string) => string;
  outcomeToDate: (year: string) => string;
  added: string;
  removed: string;
  newSegment: string;
  removedSegment: string;
  renamed: Record<'segment' | 'form' | 'option', string>;
  newForm: string;
  removedForm: string;
  newInflow: string;
  removedInflow: string;
  newOption: string;
  removedOption: string;
  form: Record<string, string>;
  provider: Record<string, string>;
  places: (n: string) => string;
  years: (n: string) => string;
  days: (n: string) => string;
  stepDown: (share: string, form: string) => string;
  inflow: Record<string, string>;
  caseload: (form: string) => string;
  newCaseload: (form: string, count: string) => string;
  removedCaseload: (form: string) => string;
  caseloadField: Record<string, string>;
  dates: (n: string) => string;
  option: Record<string, string>;
  kinds: Record<string, string>;
  effect: Record<string, string>;
  newEffect: (option: string, effect: string) => string;
  removedEffect: (option: string, effect: string) => string;
  effectField: Record<string, string>;
  months: (n: string) => string;
  sells: string;
}

const WORDS: Record<Lang, Words> = {
  sv: {
    arrow: ' → ',
    none: 'ingen',
    unlimited: 'obegränsat',
    changed: 'ändrad',
    msek: 'mkr',
    name: 'Modellens namn',
    description: 'Beskrivning',
    start: 'Första månad',
    horizon: (n) => `${n} månader`,
    budget: (year) => `Budget ${year}`,
    outcomeToDate: (year) => `Utfall hittills ${year}`,
    added: 'ny',
    removed: 'borttagen',
    newSegment: 'Nytt segment',
    removedSegment: 'Segment borttaget',
    renamed: { segment: 'Segment, namn', form: 'Placeringsform, namn', option: 'Åtgärd, namn' },
    newForm: 'Ny placeringsform',
    removedForm: 'Placeringsform borttagen',
    newInflow: 'Nytt inflöde',
    removedInflow: 'Inflöde borttaget',
    newOption: 'Ny åtgärd',
    removedOption: 'Åtgärd borttagen',
    form: {
      label: 'namn',
      segment: 'segment',
      provider: 'drivs av',
      dailyCost: 'dygnskostnad',
      lengthOfStayDays: 'vårdtid',
      capacity: 'platser',
      overflowTo: 'vid fullt till',
      fixedCostPerYear: 'fast kostnad per år',
      next: 'steg ned vid avslut',
      maxAgeYears: 'åldersgräns',
    },
    provider: { external: 'köpt plats', internal: 'egen regi' },
    places: (n) => `${n} platser`,
    years: (n) => `${n} år`,
    days: (n) => `${n} dygn`,
    stepDown: (share, form) => `${share} till ${form}`,
    inflow: {
      seasonality: 'säsongsvariation',
      mix: 'fördelning på placeringsformer',
      ageAtEntry: 'ålder vid placering (år)',
    },
    caseload: (form) => `Pågående placeringar vid start, ${form}`,
    newCaseload: (form, count) => `Pågående placeringar vid start, ${form}: ny grupp${count ? `, ${count} st` : ''}`,
    removedCaseload: (form) => `Pågående placeringar vid start, ${form}: gruppen borttagen`,
    caseloadField: { count: 'antal', elapsedDays: 'pågått', startDates: 'startdatum', ageYears: 'ålder (år)' },
    dates: (n) => `${n} datum`,
    option: { label: 'namn', kind: 'typ', description: 'beskrivning' },
    kinds: {
      placementController: 'placeringscontroller',
      inHouseHvb: 'HVB i egen regi',
      inHouseSupportedHousing: 'stödboende i egen regi',
      interMunicipalAgreement: 'avtal med annan kommun',
      expandedOutpatientCare: 'utökad öppenvård',
      fosterHomeRecruitment: 'familjehemsrekrytering',
      custom: 'egen',
    },
    effect: {
      cost: 'kostnaden',
      inflow: 'effekten på inflöde',
      lengthOfStay: 'effekten på vårdtid',
      dailyCost: 'effekten på dygnskostnad',
      mixShift: 'flytten mellan placeringsformer',
      addForm: 'den nya enheten',
    },
    newEffect: (option, effect) => `${option}: ny effekt, ${effect}`,
    removedEffect: (option, effect) => `${option}: ${effect} borttagen`,
    effectField: {
      forms: 'gäller',
      segment: 'segment',
      from: 'från',
      to: 'till',
      fromMonth: 'börjar',
      rampMonths: 'upptrappning',
      'takes.from': 'tar emot från',
    },
    months: (n) => `${n} månader`,
    sells: 'säljer lediga platser',
  },
  en: {
    arrow: ' → ',
    none: 'none',
    unlimited: 'unlimited',
    changed: 'changed',
    msek: 'MSEK',
    name: 'Model name',
    description: 'Description',
    start: 'First month',
    horizon: (n) => `${n} months`,
    budget: (year) => `Budget ${year}`,
    outcomeToDate: (year) => `Outcome to date ${year}`,
    added: 'new',
    removed: 'removed',
    newSegment: 'New segment',
    removedSegment: 'Segment removed',
    renamed: { segment: 'Segment, name', form: 'Placement form, name', option: 'Option, name' },
    newForm: 'New placement form',
    removedForm: 'Placement form removed',
    newInflow: 'New inflow',
    removedInflow: 'Inflow removed',
    newOption: 'New option',
    removedOption: 'Option removed',
    form: {
      label: 'name',
      segment: 'segment',
      provider: 'run by',
      dailyCost: 'price per care day',
      lengthOfStayDays: 'length of stay',
      capacity: 'places',
      overflowTo: 'when full, to',
      fixedCostPerYear: 'fixed cost per year',
      next: 'step-down on exit',
      maxAgeYears: 'age limit',
    },
    provider: { external: 'purchased place', internal: 'in-house' },
    places: (n) => `${n} places`,
    years: (n) => `${n} years`,
    days: (n) => `${n} days`,
    stepDown: (share, form) => `${share} to ${form}`,
    inflow: {
      seasonality: 'seasonality',
      mix: 'mix of placement forms',
      ageAtEntry: 'age at entry (years)',
    },
    caseload: (form) => `Ongoing placements at start, ${form}`,
    newCaseload: (form, count) => `Ongoing placements at start, ${form}: new group${count ? `, ${count}` : ''}`,
    removedCaseload: (form) => `Ongoing placements at start, ${form}: group removed`,
    caseloadField: { count: 'number', elapsedDays: 'lasted', startDates: 'start dates', ageYears: 'age (years)' },
    dates: (n) => `${n} dates`,
    option: { label: 'name', kind: 'kind', description: 'description' },
    kinds: {
      placementController: 'placement controller',
      inHouseHvb: 'in-house HVB',
      inHouseSupportedHousing: 'in-house supported housing',
      interMunicipalAgreement: 'inter-municipal agreement',
      expandedOutpatientCare: 'expanded outpatient care',
      fosterHomeRecruitment: 'foster-home recruitment',
      custom: 'custom',
    },
    effect: {
      cost: 'the cost',
      inflow: 'the effect on inflow',
      lengthOfStay: 'the effect on length of stay',
      dailyCost: 'the effect on price per care day',
      mixShift: 'the shift between placement forms',
      addForm: 'the new unit',
    },
    newEffect: (option, effect) => `${option}: new effect, ${effect}`,
    removedEffect: (option, effect) => `${option}: ${effect} removed`,
    effectField: {
      forms: 'applies to',
      segment: 'segment',
      from: 'from',
      to: 'to',
      fromMonth: 'starts',
      rampMonths: 'ramp-up',
      'takes.from': 'takes from',
    },
    months: (n) => `${n} months`,
    sells: 'sells free places',
  },
};

const FORM_UNITS: Record<string, DistUnit> = { dailyCost: 'sek', lengthOfStayDays: 'days', fixedCostPerYear: 'sek' };
const EFFECT_UNITS: Record<string, DistUnit> = {
  multiplier: 'count',
  perYear: 'sek',
  oneOff: 'sek',
  share: 'percent',
  'takes.share': 'percent',
  'sellFreePlaces.pricePerDay': 'sek',
  'sellFreePlaces.utilisation': 'percent',
};
const MONTHS: Record<Lang, string[]> = {
  sv: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** What the text of a change needs to know: both models' labels, the language. */
class Speaker {
  readonly w: Words;
  private readonly formLabels = new Map<string, string>();
  private readonly segments = new Map<string, string>();

  constructor(
    readonly before: Model,
    readonly after: Model,
    readonly lang: Lang,
  ) {
    this.w = WORDS[lang];
    // The later version's labels win; a removed thing keeps the name it had.
    for (const m of [before, after]) {
      for (const s of m.segments ?? []) this.segments.set(s.id, s.label);
      for (const f of m.forms ?? []) this.formLabels.set(f.id, f.label);
      for (const o of m.options ?? []) for (const e of o.effects) if (e.type === 'addForm') this.formLabels.set(e.form.id, e.form.label);
    }
  }

  form = (id: Json): string => (typeof id === 'string' ? (this.formLabels.get(id) ?? id) : this.w.none);
  segment = (id: Json): string => (typeof id === 'string' ? (this.segments.get(id) ?? id) : this.w.none);
  dist = (d: Json, unit: DistUnit): string => (d === undefined || d === null ? this.w.none : describeDist(d as Dist, unit, this.lang));
  num = (x: number): string => describeDist(x, 'count', this.lang);
  formList = (ids: Json): string => (Array.isArray(ids) && ids.length > 0 ? ids.map(this.form).join(', ') : this.w.none);

  /** "A → B", or the one side a thing was added or removed with. */
  change(label: string, before: Json, after: Json, fmt: (v: Json) => string): string {
    // "HVB (köpt plats): dygnskostnad 3 800 kr → …": one colon a line, after the thing the field belongs to.
    const sep = label.includes(': ') ? ' ' : ': ';
    return `${label}${sep}${fmt(before)}${this.w.arrow}${fmt(after)}`;
  }

  /** The start month plus n, as a month name: an effect's `fromMonth` reads "jul 2026", not "6". */
  month = (n: Json, start: string): string => {
    const [y, m] = start.split('-').map(Number);
    const i = y * 12 + (m - 1) + (typeof n === 'number' ? n : 0);
    return formatMonth(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, this.lang);
  };

  /** Anything this module has no words for: still readable, never JSON. */
  plain = (v: Json): string => {
    if (v === undefined || v === null) return this.w.none;
    if (typeof v === 'number') return this.num(v);
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return String(v);
    if (isDist(v)) return this.dist(v, 'count');
    if (Array.isArray(v)) return v.map(this.plain).join(', ');
    return this.w.changed;
  };
}

function fieldWords(path: ModelPath): string {
  return path
    .map(String)
    .map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
    .join(', ');
}

function labelOf(v: Json, field = 'label'): string | undefined {
  return isObj(v) && typeof v[field] === 'string' ? v[field] : undefined;
}

function textOf(c: RawChange, s: Speaker): string {
  const { w } = s;
  const [head, key, ...rest] = c.path;
  const { before, after } = c;
  const entity = before === undefined ? after : before;
  const ch = (label: string, fmt: (v: Json) => string): string => s.change(label, before, after, fmt);
  const msek = (v: Json): string => (typeof v === 'number' ? `${formatMsek(v, s.lang)} ${w.msek}` : w.none);

  switch (head) {
    case 'name':
      return ch(w.name, s.plain);
    case 'description':
      return `${w.description}: ${w.changed}`;
    case 'start':
      return ch(w.start, (v) => (typeof v === 'string' ? formatMonth(v, s.lang) : w.none));
    case 'horizonMonths':
      return ch(parameterlessHorizon(s.lang), (v) => (typeof v === 'number' ? w.horizon(s.num(v)) : w.none));
    case 'annualPriceIncrease':
      return ch(parameterLabel('annualPriceIncrease', s.after, s.lang), (v) => s.dist(v, 'percent'));
    case 'budget':
    case 'outcomeToDate':
      if (key !== undefined && rest.length === 0) {
        const label = head === 'budget' ? w.budget(String(key)) : w.outcomeToDate(String(key));
        if (before === undefined) return `${label}: ${msek(after)} (${w.added})`;
        if (after === undefined) return `${label}: ${w.removed} (${msek(before)})`;
        return `${label}: ${formatMsek(before as number, s.lang)}${w.arrow}${msek(after)}`;
      }
      break;
    case 'segments':
      if (rest.length === 0 && before === undefined) return `${w.newSegment}: ${labelOf(after) ?? key}`;
      if (rest.length === 0 && after === undefined) return `${w.removedSegment}: ${labelOf(before) ?? key}`;
      if (rest[0] === 'label') return ch(w.renamed.segment, s.plain);
      break;
    case 'forms':
      if (rest.length === 0 && before === undefined) return `${w.newForm}: ${labelOf(after) ?? key}`;
      if (rest.length === 0 && after === undefined) return `${w.removedForm}: ${labelOf(before) ?? key}`;
      // A new name under the new name reads "HVB köpt: namn HVB (köpt plats) → HVB köpt"; the kind of thing is clearer.
      if (rest.length === 1 && rest[0] === 'label') return ch(w.renamed.form, s.plain);
      return formFieldText(s.form(key), rest, before, after, s) ?? fallback(c, s);
    case 'inflow': {
      const seg = s.segment(key);
      if (rest.length === 0 && before === undefined) return `${w.newInflow}: ${seg}`;
      if (rest.length === 0 && after === undefined) return `${w.removedInflow}: ${seg}`;
      const field = rest.join('.');
      if (field === 'episodesPerYear' || field === 'trendPerYear') {
        const label = parameterLabel(`inflow.${String(key)}.${field}`, s.after, s.lang);
        return ch(label, (v) => s.dist(v, field === 'episodesPerYear' ? 'count' : 'percent'));
      }
      // "Inflöde barn och unga" as the rate's label says it, without its ", placeringar per år".
      const rate = parameterLabel(`inflow.${String(key)}.episodesPerYear`, s.after, s.lang);
      const label = `${rate.slice(0, rate.lastIndexOf(','))}, ${w.inflow[field] ?? fieldWords(rest)}`;
      if (field === 'mix') return `${label}: ${mixText(before, after, s)}`;
      if (field === 'seasonality') return `${label}: ${seasonText(before, after, s)}`;
      if (field === 'ageAtEntry') return ch(label, (v) => s.dist(v, 'count'));
      break;
    }
    case 'initialCaseload': {
      const form = s.form(labelOf(entity, 'form') ?? String(key).split('#')[0]);
      if (rest.length === 0 && before === undefined) {
        const count = isObj(after) ? (after.count ?? (Array.isArray(after.startDates) ? after.startDates.length : undefined)) : undefined;
        return w.newCaseload(form, typeof count === 'number' ? formatCount(count, s.lang) : '');
      }
      if (rest.length === 0 && after === undefined) return w.removedCaseload(form);
      const field = String(rest[0]);
      const label = `${w.caseload(form)}, ${w.caseloadField[field] ?? fieldWords(rest)}`;
      if (field === 'count') return ch(label, (v) => (typeof v === 'number' ? formatCount(v, s.lang) : w.none));
      if (field === 'elapsedDays') return ch(label, (v) => (typeof v === 'number' ? w.days(s.num(v)) : w.none));
      if (field === 'startDates') return ch(label, (v) => (Array.isArray(v) ? w.dates(formatCount(v.length, s.lang)) : w.none));
      if (field === 'ageYears') return ch(label, (v) => s.dist(v, 'count'));
      break;
    }
    case 'options':
      return optionText(c, s) ?? fallback(c, s);
  }
  return fallback(c, s);
}

function parameterlessHorizon(lang: Lang): string {
  return lang === 'sv' ? 'Prognosperiod' : 'Horizon';
}

function formFieldText(prefix: string, rest: ModelPath, before: Json, after: Json, s: Speaker): string | undefined {
  const { w } = s;
  const field = String(rest[0]);
  if (rest.length !== 1) return undefined;
  const label = `${prefix}: ${w.form[field] ?? fieldWords(rest)}`;
  const ch = (fmt: (v: Json) => string): string => s.change(label, before, after, fmt);
  const unit = FORM_UNITS[field];
  if (unit) return ch((v) => s.dist(v, unit));
  switch (field) {
    case 'label':
      return ch(s.plain);
    case 'segment':
      return ch(s.segment);
    case 'provider':
      return ch((v) => (typeof v === 'string' ? (w.provider[v] ?? v) : w.none));
    case 'capacity':
      return ch((v) => (typeof v === 'number' ? w.places(s.num(v)) : w.unlimited));
    case 'overflowTo':
      return ch(s.form);
    case 'maxAgeYears':
      return ch((v) => (typeof v === 'number' ? w.years(s.num(v)) : w.none));
    case 'next':
      return ch((v) =>
        Array.isArray(v) && v.length > 0
          ? v.map((n) => (isObj(n) ? w.stepDown(s.dist(n.probability, 'percent'), s.form(n.form)) : '')).join(', ')
          : w.none,
      );
  }
  return undefined;
}

/** Only the shares that changed: a mix of eight forms where one moved reads as that one. */
function mixText(before: Json, after: Json, s: Speaker): string {
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
  const share = (v: Json): string => (typeof v === 'number' ? s.dist(v, 'percent') : s.dist(0, 'percent'));
  return keys
    .filter((k) => !same(b[k] ?? 0, a[k] ?? 0))
    .map((k) => `${s.form(k)} ${share(b[k])}${s.w.arrow}${share(a[k])}`)
    .join(', ');
}

function seasonText(before: Json, after: Json, s: Speaker): string {
  const names = MONTHS[s.lang];
  const factors = (v: Json): number[] | undefined => (Array.isArray(v) ? v.map(Number) : undefined);
  const b = factors(before);
  const a = factors(after);
  const all = (f: number[] | undefined): string => (f ? f.map((x, i) => `${names[i]} ${s.num(x)}`).join(', ') : s.w.none);
  if (!b || !a) return `${all(b)}${s.w.arrow}${all(a)}`;
  return a
    .map((x, i) => (x === b[i] ? '' : `${names[i]} ${s.num(b[i] ?? 1)}${s.w.arrow}${s.num(x)}`))
    .filter(Boolean)
    .join(', ');
}

function optionText(c: RawChange, s: Speaker): string | undefined {
  const { w } = s;
  const [, key, ...rest] = c.path;
  const { before, after } = c;
  const find = (m: Model) => m.options?.find((o) => o.id === key);
  const option = find(s.after) ?? find(s.before);
  const name = option?.label ?? String(key);
  if (rest.length === 0)
    return before === undefined ? `${w.newOption}: ${labelOf(after) ?? key}` : `${w.removedOption}: ${labelOf(before) ?? key}`;
  const ch = (label: string, fmt: (v: Json) => string): string => s.change(label, before, after, fmt);
  const field = String(rest[0]);
  if (field !== 'effects') {
    if (field === 'description') return `${name}: ${w.option.description} ${w.changed}`;
    if (field === 'label') return ch(w.renamed.option, s.plain);
    if (field === 'kind') return ch(`${name}: ${w.option.kind}`, (v) => (typeof v === 'string' ? (w.kinds[v] ?? v) : w.none));
    return ch(`${name}: ${w.option[field] ?? fieldWords(rest)}`, s.plain);
  }
  const effectKey = rest[1];
  const type = String(effectKey).split('#')[0];
  const inner = rest.slice(2);
  const effect = (m: Model) => {
    const o = m.options?.find((x) => x.id === key);
    if (!o) return undefined;
    const i = keysOf(o.effects, 'type').indexOf(String(effectKey));
    return i < 0 ? undefined : { option: o, index: i };
  };
  const at = effect(s.after) ?? effect(s.before);
  const model = effect(s.after) ? s.after : s.before;
  const what = (): string => {
    const e = at?.option.effects[at.index];
    if (e?.type === 'addForm') return `${w.effect.addForm} (${e.form.label})`;
    if (e?.type === 'mixShift') return `${w.effect.mixShift} (${s.form(e.from)}${w.arrow}${s.form(e.to)})`;
    return w.effect[type] ?? type;
  };
  if (inner.length === 0) return before === undefined ? w.newEffect(name, what()) : w.removedEffect(name, what());
  const field2 = inner.map(String).join('.');
  const unit = EFFECT_UNITS[field2];
  if (unit && at) return ch(parameterLabel(`options.${String(key)}.effects[${at.index}].${field2}`, model, s.lang), (v) => s.dist(v, unit));
  if (inner[0] === 'form' && inner.length === 2) {
    const e = at?.option.effects[at.index];
    const formLabel = e?.type === 'addForm' ? e.form.label : String(key);
    const prefix = formLabel.toLocaleLowerCase('sv') === name.toLocaleLowerCase('sv') ? name : `${name}, ${formLabel}`;
    return formFieldText(prefix, inner.slice(1), before, after, s);
  }
  const label = `${name}, ${what()}: ${w.effectField[field2] ?? fieldWords(inner)}`;
  switch (field2) {
    case 'forms':
    case 'takes.from':
      return ch(label, s.formList);
    case 'segment':
      return ch(label, s.segment);
    case 'from':
    case 'to':
      return ch(label, s.form);
    case 'fromMonth':
      return ch(label, (v) => s.month(v, s.after.start));
    case 'rampMonths':
      return ch(label, (v) => (typeof v === 'number' && v > 0 ? w.months(s.num(v)) : w.none));
  }
  return undefined;
}

function fallback(c: RawChange, s: Speaker): string {
  return s.change(capitalised(fieldWords(c.path)), c.before, c.after, s.plain);
}

function capitalised(t: string): string {
  return t.charAt(0).toLocaleUpperCase('sv') + t.slice(1);
}

/** Every changed assumption between two versions, in the order of the later one's model, in words. */
export function diffModels(before: Model, after: Model, lang: Lang): ModelChange[] {
  const raw: RawChange[] = [];
  walk(before, after, [], raw);
  const s = new Speaker(before, after, lang);
  // `version` is the contract's version, always 1; not an assumption.
  return raw.filter((c) => c.path[0] !== 'version').map((c) => ({ path: c.path, text: textOf(c, s) }));
}

// ---------------------------------------------------------------------------------------------------------
// Merge

function merge3(base: Json, mine: Json, theirs: Json, path: ModelPath, conflicts: MergeConflict[]): Json {
  if (same(mine, theirs)) return theirs;
  if (same(mine, base)) return theirs;
  if (same(theirs, base)) return mine;
  const field = keyField(path);
  const list = (v: Json) => v === undefined || Array.isArray(v);
  if (field !== undefined && list(base) && Array.isArray(mine) && Array.isArray(theirs)) {
    return mergeKeyed(base, mine, theirs, field, path, conflicts);
  }
  // One side removing a whole record that the other changed is a conflict at the record, not field by field.
  if ((base === undefined || isRecordAt(path, base)) && isRecordAt(path, mine) && isRecordAt(path, theirs)) {
    const b = (base ?? {}) as Obj;
    const m = (mine ?? {}) as Obj;
    const t = (theirs ?? {}) as Obj;
    const out: Obj = {};
    const keys = [...Object.keys(t), ...Object.keys(m).filter((k) => !(k in t)), ...Object.keys(b).filter((k) => !(k in t) && !(k in m))];
    for (const k of keys) {
      const v = merge3(b[k], m[k], t[k], [...path, k], conflicts);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  conflicts.push({ path, mine, theirs });
  return theirs;
}

function mergeKeyed(base: Json, mine: Json[], theirs: Json[], field: string, path: ModelPath, conflicts: MergeConflict[]): Json[] {
  const b = keyed(base, field);
  const m = keyed(mine, field);
  const t = keyed(theirs, field);
  // Their order, with what I added placed after the item it follows in my list.
  const order = [...t.keys()];
  let after = -1;
  for (const k of m.keys()) {
    const i = order.indexOf(k);
    if (i >= 0) after = i;
    else if (!b.has(k)) order.splice(++after, 0, k);
  }
  for (const k of b.keys()) if (!order.includes(k) && m.has(k)) order.push(k);
  const out: Json[] = [];
  for (const k of order) {
    const v = merge3(b.get(k), m.get(k), t.get(k), [...path, k], conflicts);
    if (v !== undefined) out.push(v);
  }
  return out;
}

/**
 * My changes (base → mine) on top of theirs (base → theirs). Where both changed the same path to different
 * values the merge keeps theirs and reports the path; `withValueAt(merged, path, conflict.mine)` takes mine.
 * Changing a thing that the other removed is a conflict at that thing's path.
 */
export function mergeModels(base: Model, mine: Model, theirs: Model): MergeResult {
  const conflicts: MergeConflict[] = [];
  const merged = merge3(base, mine, theirs, [], conflicts) as Model;
  return { merged, conflicts };
}

// ---------------------------------------------------------------------------------------------------------
// Paths

/** The value at a keyed path, undefined when the model has nothing there. */
export function valueAt(model: Model, path: ModelPath): unknown {
  let v: Json = model;
  for (let i = 0; i < path.length; i++) {
    const field = keyField(path.slice(0, i));
    if (field !== undefined && Array.isArray(v)) v = keyed(v, field).get(String(path[i]));
    else if (isObj(v)) v = v[String(path[i])];
    else if (Array.isArray(v) && typeof path[i] === 'number') v = v[path[i] as number];
    else return undefined;
  }
  return v;
}

/** A copy of the model with `value` at a keyed path; undefined removes what is there. A missing thing is added at the end. */
export function withValueAt(model: Model, path: ModelPath, value: unknown): Model {
  const set = (v: Json, i: number): Json => {
    if (i === path.length) return value;
    const field = keyField(path.slice(0, i));
    const key = path[i];
    if (field !== undefined && (Array.isArray(v) || v === undefined)) {
      const items = Array.isArray(v) ? v : [];
      const keys = keysOf(items, field);
      const at = keys.indexOf(String(key));
      const next = set(at >= 0 ? items[at] : undefined, i + 1);
      const copy = [...items];
      if (at >= 0) {
        if (next === undefined) copy.splice(at, 1);
        else copy[at] = next;
      } else if (next !== undefined) copy.push(next);
      return copy;
    }
    if (Array.isArray(v) && typeof key === 'number') {
      const copy = [...v];
      copy[key] = set(v[key], i + 1);
      return copy;
    }
    const obj = isObj(v) ? { ...v } : {};
    const next = set(obj[String(key)], i + 1);
    if (next === undefined) delete obj[String(key)];
    else obj[String(key)] = next;
    return obj;
  };
  return set(model, 0) as Model;
}

/** A keyed path as positions in this model (`['forms', 2, 'dailyCost']`), as the schema's messages name fields; undefined when the model lacks it. */
export function toIndexPath(model: Model, path: ModelPath): ModelPath | undefined {
  const out: ModelPath = [];
  let v: Json = model;
  for (let i = 0; i < path.length; i++) {
    const field = keyField(path.slice(0, i));
    if (field !== undefined && Array.isArray(v)) {
      const at = keysOf(v, field).indexOf(String(path[i]));
      if (at < 0) return undefined;
      out.push(at);
      v = v[at];
    } else if (isObj(v) && String(path[i]) in v) {
      out.push(path[i]);
      v = v[String(path[i])];
    } else if (Array.isArray(v) && typeof path[i] === 'number' && (path[i] as number) < v.length) {
      out.push(path[i]);
      v = v[path[i] as number];
    } else return undefined;
  }
  return out;
}
