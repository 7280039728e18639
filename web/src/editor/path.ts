/** Reading and replacing one value deep inside the draft model without changing the rest (a new object per level). */
import { formatPath } from '../../../simulation/schema.js';

export type Path = readonly (string | number)[];

export { getAt } from './get-at.js';

/** `undefined` removes the key (an optional field left empty); in a list it removes the item. */
export function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = root.slice();
    const next = setAt(copy[key as number], rest, value);
    if (next === undefined && rest.length === 0) copy.splice(key as number, 1);
    else copy[key as number] = next;
    return copy;
  }
  const obj = root !== null && typeof root === 'object' ? { ...(root as Record<string, unknown>) } : {};
  const next = setAt(obj[key], rest, value);
  if (next === undefined) delete obj[key];
  else obj[key] = next;
  return obj;
}

/** An id for the field's input, the same for the same path, usable in `for` and `aria-describedby`. */
export function fieldId(path: Path): string {
  return 'ed-' + formatPath(path).replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The path as the engine's issues name it (`forms[2].dailyCost.min`), so a field finds its own issues. */
export const pathText = (path: Path): string => formatPath(path);
