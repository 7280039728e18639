/** The scenarios the model screen offers: one per ticked option, in the model's order (the baseline comes first by itself). */
import type { Option } from '../../../simulation/schema.js';

/** As api.ts's Scenario; declared here so that Node-side tests can import this file without the DOM's types. */
export interface PageScenario {
  id: string;
  label: string;
  options: string[];
}

export function pageScenarios(options: readonly Option[], ticked: readonly string[]): PageScenario[] {
  return options.filter((o) => ticked.includes(o.id)).map((o) => ({ id: o.id, label: o.label, options: [o.id] }));
}
