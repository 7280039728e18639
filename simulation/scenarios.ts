/**
 * Scenarios: which options each one switches on. Without a list, a comparison is the baseline plus one
 * scenario per option of the model. The first scenario is always the baseline (no options).
 */
import { z } from 'zod';
import { addedForm } from './effects/index.js';
import { checkOption, parseWith, ScenarioList, type Model, type Option, type Scenario } from './schema.js';

export interface ResolvedScenario {
  id: string;
  label: string;
  options: Option[];
}

export const BASELINE_ID = 'baseline';
export const BASELINE_LABEL = 'Nuläge';

export function defaultScenarios(model: Model): Scenario[] {
  return (model.options ?? []).map((o) => ({ id: o.id, label: o.label, options: [o.id] }));
}

/**
 * Resolves option ids and validates inline options against the model. A list whose first scenario has no
 * options uses it as the baseline; otherwise a baseline is put first.
 */
export function resolveScenarios(model: Model, input: unknown, prefix = 'scenarios'): ResolvedScenario[] {
  const list = parseWith(ScenarioList, input ?? defaultScenarios(model), [prefix]);
  const byId = new Map((model.options ?? []).map((o) => [o.id, o]));
  const inline = new Map<string, { option: Option; path: (string | number)[] }>();

  // Inline options are checked against the model with the same rules as the model's own options.
  const checked = z.array(z.unknown()).superRefine((_, ctx) => {
    list.forEach((s, i) => {
      s.options.forEach((o, j) => {
        const path = [i, 'options', j];
        if (typeof o === 'string') {
          if (!byId.has(o)) ctx.addIssue({ code: 'custom', path, message: `unknown option "${o}"` });
          return;
        }
        if (byId.has(o.id)) {
          ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `option id "${o.id}" is already used by the model` });
          return;
        }
        const seen = inline.get(o.id);
        if (seen && JSON.stringify(seen.option) !== JSON.stringify(o)) {
          ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `option id "${o.id}" is used for two different options` });
          return;
        }
        inline.set(o.id, { option: o, path });
        checkOption(ctx, o, path, model);
      });
      const ids = s.options.map((o) => (typeof o === 'string' ? o : o.id));
      if (new Set(ids).size !== ids.length)
        ctx.addIssue({ code: 'custom', path: [i, 'options'], message: 'names an option more than once' });
    });
    const ids = list.map((s) => s.id);
    const explicitBaseline = list.length > 0 && list[0].options.length === 0;
    ids.forEach((id, i) => {
      const first = ids.indexOf(id);
      if (first < i)
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `scenario id "${id}" is already used by scenarios[${first}]` });
    });
    list.forEach((s, i) => {
      if (s.id === BASELINE_ID && !(i === 0 && explicitBaseline)) {
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${BASELINE_ID}" is reserved for the first scenario without options` });
      }
    });
    if (list.length + (explicitBaseline ? 0 : 1) > 21) {
      ctx.addIssue({ code: 'custom', path: [], message: 'at most 20 scenarios besides the baseline' });
    }
    // Forms added by two options in one scenario would be the same unit twice.
    list.forEach((s, i) => {
      const added = new Set<string>();
      s.options.forEach((o, j) => {
        const opt = typeof o === 'string' ? byId.get(o) : o;
        opt?.effects.forEach((e) => {
          const form = addedForm(e)?.form;
          if (!form) return;
          if (added.has(form.id)) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'options', j],
              message: `adds form "${form.id}" that another option of this scenario adds too`,
            });
          }
          added.add(form.id);
        });
      });
    });
  });
  parseWith(checked, list, [prefix]);

  const resolved = list.map((s) => ({
    id: s.id,
    label: s.label,
    options: s.options.map((o) => (typeof o === 'string' ? (byId.get(o) as Option) : o)),
  }));
  if (resolved.length > 0 && resolved[0].options.length === 0) return resolved;
  return [{ id: BASELINE_ID, label: BASELINE_LABEL, options: [] }, ...resolved];
}
