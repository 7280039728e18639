/**
 * /docs: Swagger UI for /openapi.json, served from the installed package swagger-ui-dist, never from a CDN
 * (architecture.md: nothing is loaded from outside). The page has no inline script: the start-up script is a
 * file of its own, so the app's Content-Security-Policy (script-src 'self') holds here too.
 *
 * The package's files are read on first request and kept in memory; they only change with the package, so
 * they are sent with an ETag, gzip-compressed when the browser accepts it, and a day of caching. On Lambda they
 * are read from the copies the stack puts beside the bundle (docs-files.ts).
 */
import { Hono, type Context } from 'hono';
import { DOCS_FILES, readDocsFile } from './docs-files.js';
import { readyBody, sendReady, type ReadyBody } from './ready-body.js';

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

const cache = new Map<string, Promise<ReadyBody>>();

function asset(name: string, load: () => Promise<Uint8Array | string>, type: string): Promise<ReadyBody> {
  let found = cache.get(name);
  if (!found) {
    found = load().then((content) => readyBody(content, type));
    // A failed read is not kept: the next request tries again.
    found.catch(() => cache.delete(name));
    cache.set(name, found);
  }
  return found;
}

const send = (c: Context, a: ReadyBody, cacheControl: string): Response => sendReady(c, a, { 'Cache-Control': cacheControl });

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
