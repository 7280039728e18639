/**
 * GET /health: 200 `{status: 'ok'}` when the table answers; otherwise 503 problem+json saying what the store is
 * doing (`store`: starting, restarting, failed, stopped, or unreachable), so a load balancer stops sending and a
 * person sees why. On the Node server the state comes from the DynamoDB Local supervisor; on Lambda there is none
 * and the table is simply pinged.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { StoreState, StoreStatus } from '../store/ddb-supervisor.js';
import type { Store } from '../store/port.js';
import type { AppEnv } from './api.js';
import { HttpError } from './errors.js';

/** Seconds a client is asked to wait before trying again while the store is coming back. */
export const RETRY_AFTER_SECONDS = 5;

const TITLES: Record<StoreState | 'unreachable', string> = {
  starting: 'Tabellen startar / the store is starting',
  ready: 'Tabellen nås inte / the table is not reachable',
  restarting: 'Tabellen startas om / the store is restarting',
  failed: 'Tabellen kunde inte startas om / the store could not be restarted',
  stopped: 'Tjänsten stängs / the service is shutting down',
  unreachable: 'Tabellen nås inte / the table is not reachable',
};

export function healthRoute(app: OpenAPIHono<AppEnv>, deps: { store: Store; storeStatus?: () => StoreStatus }): void {
  app.get('/health', async (c) => {
    const status = deps.storeStatus?.();
    if (status && status.state !== 'ready') throw storeProblem(status.state, status);
    const ok = await deps.store.ping().catch(() => false);
    if (!ok) throw storeProblem('unreachable', status);
    return c.json({ status: 'ok' });
  });
}

function storeProblem(state: StoreState | 'unreachable', status?: StoreStatus): HttpError {
  const comingBack = state === 'starting' || state === 'restarting' || state === 'unreachable';
  const detail =
    state === 'failed'
      ? `DynamoDB Local could not be restarted${status?.lastError ? ` (${status.lastError})` : ''}; restart the server once the cause is fixed.`
      : state === 'restarting'
        ? `DynamoDB Local is being restarted${status?.attempt ? ` (attempt ${status.attempt} of ${status.attempts})` : ''}; unfinished runs resume when it is back.`
        : undefined;
  return new HttpError(503, TITLES[state], detail, {
    extra: { store: state, ...(status ? { since: status.since, restarts: status.restarts } : {}) },
    headers: comingBack ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {},
  });
}
