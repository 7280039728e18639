/**
 * Which screen is open, kept in the URL's hash (#/models, #/models/<id>, #/runs, #/runs/<id>) so that back,
 * forward and reload keep the screen. The hash holds ids only: never the token, which stays in sessionStorage.
 */
import { signal } from '@preact/signals';

export type Route = { screen: 'models' } | { screen: 'model'; id: string } | { screen: 'runs' } | { screen: 'run'; id: string };

export function parseRoute(hash: string): Route {
  const [first, second, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const id = second ? decodeURIComponent(second) : '';
  if (rest.length === 0 && first === 'models' && id) return { screen: 'model', id };
  if (rest.length === 0 && first === 'runs' && id) return { screen: 'run', id };
  if (first === 'runs' && !second) return { screen: 'runs' };
  return { screen: 'models' };
}

export function hrefOf(route: Route): string {
  switch (route.screen) {
    case 'models':
      return '#/models';
    case 'runs':
      return '#/runs';
    case 'model':
      return `#/models/${encodeURIComponent(route.id)}`;
    case 'run':
      return `#/runs/${encodeURIComponent(route.id)}`;
  }
}

export const route = signal<Route>(parseRoute(location.hash));
addEventListener('hashchange', () => (route.value = parseRoute(location.hash)));

/** Opens a screen as a new history entry. */
export function navigate(next: Route): void {
  location.hash = hrefOf(next);
}

/**
 * Names the run just started in the URL without leaving the screen (and without a history entry of its own), so
 * a reload opens that run and follows it on.
 */
export function rememberRun(id: string): void {
  history.replaceState(history.state, '', hrefOf({ screen: 'run', id }));
}
