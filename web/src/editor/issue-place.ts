/**
 * Where an issue is, in the editor's own words and the page's language: "HVB (köpt plats) › Dygnskostnad ›
 * Lägsta" rather than `forms[2].dailyCost.min`. The editor's list of errors, the preview's and the year-end
 * forecast's all say it so. A path into a whole run's input (`model.forms[2]…`, `scenarios[1].options[0]`) is
 * read the same way, a scenario by its label. No engine code here: the preview panel is in the page's first chunk.
 */
import { t } from '../i18n/index.js';
import { getAt } from './get-at.js';
import { effectIndex, PARAMS_OF_KIND, type PresetParam } from './preset-param-table.js';

type Strings = ReturnType<typeof t>;
type Part = string | number;

/** The editor's label of a field, by its key in the model; `inEffect`: the key is inside an option's effect. */
function fieldWord(s: Strings, key: string, parent: Part | undefined, inEffect = false): string {
  if (inEffect) {
    const word = s.edEffectField(key);
    if (word !== undefined) return word;
  }
  const words: Record<string, string> = {
    name: s.edName,
    description: s.edDescription,
    start: s.edStart,
    horizonMonths: s.edHorizon,
    annualPriceIncrease: s.edPriceIncrease,
    budget: s.edBudget,
    segments: s.edSegments,
    forms: s.edForms,
    inflow: s.edInflow,
    initialCaseload: s.edCaseload,
    options: s.edOptions,
    label: s.edFormLabel,
    id: s.edSegmentId,
    segment: s.edSegment,
    provider: s.edProvider,
    dailyCost: s.edDailyCost,
    lengthOfStayDays: s.edStay,
    capacity: s.edCapacity,
    overflowTo: s.edOverflow,
    fixedCostPerYear: s.edFixedCost,
    next: s.edNext,
    maxAgeYears: s.edMaxAge,
    episodesPerYear: s.edLevel,
    trendPerYear: s.edTrend,
    mix: s.edMix,
    seasonality: s.edSeasonality,
    ageAtEntry: s.edAgeAtEntry,
    count: s.edCount,
    elapsedDays: s.edElapsed,
    startDates: s.edStartDates,
    probability: s.edNextProbability,
    fromMonth: s.edParamName('fromMonth'),
    rampMonths: s.edParamName('rampMonths'),
  };
  if (key === 'form' && parent === 'next') return s.edNextForm;
  if (key === 'form' && parent === 'initialCaseload') return s.edCaseloadForm;
  return words[key] ?? s.edField(key);
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The label of an item of one of the model's lists found by id (a form, an option), else the id. */
function labelById(model: unknown, list: string, id: unknown): string | undefined {
  const items = getAt(model, [list]);
  const found = Array.isArray(items) ? (items as { id?: unknown; label?: unknown }[]).find((x) => x.id === id) : undefined;
  return text(found?.label) ?? text(id);
}

/** The name of one item of a list as the editor titles it, standing for the list's own word; undefined: numbered. */
function itemName(s: Strings, model: unknown, list: Part | undefined, item: unknown, k: number): string | undefined {
  switch (list) {
    case 'forms':
    case 'segments':
    case 'options':
    case 'scenarios':
      // A scenario names an option by its id.
      return typeof item === 'string' ? labelById(model, 'options', item) : (text(getAt(item, ['label'])) ?? text(getAt(item, ['id'])));
    case 'inflow':
      return s.edInflowOf(labelById(model, 'segments', getAt(item, ['segment'])) ?? '?');
    case 'initialCaseload':
      return `${s.edCaseloadRow(k + 1)} (${labelById(model, 'forms', getAt(item, ['form'])) ?? '?'})`;
    case 'effects':
      return s.edEffect(k + 1, s.edEffectType(String(getAt(item, ['type']))));
    case 'seasonality':
      return `${s.edSeasonality} ${s.edMonth(k)}`;
    default:
      return undefined;
  }
}

/**
 * The preset parameter an option of a known kind is edited through (options-section.tsx's ParamEditor), for a path
 * inside its effects (`rest` = [effect index, ...path in the effect]); with how many parts of `rest` it stands for.
 */
function presetParamAt(option: unknown, rest: readonly Part[]): { p: PresetParam; used: number } | undefined {
  const params = PARAMS_OF_KIND[String(getAt(option, ['kind']))];
  const j = rest[0];
  const p = params?.find(
    (q) => [q.effect, ...(q.alsoIn ?? [])].some((e) => effectIndex(option, e) === j) && q.path.every((x, n) => rest[1 + n] === x),
  );
  return p && { p, used: 1 + p.path.length };
}

/**
 * `scenarios`: the run's scenarios, for a path that starts with `scenarios[i]`. '' for an issue of the model as a
 * whole.
 */
export function issuePlace(model: unknown, path: string, scenarios: readonly unknown[] = []): string {
  const s = t();
  const parts: Part[] = [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]));
  // A run's input holds the model under `model`, a field the model itself does not have.
  if (parts[0] === 'model') parts.shift();
  const words: string[] = [];
  let cur: unknown = parts[0] === 'scenarios' ? { scenarios } : model;
  // The list or field the part belongs to: what a key or an index means depends on it.
  let parent: Part | undefined;
  // Past `effects[j]` of an option: its keys are named as the effect's fields are (perYear, multiplier, takes).
  let inEffect = false;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    // An option of a known kind is edited through its preset's parameters, so its issue is named by the parameter.
    const param = part === 'effects' && parts[k - 2] === 'options' ? presetParamAt(cur, parts.slice(k + 1)) : undefined;
    if (param) {
      words.push(s.edParamName(param.p.names[0]));
      cur = getAt(cur, parts.slice(k, k + 1 + param.used));
      parent = param.p.path[param.p.path.length - 1];
      inEffect = true;
      k += param.used;
      continue;
    }
    const item = getAt(cur, [part]);
    if (typeof part === 'number') {
      const name = itemName(s, model, parent, item, part);
      if (name !== undefined) words[words.length - 1] = name;
      else words[words.length - 1] += ` ${part + 1}`;
      if (parent === 'effects') inEffect = true;
    } else if (parent === 'mix') words.push(labelById(model, 'forms', part) ?? part);
    else if (parent === 'budget') words[words.length - 1] = s.edBudgetYear(part);
    else words.push(fieldWord(s, part, parent, inEffect));
    // Inside an item of `next` or of the caseload, `form` is still that list's.
    if (typeof part === 'string' || (parent !== 'next' && parent !== 'initialCaseload')) parent = part;
    cur = item;
  }
  // A scenario of one option is labelled as the option is: "Placeringscontroller", not said twice.
  return words.filter((w, k) => k === 0 || w !== words[k - 1]).join(' › ');
}
