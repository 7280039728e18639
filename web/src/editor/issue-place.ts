/** Where an issue is, in the model's own words: "HVB (köpt plats) › dailyCost.min" rather than `forms[2].dailyCost.min`. */
import { getAt } from './path.js';

const LIST_NAMES: Record<string, (item: unknown) => unknown> = {
  forms: (f) => getAt(f, ['label']),
  segments: (g) => getAt(g, ['label']),
  options: (o) => getAt(o, ['label']),
  inflow: (i) => getAt(i, ['segment']),
  initialCaseload: (c) => getAt(c, ['form']),
};

export function issuePlace(model: unknown, path: string): string {
  const m = /^(\w+)\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (!m || !LIST_NAMES[m[1]]) return path;
  const name = LIST_NAMES[m[1]](getAt(model, [m[1], Number(m[2])]));
  const head = typeof name === 'string' && name !== '' ? name : `${m[1]}[${m[2]}]`;
  return m[3] ? `${head} › ${m[3]}` : head;
}
