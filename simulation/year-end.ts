/**
 * The year-end forecast (årsprognos): the model as it stands (booked outcome to date, today's caseload, the usual
 * inflow) beside the forecast many committees make today, "current placements end as planned, no new ones start".
 * That one is an ordinary scenario, an inline option that sets every segment's inflow to zero from the first month,
 * so it plays the same trials, the same caseload and the same prices as the full forecast and its difference from it
 * is paired: how much the usual method leaves out, trial by trial.
 */
import type { Model, Option, Scenario } from './schema.js';
import { BASELINE_ID, BASELINE_LABEL } from './scenarios.js';

export const NO_NEW_PLACEMENTS_ID = 'inga-nya-placeringar';
export const NO_NEW_PLACEMENTS_LABEL = 'Inga nya placeringar (vanlig prognosmetod)';

/** No new entries into care in any segment; placements under way and their step-downs play as in the baseline. */
export function noNewPlacementsOption(model: Pick<Model, 'segments'>): Option {
  return {
    id: NO_NEW_PLACEMENTS_ID,
    label: NO_NEW_PLACEMENTS_LABEL,
    effects: model.segments.map((s) => ({ type: 'inflow' as const, segment: s.id, multiplier: 0, fromMonth: 0, rampMonths: 0 })),
  };
}

/** The year-end forecast's scenarios: the model as it stands, then the usual method. */
export function yearEndScenarios(model: Pick<Model, 'segments'>): Scenario[] {
  return [
    { id: BASELINE_ID, label: BASELINE_LABEL, options: [] },
    { id: NO_NEW_PLACEMENTS_ID, label: NO_NEW_PLACEMENTS_LABEL, options: [noNewPlacementsOption(model)] },
  ];
}

/** The calendar year the forecast is about: the year of `start`, the only year `outcomeToDate` may name. */
export const forecastYear = (model: Pick<Model, 'start'>): string => model.start.slice(0, 4);

/**
 * Whether a year-end forecast of this model lacks what the year booked before its start: a model that starts after
 * January covers only the rest of the year, and without `outcomeToDate` for that year its forecast would count the
 * months before the start as costing nothing. A model starting in January has nothing booked before it.
 */
export const lacksOutcomeToDate = (model: Pick<Model, 'start' | 'outcomeToDate'>): boolean =>
  !model.start.endsWith('-01') && model.outcomeToDate?.[forecastYear(model)] === undefined;
