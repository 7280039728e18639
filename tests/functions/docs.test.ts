/**
 * Nothing from outside: no page of the app makes a browser load anything from another host (the docs are
 * served from the installed swagger-ui-dist), the Content-Security-Policy allows only this origin, and every
 * answer carries the usual security headers.
 *
 * What is checked is what makes a browser load something: src and href in HTML, url() in CSS, and the CSP,
 * which the browser enforces for every fetch the scripts make. Swagger UI's bundle also holds URLs as plain
 * text (JSON Schema ids, links in specification texts, the default validator host); those are tolerated
 * because nothing loads them: the validator is switched off in /docs/init.js (checked below), and any other
 * request to another host would be refused by connect-src / img-src 'self'.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_DOCS_FOLDER, installedDocsFile, readDocsFile } from '../../functions/http/docs-files.js';
import { startHarness, type Harness } from './harness.js';

const ORIGIN = 'http://localhost';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ workers: 1 });
});

afterAll(async () => {
  await h?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => h.app.request(`${ORIGIN}${path}`, { headers });

/** Every URL an HTML page makes the browser load or link to. */
function htmlReferences(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href|action|srcset|poster|data)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
}

function cssReferences(css: string): string[] {
  return [...css.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/g), ...css.matchAll(/@import\s+["']([^"']+)["']/g)].map((m) => m[2] ?? m[1]);
}

/** True for a reference that stays on this origin (relative, same origin, or inline data). */
function staysHome(ref: string): boolean {
  if (/^data:/i.test(ref)) return true;
  return new URL(ref, `${ORIGIN}/docs`).origin === ORIGIN;
}

/** The CSP's directives, each with its sources. */
function cspDirectives(header: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

describe('nothing from outside', () => {
  it('/, /docs, every file /docs loads, and /openapi.json refer to no other host', async () => {
    const home = await get('/');
    const docs = await get('/docs');
    const docsHtml = await docs.text();
    const loaded = htmlReferences(docsHtml);
    const spec = await get('/openapi.json');

    expect(home.status).toBe(200);
    expect(docs.status).toBe(200);
    const homeHtml = await home.text();
    expect(htmlReferences(homeHtml).filter((r) => !staysHome(r))).toEqual([]);
    expect(homeHtml).not.toMatch(/<style\b|\sstyle\s*=|<script\b(?![^>]*\ssrc=)/i);
    for (const ref of htmlReferences(homeHtml)) expect((await get(new URL(ref, `${ORIGIN}/`).pathname)).status, ref).toBe(200);
    expect(loaded.filter((r) => !staysHome(r))).toEqual([]);
    expect(loaded).toEqual(expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/init.js']));
    for (const ref of loaded) {
      const res = await get(new URL(ref, `${ORIGIN}/docs`).pathname);
      expect(res.status, ref).toBe(200);
      const type = res.headers.get('content-type') ?? '';
      if (type.startsWith('text/css'))
        expect(
          cssReferences(await res.text()).filter((r) => !staysHome(r)),
          ref,
        ).toEqual([]);
      if (type.startsWith('text/html'))
        expect(
          htmlReferences(await res.text()).filter((r) => !staysHome(r)),
          ref,
        ).toEqual([]);
    }
    expect(spec.status).toBe(200);
    expect(await spec.text()).not.toMatch(/https?:\/\//);
  });

  it('the page has no inline script, and its start-up script reads this origin only, with the validator off', async () => {
    const html = await (await get('/docs')).text();
    const init = await (await get('/docs/init.js')).text();

    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\ssrc=/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<style\b|\sstyle\s*=/i);
    expect(html).toContain('data-url="/openapi.json"');
    expect(init).toMatch(/validatorUrl:\s*'none'/);
    expect(init).not.toMatch(/https?:\/\//);
  });

  it('the Content-Security-Policy allows this origin only: nothing inline, no eval', async () => {
    for (const path of ['/', '/docs', '/docs/init.js', '/openapi.json', '/api/v1/models']) {
      const csp = cspDirectives((await get(path)).headers.get('content-security-policy'));

      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp.get('style-src'), path).toEqual(["'self'"]);
      for (const [name, sources] of csp) {
        for (const source of sources) expect(["'self'", "'none'", 'data:'], `${path} ${name}`).toContain(source);
      }
    }
  });

  it('every answer carries the security headers, problems included', async () => {
    const answers = {
      home: await get('/'),
      docs: await get('/docs'),
      bundle: await get('/docs/swagger-ui-bundle.js'),
      spec: await get('/openapi.json'),
      unauthorised: await get('/api/v1/models'),
      unknown: await get('/no-such-page'),
    };

    expect(answers.unauthorised.status).toBe(401);
    expect(answers.unknown.status).toBe(404);
    for (const [name, res] of Object.entries(answers)) {
      expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), name).toBe('DENY');
      expect(res.headers.get('referrer-policy'), name).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy'), name).toBe('same-origin');
      expect(res.headers.get('content-security-policy'), name).toBeTruthy();
    }
  });

  it("serves Swagger UI's files with caching headers and answers 304 to a known ETag", async () => {
    const first = await get('/docs/swagger-ui-bundle.js');
    const etag = first.headers.get('etag') ?? '';
    const again = await get('/docs/swagger-ui-bundle.js', { 'If-None-Match': etag });

    expect(first.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect((await first.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect(etag).toMatch(/^W\/"[^"]+"$/);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});

describe("where Swagger UI's files are read", () => {
  it('beside the running file first (the Lambda bundle), else from the installed package', async () => {
    const bundle = await mkdtemp(join(tmpdir(), 'docs-bundle-'));
    try {
      await mkdir(join(bundle, BUNDLED_DOCS_FOLDER));
      await writeFile(join(bundle, BUNDLED_DOCS_FOLDER, 'swagger-ui.css'), 'copied');
      const beside = pathToFileURL(join(bundle, 'index.mjs')).href;

      expect((await readDocsFile('swagger-ui.css', beside)).toString()).toBe('copied');
      expect((await readDocsFile('favicon-32x32.png', beside)).equals(await readFile(installedDocsFile('favicon-32x32.png')))).toBe(true);
    } finally {
      await rm(bundle, { recursive: true, force: true });
    }
  });
});
