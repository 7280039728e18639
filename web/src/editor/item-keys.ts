/**
 * Keys for the items of one of the model's lists (forms, inflows, ongoing placements, options) that stay with the
 * item when another one is removed. Keyed by place, the next item would take over the removed one's component:
 * its open section, and the focus on its remove button, so a second press removed the next item too. Items have no
 * id to key by that is always unique while the user types, but the draft changes only the path it sets
 * (path.ts's setAt), so every other item is the same object before and after: a removed or added item is found by
 * identity, and an item edited in place keeps its place's key.
 */
import { useRef } from 'preact/hooks';

interface Seen {
  items: readonly unknown[];
  keys: number[];
  next: number;
}

export function nextKeys(seen: Seen | null, items: readonly unknown[]): Seen {
  if (seen === null) return { items, keys: items.map((_, k) => k), next: items.length };
  if (seen.items === items) return seen;
  let next = seen.next;
  const used = new Set<number>();
  const keys = items.map((item) => {
    const j = seen.items.indexOf(item);
    if (j < 0 || used.has(seen.keys[j])) return -1;
    used.add(seen.keys[j]);
    return seen.keys[j];
  });
  const samePlaces = items.length === seen.items.length;
  for (let k = 0; k < keys.length; k++) {
    if (keys[k] >= 0) continue;
    // An item changed in place (the list kept its length) keeps its place's key, so its fields keep the focus.
    const same = samePlaces ? seen.keys[k] : undefined;
    if (same !== undefined && !used.has(same)) keys[k] = same;
    else keys[k] = next++;
    used.add(keys[k]);
  }
  return { items, keys, next };
}

/** One key per item of `items`, for `key=`; see above. */
export function useItemKeys(items: readonly unknown[]): number[] {
  const seen = useRef<Seen | null>(null);
  seen.current = nextKeys(seen.current, items);
  return seen.current.keys;
}
