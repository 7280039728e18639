/**
 * /docs: Swagger UI for /openapi.json, served from the installed package swagger-ui-dist, never from a CDN
 * (architecture.md: nothing is loaded from outside). The page has no inline script: the start-up script is a
 * file of its own, so the app's Content-Security-Policy (script-src 'self') holds here too.
 *
 * The package's files are read on first request and kept in memory; they only change with the package, so
 * they are sent with an ETag and a day of caching. On Lambda they are read from the copies the stack puts beside
 * the bundle (docs-files.ts).
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { DOCS_FILES, readDocsFile } from './docs-files.js';

/**
 * BaseLayout without the standalone preset: no top bar in which a visitor could load another host's document.
 * validatorUrl 'none': Swagger UI would otherwise send the document's URL to validator.swagger.io for a badge.
 */
const INIT_SCRIPT = `'use strict';
window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.dataset.url,
    domNode: root,
    deepLinking: true,
    validatorUrl: 'none',
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

export function docsPage(specUrl: string): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Placeringsprognos API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui" data-url="${specUrl}"></div>
<noscript>Swagger UI needs JavaScript; the document itself is <a href="${specUrl}">${specUrl}</a>.</noscript>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;
}

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
  etag: string;
}

const cache = new Map<string, Promise<Asset>>();

function asset(name: string, load: () => Promise<Uint8Array | string>, type: string): Promise<Asset> {
  let found = cache.get(name);
  if (!found) {
    found = load().then((content) => {
      const body = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
      return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    });
    // A failed read is not kept: the next request tries again.
    found.catch(() => cache.delete(name));
    cache.set(name, found);
  }
  return found;
}

function send(c: Context, a: Asset, cacheControl: string): Response {
  const headers = { 'Content-Type': a.type, ETag: a.etag, 'Cache-Control': cacheControl };
  if (c.req.header('If-None-Match') === a.etag) return c.body(null, 304, headers);
  return c.body(a.body, 200, headers);
}

/** The docs page and its files, to mount at /docs. */
export function docsRoutes(specUrl: string): Hono {
  const docs = new Hono();
  // The page and the start-up script are small and change with the app: revalidated on every load.
  docs.get('/', async (c) =>
    send(c, await asset(`page ${specUrl}`, async () => docsPage(specUrl), 'text/html; charset=utf-8'), 'no-cache'),
  );
  docs.get('/init.js', async (c) => send(c, await asset('init.js', async () => INIT_SCRIPT, 'text/javascript; charset=utf-8'), 'no-cache'));
  for (const [name, type] of Object.entries(DOCS_FILES)) {
    docs.get(`/${name}`, async (c) => send(c, await asset(name, () => readDocsFile(name), type), 'public, max-age=86400'));
  }
  return docs;
}
