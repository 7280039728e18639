/**
 * Which screen is open, kept in the URL's hash (#/models, #/models/<id>, #/runs, #/runs/<id>) so that back,
 * forward and reload keep the screen. The hash holds ids only: never the token, which stays in sessionStorage.
 */
import { signal } from '@preact/signals';
import { hrefOf, parseRoute, type Route } from './routes.js';

export { hrefOf, type Route };

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
