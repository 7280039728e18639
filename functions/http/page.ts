/**
 * The committee's page (web/, built by `npm run build:web` into web/dist) served at `/`: index.html is never
 * cached, so a new build shows at the next load; the hashed files under /assets/ never change under their
 * name, so they are cached for a year. Where the page is not built, `/` says so (503) instead of failing.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './api.js';
import { projectPath } from '../project-root.js';

/** Where `npm run build:web` writes the page. */
export const DEFAULT_WEB_ROOT = projectPath('web/dist');

const NOT_BUILT =
  '<!doctype html><html lang="sv"><meta charset="utf-8"><title>Placeringsprognos</title>' +
  '<link rel="stylesheet" href="/site.css"><body><h1>Placeringsprognos</h1>' +
  '<p>Sidan är inte byggd. Kör <code>npm run build:web</code> (eller <code>npm start</code>, som bygger den) och ladda om.</p>' +
  '<p lang="en">The page is not built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p>' +
  '<p>API: <code>/api/v1</code> (bearer-token). Dokumentation / documentation: <a href="/docs">/docs</a>, ' +
  '<a href="/openapi.json">/openapi.json</a>.</p></body></html>';

export function pageRoutes(app: OpenAPIHono<AppEnv>, root: string = DEFAULT_WEB_ROOT): void {
  const index = join(root, 'index.html');

  app.get('/', async (c) => {
    c.header('Cache-Control', 'no-cache');
    if (!existsSync(index)) return c.html(NOT_BUILT, 503);
    return c.html(await readFile(index, 'utf8'));
  });

  // Made on first use: serveStatic complains at creation when its folder does not exist yet. The cache header is
  // set on its answer (its onFound hook runs after the body is made, too late to change the headers reliably).
  let assets: MiddlewareHandler | undefined;
  app.get('/assets/*', async (c, next) => {
    assets ??= serveStatic({ root });
    const res = await assets(c, next);
    if (res instanceof Response && res.status === 200) res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    return res;
  });

  // The not-built page's stylesheet. A file, not a style attribute: the CSP allows no inline style.
  app.get('/site.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body('body{font-family:system-ui;max-width:40rem;margin:3rem auto}\n');
  });
}
