/**
 * The methods the app's routes answer at a path, for a 405's `Allow`: a wrong method on a resource that exists
 * (DELETE of a model, GET of a run's cancel) is not "not found", which would tell a script the resource is gone.
 */
interface RouteEntry {
  method: string;
  path: string;
}

const patterns = new Map<string, RegExp>();

/** Hono's route paths as expressions: `:id` (with or without its own `{…}` pattern) is one segment, `*` the rest. */
function patternOf(path: string): RegExp {
  let pattern = patterns.get(path);
  if (!pattern) {
    const parts = path.split('/').map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    });
    pattern = new RegExp(`^${parts.join('/')}$`);
    patterns.set(path, pattern);
  }
  return pattern;
}

export function allowedMethods(routes: readonly RouteEntry[], path: string): string[] {
  const methods = new Set<string>();
  // Middleware is registered as ALL: it answers nothing by itself.
  for (const r of routes) if (r.method !== 'ALL' && patternOf(r.path).test(path)) methods.add(r.method);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
