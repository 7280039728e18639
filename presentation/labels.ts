/**
 * Labels for people of the result's tables (the CSV's columns, docs/csv.md) and of the workbook's sheets, in
 * Swedish and English, in one place. The CSV keeps its column names, which are a contract; the workbook and the
 * page show these instead. Words the terminal summary also uses come from its dictionary (table.ts), so the two
 * never call the same figure by different names.
 */
import { FAN_KEYS } from '../simulation/result.js';
import type { CsvTable } from './csv.js';
import type { Lang } from './numbers.js';
import { TEXT as SUMMARY } from './table.js';

const fan = (prefix: string, column: string): Record<string, string> =>
  Object.fromEntries(FAN_KEYS.map((k) => [`${column}_${k}`, `${prefix} ${k.toUpperCase()}`]));

/** Column name (as in the CSV) -> label, per language. Per-form `cost_<formId>` columns: `formCostLabel`. */
export const COLUMN_LABELS: Record<Lang, Readonly<Record<string, string>>> = {
  sv: {
    scenario_id: 'Scenario-id',
    scenario_label: 'Scenario',
    period: SUMMARY.sv.col.period,
    month: 'Månad',
    cost_mean: `Kostnad, ${SUMMARY.sv.col.mean.toLowerCase()}`,
    cost_sd: 'Kostnad, standardavvikelse',
    cost_mcse: 'Monte Carlo-fel (medel)',
    ...fan('Kostnad', 'cost'),
    option_cost: SUMMARY.sv.col.optionCost,
    revenue: SUMMARY.sv.col.revenue,
    care_days_mean: 'Vårddygn, medel',
    admissions_mean: 'Nya placeringar, medel',
    overflows_mean: 'Avvisade av full insats, medel',
    census_end_mean: 'Placerade vid periodens slut, medel',
    budget: SUMMARY.sv.col.budget,
    budget_prob_exceed: SUMMARY.sv.col.probExceed,
    budget_expected_overrun: 'Förväntat överskridande',
    delta_mean: `${SUMMARY.sv.col.delta}, medel`,
    delta_ci95_low: `${SUMMARY.sv.col.delta}, ${SUMMARY.sv.col.ci} nedre`,
    delta_ci95_high: `${SUMMARY.sv.col.delta}, ${SUMMARY.sv.col.ci} övre`,
    ...fan(SUMMARY.sv.col.delta, 'delta'),
    prob_saving: SUMMARY.sv.col.probSaving,
    outcome_to_date: SUMMARY.sv.col.booked,
    break_even_prob: 'P(återbetald inom perioden)',
    break_even_median_month: 'Återbetald, medianmånad',
    ...fan('Placerade', 'census'),
  },
  en: {
    scenario_id: 'Scenario id',
    scenario_label: 'Scenario',
    period: SUMMARY.en.col.period,
    month: 'Month',
    cost_mean: `Cost, ${SUMMARY.en.col.mean.toLowerCase()}`,
    cost_sd: 'Cost, standard deviation',
    cost_mcse: 'Monte Carlo error (mean)',
    ...fan('Cost', 'cost'),
    option_cost: SUMMARY.en.col.optionCost,
    revenue: SUMMARY.en.col.revenue,
    care_days_mean: 'Care days, mean',
    admissions_mean: 'Admissions, mean',
    overflows_mean: 'Turned away by a full form, mean',
    census_end_mean: 'Placements at end of period, mean',
    budget: SUMMARY.en.col.budget,
    budget_prob_exceed: SUMMARY.en.col.probExceed,
    budget_expected_overrun: 'Expected overrun',
    delta_mean: `${SUMMARY.en.col.delta}, mean`,
    delta_ci95_low: `${SUMMARY.en.col.delta}, ${SUMMARY.en.col.ci} low`,
    delta_ci95_high: `${SUMMARY.en.col.delta}, ${SUMMARY.en.col.ci} high`,
    ...fan(SUMMARY.en.col.delta, 'delta'),
    prob_saving: SUMMARY.en.col.probSaving,
    outcome_to_date: SUMMARY.en.col.booked,
    break_even_prob: 'P(pays back within the horizon)',
    break_even_median_month: 'Pays back, median month',
    ...fan('Placements', 'census'),
  },
};

/** The label of a per-form column `cost_<formId>`, from the form's own label. */
export function formCostLabel(formLabel: string, lang: Lang): string {
  return lang === 'sv' ? `Kostnad: ${formLabel}` : `Cost: ${formLabel}`;
}

/** The period "total" (the whole horizon) in words. */
export const TOTAL_LABEL: Record<Lang, string> = { sv: SUMMARY.sv.total, en: SUMMARY.en.total };

/** Sheet names of the workbook (at most 31 characters, none of : \ / ? * [ ]). */
export const SHEET_NAMES: Record<Lang, Record<CsvTable | 'assumptions', string>> = {
  sv: { periods: 'Perioder', monthly: 'Månader', delta: 'Skillnader', assumptions: 'Antaganden' },
  en: { periods: 'Periods', monthly: 'Monthly', delta: 'Differences', assumptions: 'Assumptions' },
};
