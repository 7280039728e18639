/**
 * Form and segment names as the records give them ("HVB", "Stödboende", "skyddat boende") turned into model ids
 * (`[a-z0-9_.-]`, at most 64 characters): lower case, accents dropped (å, ä → a, ö → o, é → e), every run of other
 * characters one `_`, none at either end. The name itself stays the form's or segment's label. Calibration, the backtest and the
 * page's stay curves all match records to the model through `modelId`, so they agree on which id a name has.
 */
import type { Episode } from './records.js';

/** The model schema's limit on an id (simulation/schema-parts.ts, `Id`). */
export const MAX_ID_LENGTH = 64;
/** Keys the model schema refuses anywhere (simulation/reserved-keys.ts): a mix keyed by them would not load. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

export function modelId(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export interface ModelIds {
  /** The episodes with `form` and `segment` replaced by their ids, in the same order. */
  episodes: Episode[];
  /** id -> the name in the records (the label). */
  formLabels: Map<string, string>;
  segmentLabels: Map<string, string>;
}

/**
 * The ids of every form and segment in the episodes. A RangeError, naming the row, when a name gives no usable
 * id, or when two different names would become the same id (the model could not tell them apart).
 */
export function toModelIds(episodes: readonly Episode[]): ModelIds {
  const formLabels = new Map<string, string>();
  const segmentLabels = new Map<string, string>();
  const firstRow = new Map<string, number>();
  const idOf = (kind: 'form' | 'segment', name: string, row: number, labels: Map<string, string>): string => {
    const id = modelId(name);
    const known = labels.get(id);
    if (known === undefined) {
      if (id.length > MAX_ID_LENGTH) {
        throw new RangeError(`row ${row}, ${kind}: the name ${JSON.stringify(name)} is longer than ${MAX_ID_LENGTH} characters`);
      }
      if (id === '') throw new RangeError(`row ${row}, ${kind}: the name ${JSON.stringify(name)} has no letter or digit to make an id of`);
      if (RESERVED.has(id)) throw new RangeError(`row ${row}, ${kind}: ${JSON.stringify(name)} is a reserved name; rename it`);
      labels.set(id, name);
      firstRow.set(`${kind}\u0000${id}`, row);
    } else if (known !== name) {
      throw new RangeError(
        `row ${row}, ${kind}: ${JSON.stringify(name)} and ${JSON.stringify(known)} (row ${firstRow.get(`${kind}\u0000${id}`)}) ` +
          `both become the model id "${id}"; give them names that differ in more than case, accents or punctuation`,
      );
    }
    return id;
  };
  const mapped = episodes.map((e) => {
    const form = idOf('form', e.form, e.row, formLabels);
    const segment = idOf('segment', e.segment, e.row, segmentLabels);
    const stepDownFrom = e.stepDownFrom === null ? null : modelId(e.stepDownFrom);
    return form === e.form && segment === e.segment && stepDownFrom === e.stepDownFrom ? e : { ...e, form, segment, stepDownFrom };
  });
  return { episodes: mapped, formLabels, segmentLabels };
}
