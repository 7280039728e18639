/**
 * Tenants and roles over the HTTP API, against a real DynamoDB Local. For every route under /api/v1, a token
 * of tenant "beta" asking for tenant "alfa"'s objects gets 404 (or a listing without them), exactly as for an
 * object that does not exist, and changes nothing: alfa's models, versions, runs, results and tokens read the
 * same afterwards. A viewer cannot write, an editor cannot manage tokens, and an admin can create, list and
 * revoke tokens of its own tenant (a revoked token then gets 401).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, okJson, startHarness, waitForRun, type Harness } from './harness.js';

type Json = Record<string, any>;

const SMALL = JSON.parse(readFileSync(new URL('../../examples/small-municipality.json', import.meta.url), 'utf8')) as Json;

let h: Harness;
/** alfa's objects. */
let modelA: string;
let modelA2: string;
let runA: string;
let runA2: string;
let extraA: { tokenId: string; token: string };
const editedA = { ...structuredClone(SMALL), name: 'Alfa, version 2' };

/** Ids that exist nowhere, shaped like real ones. */
const MISSING_ID = '01k0000000000000000000000z';

interface Call {
  method?: string;
  path: string;
  json?: unknown;
  headers?: Record<string, string>;
}

const call = (token: string, c: Call) => h.request(c.path, { method: c.method ?? 'GET', token, json: c.json, headers: c.headers });

/** Everything alfa has, as alfa's admin reads it. */
async function snapshotAlfa(): Promise<Json> {
  const t = h.alfa.admin;
  const get = async (path: string) => {
    const res = await h.request(path, { token: t });
    return { status: res.status, body: await res.text() };
  };
  return {
    models: await get('/api/v1/models?limit=100'),
    model: await get(`/api/v1/models/${modelA}`),
    v1: await get(`/api/v1/models/${modelA}/versions/1`),
    v2: await get(`/api/v1/models/${modelA}/versions/2`),
    v3: (await get(`/api/v1/models/${modelA}/versions/3`)).status,
    model2: await get(`/api/v1/models/${modelA2}`),
    runs: await get('/api/v1/runs?limit=100'),
    run: await get(`/api/v1/runs/${runA}`),
    result: await get(`/api/v1/runs/${runA}/result`),
    csv: await get(`/api/v1/runs/${runA}/result.csv?locale=en&table=delta`),
    probability: await get(`/api/v1/runs/${runA}/probability?period=2027&threshold=20000000`),
    tokens: await get('/api/v1/tokens'),
  };
}

/** A token still authenticates (as its tenant). */
async function works(token: string): Promise<boolean> {
  const res = await h.request('/api/v1/models', { token });
  await res.body?.cancel();
  return res.status === 200;
}

let before: Json;

beforeAll(async () => {
  h = await startHarness();
  modelA = (await okJson(await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: SMALL }), 201)).id;
  await okJson(
    await h.request(`/api/v1/models/${modelA}`, { method: 'PUT', token: h.alfa.editor, json: editedA, headers: { 'If-Match': '"1"' } }),
  );
  modelA2 = (
    await okJson(await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: { ...SMALL, name: 'Alfa två' } }), 201)
  ).id;
  runA = (
    await okJson(
      await h.request('/api/v1/runs', {
        method: 'POST',
        token: h.alfa.editor,
        json: { modelId: modelA, trials: 300, seed: 1 },
        headers: { 'Idempotency-Key': 'shared-key' },
      }),
      202,
    )
  ).id;
  expect((await waitForRun(h, h.alfa.viewer, runA)).status).toBe('succeeded');
  runA2 = (
    await okJson(
      await h.request('/api/v1/runs', { method: 'POST', token: h.alfa.editor, json: { modelId: modelA2, trials: 100, seed: 2 } }),
      202,
    )
  ).id;
  expect((await waitForRun(h, h.alfa.viewer, runA2)).status).toBe('succeeded');
  const created = await okJson(
    await h.request('/api/v1/tokens', { method: 'POST', token: h.alfa.admin, json: { role: 'viewer', label: 'alfa extra' } }),
    201,
  );
  extraA = { tokenId: created.tokenId, token: created.token };
  before = await snapshotAlfa();
});

afterAll(async () => {
  await h?.close();
});

// ---------------------------------------------------------------------------------------------------------

/** Every route under /api/v1 and the check of this file that covers it for another tenant. */
const ISOLATION_COVERAGE: Record<string, string> = {
  'POST /api/v1/models': "beta's new model is beta's: alfa cannot read it, alfa's list does not change",
  'GET /api/v1/models': 'lists none of alfa',
  'GET /api/v1/models/{id}': '404',
  'PUT /api/v1/models/{id}': '404 with the right If-Match, no new version',
  'GET /api/v1/models/{id}/versions/{n}': '404',
  'GET /api/v1/models/{id}/versions': '404',
  'POST /api/v1/runs': "404 for alfa's model; alfa's Idempotency-Key does not give alfa's run",
  'GET /api/v1/runs': 'lists none of alfa',
  'GET /api/v1/runs/{id}': '404',
  'GET /api/v1/runs/{id}/result': '404',
  'GET /api/v1/runs/{id}/result.csv': '404',
  'GET /api/v1/runs/{id}/result.xlsx': '404',
  'GET /api/v1/runs/{id}/probability': '404',
  'POST /api/v1/runs/{id}/cancel': "404, the same as for a missing run; alfa's run unchanged",
  'POST /api/v1/runs/{id}/retry': "404, the same as for a missing run; alfa's run unchanged",
  'POST /api/v1/tokens': "beta's new token is beta's",
  'GET /api/v1/tokens': 'lists none of alfa',
  'DELETE /api/v1/tokens/{tokenId}': "404, alfa's token keeps working",
  'POST /api/v1/calibrations': 'reads no stored data and stores nothing; a viewer gets 403 (roles) and nothing changes',
};

describe('coverage', () => {
  it('every route in the OpenAPI document under /api/v1 is covered by this file', async () => {
    const doc = await okJson(await h.request('/openapi.json'));
    const routes: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Json)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const method of Object.keys(ops as Json)) routes.push(`${method.toUpperCase()} ${path}`);
    }
    expect(routes.length).toBeGreaterThanOrEqual(14);
    expect(routes.filter((r) => !(r in ISOLATION_COVERAGE))).toEqual([]);
  });
});

describe("another tenant's token", () => {
  /** Reads of alfa's objects that must be 404 for beta, each paired with the same read of a missing object. */
  const reads = (): [Call, Call][] => [
    [{ path: `/api/v1/models/${modelA}` }, { path: `/api/v1/models/${MISSING_ID}` }],
    [{ path: `/api/v1/models/${modelA}/versions/1` }, { path: `/api/v1/models/${MISSING_ID}/versions/1` }],
    [{ path: `/api/v1/models/${modelA}/versions` }, { path: `/api/v1/models/${MISSING_ID}/versions` }],
    [{ path: `/api/v1/models/${modelA}/versions/2` }, { path: `/api/v1/models/${MISSING_ID}/versions/2` }],
    [{ path: `/api/v1/models/${modelA2}` }, { path: `/api/v1/models/${MISSING_ID}` }],
    [{ path: `/api/v1/runs/${runA}` }, { path: `/api/v1/runs/${MISSING_ID}` }],
    [{ path: `/api/v1/runs/${runA}/result` }, { path: `/api/v1/runs/${MISSING_ID}/result` }],
    [{ path: `/api/v1/runs/${runA}/result.csv` }, { path: `/api/v1/runs/${MISSING_ID}/result.csv` }],
    [
      { path: `/api/v1/runs/${runA}/result.csv?locale=en&table=monthly` },
      { path: `/api/v1/runs/${MISSING_ID}/result.csv?locale=en&table=monthly` },
    ],
    [
      { path: `/api/v1/runs/${runA}/result.csv?locale=sv&table=delta` },
      { path: `/api/v1/runs/${MISSING_ID}/result.csv?locale=sv&table=delta` },
    ],
    [{ path: `/api/v1/runs/${runA}/result.xlsx` }, { path: `/api/v1/runs/${MISSING_ID}/result.xlsx` }],
    [{ path: `/api/v1/runs/${runA}/result.xlsx?lang=en` }, { path: `/api/v1/runs/${MISSING_ID}/result.xlsx?lang=en` }],
    [
      { path: `/api/v1/runs/${runA}/probability?period=2027&scenario=baseline&threshold=20000000` },
      { path: `/api/v1/runs/${MISSING_ID}/probability?period=2027&scenario=baseline&threshold=20000000` },
    ],
    [{ path: `/api/v1/runs/${runA2}/result` }, { path: `/api/v1/runs/${MISSING_ID}/result` }],
  ];

  for (const role of ['viewer', 'editor', 'admin'] as const) {
    it(`beta ${role}: every read of alfa's models and runs is 404, the same answer as for a missing object`, async () => {
      for (const [theirs, missing] of reads()) {
        const a = await call(h.beta[role], theirs);
        const b = await call(h.beta[role], missing);
        const bodyA = await expectProblem(a, 404);
        const bodyB = await expectProblem(b, 404);
        // Nothing in the answer tells that the object exists elsewhere.
        expect(bodyA, theirs.path).toEqual(bodyB);
      }
    });
  }

  it("beta's listings show none of alfa's models, runs or tokens", async () => {
    for (const role of ['viewer', 'editor', 'admin'] as const) {
      const models = await okJson(await h.request('/api/v1/models?limit=100', { token: h.beta[role] }));
      const runs = await okJson(await h.request('/api/v1/runs?limit=100', { token: h.beta[role] }));
      const ids = [...(models.items as Json[]), ...(runs.items as Json[])].map((x) => x.id);
      expect(ids).not.toContain(modelA);
      expect(ids).not.toContain(modelA2);
      expect(ids).not.toContain(runA);
      expect(ids).not.toContain(runA2);
      // Beta has made nothing yet (tests below that do run after this one).
      expect(models.items).toEqual([]);
      expect(runs.items).toEqual([]);
    }
    const tokens = await okJson(await h.request('/api/v1/tokens', { token: h.beta.admin }));
    const alfaTokens = await okJson(await h.request('/api/v1/tokens', { token: h.alfa.admin }));
    const alfaIds = (alfaTokens.items as Json[]).map((t) => t.tokenId);
    expect(alfaIds).toContain(extraA.tokenId);
    expect(tokens.items.length).toBe(3); // the harness's three
    for (const t of tokens.items as Json[]) expect(alfaIds).not.toContain(t.tokenId);
  });

  it("a cursor from alfa's listing does not page through alfa's items for beta", async () => {
    const models = await okJson(await h.request('/api/v1/models?limit=1', { token: h.alfa.viewer }));
    const runs = await okJson(await h.request('/api/v1/runs?limit=1', { token: h.alfa.viewer }));
    expect(typeof models.cursor).toBe('string');
    expect(typeof runs.cursor).toBe('string');
    for (const [path, cursor] of [
      ['/api/v1/models', models.cursor],
      ['/api/v1/runs', runs.cursor],
    ] as const) {
      const res = await h.request(`${path}?limit=1&cursor=${encodeURIComponent(cursor)}`, { token: h.beta.viewer });
      if (res.status === 200) {
        expect(((await res.json()) as Json).items).toEqual([]);
      } else {
        await expectProblem(res, 400);
      }
    }
    // Nor does a cursor forged to name alfa's partition.
    const forged = Buffer.from(JSON.stringify({ pk: 'T#alfa', sk: 'RUN#' })).toString('base64url');
    const res = await h.request(`/api/v1/runs?cursor=${forged}`, { token: h.beta.viewer });
    if (res.status === 200) expect(((await res.json()) as Json).items).toEqual([]);
    else await expectProblem(res, 400);
  });

  it("cancel and retry of alfa's runs are 404 for beta, as for a missing run, and change nothing", async () => {
    for (const role of ['editor', 'admin'] as const) {
      for (const action of ['cancel', 'retry']) {
        for (const run of [runA, runA2]) {
          const theirs = await expectProblem(await call(h.beta[role], { method: 'POST', path: `/api/v1/runs/${run}/${action}` }), 404);
          const missing = await expectProblem(
            await call(h.beta[role], { method: 'POST', path: `/api/v1/runs/${MISSING_ID}/${action}` }),
            404,
          );
          expect(theirs).toEqual(missing);
        }
      }
    }
    expect(await snapshotAlfa()).toEqual(before);
  });

  it("PUT of alfa's model with the right If-Match is 404 for beta and saves no version", async () => {
    for (const role of ['editor', 'admin'] as const) {
      for (const ifMatch of ['"2"', '"1"', 'W/"2"']) {
        const res = await h.request(`/api/v1/models/${modelA}`, {
          method: 'PUT',
          token: h.beta[role],
          json: { ...SMALL, name: 'Beta was here' },
          headers: { 'If-Match': ifMatch },
        });
        const body = await expectProblem(res, 404);
        const missing = await h.request(`/api/v1/models/${MISSING_ID}`, {
          method: 'PUT',
          token: h.beta[role],
          json: { ...SMALL, name: 'Beta was here' },
          headers: { 'If-Match': ifMatch },
        });
        expect(body).toEqual(await expectProblem(missing, 404));
      }
    }
    const latest = await okJson(await h.request(`/api/v1/models/${modelA}`, { token: h.alfa.viewer }));
    expect(latest.version).toBe(2);
    expect(latest.model).toEqual(editedA);
  });

  it("POST /runs of alfa's model is 404 for beta and starts nothing; alfa's Idempotency-Key does not give alfa's run", async () => {
    for (const role of ['editor', 'admin'] as const) {
      for (const headers of [{}, { 'Idempotency-Key': 'shared-key' }] as Record<string, string>[]) {
        const res = await h.request('/api/v1/runs', {
          method: 'POST',
          token: h.beta[role],
          json: { modelId: modelA, trials: 100, seed: 1 },
          headers,
        });
        const body = await expectProblem(res, 404);
        const missing = await h.request('/api/v1/runs', {
          method: 'POST',
          token: h.beta[role],
          json: { modelId: MISSING_ID, trials: 100, seed: 1 },
          headers,
        });
        const bodyMissing = await expectProblem(missing, 404);
        expect(JSON.stringify(body).replaceAll(modelA, 'ID')).toBe(JSON.stringify(bodyMissing).replaceAll(MISSING_ID, 'ID'));
      }
      // With a version number too.
      await expectProblem(
        await h.request('/api/v1/runs', {
          method: 'POST',
          token: h.beta[role],
          json: { modelId: modelA, version: 1, trials: 100, seed: 1 },
        }),
        404,
      );
    }
    expect((await okJson(await h.request('/api/v1/runs', { token: h.beta.viewer }))).items).toEqual([]);
  });

  it("DELETE of alfa's token is 404 for beta's admin and alfa's token keeps working", async () => {
    const alfaTokens = (await okJson(await h.request('/api/v1/tokens', { token: h.alfa.admin }))).items as Json[];
    for (const t of alfaTokens) {
      const body = await expectProblem(await h.request(`/api/v1/tokens/${t.tokenId}`, { method: 'DELETE', token: h.beta.admin }), 404);
      const missing = await expectProblem(await h.request(`/api/v1/tokens/${MISSING_ID}`, { method: 'DELETE', token: h.beta.admin }), 404);
      expect(body).toEqual(missing);
    }
    expect(await works(extraA.token)).toBe(true);
    for (const role of ['viewer', 'editor', 'admin'] as const) expect(await works(h.alfa[role])).toBe(true);
  });

  it("beta's own model, run and token stay beta's: alfa cannot reach them, alfa's listings do not change", async () => {
    const model = await okJson(await h.request('/api/v1/models', { method: 'POST', token: h.beta.editor, json: SMALL }), 201);
    // beta reuses the Idempotency-Key alfa used: it is beta's key, a new run.
    const run = await okJson(
      await h.request('/api/v1/runs', {
        method: 'POST',
        token: h.beta.editor,
        json: { modelId: model.id, trials: 100, seed: 1 },
        headers: { 'Idempotency-Key': 'shared-key' },
      }),
      202,
    );
    expect(run.id).not.toBe(runA);
    expect((await waitForRun(h, h.beta.viewer, run.id)).status).toBe('succeeded');
    const token = await okJson(
      await h.request('/api/v1/tokens', { method: 'POST', token: h.beta.admin, json: { role: 'editor', label: 'beta extra' } }),
      201,
    );

    // beta sees its own.
    expect((await okJson(await h.request('/api/v1/models', { token: h.beta.viewer }))).items.map((m: Json) => m.id)).toEqual([model.id]);
    expect((await okJson(await h.request('/api/v1/runs', { token: h.beta.viewer }))).items.map((r: Json) => r.id)).toEqual([run.id]);
    // The new beta token is a beta token: beta's model yes, alfa's no.
    expect((await okJson(await h.request(`/api/v1/models/${model.id}`, { token: token.token }))).id).toBe(model.id);
    await expectProblem(await h.request(`/api/v1/models/${modelA}`, { token: token.token }), 404);

    // alfa cannot reach beta's objects either.
    for (const path of [
      `/api/v1/models/${model.id}`,
      `/api/v1/models/${model.id}/versions/1`,
      `/api/v1/runs/${run.id}`,
      `/api/v1/runs/${run.id}/result`,
      `/api/v1/runs/${run.id}/result.csv`,
      `/api/v1/runs/${run.id}/result.xlsx`,
      `/api/v1/runs/${run.id}/probability?period=2027&threshold=1`,
    ]) {
      await expectProblem(await h.request(path, { token: h.alfa.admin }), 404);
    }
    await expectProblem(await h.request(`/api/v1/tokens/${token.tokenId}`, { method: 'DELETE', token: h.alfa.admin }), 404);
    expect(await works(token.token)).toBe(true);
  });

  it('an admin cannot make a token for another tenant', async () => {
    for (const json of [
      { role: 'admin', tenant: 'alfa' },
      { role: 'admin', tenant: 'beta' },
    ]) {
      await expectProblem(await h.request('/api/v1/tokens', { method: 'POST', token: h.beta.admin, json }), 400);
    }
  });

  it("after all of it, alfa's models, versions, runs, results and tokens are unchanged", async () => {
    expect(await snapshotAlfa()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('roles', () => {
  /** Every write a viewer might try, on alfa's own objects; all must be 403 and change nothing. */
  const viewerWrites = (): Call[] => [
    { method: 'POST', path: '/api/v1/models', json: SMALL },
    { method: 'PUT', path: `/api/v1/models/${modelA}`, json: { ...SMALL, name: 'Viewer was here' }, headers: { 'If-Match': '"2"' } },
    { method: 'POST', path: '/api/v1/runs', json: { modelId: modelA, trials: 100, seed: 3 } },
    { method: 'POST', path: '/api/v1/runs', json: { modelId: modelA, trials: 100, seed: 1 }, headers: { 'Idempotency-Key': 'shared-key' } },
    { method: 'POST', path: '/api/v1/runs', json: { modelId: modelA, trials: 100, seed: 3 }, headers: { 'Idempotency-Key': 'viewer-key' } },
    { method: 'POST', path: '/api/v1/tokens', json: { role: 'admin' } },
    { method: 'POST', path: '/api/v1/tokens', json: { role: 'viewer' } },
    { method: 'GET', path: '/api/v1/tokens' },
    { method: 'DELETE', path: `/api/v1/tokens/${extraA.tokenId}` },
    {
      method: 'POST',
      path: '/api/v1/calibrations',
      json: { records: 'episode_id,person_id,segment,form,start_date,end_date\nE1,P1,bou,hvb,2020-01-01,2020-02-01\n' },
    },
  ];

  it('a viewer cannot write: every write is 403 and nothing is created or changed', async () => {
    for (const c of viewerWrites()) {
      const body = await expectProblem(await call(h.alfa.viewer, c), 403);
      expect(body.status).toBe(403);
    }
    // Also through a token an admin made with the viewer role.
    for (const c of viewerWrites()) await expectProblem(await call(extraA.token, c), 403);
    expect(await snapshotAlfa()).toEqual(before);
    expect(await works(extraA.token)).toBe(true);
    // The Idempotency-Key a viewer tried was not spent: an editor's request with it makes a run.
    const res = await okJson(
      await h.request('/api/v1/runs', {
        method: 'POST',
        token: h.alfa.editor,
        json: { modelId: modelA2, trials: 100, seed: 4 },
        headers: { 'Idempotency-Key': 'viewer-key' },
      }),
      202,
    );
    expect([runA, runA2]).not.toContain(res.id);
    expect((await waitForRun(h, h.alfa.viewer, res.id)).status).toBe('succeeded');
  });

  it('a viewer can read models, runs and results', async () => {
    const reads = [
      '/api/v1/models',
      `/api/v1/models/${modelA}`,
      `/api/v1/models/${modelA}/versions/1`,
      '/api/v1/runs',
      `/api/v1/runs/${runA}`,
      `/api/v1/runs/${runA}/result`,
      `/api/v1/runs/${runA}/result.csv?locale=en`,
      `/api/v1/runs/${runA}/result.xlsx`,
      `/api/v1/runs/${runA}/probability?period=2027&threshold=20000000`,
    ];
    for (const path of reads) {
      const res = await h.request(path, { token: h.alfa.viewer });
      expect(res.status, path).toBe(200);
      await res.body?.cancel();
    }
  });

  it('an editor cannot manage tokens (403) and the tokens stay as they were', async () => {
    const tokensBefore = await okJson(await h.request('/api/v1/tokens', { token: h.alfa.admin }));
    for (const c of [
      { method: 'POST', path: '/api/v1/tokens', json: { role: 'admin' } },
      { method: 'POST', path: '/api/v1/tokens', json: { role: 'editor', label: 'x' } },
      { method: 'GET', path: '/api/v1/tokens' },
      { method: 'DELETE', path: `/api/v1/tokens/${extraA.tokenId}` },
      { method: 'DELETE', path: `/api/v1/tokens/${MISSING_ID}` },
    ]) {
      await expectProblem(await call(h.alfa.editor, c), 403);
    }
    expect(await okJson(await h.request('/api/v1/tokens', { token: h.alfa.admin }))).toEqual(tokensBefore);
    expect(await works(extraA.token)).toBe(true);
  });

  it('an admin creates, lists and revokes a token of its own tenant; the revoked token then gets 401', async () => {
    const created = await okJson(
      await h.request('/api/v1/tokens', { method: 'POST', token: h.alfa.admin, json: { role: 'editor', label: 'planerare' } }),
      201,
    );
    expect(created).toMatchObject({
      tokenId: expect.any(String),
      role: 'editor',
      label: 'planerare',
      createdAt: expect.any(String),
      token: expect.any(String),
    });
    expect(created.tenant).toBeUndefined();
    expect(created.revokedAt).toBeUndefined();

    // It works as an editor of alfa.
    expect((await okJson(await h.request(`/api/v1/models/${modelA}`, { token: created.token }))).version).toBe(2);
    const model = await okJson(
      await h.request('/api/v1/models', { method: 'POST', token: created.token, json: { ...SMALL, name: 'Av planeraren' } }),
      201,
    );
    expect((await okJson(await h.request(`/api/v1/models/${model.id}`, { token: h.alfa.viewer }))).model.name).toBe('Av planeraren');
    await expectProblem(await h.request('/api/v1/tokens', { token: created.token }), 403);

    // Listed, without its secret or hash.
    const list = await okJson(await h.request('/api/v1/tokens', { token: h.alfa.admin }));
    const listed = (list.items as Json[]).find((t) => t.tokenId === created.tokenId);
    expect(listed).toEqual({ tokenId: created.tokenId, role: 'editor', label: 'planerare', createdAt: created.createdAt });
    const text = JSON.stringify(list);
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(created.token.slice(-20));
    for (const t of list.items as Json[]) expect(Object.keys(t).sort()).toEqual(expect.arrayContaining(['createdAt', 'role', 'tokenId']));
    for (const t of list.items as Json[])
      for (const k of Object.keys(t)) expect(['tokenId', 'role', 'label', 'createdAt', 'revokedAt']).toContain(k);

    // Revoked: 204, then 401 with WWW-Authenticate; listed as revoked; other tokens unaffected.
    const del = await h.request(`/api/v1/tokens/${created.tokenId}`, { method: 'DELETE', token: h.alfa.admin });
    expect(del.status).toBe(204);
    for (const path of ['/api/v1/models', `/api/v1/models/${modelA}`, '/api/v1/runs']) {
      const res = await h.request(path, { token: created.token });
      expect(res.headers.get('WWW-Authenticate') ?? '').toMatch(/^Bearer/);
      await expectProblem(res, 401);
    }
    await expectProblem(await h.request('/api/v1/models', { method: 'POST', token: created.token, json: SMALL }), 401);
    const after = await okJson(await h.request('/api/v1/tokens', { token: h.alfa.admin }));
    expect((after.items as Json[]).find((t) => t.tokenId === created.tokenId)?.revokedAt).toEqual(expect.any(String));
    expect(await works(extraA.token)).toBe(true);
    expect(await works(h.alfa.admin)).toBe(true);
    // A token id that does not exist is 404.
    await expectProblem(await h.request(`/api/v1/tokens/${MISSING_ID}`, { method: 'DELETE', token: h.alfa.admin }), 404);
  });

  it('an admin can revoke the viewer token it made; beta was never able to', async () => {
    expect(await works(extraA.token)).toBe(true);
    expect((await h.request(`/api/v1/tokens/${extraA.tokenId}`, { method: 'DELETE', token: h.alfa.admin })).status).toBe(204);
    const res = await h.request('/api/v1/models', { token: extraA.token });
    expect(res.headers.get('WWW-Authenticate') ?? '').toMatch(/^Bearer/);
    await expectProblem(res, 401);
  });
});
