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

/**
 * What the preview compares for a draft: its own options, so an option removed in the editor leaves the preview
 * with its scenario (rather than naming an option the draft no longer has), and one added there is shown without
 * a tick (the ticks are of the saved version, which a full run plays). `draft` need not be valid.
 */
export function draftScenarios(draft: unknown, saved: readonly Option[], ticked: readonly string[]): PageScenario[] {
  const list = draft !== null && typeof draft === 'object' ? (draft as { options?: unknown }).options : undefined;
  const options = (Array.isArray(list) ? list : []).filter(
    (o): o is Option => o !== null && typeof o === 'object' && typeof o.id === 'string' && typeof o.label === 'string',
  );
  const savedIds = new Set(saved.map((o) => o.id));
  return pageScenarios(options, [...ticked, ...options.filter((o) => !savedIds.has(o.id)).map((o) => o.id)]);
}
