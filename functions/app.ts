/**
 * The Hono app, built from its ports so the same code serves on Node (server.ts) and on Lambda. Routes live in
 * routes/; this file wires authentication, limits, errors, the OpenAPI document and the docs page.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { ValidationError } from '../simulation/schema.js';
import { authenticate } from './auth/tokens.js';
import { newApi, type AppDeps, type AppEnv } from './http/api.js';
import { problem, validationProblem } from './http/problem.js';
import { calibrationRoutes } from './routes/calibrations.js';
import { modelRoutes } from './routes/models.js';
import { runRoutes } from './routes/runs.js';
import { tokenRoutes } from './routes/tokens.js';
import { BadCursor, Conflict, NotFound, TooManyQueued } from './store/port.js';

export type { AppDeps, AppEnv } from './http/api.js';

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = newApi();

  // The web page's future home; for now it points to the API and its documentation.
  app.get('/', (c) =>
    c.html(
      '<!doctype html><html lang="sv"><meta charset="utf-8"><title>Placeringsprognos</title>' +
        '<body style="font-family:system-ui;max-width:40rem;margin:3rem auto"><h1>Placeringsprognos</h1>' +
        '<p>Tjänsten är igång. API: <code>/api/v1</code> (bearer-token). Dokumentation: <a href="/docs">/docs</a>, ' +
        '<a href="/openapi.json">/openapi.json</a>.</p></body></html>',
    ),
  );

  app.get('/health', async (c) => {
    const ok = await deps.store.ping().catch(() => false);
    return ok ? c.json({ status: 'ok' }) : problem(c, 503, 'Tabellen nås inte / the table is not reachable');
  });

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => problem(c, 413, 'För stor begäran / body too large', 'Bodies are limited to 5 MB.'),
    }),
  );
  app.use('/api/*', async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const record = match ? await authenticate(deps.store, match[1]) : null;
    if (!record) {
      c.header('WWW-Authenticate', 'Bearer');
      return problem(
        c,
        401,
        'Inloggning krävs / authentication required',
        'Send a valid token as "Authorization: Bearer <token>" (npm run token -- create).',
      );
    }
    c.set('tenant', record.tenant);
    c.set('role', record.role);
    c.set('tokenId', record.tokenId);
    await next();
  });

  app.route('/api/v1', modelRoutes(deps));
  app.route('/api/v1', runRoutes(deps));
  app.route('/api/v1', tokenRoutes(deps));
  app.route('/api/v1', calibrationRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Placeringsprognos API',
      version: '1',
      description: 'Monte Carlo planning of placement costs. Models follow model-spec v1; results model-spec section 5.',
    },
    security: [{ bearer: [] }],
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json' }));

  app.notFound((c) => problem(c, 404, 'Hittades inte / not found'));
  app.onError((err, c) => {
    if (err instanceof ValidationError) return validationProblem(c, err.issues);
    if (err instanceof NotFound) return problem(c, 404, 'Hittades inte / not found', err.message);
    if (err instanceof Conflict) return problem(c, 409, 'Konflikt / conflict', err.message);
    if (err instanceof TooManyQueued) return problem(c, 429, 'För många körningar i kö / too many queued runs', err.message);
    if (err instanceof BadCursor)
      return problem(c, 400, 'Ogiltig markör / invalid cursor', 'Pass back a cursor exactly as a listing returned it.');
    if (err instanceof HTTPException) {
      const status = err.status >= 400 && err.status < 500 ? err.status : 400;
      return problem(c, status as 400, err.message || 'Felaktig begäran / bad request');
    }
    console.error(err);
    return problem(c, 500, 'Internt fel / internal error', 'The error has been logged.');
  });
  return app;
}
