/**
 * The HTTP API against a real DynamoDB Local: every route as documented (models with versions and If-Match,
 * runs with progress, idempotency and pagination, results as JSON and CSV in both locales, the probability
 * endpoint against the result's own percentiles), the limits and errors (each a 4xx in problem+json), and the
 * same app on a real listening server. The API's result is compared number for number with the engine's
 * `simulate` for the same model, scenarios, trials and seed.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app.js';
import { createToken } from '../../functions/auth/tokens.js';
import { systemClock, type Executor, type RunRecord } from '../../functions/store/port.js';
import { ComparisonResultSchema, simulate, type ComparisonResult } from '../../simulation/index.js';
import { expectProblem, okJson, startHarness, waitForRun, type Harness } from './harness.js';

type Json = Record<string, any>;

const example = (name: string): Json => JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Json;
const SMALL = example('small-municipality.json');
const REFERENCE = example('reference-midsize.json');

/** The main run: small enough to finish in seconds, large enough to be seen running. */
const MAIN_TRIALS = 2_000;
const MAIN_SEED = 42;

const MB5 = 5 * 1024 * 1024;

let h: Harness;
let modelId: string;
/** What POST /runs answered for the main run, and what was seen right after it. */
let mainPost: { status: number; body: Json; location: string | null };
let early: { statusBefore: string; result: Response; resultBody: Json };
/** Every status GET /runs/{id} gave while the main run went on (polled every 40 ms). */
let observed: Promise<Json[]>;

/** A token of a tenant of its own, so a test's counts (runs, queue) are not shared with the others. */
async function tenantToken(tenant: string, role: 'viewer' | 'editor' | 'admin' = 'editor'): Promise<string> {
  return (await createToken(h.store, tenant, role, new Date(), `api test ${tenant}`)).token;
}

async function postModel(token: string, model: Json): Promise<string> {
  const body = await okJson(await h.request('/api/v1/models', { method: 'POST', token, json: model }), 201);
  return body.id as string;
}

async function postRun(token: string, body: Json, headers: Record<string, string> = {}): Promise<Json> {
  return okJson(await h.request('/api/v1/runs', { method: 'POST', token, json: body, headers }), 202);
}

async function finishedRun(token: string, body: Json): Promise<string> {
  const { id } = await postRun(token, body);
  const end = await waitForRun(h, token, id);
  expect(end.status, end.error).toBe('succeeded');
  return id as string;
}

/** Every page of a listing, following cursors; fails on a loop. */
async function allPages(path: string, token: string, limit: number): Promise<Json[][]> {
  const pages: Json[][] = [];
  let cursor: string | undefined;
  do {
    const q = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const page = await okJson(await h.request(`${path}?${q}`, { token }));
    pages.push(page.items as Json[]);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.cursor !== undefined) {
      expect(typeof page.cursor).toBe('string');
      expect(page.items.length).toBe(limit);
    }
    cursor = page.cursor as string | undefined;
    expect(pages.length).toBeLessThan(100);
  } while (cursor);
  return pages;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  h = await startHarness();
  modelId = await postModel(h.alfa.editor, SMALL);
  // The main run starts first, so the executor picks it up at once; the rest of the file runs meanwhile.
  const res = await h.request('/api/v1/runs', {
    method: 'POST',
    token: h.alfa.editor,
    json: { modelId, trials: MAIN_TRIALS, seed: MAIN_SEED },
  });
  mainPost = { status: res.status, body: (await res.json()) as Json, location: res.headers.get('Location') };
  const id = mainPost.body.id as string;
  const before = (await (await h.request(`/api/v1/runs/${id}`, { token: h.alfa.viewer })).json()) as Json;
  const result = await h.request(`/api/v1/runs/${id}/result`, { token: h.alfa.viewer });
  early = { statusBefore: before.status as string, result, resultBody: (await result.clone().json()) as Json };
  observed = (async () => {
    const seen: Json[] = [before];
    const deadline = Date.now() + 100_000;
    for (;;) {
      const s = (await (await h.request(`/api/v1/runs/${id}`, { token: h.alfa.viewer })).json()) as Json;
      seen.push(s);
      if (s.status === 'succeeded' || s.status === 'failed' || Date.now() > deadline) return seen;
      await sleep(40);
    }
  })();
});

afterAll(async () => {
  await h?.close();
});

// ---------------------------------------------------------------------------------------------------------

describe('service routes', () => {
  it('GET /health answers 200', async () => {
    expect(await okJson(await h.request('/health'))).toEqual({ status: 'ok' });
  });

  it('GET /openapi.json is an OpenAPI 3.1 document listing every route', async () => {
    const doc = await okJson(await h.request('/openapi.json'));
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBeTruthy();
    const expected: [string, string][] = [
      ['post', '/api/v1/models'],
      ['get', '/api/v1/models'],
      ['get', '/api/v1/models/{id}'],
      ['put', '/api/v1/models/{id}'],
      ['get', '/api/v1/models/{id}/versions/{n}'],
      ['get', '/api/v1/models/{id}/versions'],
      ['post', '/api/v1/runs'],
      ['get', '/api/v1/runs'],
      ['get', '/api/v1/runs/{id}'],
      ['get', '/api/v1/runs/{id}/result'],
      ['get', '/api/v1/runs/{id}/result.csv'],
      ['get', '/api/v1/runs/{id}/result.xlsx'],
      ['get', '/api/v1/runs/{id}/probability'],
      ['post', '/api/v1/tokens'],
      ['get', '/api/v1/tokens'],
      ['delete', '/api/v1/tokens/{tokenId}'],
    ];
    for (const [method, path] of expected) {
      expect(doc.paths?.[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    }
    // The model body is documented from the engine's schema, not as an opaque object.
    const modelSchema = doc.paths['/api/v1/models'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(modelSchema)).toContain('horizonMonths');
    // So is the result: the contract of model-spec section 5, field by field.
    const resultSchema = JSON.stringify(doc.paths['/api/v1/runs/{id}/result'].get.responses['200'].content['application/json'].schema);
    for (const field of ['censusAtPeriodEnd', 'probExceed', 'expectedOverrun', 'probSaving', 'medianMonth', 'sensitivity', 'mcse']) {
      expect(resultSchema, field).toContain(`"${field}"`);
    }
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('GET /docs serves the Swagger UI page for /openapi.json', async () => {
    const res = await h.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/swagger/i);
    expect(html).toContain('/openapi.json');
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('models', () => {
  let id: string;
  let v1: Json;
  const edited = { ...structuredClone(SMALL), name: 'Småkommun, reviderad', description: 'Andra versionen' };

  it('POST /models answers 201 with {id, version: 1} and an ETag', async () => {
    const res = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: SMALL });
    expect(res.headers.get('ETag')).toBe('"1"');
    const body = await okJson(res, 201);
    expect(body).toEqual({ id: expect.any(String), version: 1 });
    id = body.id as string;
    expect(res.headers.get('Location')).toBe(`/api/v1/models/${id}`);
  });

  it('GET /models/{id} gives the latest version as saved, with its ETag', async () => {
    const res = await h.request(`/api/v1/models/${id}`, { token: h.alfa.viewer });
    expect(res.headers.get('ETag')).toBe('"1"');
    v1 = await okJson(res);
    expect(v1).toMatchObject({ id, version: 1, createdAt: expect.any(String) });
    expect(v1.model).toEqual(SMALL);
  });

  it('GET /models lists the model with its latest version', async () => {
    const list = await okJson(await h.request('/api/v1/models?limit=100', { token: h.alfa.viewer }));
    const head = (list.items as Json[]).find((m) => m.id === id);
    expect(head).toMatchObject({ id, name: SMALL.name, latestVersion: 1 });
  });

  it('PUT /models/{id} with If-Match "1" saves version 2; version 1 stays readable and unchanged', async () => {
    const res = await h.request(`/api/v1/models/${id}`, {
      method: 'PUT',
      token: h.alfa.editor,
      json: edited,
      headers: { 'If-Match': '"1"' },
    });
    expect(res.headers.get('ETag')).toBe('"2"');
    expect(await okJson(res)).toEqual({ id, version: 2 });

    const latest = await h.request(`/api/v1/models/${id}`, { token: h.alfa.viewer });
    expect(latest.headers.get('ETag')).toBe('"2"');
    const l = await okJson(latest);
    expect(l).toMatchObject({ id, version: 2 });
    expect(l.model).toEqual(edited);

    const old = await h.request(`/api/v1/models/${id}/versions/1`, { token: h.alfa.viewer });
    expect(old.headers.get('ETag')).toBe('"1"');
    expect(await okJson(old)).toEqual(v1);

    const two = await okJson(await h.request(`/api/v1/models/${id}/versions/2`, { token: h.alfa.viewer }));
    expect(two).toEqual(l);
    // Only plain decimal digits name a version: no second address for version 1.
    for (const n of ['1.0', '0x1', '%201', '1e0', '+1', '0']) {
      const res = await h.request(`/api/v1/models/${id}/versions/${n}`, { token: h.alfa.viewer });
      expect([n, res.status]).toEqual([n, 400]);
      await expectProblem(res, 400);
    }

    const list = await okJson(await h.request('/api/v1/models?limit=100', { token: h.alfa.viewer }));
    expect((list.items as Json[]).find((m) => m.id === id)).toMatchObject({ name: edited.name, latestVersion: 2 });
  });

  it('a version that does not exist is 404', async () => {
    await expectProblem(await h.request(`/api/v1/models/${id}/versions/3`, { token: h.alfa.viewer }), 404);
    await expectProblem(await h.request('/api/v1/models/no-such-model', { token: h.alfa.viewer }), 404);
    await expectProblem(await h.request('/api/v1/models/no-such-model/versions/1', { token: h.alfa.viewer }), 404);
  });

  it('PUT with a stale If-Match is 409 problem+json and saves nothing', async () => {
    const body = await expectProblem(
      await h.request(`/api/v1/models/${id}`, { method: 'PUT', token: h.alfa.editor, json: SMALL, headers: { 'If-Match': '"1"' } }),
      409,
    );
    expect(body.latestVersion).toBe(2);
    await expectProblem(
      await h.request(`/api/v1/models/${id}`, { method: 'PUT', token: h.alfa.editor, json: SMALL, headers: { 'If-Match': '"7"' } }),
      409,
    );
    const latest = await okJson(await h.request(`/api/v1/models/${id}`, { token: h.alfa.viewer }));
    expect(latest.version).toBe(2);
    expect(latest.model).toEqual(edited);
  });

  it('PUT without If-Match is 428 and saves nothing', async () => {
    await expectProblem(await h.request(`/api/v1/models/${id}`, { method: 'PUT', token: h.alfa.editor, json: SMALL }), 428);
    expect((await okJson(await h.request(`/api/v1/models/${id}`, { token: h.alfa.viewer }))).version).toBe(2);
  });

  it("PUT with an If-Match that is not one version's tag is refused as written (400), with * as missing (428); nothing is saved", async () => {
    const put = (ifMatch: string) =>
      h.request(`/api/v1/models/${id}`, { method: 'PUT', token: h.alfa.editor, json: SMALL, headers: { 'If-Match': ifMatch } });
    for (const bad of ['"0x2"', '"2.0"', '"1e0"', '2', '"02"', '"abc"', '"1", "2"']) {
      expect((await expectProblem(await put(bad), 400)).detail, bad).toMatch(/^If-Match must be one version's entity tag/);
    }
    expect((await expectProblem(await put('*'), 428)).detail).toMatch(/would save over whichever version/);
    expect((await okJson(await h.request(`/api/v1/models/${id}`, { token: h.alfa.viewer }))).version).toBe(2);
  });

  it('PUT of an unknown model is 404', async () => {
    await expectProblem(
      await h.request('/api/v1/models/no-such-model', { method: 'PUT', token: h.alfa.editor, json: SMALL, headers: { 'If-Match': '"1"' } }),
      404,
    );
  });

  it('of concurrent PUTs with the same If-Match exactly one wins; the others get 409', async () => {
    const bodies = [0, 1, 2, 3, 4].map((i) => ({ ...structuredClone(SMALL), name: `Samtidig ${i}` }));
    const answers = await Promise.all(
      bodies.map((json) =>
        h.request(`/api/v1/models/${id}`, { method: 'PUT', token: h.alfa.editor, json, headers: { 'If-Match': '"2"' } }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    const winner = answers.findIndex((r) => r.status === 200);
    const latest = await okJson(await h.request(`/api/v1/models/${id}`, { token: h.alfa.viewer }));
    expect(latest.version).toBe(3);
    expect(latest.model).toEqual(bodies[winner]);
    await expectProblem(await h.request(`/api/v1/models/${id}/versions/4`, { token: h.alfa.viewer }), 404);
    expect((await okJson(await h.request(`/api/v1/models/${id}/versions/1`, { token: h.alfa.viewer }))).model).toEqual(SMALL);
  });

  it('GET /models paginates with limit and cursor', async () => {
    const token = await tenantToken('api-models');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await postModel(token, { ...structuredClone(SMALL), name: `Modell ${i}` }));
    const pages = await allPages('/api/v1/models', token, 2);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const seen = pages.flat().map((m) => m.id as string);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...ids].sort());
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('runs', () => {
  let result: ComparisonResult;
  let resultText: string;

  it('POST /runs answers 202 with {id, status}', () => {
    expect(mainPost.status).toBe(202);
    expect(mainPost.body).toEqual({ id: expect.any(String), status: 'queued' });
    expect(mainPost.location).toBe(`/api/v1/runs/${mainPost.body.id}`);
  });

  it('GET /runs/{id}/result before the run has finished is 409', async () => {
    expect(['queued', 'running']).toContain(early.statusBefore);
    expect(early.result.status).toBe(409);
    expect(early.result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(early.resultBody.title).toBeTruthy();
    expect(['queued', 'running']).toContain(early.resultBody.runStatus);
  });

  it('GET /runs/{id} shows progress (trials done of total) and timings while it runs and when done', async () => {
    const seen = await observed;
    const last = seen[seen.length - 1];
    expect(last.status).toBe('succeeded');
    for (const s of seen) {
      expect(s).toMatchObject({ id: mainPost.body.id, modelId, modelVersion: 1, trials: MAIN_TRIALS, seed: MAIN_SEED });
      expect(s.progress.trials).toBe(MAIN_TRIALS);
      expect(s.progress.trialsDone).toBeGreaterThanOrEqual(0);
      expect(s.progress.trialsDone).toBeLessThanOrEqual(MAIN_TRIALS);
      expect(typeof s.timings.createdAt).toBe('string');
    }
    // Progress never goes back, and it was seen part way.
    for (let i = 1; i < seen.length; i++) expect(seen[i].progress.trialsDone).toBeGreaterThanOrEqual(seen[i - 1].progress.trialsDone);
    expect(seen.some((s) => s.status === 'running' && s.progress.trialsDone > 0 && s.progress.trialsDone < MAIN_TRIALS)).toBe(true);
    expect(last.progress.trialsDone).toBe(MAIN_TRIALS);
    expect(last.progress.chunksDone).toBe(last.progress.chunks);
    const t = last.timings;
    const [created, started, finished] = [Date.parse(t.createdAt), Date.parse(t.startedAt), Date.parse(t.finishedAt)];
    expect(created).toBeLessThanOrEqual(started);
    expect(started).toBeLessThanOrEqual(finished);
    expect(t.durationMs).toBe(finished - started);
  });

  it('GET /runs/{id}/result equals simulate() of the same model, scenarios, trials and seed, number for number', async () => {
    await observed;
    const res = await h.request(`/api/v1/runs/${mainPost.body.id}/result`, { token: h.alfa.viewer });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    resultText = await res.text();
    result = JSON.parse(resultText) as ComparisonResult;
    const expected = simulate({ model: SMALL, trials: MAIN_TRIALS, seed: MAIN_SEED });
    expect(result.version).toBe(1);
    expect(result.trials).toBe(MAIN_TRIALS);
    expect(result.seed).toBe(MAIN_SEED);
    expect(result.scenarios.map((s) => s.id)).toEqual(['baseline', ...SMALL.options.map((o: Json) => o.id)]);
    expect(resultText).toBe(JSON.stringify(expected));
    expect(ComparisonResultSchema.safeParse(result).error).toBeUndefined();
  });

  it('result and result.csv come gzip-compressed to a client that accepts it, and 304 to one that has them', async () => {
    await observed;
    for (const path of [`/api/v1/runs/${mainPost.body.id}/result`, `/api/v1/runs/${mainPost.body.id}/result.csv?table=monthly`]) {
      const plain = await h.request(path, { token: h.alfa.viewer });
      const plainBytes = Buffer.from(await plain.arrayBuffer());
      const zipped = await h.request(path, { token: h.alfa.viewer, headers: { 'Accept-Encoding': 'br, gzip;q=0.8' } });
      const zippedBytes = Buffer.from(await zipped.arrayBuffer());
      const refused = await h.request(path, { token: h.alfa.viewer, headers: { 'Accept-Encoding': 'gzip;q=0, identity' } });

      expect(plain.headers.get('content-encoding'), path).toBeNull();
      expect(zipped.headers.get('content-encoding'), path).toBe('gzip');
      expect(zipped.headers.get('content-type'), path).toBe(plain.headers.get('content-type'));
      expect(zipped.headers.get('vary'), path).toBe('Accept-Encoding');
      expect(gunzipSync(zippedBytes).equals(plainBytes), path).toBe(true);
      expect(zippedBytes.byteLength * 2, path).toBeLessThan(plainBytes.byteLength);
      expect(refused.headers.get('content-encoding'), path).toBeNull();
      expect(Buffer.from(await refused.arrayBuffer()).equals(plainBytes), path).toBe(true);

      const etag = plain.headers.get('etag') ?? '';
      expect(etag, path).toMatch(/^W\/"[\w-]+"$/);
      expect(zipped.headers.get('etag'), path).toBe(etag);
      const again = await h.request(path, { token: h.alfa.viewer, headers: { 'If-None-Match': `"other", ${etag.slice(2)}` } });
      expect(again.status, path).toBe(304);
      expect(await again.text(), path).toBe('');
      expect(again.headers.get('etag'), path).toBe(etag);
      const stale = await h.request(path, { token: h.alfa.viewer, headers: { 'If-None-Match': '"other"' } });
      expect(stale.status, path).toBe(200);
      // Another tenant learns nothing from a tag: 404 before any 304.
      const other = await h.request(path, { token: h.beta.viewer, headers: { 'If-None-Match': etag } });
      expect(other.status, path).toBe(404);
    }
  });

  it('a run with explicit scenarios (an option id list and an inline option) equals simulate() too', async () => {
    const scenarios = [
      { id: 'tva', label: 'Controller och öppenvård', options: ['controller', 'oppenvard'] },
      { id: 'egen', label: 'Egen insats', options: [{ id: 'insats', label: 'Insats', effects: [{ type: 'cost', perYear: 250_000 }] }] },
    ];
    const runBody = { modelId, version: 1, scenarios, trials: 400, seed: 7 };
    // An inline option the engine refuses would fail here first, rather than as a 400 below.
    const expected = JSON.stringify(simulate({ model: SMALL, scenarios, trials: 400, seed: 7 }));
    const id = await finishedRun(h.alfa.editor, runBody);
    const text = await (await h.request(`/api/v1/runs/${id}/result`, { token: h.alfa.viewer })).text();
    expect(text).toBe(expected);
    expect((JSON.parse(text) as ComparisonResult).scenarios.map((s) => s.id)).toEqual(['baseline', 'tva', 'egen']);
    // The run's status names the scenarios it was asked for, so a list of runs can say which options each used.
    expect((await okJson(await h.request(`/api/v1/runs/${id}`, { token: h.alfa.viewer }))).scenarios).toEqual(scenarios);
  });

  it('a run of version 1 after the model got version 2 runs version 1', async () => {
    const id = await postModel(h.alfa.editor, SMALL);
    const changed = structuredClone(SMALL);
    changed.forms[0].dailyCost = { type: 'pert', min: 1680, mode: 1760, max: 2030 };
    await okJson(
      await h.request(`/api/v1/models/${id}`, { method: 'PUT', token: h.alfa.editor, json: changed, headers: { 'If-Match': '"1"' } }),
    );
    const [r1, r2] = [
      await finishedRun(h.alfa.editor, { modelId: id, version: 1, trials: 200, seed: 3 }),
      await finishedRun(h.alfa.editor, { modelId: id, trials: 200, seed: 3 }),
    ];
    const s1 = await okJson(await h.request(`/api/v1/runs/${r1}`, { token: h.alfa.viewer }));
    const s2 = await okJson(await h.request(`/api/v1/runs/${r2}`, { token: h.alfa.viewer }));
    expect([s1.modelVersion, s2.modelVersion]).toEqual([1, 2]);
    const t1 = await (await h.request(`/api/v1/runs/${r1}/result`, { token: h.alfa.viewer })).text();
    const t2 = await (await h.request(`/api/v1/runs/${r2}/result`, { token: h.alfa.viewer })).text();
    expect(t1).toBe(JSON.stringify(simulate({ model: SMALL, trials: 200, seed: 3 })));
    expect(t2).toBe(JSON.stringify(simulate({ model: changed, trials: 200, seed: 3 })));
  });

  it('the same Idempotency-Key twice returns the same run and creates only one', async () => {
    const token = await tenantToken('api-idem');
    const id = await postModel(token, SMALL);
    const body = { modelId: id, trials: 100, seed: 5 };
    const a = await postRun(token, body, { 'Idempotency-Key': 'retry-1' });
    const b = await postRun(token, body, { 'Idempotency-Key': 'retry-1' });
    expect(b.id).toBe(a.id);
    let list = await okJson(await h.request('/api/v1/runs', { token }));
    expect((list.items as Json[]).map((r) => r.id)).toEqual([a.id]);

    // Concurrent retries too: one run, the same id for every answer.
    const answers = await Promise.all([0, 1, 2, 3].map(() => postRun(token, { ...body, seed: 6 }, { 'Idempotency-Key': 'retry-2' })));
    expect(new Set(answers.map((x) => x.id)).size).toBe(1);
    expect(answers[0].id).not.toBe(a.id);
    list = await okJson(await h.request('/api/v1/runs', { token }));
    expect((list.items as Json[]).map((r) => r.id).sort()).toEqual([a.id, answers[0].id].sort());

    // A different key is a different run; no key is always a new run.
    const c = await postRun(token, body, { 'Idempotency-Key': 'retry-3' });
    expect([a.id, answers[0].id]).not.toContain(c.id);
    for (const r of [a.id, answers[0].id, c.id]) expect((await waitForRun(h, token, r as string)).status).toBe('succeeded');
    // A retry after the run has finished still names it.
    const again = await postRun(token, body, { 'Idempotency-Key': 'retry-1' });
    expect(again.id).toBe(a.id);
    expect(again.status).toBe('succeeded');
    list = await okJson(await h.request('/api/v1/runs', { token }));
    expect(list.items).toHaveLength(3);
  });

  it('refuses the same Idempotency-Key with another body with a 422 naming the key, and starts nothing', async () => {
    const token = await tenantToken('api-idem-other');
    const id = await postModel(token, SMALL);
    const body = { modelId: id, trials: 100, seed: 5 };
    const first = await postRun(token, body, { 'Idempotency-Key': 'key-a' });
    const send = (json: Json) => h.request('/api/v1/runs', { method: 'POST', token, json, headers: { 'Idempotency-Key': 'key-a' } });

    for (const other of [
      { ...body, seed: 6 },
      { ...body, trials: 200 },
    ]) {
      const res = await send(other);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await res.json()) as Json;
      expect(problem.detail).toContain('Idempotency-Key "key-a" was used for another request');
      expect(problem).toMatchObject({ status: 422, idempotencyKey: 'key-a', runId: first.id });
    }
    // The same body again, with the version it resolved to named, is the same request.
    expect((await send({ ...body, version: 1 })).status).toBe(202);
    const list = await okJson(await h.request('/api/v1/runs', { token }));
    expect((list.items as Json[]).map((r) => r.id)).toEqual([first.id]);
  });

  it('GET /runs lists newest first and paginates with limit and an opaque cursor, without duplicates or gaps', async () => {
    const token = await tenantToken('api-pages');
    const id = await postModel(token, SMALL);
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { id: runId } = await postRun(token, { modelId: id, trials: 100, seed: 100 + i });
      created.push(runId as string);
      // One at a time: the queue limit is not what this test is about, and creation times stay distinct.
      await waitForRun(h, token, runId as string);
    }
    const newestFirst = [...created].reverse();
    for (const limit of [3, 2, 1]) {
      const pages = await allPages('/api/v1/runs', token, limit);
      expect(pages.length).toBe(Math.ceil(7 / limit));
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(pages.flat().map((r) => r.id)).toEqual(newestFirst);
    }
    const whole = await okJson(await h.request('/api/v1/runs?limit=100', { token }));
    expect(whole.cursor).toBeUndefined();
    const items = whole.items as Json[];
    expect(items.map((r) => r.id)).toEqual(newestFirst);
    for (let i = 1; i < items.length; i++)
      expect(Date.parse(items[i - 1].timings.createdAt)).toBeGreaterThanOrEqual(Date.parse(items[i].timings.createdAt));
    for (const r of items) expect(r).toMatchObject({ status: 'succeeded', progress: { trialsDone: 100, trials: 100 } });
    // Default page size is 20: all seven, no cursor.
    const first = await okJson(await h.request('/api/v1/runs', { token }));
    expect(first.items).toHaveLength(7);
    expect(first.cursor).toBeUndefined();
  });

  it('a bad cursor is 400 problem+json', async () => {
    const first = await okJson(await h.request('/api/v1/models?limit=1', { token: h.alfa.viewer }));
    expect(typeof first.cursor).toBe('string');
    const runsPage = await okJson(await h.request('/api/v1/runs?limit=1', { token: h.alfa.viewer }));
    expect(typeof runsPage.cursor).toBe('string');
    const bad = [
      'abc',
      'not a cursor',
      '%%%',
      Buffer.from('{"pk":"T#alfa","sk":"RUN#zzz","x":1}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      'x'.repeat(1999),
      first.cursor as string, // a models cursor is not a runs cursor
    ];
    for (const cursor of bad) {
      await expectProblem(await h.request(`/api/v1/runs?cursor=${encodeURIComponent(cursor)}`, { token: h.alfa.viewer }), 400);
    }
    await expectProblem(
      await h.request(`/api/v1/models?cursor=${encodeURIComponent(runsPage.cursor as string)}`, { token: h.alfa.viewer }),
      400,
    );
    await expectProblem(await h.request('/api/v1/models?cursor=abc', { token: h.alfa.viewer }), 400);
    await expectProblem(await h.request('/api/v1/runs?limit=0', { token: h.alfa.viewer }), 400);
    await expectProblem(await h.request('/api/v1/runs?limit=abc', { token: h.alfa.viewer }), 400);
  });

  it('an unknown run is 404 on every run route', async () => {
    for (const suffix of ['', '/result', '/result.csv', '/probability?period=2027&threshold=1']) {
      await expectProblem(await h.request(`/api/v1/runs/no-such-run${suffix}`, { token: h.alfa.viewer }), 404);
    }
  });

  it('odd ids in paths are 404 (or 400 when too long), never 500', async () => {
    const ids = [
      'a'.repeat(64),
      'a'.repeat(65),
      '%C3%A5%C3%A4%C3%B6',
      '%20',
      'x%23V%230000000001',
      '%00',
      'RUN%23x',
      '__proto__',
      'constructor',
      '1e999',
      `${modelId}%23`,
    ];
    const answers: string[] = [];
    for (const id of ids) {
      for (const path of [
        `/api/v1/models/${id}`,
        `/api/v1/models/${id}/versions/1`,
        `/api/v1/runs/${id}`,
        `/api/v1/runs/${id}/result`,
        `/api/v1/runs/${id}/result.csv`,
        `/api/v1/runs/${id}/probability?period=2027&threshold=1`,
      ]) {
        const res = await h.request(path, { token: h.alfa.viewer });
        const ok = (res.status === 404 || res.status === 400) && /^application\/problem\+json/.test(res.headers.get('content-type') ?? '');
        answers.push(`${path}: ${ok ? '4xx problem' : res.status}`);
        await res.body?.cancel();
      }
      const put = await h.request(`/api/v1/models/${id}`, {
        method: 'PUT',
        token: h.alfa.editor,
        json: SMALL,
        headers: { 'If-Match': '"1"' },
      });
      answers.push(`PUT ${id}: ${put.status === 404 || put.status === 400 ? '4xx problem' : put.status}`);
      await put.body?.cancel();
    }
    expect(answers.filter((a) => !a.endsWith('4xx problem'))).toEqual([]);
  });

  // -------------------------------------------------------------------------------------------------------

  describe('CSV export', () => {
    const textCols = new Set(['scenario_id', 'scenario_label', 'period', 'month', 'break_even_median_month']);
    const PERIODS = [
      'scenario_id',
      'scenario_label',
      'period',
      'cost_mean',
      'cost_sd',
      'cost_mcse',
      'cost_p5',
      'cost_p10',
      'cost_p25',
      'cost_p50',
      'cost_p75',
      'cost_p90',
      'cost_p95',
      'option_cost',
      'revenue',
      'care_days_mean',
      'admissions_mean',
      'overflows_mean',
      'census_end_mean',
      'budget',
      'budget_prob_exceed',
      'budget_expected_overrun',
      'delta_mean',
      'delta_ci95_low',
      'delta_ci95_high',
      'delta_p10',
      'delta_p50',
      'delta_p90',
      'prob_saving',
      'outcome_to_date',
    ];
    const FAN = ['p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95'];
    const MONTHLY = ['scenario_id', 'scenario_label', 'month', ...FAN.map((k) => `cost_${k}`), ...FAN.map((k) => `census_${k}`)];
    const DELTA = [
      'scenario_id',
      'scenario_label',
      'period',
      'delta_mean',
      'delta_ci95_low',
      'delta_ci95_high',
      'delta_p10',
      'delta_p50',
      'delta_p90',
      'prob_saving',
      'option_cost',
      'revenue',
      'break_even_prob',
      'break_even_median_month',
    ];

    interface Table {
      raw: Uint8Array;
      text: string;
      header: string[];
      rows: Record<string, string>[];
    }

    async function fetchCsv(locale: 'sv' | 'en', table: string): Promise<Table> {
      if (!result) await observed;
      const res = await h.request(`/api/v1/runs/${mainPost.body.id}/result.csv?locale=${locale}&table=${table}`, { token: h.alfa.viewer });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const raw = new Uint8Array(await res.arrayBuffer());
      // Decoded keeping the BOM: Response.text() would drop it silently.
      const text = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(raw);
      const records = parse(text, { delimiter: locale === 'sv' ? ';' : ',', bom: true, relax_column_count: false }) as string[][];
      const [header, ...data] = records;
      return { raw, text, header, rows: data.map((r) => Object.fromEntries(header.map((k, i) => [k, r[i]]))) };
    }

    const num = (cell: string, locale: 'sv' | 'en'): number => {
      expect(cell, `cell "${cell}"`).toMatch(locale === 'sv' ? /^-?\d+(,\d{1,6})?$/ : /^-?\d+(\.\d{1,6})?$/);
      return Number(locale === 'sv' ? cell.replace(',', '.') : cell);
    };
    /** Cells carry at most 6 decimals: equal to the JSON value within half a millionth (and float noise). */
    const close = (cell: string, locale: 'sv' | 'en', value: number | undefined, what: string) => {
      if (value === undefined) {
        expect(cell, what).toBe('');
        return;
      }
      expect(Math.abs(num(cell, locale) - value), `${what}: ${cell} vs ${value}`).toBeLessThanOrEqual(5e-7 + Math.abs(value) * 1e-15);
    };

    it('locale sv: ";" separator, decimal comma, UTF-8 BOM and CRLF; locale en: ",", "." and no BOM', async () => {
      await observed;
      const sv = await fetchCsv('sv', 'periods');
      const en = await fetchCsv('en', 'periods');
      expect([...sv.raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(en.raw[0]).not.toBe(0xef);
      for (const t of [sv, en]) {
        expect(t.text.endsWith('\r\n')).toBe(true);
        expect(t.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare line ends (labels here have none)
      }
      expect(sv.text.split('\r\n')[0]).toBe('\uFEFF' + sv.header.join(';'));
      expect(en.text.split('\r\n')[0]).toBe(en.header.join(','));
      // Same table in both: text cells equal, numbers equal with the decimal mark swapped.
      expect(sv.header).toEqual(en.header);
      expect(sv.rows.length).toBe(en.rows.length);
      sv.rows.forEach((row, i) => {
        for (const col of sv.header) {
          const a = row[col];
          const b = en.rows[i][col];
          if (textCols.has(col) || b === '') expect(a, col).toBe(b);
          else expect(num(a, 'sv'), col).toBe(num(b, 'en'));
        }
      });
      // Labels keep å, ä, ö (the BOM is what makes Swedish Excel read them right).
      expect(sv.rows[0].scenario_label).toBe('Nuläge');
    });

    for (const locale of ['sv', 'en'] as const) {
      it(`periods (${locale}): one row per scenario and period, documented header, values equal to the JSON result`, async () => {
        await observed;
        const t = await fetchCsv(locale, 'periods');
        const res = JSON.parse(
          await (await h.request(`/api/v1/runs/${mainPost.body.id}/result`, { token: h.alfa.viewer })).text(),
        ) as ComparisonResult;
        const forms: string[] = [];
        for (const s of res.scenarios)
          for (const p of res.periods) for (const f of Object.keys(s.periods[p].cost.byForm)) if (!forms.includes(f)) forms.push(f);
        expect(forms.slice(0, SMALL.forms.length)).toEqual(SMALL.forms.map((f: Json) => f.id));
        expect(t.header).toEqual([...PERIODS, ...forms.map((f) => `cost_${f}`)]);
        expect(t.rows).toHaveLength(res.scenarios.length * res.periods.length);
        expect(t.rows).toHaveLength(5 * 6);
        let i = 0;
        for (const s of res.scenarios) {
          for (const period of res.periods) {
            const row = t.rows[i++];
            const p = s.periods[period];
            const where = `${s.id}/${period}`;
            expect([row.scenario_id, row.scenario_label, row.period]).toEqual([s.id, s.label, period]);
            close(row.cost_mean, locale, p.cost.mean, `${where} cost_mean`);
            close(row.cost_sd, locale, p.cost.sd, `${where} cost_sd`);
            for (const k of FAN) close(row[`cost_${k}`], locale, p.cost[k as 'p50'], `${where} cost_${k}`);
            close(row.option_cost, locale, p.cost.optionCost, `${where} option_cost`);
            close(row.revenue, locale, p.cost.revenue, `${where} revenue`);
            close(row.budget, locale, p.budget?.amount, `${where} budget`);
            close(row.budget_prob_exceed, locale, p.budget?.probExceed, `${where} budget_prob_exceed`);
            close(row.delta_mean, locale, p.delta?.mean, `${where} delta_mean`);
            close(row.prob_saving, locale, p.delta?.probSaving, `${where} prob_saving`);
            for (const f of forms) close(row[`cost_${f}`], locale, p.cost.byForm[f], `${where} cost_${f}`);
          }
        }
        // The main run's baseline 2027 cost, explicitly: SEK, not MSEK.
        const row2027 = t.rows.find((r) => r.scenario_id === 'baseline' && r.period === '2027') as Record<string, string>;
        expect(num(row2027.cost_mean, locale)).toBeCloseTo(res.scenarios[0].periods['2027'].cost.mean, 5);
        expect(num(row2027.cost_mean, locale)).toBeGreaterThan(1e6);
      });

      it(`monthly (${locale}): one row per scenario and month`, async () => {
        await observed;
        const t = await fetchCsv(locale, 'monthly');
        const res = JSON.parse(
          await (await h.request(`/api/v1/runs/${mainPost.body.id}/result`, { token: h.alfa.viewer })).text(),
        ) as ComparisonResult;
        expect(t.header).toEqual(MONTHLY);
        expect(t.rows).toHaveLength(res.scenarios.length * res.months.length);
        expect(t.rows).toHaveLength(5 * 60);
        let i = 0;
        for (const s of res.scenarios) {
          res.months.forEach((month, m) => {
            const row = t.rows[i++];
            expect([row.scenario_id, row.scenario_label, row.month]).toEqual([s.id, s.label, month]);
            for (const k of FAN) {
              close(row[`cost_${k}`], locale, s.monthly.cost[k as 'p50'][m], `${s.id}/${month} cost_${k}`);
              close(row[`census_${k}`], locale, s.monthly.census[k as 'p50'][m], `${s.id}/${month} census_${k}`);
            }
          });
        }
        expect(t.rows[0].month).toBe('2026-01');
      });

      it(`delta (${locale}): one row per non-baseline scenario and period`, async () => {
        await observed;
        const t = await fetchCsv(locale, 'delta');
        const res = JSON.parse(
          await (await h.request(`/api/v1/runs/${mainPost.body.id}/result`, { token: h.alfa.viewer })).text(),
        ) as ComparisonResult;
        expect(t.header).toEqual(DELTA);
        expect(t.rows).toHaveLength((res.scenarios.length - 1) * res.periods.length);
        expect(t.rows).toHaveLength(4 * 6);
        let i = 0;
        for (const s of res.scenarios.slice(1)) {
          for (const period of res.periods) {
            const row = t.rows[i++];
            const d = s.periods[period].delta;
            expect([row.scenario_id, row.period]).toEqual([s.id, period]);
            close(row.delta_mean, locale, d?.mean, `${s.id}/${period} delta_mean`);
            close(row.delta_ci95_low, locale, d?.ci95[0], `${s.id}/${period} delta_ci95_low`);
            close(row.delta_p90, locale, d?.p90, `${s.id}/${period} delta_p90`);
            close(row.prob_saving, locale, d?.probSaving, `${s.id}/${period} prob_saving`);
            close(row.break_even_prob, locale, s.breakEven?.probWithinHorizon, `${s.id} break_even_prob`);
            expect(row.break_even_median_month).toBe(s.breakEven?.medianMonth ?? '');
          }
        }
        expect(t.rows.some((r) => r.scenario_id === 'baseline')).toBe(false);
      });
    }

    it('defaults to sv and periods; a bad locale or table is 400', async () => {
      await observed;
      const res = await h.request(`/api/v1/runs/${mainPost.body.id}/result.csv`, { token: h.alfa.viewer });
      expect(res.status).toBe(200);
      const raw = new Uint8Array(await res.arrayBuffer());
      expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder().decode(raw).startsWith('scenario_id;scenario_label;period;cost_mean;')).toBe(true);
      await expectProblem(await h.request(`/api/v1/runs/${mainPost.body.id}/result.csv?locale=de`, { token: h.alfa.viewer }), 400);
      await expectProblem(await h.request(`/api/v1/runs/${mainPost.body.id}/result.csv?table=yearly`, { token: h.alfa.viewer }), 400);
    });
  });

  // -------------------------------------------------------------------------------------------------------

  describe('probability', () => {
    const prob = async (query: string): Promise<Response> =>
      h.request(`/api/v1/runs/${mainPost.body.id}/probability?${query}`, { token: h.alfa.viewer });
    const p = async (period: string, scenario: string, threshold: number): Promise<number> => {
      const body = await okJson(await prob(new URLSearchParams({ period, scenario, threshold: String(threshold) }).toString()));
      expect(body).toMatchObject({ period, scenario, threshold });
      return body.probability as number;
    };

    /*
     * How close P(cost <= q_p) must be to p, when q_p is the result's own type-7 percentile.
     *
     * Both come from the same histogram: each trial's cost is kept as the centre of its 0.02%-wide bin, so the
     * n trial values are x(0) <= ... <= x(n-1) (bin centres). Type 7 puts q_p between x(r) and x(r+1), with
     * h = (n-1)p and r = floor(h). The share of values <= q_p is then
     *   at least (r+1)/n > h/n = p - p/n                                 (x(0..r) are all <= q_p), and
     *   at most (r+2)/n + b <= p + 2/n + b                               (x(0..r+1) and whatever else
     *                                                                     shares the bin of x(r) or x(r+1)),
     * where b is the share of trials in those bins besides the order statistics already counted. So
     * |P - p| <= 2/n + b. A cost of tens of MSEK whose p10..p90 spans several MSEK has b of the order
     * 0.0002 x cost / spread x (a few tenths), far below 0.01; 0.01 is the allowance for it.
     */
    const tolerance = () => 2 / MAIN_TRIALS + 0.01;

    for (const [scenario, period] of [
      ['baseline', '2027'],
      ['baseline', 'total'],
      ['oppenvard', '2029'],
    ] as const) {
      it(`P(cost <= own p10/p50/p90) is 0.10/0.50/0.90 for ${scenario} ${period}`, async () => {
        await observed;
        const res = JSON.parse(
          await (await h.request(`/api/v1/runs/${mainPost.body.id}/result`, { token: h.alfa.viewer })).text(),
        ) as ComparisonResult;
        const cost = res.scenarios.find((s) => s.id === scenario)!.periods[period].cost;
        expect(res.trials).toBe(MAIN_TRIALS);
        for (const [q, share] of [
          [cost.p5, 0.05],
          [cost.p10, 0.1],
          [cost.p25, 0.25],
          [cost.p50, 0.5],
          [cost.p75, 0.75],
          [cost.p90, 0.9],
          [cost.p95, 0.95],
        ] as const) {
          const got = await p(period, scenario, q);
          expect(Math.abs(got - share), `P(cost <= ${q}) = ${got}, expected about ${share}`).toBeLessThanOrEqual(tolerance());
        }
      });
    }

    it('is monotone in the threshold, 0 far below and 1 far above', async () => {
      await observed;
      const res = JSON.parse(
        await (await h.request(`/api/v1/runs/${mainPost.body.id}/result`, { token: h.alfa.viewer })).text(),
      ) as ComparisonResult;
      const cost = res.scenarios[0].periods['2027'].cost;
      const lo = cost.p5 * 0.7;
      const hi = cost.p95 * 1.3;
      let prev = -1;
      const seen: number[] = [];
      for (let i = 0; i <= 40; i++) {
        const got = await p('2027', 'baseline', lo + ((hi - lo) * i) / 40);
        expect(got).toBeGreaterThanOrEqual(prev);
        expect(got).toBeGreaterThanOrEqual(0);
        expect(got).toBeLessThanOrEqual(1);
        seen.push(got);
        prev = got;
      }
      expect(seen[0]).toBeLessThan(0.05);
      expect(seen[40]).toBeGreaterThan(0.95);
      for (const t of [-1e12, -1, 0, 1, 1000]) expect(await p('2027', 'baseline', t)).toBe(0);
      for (const t of [1e10, 1e12, 1e20]) expect(await p('2027', 'baseline', t)).toBe(1);
      // The mean as threshold: a share strictly between 0 and 1.
      const atMean = await p('2027', 'baseline', cost.mean);
      expect(atMean).toBeGreaterThan(0.2);
      expect(atMean).toBeLessThan(0.8);
    });

    it('scenario defaults to baseline', async () => {
      await observed;
      const a = await okJson(await prob('period=2027&threshold=20000000'));
      expect(a.scenario).toBe('baseline');
      expect(a.probability).toBe(await p('2027', 'baseline', 20_000_000));
    });

    it("defaults to the run's own baseline when a scenario list names it otherwise", async () => {
      const scenarios = [{ id: 'nu', label: 'Nu', options: [] }];
      const runId = await finishedRun(h.alfa.editor, { modelId, scenarios, trials: 200, seed: 3 });
      const ask = (q: string) => h.request(`/api/v1/runs/${runId}/probability?${q}`, { token: h.alfa.viewer });
      const byDefault = await okJson(await ask('period=2027&threshold=20000000'));
      expect(byDefault.scenario).toBe('nu');
      expect(byDefault.probability).toBe((await okJson(await ask('period=2027&scenario=nu&threshold=20000000'))).probability);
    });

    it('an empty threshold is 400, not read as 0', async () => {
      await observed;
      await expectProblem(await prob('period=2027&scenario=baseline&threshold='), 400);
      await expectProblem(await prob('period=2027&scenario=baseline&threshold=%20'), 400);
    });

    it('a period or scenario named like an Object.prototype property is 404, not 500', async () => {
      await observed;
      const names: [string, string][] = [
        ['baseline', '__proto__'],
        ['baseline', 'constructor'],
        ['baseline', 'toString'],
        ['baseline', 'hasOwnProperty'],
        ['__proto__', '2027'],
        ['constructor', '2027'],
        ['constructor', 'name'],
        ['toString', 'length'],
      ];
      const statuses: string[] = [];
      for (const [scenario, period] of names) {
        const res = await prob(new URLSearchParams({ period, scenario, threshold: '1' }).toString());
        // 404 as for any unknown name; 400 where the name fails the query's own validation (period: 10 chars).
        const ok = (res.status === 404 || res.status === 400) && /^application\/problem\+json/.test(res.headers.get('content-type') ?? '');
        statuses.push(`scenario=${scenario} period=${period}: ${ok ? '4xx problem' : res.status}`);
        await res.body?.cancel();
      }
      expect(statuses).toEqual(names.map(([scenario, period]) => `scenario=${scenario} period=${period}: 4xx problem`));
    });

    it('an unknown scenario or period is 404; a missing or non-numeric threshold is 400', async () => {
      await observed;
      await expectProblem(await prob('period=2027&scenario=nope&threshold=1'), 404);
      await expectProblem(await prob('period=2040&scenario=baseline&threshold=1'), 404);
      await expectProblem(await prob('period=2026-01&threshold=1'), 404);
      const missing = await expectProblem(await prob('period=2027&scenario=baseline'), 400);
      expect(JSON.stringify(missing.errors)).toContain('threshold');
      await expectProblem(await prob('period=2027&scenario=baseline&threshold=abc'), 400);
      // Plain decimal digits only: 0x10 is not 16, 1e3 not 1000.
      for (const t of ['0x10', '1e3', '%2016', 'Infinity', '1.']) await expectProblem(await prob(`period=2027&threshold=${t}`), 400);
      expect((await okJson(await prob('period=2027&threshold=-1000.5'))).threshold).toBe(-1000.5);
      await expectProblem(await prob('scenario=baseline&threshold=1'), 400);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('limits and errors', () => {
  const writeRoutes = (): [string, string][] => [
    ['POST', '/api/v1/models'],
    ['PUT', `/api/v1/models/${modelId}`],
    ['POST', '/api/v1/runs'],
    ['POST', '/api/v1/tokens'],
  ];

  it("a token's label is plain text: empty, control characters and direction overrides are 400 naming it", async () => {
    for (const label of ['', ' ', 'Ekonom\u202Eredro', 'rad\ntvå']) {
      const res = await h.request('/api/v1/tokens', { method: 'POST', token: h.alfa.admin, json: { role: 'viewer', label } });
      const body = await expectProblem(res, 400);
      expect(body.errors[0].path, JSON.stringify(label)).toBe('label');
    }
    const ok = await okJson(
      await h.request('/api/v1/tokens', { method: 'POST', token: h.alfa.admin, json: { role: 'viewer', label: 'Ekonom, Växjö' } }),
      201,
    );
    expect(ok.label).toBe('Ekonom, Växjö');
  });

  it('a method a resource does not answer is 405 with Allow, not 404 as if the resource were gone', async () => {
    const runs = await okJson(await h.request('/api/v1/runs?limit=1', { token: h.alfa.viewer }));
    const runId = (runs.items as Json[])[0].id as string;
    const cases: [string, string, string][] = [
      ['DELETE', `/api/v1/models/${modelId}`, 'GET, HEAD, PUT'],
      ['GET', `/api/v1/runs/${runId}/cancel`, 'POST'],
      ['PUT', '/api/v1/runs', 'GET, HEAD, POST'],
      ['DELETE', `/api/v1/models/no-such-model`, 'GET, HEAD, PUT'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await h.request(path, { method, token: h.alfa.admin });
      const body = await expectProblem(res, 405);
      expect(res.headers.get('Allow'), `${method} ${path}`).toBe(allow);
      expect(body.detail).toBe(`${method} is not answered here; ${allow} are.`);
    }
    await expectProblem(await h.request('/api/v1/no-such-thing', { token: h.alfa.admin }), 404);
    // Without a token nothing is told about the routes: 401 first.
    await expectProblem(await h.request(`/api/v1/models/${modelId}`, { method: 'DELETE' }), 401);
  });

  it('a body over 5 MB is 413 on every write route; a body of 5,000,000 bytes is read', async () => {
    const big = JSON.stringify({ ...SMALL, description: 'x'.repeat(MB5) });
    expect(big.length).toBeGreaterThan(MB5);
    for (const [method, path] of writeRoutes()) {
      await expectProblem(
        await h.request(path, {
          method,
          token: h.alfa.admin,
          body: big,
          headers: { 'Content-Type': 'application/json', 'If-Match': '"1"' },
        }),
        413,
      );
    }
    // Exactly one byte over the limit (5 MiB) is refused as well.
    const padded = (n: number) => JSON.stringify(SMALL) + ' '.repeat(n - Buffer.byteLength(JSON.stringify(SMALL)));
    await expectProblem(
      await h.request('/api/v1/models', {
        method: 'POST',
        token: h.alfa.editor,
        body: padded(MB5 + 1),
        headers: { 'Content-Type': 'application/json' },
      }),
      413,
    );
    // 5 MB (decimal) is within the limit: the model is saved.
    await okJson(
      await h.request('/api/v1/models', {
        method: 'POST',
        token: h.alfa.editor,
        body: padded(5_000_000),
        headers: { 'Content-Type': 'application/json' },
      }),
      201,
    );
  });

  it('malformed JSON is 400 on every write route', async () => {
    for (const [method, path] of writeRoutes()) {
      for (const body of ['{"name": ', '{name: 1}', 'null x', '']) {
        const res = await h.request(path, {
          method,
          token: h.alfa.admin,
          body,
          headers: { 'Content-Type': 'application/json', 'If-Match': '"1"' },
        });
        await expectProblem(res, 400);
      }
    }
  });

  it('an outcome to date of another year than the start, or negative, is 400 naming the field; the start year is accepted', async () => {
    for (const [outcomeToDate, path] of [
      [{ '2025': 1_000_000 }, 'outcomeToDate.2025'],
      [{ '2026': -5 }, 'outcomeToDate.2026'],
    ] as const) {
      const body = await expectProblem(
        await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: { ...SMALL, outcomeToDate } }),
        400,
      );
      expect((body.errors as Json[]).map((e) => e.path)).toContain(path);
    }
    const ok = await h.request('/api/v1/models', {
      method: 'POST',
      token: h.alfa.editor,
      json: { ...SMALL, outcomeToDate: { '2026': 1_000_000 } },
    });
    expect(ok.status).toBe(201);
  });

  it('a model with a bad field is 400 whose errors name the path', async () => {
    const bad = structuredClone(SMALL);
    bad.forms[0].lengthOfStayDays.p90 = 'lång';
    let body = await expectProblem(await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: bad }), 400);
    expect(Array.isArray(body.errors)).toBe(true);
    expect((body.errors as Json[]).map((e) => e.path)).toContain('forms[0].lengthOfStayDays.p90');
    expect(body.detail).toContain('forms[0].lengthOfStayDays.p90');

    const bad2 = structuredClone(SMALL);
    bad2.forms[0].lengthOfStayDays.p90 = 100; // below the median
    bad2.start = '2026-13';
    body = await expectProblem(
      await h.request(`/api/v1/models/${modelId}`, { method: 'PUT', token: h.alfa.editor, json: bad2, headers: { 'If-Match': '"1"' } }),
      400,
    );
    const paths = (body.errors as Json[]).map((e) => e.path);
    expect(paths).toContain('forms[0].lengthOfStayDays.p90');
    expect(paths).toContain('start');
    for (const e of body.errors as Json[]) expect(typeof e.message).toBe('string');
    // Nothing was saved by either.
    expect((await okJson(await h.request(`/api/v1/models/${modelId}`, { token: h.alfa.viewer }))).version).toBe(1);
  });

  it('trials 0 and 1,000,001 are 400 naming trials', async () => {
    for (const trials of [0, 1_000_001, -5, 1.5]) {
      const body = await expectProblem(
        await h.request('/api/v1/runs', { method: 'POST', token: h.alfa.editor, json: { modelId, trials, seed: 1 } }),
        400,
      );
      expect((body.errors as Json[]).map((e) => e.path)).toContain('trials');
    }
    const body = await expectProblem(
      await h.request('/api/v1/runs', { method: 'POST', token: h.alfa.editor, json: { modelId, trials: 100, seed: -1 } }),
      400,
    );
    expect((body.errors as Json[]).map((e) => e.path)).toContain('seed');
  });

  it('more than 20 scenarios is 400; 20 is accepted', async () => {
    const scen = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `s${i}`, label: `Scenario ${i}`, options: [SMALL.options[i % SMALL.options.length].id] }));
    for (const n of [21, 22, 30]) {
      const body = await expectProblem(
        await h.request('/api/v1/runs', {
          method: 'POST',
          token: h.alfa.editor,
          json: { modelId, scenarios: scen(n), trials: 10, seed: 1 },
        }),
        400,
      );
      expect(JSON.stringify(body.errors)).toContain('scenarios');
    }
    const id = await finishedRun(h.alfa.editor, { modelId, scenarios: scen(20), trials: 20, seed: 1 });
    const res = JSON.parse(await (await h.request(`/api/v1/runs/${id}/result`, { token: h.alfa.viewer })).text()) as ComparisonResult;
    expect(res.scenarios).toHaveLength(21);
  });

  it('a run of an unknown model is 404; of an unknown version 4xx', async () => {
    await expectProblem(
      await h.request('/api/v1/runs', { method: 'POST', token: h.alfa.editor, json: { modelId: 'no-such-model', trials: 10, seed: 1 } }),
      404,
    );
    const res = await h.request('/api/v1/runs', {
      method: 'POST',
      token: h.alfa.editor,
      json: { modelId, version: 99, trials: 10, seed: 1 },
    });
    expect([400, 404]).toContain(res.status);
    await expectProblem(res, res.status);
    await expectProblem(
      await h.request('/api/v1/runs', { method: 'POST', token: h.alfa.editor, json: { modelId, trials: 10, seed: 1, extra: true } }),
      400,
    );
  });

  it('no token, a bad token or another scheme is 401 with WWW-Authenticate', async () => {
    const attempts: [string, Record<string, string>][] = [
      ['/api/v1/models', {}],
      ['/api/v1/models', { Authorization: 'Bearer ' }],
      ['/api/v1/models', { Authorization: 'Bearer nonsense' }],
      ['/api/v1/models', { Authorization: `Bearer ppt_alfa_${'A'.repeat(43)}` }],
      ['/api/v1/models', { Authorization: `Bearer ${h.alfa.admin}x` }],
      ['/api/v1/models', { Authorization: `Basic ${Buffer.from('alfa:secret').toString('base64')}` }],
      ['/api/v1/runs', { Authorization: h.alfa.admin }],
      [`/api/v1/models/${modelId}`, {}],
      ['/api/v1/tokens', {}],
    ];
    for (const [path, headers] of attempts) {
      const res = await h.request(path, { headers });
      expect(res.headers.get('WWW-Authenticate') ?? '').toMatch(/^Bearer/);
      await expectProblem(res, 401);
    }
    // Writes without a token save nothing.
    const before = await okJson(await h.request('/api/v1/models?limit=100', { token: h.alfa.viewer }));
    await expectProblem(await h.request('/api/v1/models', { method: 'POST', json: SMALL }), 401);
    const after = await okJson(await h.request('/api/v1/models?limit=100', { token: h.alfa.viewer }));
    expect(after.items).toHaveLength(before.items.length);
  });

  it('an unknown path is 404 problem+json', async () => {
    await expectProblem(await h.request('/api/v1/nothing', { token: h.alfa.viewer }), 404);
    await expectProblem(await h.request('/no/such/page'), 404);
  });

  it('a fifth queued run for a tenant is 429 (runs held in the queue by a paused executor)', async () => {
    // The same app and store with an executor that holds runs until released, so they stay queued for as
    // long as the test needs; released, they run on the real executor.
    const held: RunRecord[] = [];
    const paused: Executor = { start: async (run) => void held.push(run) };
    const app = createApp({ store: h.store, executor: paused, clock: systemClock, workers: 2 });
    const token = await tenantToken('api-queue');
    const send = (json: Json, headers: Record<string, string> = {}) =>
      app.request('/api/v1/runs', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(json),
      });
    const id = await postModel(token, SMALL);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await send({ modelId: id, trials: 100, seed: i }, i === 0 ? { 'Idempotency-Key': 'queued-0' } : {});
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as Json).id as string);
    }
    const tooMany = await send({ modelId: id, trials: 100, seed: 9 });
    expect(tooMany.headers.get('Retry-After')).toBe('30');
    const refused = await expectProblem(tooMany, 429);
    expect(refused.detail ?? refused.title).toMatch(/4|queue|kö/i);
    // Also through the normal app: the limit is the tenant's, not the app instance's.
    await expectProblem(await h.request('/api/v1/runs', { method: 'POST', token, json: { modelId: id, trials: 100, seed: 10 } }), 429);
    // A retry of a request that made one of the queued runs still gets that run, not a 429.
    const retry = await send({ modelId: id, trials: 100, seed: 0 }, { 'Idempotency-Key': 'queued-0' });
    expect(retry.status).toBe(202);
    expect(((await retry.json()) as Json).id).toBe(ids[0]);

    let list = await okJson(await h.request('/api/v1/runs', { token }));
    expect((list.items as Json[]).map((r) => r.id)).toEqual([...ids].reverse());
    for (const r of list.items as Json[]) expect(r).toMatchObject({ status: 'queued', progress: { trialsDone: 0, trials: 100 } });
    // Not finished: result, CSV and probability are 409.
    for (const suffix of ['/result', '/result.csv', '/probability?period=2027&threshold=1']) {
      const body = await expectProblem(await h.request(`/api/v1/runs/${ids[1]}${suffix}`, { token }), 409);
      expect(body.runStatus).toBe('queued');
    }
    // Other tenants are not limited by this one's queue.
    const other = await h.request('/api/v1/runs', { method: 'POST', token: h.alfa.editor, json: { modelId, trials: 100, seed: 11 } });
    expect(other.status).toBe(202);
    const otherId = ((await other.json()) as Json).id as string;

    // Released, the held runs run and the queue empties: new runs are accepted again.
    expect(held.map((r) => r.id)).toEqual(ids);
    for (const run of held) await h.executor.start(run);
    for (const r of ids) expect((await waitForRun(h, token, r)).status).toBe('succeeded');
    const fresh = await postRun(token, { modelId: id, trials: 100, seed: 12 });
    expect((await waitForRun(h, token, fresh.id as string)).status).toBe('succeeded');
    expect((await waitForRun(h, h.alfa.editor, otherId)).status).toBe('succeeded');
    list = await okJson(await h.request('/api/v1/runs', { token }));
    expect(list.items).toHaveLength(5);
  });

  it('a retry that would make a fifth run queued or running is 429, and the run stays cancelled', async () => {
    const paused: Executor = { start: async () => undefined };
    const app = createApp({ store: h.store, executor: paused, clock: systemClock, workers: 2 });
    const token = await tenantToken('api-queue-retry');
    const post = (path: string, json?: Json) =>
      app.request(path, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        ...(json ? { body: JSON.stringify(json) } : {}),
      });
    const id = await postModel(token, SMALL);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push(((await (await post('/api/v1/runs', { modelId: id, trials: 100, seed: i })).json()) as Json).id as string);
    expect((await post(`/api/v1/runs/${ids[0]}/cancel`)).status).toBe(200);
    expect((await post('/api/v1/runs', { modelId: id, trials: 100, seed: 9 })).status).toBe(202);

    const refused = await expectProblem(await post(`/api/v1/runs/${ids[0]}/retry`), 429);
    expect(refused.detail ?? refused.title).toMatch(/4/);
    expect(await okJson(await h.request(`/api/v1/runs/${ids[0]}`, { token }))).toMatchObject({ status: 'cancelled', attempt: 1 });
  });

  it('with the real executor, a fifth run queued or running is 429, while another tenant runs beside it', async () => {
    // A long-enough run of another tenant is under way; the executor serves tenants in turn, so this tenant's
    // first run may begin beside it, and its runs count against the limit whether queued or running.
    const busyToken = await tenantToken('api-busy');
    const busyModel = await postModel(busyToken, SMALL);
    const busy = await postRun(busyToken, { modelId: busyModel, trials: 6_000, seed: 1 });
    const token = await tenantToken('api-queue-real');
    const id = await postModel(token, SMALL);
    const ids: string[] = [];
    // Large enough that none of them can finish before the fifth request.
    for (let i = 0; i < 4; i++) ids.push((await postRun(token, { modelId: id, trials: 2_000, seed: i })).id as string);
    const busyNow = await okJson(await h.request(`/api/v1/runs/${busy.id}`, { token: busyToken }));
    expect(busyNow.status, 'the busy run must still be going for this test to mean anything').not.toBe('succeeded');
    await expectProblem(await h.request('/api/v1/runs', { method: 'POST', token, json: { modelId: id, trials: 100, seed: 9 } }), 429);
    const list = await okJson(await h.request('/api/v1/runs', { token }));
    for (const r of list.items as Json[]) expect(['queued', 'running']).toContain(r.status);
    // Cleanup: everything finishes before afterAll.
    expect((await waitForRun(h, busyToken, busy.id as string)).status).toBe('succeeded');
    for (const r of ids) expect((await waitForRun(h, token, r)).status).toBe('succeeded');
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('a real listening server', () => {
  let server: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    server = await h.listen();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('POST a model with fetch() and GET it back over HTTP', async () => {
    const auth = { Authorization: `Bearer ${h.alfa.editor}` };
    const res = await fetch(`${server.url}/api/v1/models`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(REFERENCE),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const { id, version } = (await res.json()) as Json;
    expect(version).toBe(1);
    const got = await fetch(`${server.url}/api/v1/models/${id}`, { headers: auth });
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe('"1"');
    const body = (await got.json()) as Json;
    expect(body).toMatchObject({ id, version: 1 });
    expect(body.model).toEqual(REFERENCE);
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
  });

  it('answers 401 with WWW-Authenticate and 413 for a large body over HTTP, with and without Content-Length', async () => {
    const unauth = await fetch(`${server.url}/api/v1/models`);
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(unauth.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const auth = { Authorization: `Bearer ${h.alfa.editor}`, 'Content-Type': 'application/json' };
    const big = JSON.stringify({ ...SMALL, description: 'x'.repeat(6 * 1024 * 1024) });
    const sized = await fetch(`${server.url}/api/v1/models`, { method: 'POST', headers: auth, body: big });
    expect(sized.status).toBe(413);
    expect(sized.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    // Chunked: no Content-Length, so the limit has to be enforced while reading.
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
        controller.close();
      },
    });
    const chunked = await fetch(`${server.url}/api/v1/models`, {
      method: 'POST',
      headers: auth,
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(chunked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
