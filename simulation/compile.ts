/**
 * Compiles a validated model and its scenarios into flat arrays, once per run, so that the trial loop only
 * indexes arrays. Every per-trial parameter gets a stream keyed by its path (model-spec section 4).
 */
import { buildCalendar, dayIndex, type Calendar } from './calendar.js';
import { compileDist, type Dist, type Sampler } from './dist.js';
import { addedForm, compileEffect, type CompiledEffect } from './effects/index.js';
import { hashString, type Stream } from './rng.js';
import type { Form, Model, Option } from './schema.js';
import type { ResolvedScenario } from './scenarios.js';

/** A per-trial parameter: drawn once per trial from its own stream. */
export interface Param {
  path: string;
  sampler: Sampler;
  key: number;
}

export interface CompiledForm {
  id: string;
  label: string;
  segment: number;
  dailyCost: number; // param index
  fixedCost: number; // param index, -1 when none
  stay: Sampler;
  capacity: number; // 0 = unlimited
  overflowTo: number; // form index, -1 when none
  nextForm: Int32Array;
  nextCum: Float64Array;
  maxAgeDays: number; // Infinity when no age limit
  addedBy: string | null; // option id for forms added by an option
}

export interface CompiledScenario {
  id: string;
  label: string;
  optionIds: string[];
  active: Uint8Array; // forms present in this scenario
  /** The effects of its options, in option order and then effect order. */
  effects: CompiledEffect[];
  /** Per-trial parameters this scenario depends on, for the sensitivity ranking. */
  params: number[];
}

export interface CompiledSegment {
  id: string;
  hasInflow: boolean;
  rate: number; // param index
  trend: number; // param index
  seasonality: Float64Array; // 12 factors
  mixForm: Int32Array;
  mixCum: Float64Array;
  age: Sampler | null;
  key: number;
}

export interface InitialGroup {
  form: number;
  /** Days already spent in care at day 0, one per placement. */
  elapsed: Float64Array;
  /** Each placement's stay drawn above its elapsed days (`Sampler.above`), made once per run. */
  stayAbove: ((rng: Stream) => number)[];
  /** Age now (`ageYears`), or else the segment's age at entry, to which the time already in care is added. */
  age: Sampler | null;
  ageIsNow: boolean;
}

export interface CompiledRun {
  model: Model;
  cal: Calendar;
  params: Param[];
  priceIncrease: number; // param index
  forms: CompiledForm[];
  segments: CompiledSegment[];
  initial: InitialGroup[];
  scenarios: CompiledScenario[];
  budget: (number | null)[]; // per period
  /**
   * Per period: SEK booked in it before start, in whole kronor (model `outcomeToDate`), or null. Only the year of
   * start can have one. Rounded here so that adding it to a trial's whole-kronor cost keeps every sum exact.
   */
  outcomeToDate: (number | null)[];
  baseParams: number[];
}

const DAYS_PER_YEAR = 365.25;

class ParamTable {
  readonly params: Param[] = [];
  private readonly byPath = new Map<string, number>();

  add(path: string, d: Dist | undefined, fallback: number): number {
    const existing = this.byPath.get(path);
    if (existing !== undefined) return existing;
    const sampler = compileDist(d ?? fallback);
    this.params.push({ path, sampler, key: hashString(path) });
    this.byPath.set(path, this.params.length - 1);
    return this.params.length - 1;
  }
}

function cumulative(entries: [number, number][]): { idx: Int32Array; cum: Float64Array } {
  const idx = new Int32Array(entries.length);
  const cum = new Float64Array(entries.length);
  let c = 0;
  entries.forEach(([i, p], j) => {
    idx[j] = i;
    cum[j] = c += p;
  });
  return { idx, cum };
}

export function compileRun(model: Model, scenarios: ResolvedScenario[]): CompiledRun {
  const cal = buildCalendar(model.start, model.horizonMonths);
  const table = new ParamTable();
  const segIndex = new Map(model.segments.map((s, i) => [s.id, i]));
  const forms: CompiledForm[] = [];
  const formIndex = new Map<string, number>();
  const pendingLinks: { form: Form; index: number }[] = [];

  const addForm = (f: Form, pathPrefix: string, addedBy: string | null): number => {
    const index = forms.length;
    formIndex.set(f.id, index);
    forms.push({
      id: f.id,
      label: f.label,
      segment: segIndex.get(f.segment) as number,
      dailyCost: table.add(`${pathPrefix}.dailyCost`, f.dailyCost, 0),
      fixedCost: f.fixedCostPerYear === undefined ? -1 : table.add(`${pathPrefix}.fixedCostPerYear`, f.fixedCostPerYear, 0),
      stay: compileDist(f.lengthOfStayDays),
      capacity: f.capacity ?? 0,
      overflowTo: -1,
      nextForm: new Int32Array(0),
      nextCum: new Float64Array(0),
      maxAgeDays: f.maxAgeYears === undefined ? Infinity : f.maxAgeYears * DAYS_PER_YEAR,
      addedBy,
    });
    pendingLinks.push({ form: f, index });
    return index;
  };

  const priceIncrease = table.add('annualPriceIncrease', model.annualPriceIncrease, 0);
  model.forms.forEach((f) => addForm(f, `forms.${f.id}`, null));

  const segments: CompiledSegment[] = model.segments.map((s) => {
    const inf = model.inflow.find((i) => i.segment === s.id);
    const mix = cumulative(
      Object.entries(inf?.mix ?? {})
        .filter(([, share]) => share > 0)
        .map(([id, share]) => [formIndex.get(id) as number, share]),
    );
    return {
      id: s.id,
      hasInflow: inf !== undefined,
      rate: table.add(`inflow.${s.id}.episodesPerYear`, inf?.episodesPerYear, 0),
      trend: table.add(`inflow.${s.id}.trendPerYear`, inf?.trendPerYear, 0),
      seasonality: Float64Array.from(inf?.seasonality ?? new Array(12).fill(1)),
      mixForm: mix.idx,
      mixCum: mix.cum,
      age: inf?.ageAtEntry === undefined ? null : compileDist(inf.ageAtEntry),
      key: hashString(`arrivals.${s.id}`),
    };
  });
  const baseParams = table.params.map((_, i) => i);

  // Options are compiled once even when several scenarios use them, so they share their draws.
  const compiledOptions = new Map<string, { forms: number[]; effects: CompiledEffect[]; params: number[] }>();
  const compileOption = (o: Option) => {
    const before = table.params.length;
    // Added forms are registered first: their parameters come before the option's effect parameters.
    const added: number[] = [];
    o.effects.forEach((e, i) => {
      const a = addedForm(e);
      if (a) added.push(addForm(a.form, `options.${o.id}.effects[${i}].${a.path.join('.')}`, o.id));
    });
    const effects = o.effects.map((e, i) => {
      const path = `options.${o.id}.effects[${i}]`;
      return compileEffect(e, {
        path,
        timing: { fromMonth: e.fromMonth ?? 0, rampMonths: e.rampMonths ?? 0 },
        param: (field, d, fallback) => table.add(`${path}.${field}`, d, fallback),
        slot: (name) => hashString(`${path}.${name}`),
        formIndex: (id) => formIndex.get(id) as number,
        segmentIndex: (id) => segIndex.get(id) as number,
        baseForms: model.forms.length,
      });
    });
    const params = table.params.slice(before).map((_, i) => before + i);
    compiledOptions.set(o.id, { forms: added, effects, params });
  };
  for (const s of scenarios) for (const o of s.options) if (!compiledOptions.has(o.id)) compileOption(o);

  // Links between forms can point at forms added by options, so they are resolved last.
  for (const { form, index } of pendingLinks) {
    const f = forms[index];
    f.overflowTo = form.overflowTo == null ? -1 : (formIndex.get(form.overflowTo) as number);
    const next = cumulative(
      (form.next ?? []).filter((n) => n.probability > 0).map((n) => [formIndex.get(n.form) as number, n.probability]),
    );
    f.nextForm = next.idx;
    f.nextCum = next.cum;
  }

  const compiledScenarios: CompiledScenario[] = scenarios.map((s) => {
    const active = new Uint8Array(forms.length);
    forms.forEach((f, i) => (active[i] = f.addedBy === null ? 1 : 0));
    const sc: CompiledScenario = {
      id: s.id,
      label: s.label,
      optionIds: s.options.map((o) => o.id),
      active,
      effects: [],
      params: [...baseParams],
    };
    for (const o of s.options) {
      const co = compiledOptions.get(o.id)!;
      co.forms.forEach((f) => (active[f] = 1));
      sc.effects.push(...co.effects);
      sc.params.push(...co.params);
    }
    return sc;
  });

  const initial: InitialGroup[] = (model.initialCaseload ?? []).map((c) => {
    const form = formIndex.get(c.form) as number;
    const seg = segments[forms[form].segment];
    const elapsed = c.startDates
      ? Float64Array.from(c.startDates, (d) => -dayIndex(cal, d))
      : new Float64Array(c.count ?? 0).fill(c.elapsedDays ?? 0);
    const stayAbove = Array.from(elapsed, (x) => forms[form].stay.above(x));
    return c.ageYears === undefined
      ? { form, elapsed, stayAbove, age: seg.age, ageIsNow: false }
      : { form, elapsed, stayAbove, age: compileDist(c.ageYears), ageIsNow: true };
  });

  const budget = cal.periods.map((p) => {
    if (p === 'total') return null;
    const b = model.budget?.[p];
    return b === undefined ? null : b;
  });

  const outcomeToDate = cal.periods.map((p) => {
    const booked = p === 'total' ? undefined : model.outcomeToDate?.[p];
    return booked === undefined ? null : Math.round(booked);
  });

  return {
    model,
    cal,
    params: table.params,
    priceIncrease,
    forms,
    segments,
    initial,
    scenarios: compiledScenarios,
    budget,
    outcomeToDate,
    baseParams,
  };
}
