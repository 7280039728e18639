/**
 * How the app serves the page (functions/http/page.ts): index.html uncached, hashed assets cached for a year, and
 * a clear 503 where the page is not built. The global setup has built web/dist.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newApi } from '../../functions/http/api.js';
import { DEFAULT_WEB_ROOT, pageRoutes } from '../../functions/http/page.js';

describe('serving the page', () => {
  it('sends index.html without caching and its hashed assets cached for a year', async () => {
    const app = newApi();
    pageRoutes(app);
    const home = await app.request('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('cache-control')).toBe('no-cache');
    const html = await home.text();
    expect(html).toBe(await readFile(join(DEFAULT_WEB_ROOT, 'index.html'), 'utf8'));
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const path of assets) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
    }
    expect((await app.request('/assets/no-such-file.js')).status).not.toBe(200);
  });

  it('says how to build the page where it is not built, instead of failing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'pp-web-'));
    try {
      const app = newApi();
      pageRoutes(app, empty);
      const res = await app.request('/');
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(text).toContain('npm run build:web');
      expect(text).toContain('Sidan är inte byggd');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
