/**
 * The Hono app, built from its ports so the same code serves on Node (server.ts) and on Lambda. Routes live in
 * routes/; this file wires security headers, authentication, limits, errors, the OpenAPI document and the docs.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { authenticate, RecentTokens } from './auth/tokens.js';
import { allowedMethods } from './http/allowed-methods.js';
import { newApi, type AppDeps, type AppEnv } from './http/api.js';
import { docsRoutes } from './http/docs.js';
import { PayloadTooLarge, toHttpError, Unauthorized } from './http/errors.js';
import { healthRoute } from './http/health.js';
import { hasBody, strictJsonBodies } from './http/json-body.js';
import { pageRoutes } from './http/page.js';
import { problem } from './http/problem.js';
import { securityHeaders } from './http/security.js';
import { calibrationRoutes } from './routes/calibrations.js';
import { modelRoutes } from './routes/models.js';
import { runRoutes } from './routes/runs.js';
import { tokenRoutes } from './routes/tokens.js';

export type { AppDeps, AppEnv, RequestLogEntry } from './http/api.js';

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = newApi();

  const { onRequest } = deps;
  if (onRequest)
    app.use('*', async (c, next) => {
      const started = performance.now();
      await next();
      const ms = Math.round(performance.now() - started);
      onRequest({ method: c.req.method, path: c.req.path, status: c.res.status, ms, tenant: c.get('tenant') });
    });
  app.use('*', securityHeaders());

  pageRoutes(app, deps.webRoot);

  healthRoute(app, deps);

  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLarge('Bodies are limited to 5 MB.');
    },
  });
  app.use('/api/*', (c, next) => (hasBody(c.req.method) ? limitBody(c, next) : next()));
  // Tokens confirmed in the last minute still pass while the store is unreachable, so cached results are served.
  const recentTokens = new RecentTokens();
  app.use('/api/*', async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    // One space, as RFC 9110 writes it: a tab or a run of spaces is a malformed header, not a token.
    const match = /^Bearer ([\x21-\x7e]+)$/i.exec(header);
    const record = match ? await authenticate(deps.store, match[1], recentTokens) : null;
    if (!record) throw new Unauthorized('Send a valid token as "Authorization: Bearer <token>" (npm run token -- create).');
    c.set('tenant', record.tenant);
    c.set('role', record.role);
    c.set('tokenId', record.tokenId);
    await next();
  });
  app.use('/api/*', strictJsonBodies());

  app.route('/api/v1/models', modelRoutes(deps));
  app.route('/api/v1/runs', runRoutes(deps));
  app.route('/api/v1/tokens', tokenRoutes(deps, recentTokens));
  app.route('/api/v1/calibrations', calibrationRoutes(deps));

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
  app.route('/docs', docsRoutes('/openapi.json'));

  app.notFound((c) => {
    const allowed = allowedMethods(app.routes, c.req.path);
    if (allowed.length === 0) return problem(c, 404, 'Hittades inte / not found');
    c.header('Allow', allowed.join(', '));
    return problem(c, 405, 'Metoden stöds inte / method not allowed', `${c.req.method} is not answered here; ${allowed.join(', ')} are.`);
  });
  // The one place where errors become answers: handlers and middleware throw (http/errors.ts).
  app.onError((err, c) => {
    const known = toHttpError(err);
    if (!known) {
      console.error(err);
      return problem(c, 500, 'Internt fel / internal error', 'The error has been logged.');
    }
    for (const [name, value] of Object.entries(known.headers)) c.header(name, value);
    return problem(c, known.status, known.title, known.detail, known.extra);
  });
  return app;
}
