/**
 * The assumptions a run rests on, in brief, for a reader who checks the inputs without reading JSON: the period,
 * the inflow per segment with its mix of forms, each form's daily price and length of stay (those an option adds
 * included), the yearly budgets and the scenarios compared. Shared by the workbook's assumptions sheet (xlsx.ts)
 * and the page's printed committee paper, which label the rows in their own words; distributions come here
 * already in words (dist-text.ts), amounts and shares stay numbers for the reader's own formats.
 */
import type { ComparisonResult } from '../simulation/result.js';
import type { ResolvedScenario } from '../simulation/scenarios.js';
import type { Form, Model, Option } from '../simulation/schema.js';
import { describeDist } from './dist-text.js';
import type { Lang } from './numbers.js';

export interface AssumptionsInput {
  /** The model version the run used. */
  model: Model;
  result: Pick<ComparisonResult, 'scenarios'>;
  /** The run's scenarios with their options (inline ones included); absent: the options are looked up in the model. */
  scenarios?: ResolvedScenario[];
}

export interface InflowRow {
  segment: string;
  /** New episodes per year, in words. */
  episodesPerYear: string;
  /** The yearly change of the inflow, in words; null when the model has none. */
  trendPerYear: string | null;
  /** The share of new episodes per form, in the model's order. */
  mix: { form: string; share: number }[];
}

export interface FormRow {
  id: string;
  label: string;
  segment: string;
  dailyCost: string;
  lengthOfStay: string;
  /** Fixed cost per year of a form the municipality runs itself, in words. */
  fixedCostPerYear: string | null;
  capacity: number | null;
  /** The option that adds this form (an in-house unit); null for the model's own forms. */
  addedBy: string | null;
}

export interface ScenarioRow {
  id: string;
  label: string;
  /** The labels of its options; empty for the baseline. */
  options: string[];
}

export interface Assumptions {
  /** 'YYYY-MM'. */
  start: string;
  /** 'YYYY-MM', the horizon's last month. */
  end: string;
  horizonMonths: number;
  /** The yearly price increase, in words; null when the model has none. */
  priceIncrease: string | null;
  inflow: InflowRow[];
  forms: FormRow[];
  budget: { year: string; amount: number }[];
  scenarios: ScenarioRow[];
}

/** The options each scenario of the result uses, resolved: inline ones from the run, the others from the model. */
export function scenarioOptions(input: AssumptionsInput): Map<string, Option[]> {
  const byId = new Map((input.model.options ?? []).map((o) => [o.id, o]));
  const resolved = new Map((input.scenarios ?? []).map((s) => [s.id, s.options]));
  return new Map(
    input.result.scenarios.map((s) => [s.id, resolved.get(s.id) ?? s.options.map((id) => byId.get(id) ?? { id, label: id, effects: [] })]),
  );
}

/** Forms options add (an in-house unit), each once, with the option that adds it. */
export function addedForms(options: Map<string, Option[]>): { form: Form; option: Option }[] {
  const seen = new Map<string, { form: Form; option: Option }>();
  for (const list of options.values()) {
    for (const option of list) {
      for (const e of option.effects) if (e.type === 'addForm' && !seen.has(e.form.id)) seen.set(e.form.id, { form: e.form, option });
    }
  }
  return [...seen.values()];
}

/** 'YYYY-MM' plus n months. */
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function assumptionsOf(input: AssumptionsInput, lang: Lang): Assumptions {
  const { model } = input;
  const options = scenarioOptions(input);
  const segments = new Map(model.segments.map((s) => [s.id, s.label]));
  const segmentLabel = (id: string): string => segments.get(id) ?? id;
  const added = addedForms(options);
  const formLabels = new Map([...model.forms, ...added.map((a) => a.form)].map((f) => [f.id, f.label]));

  const formRow = (form: Form, addedBy: Option | null): FormRow => ({
    id: form.id,
    label: form.label,
    segment: segmentLabel(form.segment),
    dailyCost: describeDist(form.dailyCost, 'sek', lang),
    lengthOfStay: describeDist(form.lengthOfStayDays, 'days', lang),
    fixedCostPerYear: form.fixedCostPerYear === undefined ? null : describeDist(form.fixedCostPerYear, 'sek', lang),
    capacity: form.capacity ?? null,
    addedBy: addedBy?.label ?? null,
  });

  return {
    start: model.start,
    end: addMonths(model.start, model.horizonMonths - 1),
    horizonMonths: model.horizonMonths,
    priceIncrease: model.annualPriceIncrease === undefined ? null : describeDist(model.annualPriceIncrease, 'percent', lang),
    inflow: model.inflow.map((inf) => ({
      segment: segmentLabel(inf.segment),
      episodesPerYear: describeDist(inf.episodesPerYear, 'count', lang),
      trendPerYear: inf.trendPerYear === undefined ? null : describeDist(inf.trendPerYear, 'percent', lang),
      mix: Object.entries(inf.mix)
        .filter(([, share]) => share > 0)
        .map(([form, share]) => ({ form: formLabels.get(form) ?? form, share })),
    })),
    forms: [...model.forms.map((f) => formRow(f, null)), ...added.map(({ form, option }) => formRow(form, option))],
    budget: Object.entries(model.budget ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([year, amount]) => ({ year, amount })),
    scenarios: input.result.scenarios.map((s) => ({
      id: s.id,
      label: s.label,
      options: (options.get(s.id) ?? []).map((o) => o.label),
    })),
  };
}
