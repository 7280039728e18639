/**
 * A scenario's label for people. The user's scenarios and options carry the user's own text, shown as it is; the
 * two the product makes itself, the baseline (`resolveScenarios`) and the year-end forecast's usual method
 * (`yearEndScenarios`), carry the engine's Swedish label in the result, which stays as it is (the result's bytes are
 * a contract). A summary shows those two in its own language instead: an English table said "Nuläge".
 */
import type { ScenarioResult } from '../simulation/result.js';
import { BASELINE_ID, BASELINE_LABEL } from '../simulation/scenarios.js';
import { NO_NEW_PLACEMENTS_ID, NO_NEW_PLACEMENTS_LABEL } from '../simulation/year-end.js';
import type { Lang } from './numbers.js';

/** The product's own scenarios in words; the Swedish are the engine's labels, the English the page's words. */
export const PRODUCT_SCENARIO_LABELS: Record<Lang, { baseline: string; noNewPlacements: string }> = {
  sv: { baseline: BASELINE_LABEL, noNewPlacements: NO_NEW_PLACEMENTS_LABEL },
  en: { baseline: 'Today', noNewPlacements: 'No new placements (usual forecasting method)' },
};

/** The label to show: the product's own in `lang` when the scenario is one the product made (id and label both its own), else the scenario's. */
export function scenarioLabel(s: Pick<ScenarioResult, 'id' | 'label'>, lang: Lang): string {
  const own = PRODUCT_SCENARIO_LABELS[lang];
  if (s.id === BASELINE_ID && s.label === BASELINE_LABEL) return own.baseline;
  if (s.id === NO_NEW_PLACEMENTS_ID && s.label === NO_NEW_PLACEMENTS_LABEL) return own.noNewPlacements;
  return s.label;
}
