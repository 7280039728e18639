/**
 * Keys that name an object's prototype machinery. JSON.parse makes them ordinary own properties, but a schema
 * that copies records into plain objects drops (`__proto__`) or misreads (`constructor`) them, so a model
 * could read back other than it was sent. They are refused wherever input is parsed, with their path.
 */
import type { Path } from './schema-parts.js';

export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A path as a chain back to the root, so that a deeply nested value costs no copying of paths. */
interface Step {
  key: string | number;
  up: Step | null;
}

function toPath(step: Step | null): Path {
  const path: Path = [];
  for (let s = step; s; s = s.up) path.push(s.key);
  return path.reverse();
}

/** The paths of reserved keys anywhere in a parsed JSON value, at most `max` of them, in document order. */
export function reservedKeyPaths(value: unknown, max = 20): Path[] {
  const found: Path[] = [];
  // Depth-first with an explicit stack: a deeply nested body must not overflow the call stack.
  const stack: { node: unknown; at: Step | null }[] = [{ node: value, at: null }];
  while (stack.length > 0 && found.length < max) {
    const { node, at } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const children: { node: unknown; at: Step }[] = [];
    if (Array.isArray(node)) node.forEach((child, i) => children.push({ node: child, at: { key: i, up: at } }));
    else
      for (const key of Object.keys(node)) {
        if (RESERVED_KEYS.has(key)) found.push(toPath({ key, up: at }));
        else children.push({ node: (node as Record<string, unknown>)[key], at: { key, up: at } });
      }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return found.slice(0, max);
}
