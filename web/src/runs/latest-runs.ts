/**
 * When each model last ran, from the runs list (newest first), so the models list needs no field of its own.
 * Reads at most MAX_PAGES pages and stops as soon as every model is found: a model whose last run is older than
 * that reads as having none (the earlier runs screen pages further back).
 */
import { api } from '../api.js';

const PAGE = 100;
const MAX_PAGES = 5;

export async function latestRunDates(modelIds: string[]): Promise<Map<string, string>> {
  const latest = new Map<string, string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES && latest.size < modelIds.length; page++) {
    const { items, cursor: next } = await api.listRuns(cursor, PAGE);
    for (const run of items) if (!latest.has(run.modelId)) latest.set(run.modelId, run.timings.createdAt);
    if (!next) break;
    cursor = next;
  }
  return latest;
}
