/** Reading one value deep inside a draft model: a module without the engine's schema, for the page's first chunk. */
import type { Path } from './path.js';

export function getAt(root: unknown, path: Path): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}
