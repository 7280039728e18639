/**
 * GET /api/v1/models/{id}/versions on DynamoDB Local: a model's versions newest first, paged by cursor, each with
 * when and by whom (the saving token's label) it was saved and never the model itself; 404 problem+json for a
 * missing model and for another tenant's, which cannot tell the two apart.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../functions/auth/tokens.js';
import { expectProblem, okJson, startHarness, type Harness } from './harness.js';

type Json = Record<string, any>;

const SMALL = JSON.parse(readFileSync(new URL('../../examples/small-municipality.json', import.meta.url), 'utf8')) as Json;

let h: Harness;
let id: string;
/** A second editor of tenant alfa, labelled as a person, who saves version 2. */
let anna: string;

beforeAll(async () => {
  h = await startHarness({ workers: 1 });
  anna = (await createToken(h.store, 'alfa', 'editor', new Date(), 'Anna, controller')).token;
  id = (await okJson(await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: SMALL }), 201)).id;
  for (let v = 1; v <= 4; v++) {
    const token = v === 1 ? anna : h.alfa.editor;
    const json = { ...SMALL, name: `${SMALL.name} v${v + 1}`, horizonMonths: 24 + v };
    await okJson(await h.request(`/api/v1/models/${id}`, { method: 'PUT', token, json, headers: { 'If-Match': `"${v}"` } }));
  }
});

afterAll(async () => {
  await h?.close();
});

describe('GET /api/v1/models/{id}/versions', () => {
  it('lists every version newest first, with its name, time and the label of the token that saved it', async () => {
    const page = await okJson(await h.request(`/api/v1/models/${id}/versions`, { token: h.alfa.viewer }));
    expect(page.cursor).toBeUndefined();
    expect(page.items.map((v: Json) => v.version)).toEqual([5, 4, 3, 2, 1]);
    expect(page.items.map((v: Json) => v.name)).toEqual([5, 4, 3, 2].map((n) => `${SMALL.name} v${n}`).concat(SMALL.name));
    expect(page.items.map((v: Json) => v.savedBy)).toEqual([
      'test editor',
      'test editor',
      'test editor',
      'Anna, controller',
      'test editor',
    ]);
    for (const v of page.items) {
      expect(Object.keys(v).sort()).toEqual(['createdAt', 'name', 'savedBy', 'version']);
      expect(Date.parse(v.createdAt)).not.toBeNaN();
    }
    const times = page.items.map((v: Json) => Date.parse(v.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('agrees with each version as read alone', async () => {
    const page = await okJson(await h.request(`/api/v1/models/${id}/versions`, { token: h.alfa.viewer }));
    for (const entry of page.items) {
      const one = await okJson(await h.request(`/api/v1/models/${id}/versions/${entry.version}`, { token: h.alfa.viewer }));
      expect(one.createdAt).toBe(entry.createdAt);
      // A version read alone names no token: its id would tell a reader nothing, and its label is the history's.
      expect(Object.keys(one).sort()).toEqual(['createdAt', 'id', 'model', 'version']);
      expect(one.model.name).toBe(entry.name);
    }
  });

  it('pages with limit and cursor like the other listings, every version once', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const q = `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await okJson(await h.request(`/api/v1/models/${id}/versions?${q}`, { token: h.alfa.viewer }));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((v: Json) => v.version));
      cursor = page.cursor;
      expect(++pages).toBeLessThan(10);
    } while (cursor);
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    expect(pages).toBe(3);
  });

  it('refuses a bad limit and a cursor of another listing with 400 problem+json', async () => {
    await expectProblem(await h.request(`/api/v1/models/${id}/versions?limit=0`, { token: h.alfa.viewer }), 400);
    await expectProblem(await h.request(`/api/v1/models/${id}/versions?limit=abc`, { token: h.alfa.viewer }), 400);
    const models = await okJson(await h.request('/api/v1/models?limit=1', { token: h.alfa.viewer }));
    const other = await okJson(await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: SMALL }), 201);
    const first = await okJson(await h.request(`/api/v1/models/${id}/versions?limit=1`, { token: h.alfa.viewer }));
    await expectProblem(await h.request(`/api/v1/models/${other.id}/versions?cursor=${first.cursor}`, { token: h.alfa.viewer }), 400);
    if (models.cursor) {
      await expectProblem(await h.request(`/api/v1/models/${id}/versions?cursor=${models.cursor}`, { token: h.alfa.viewer }), 400);
    }
    await expectProblem(await h.request(`/api/v1/models/${id}/versions?cursor=nonsense!`, { token: h.alfa.viewer }), 400);
  });

  it('is 404 problem+json for a missing model, and the same for another tenant asking for this one', async () => {
    const missing = await expectProblem(
      await h.request('/api/v1/models/01k0000000000000000000000z/versions', { token: h.beta.viewer }),
      404,
    );
    const theirs = await expectProblem(await h.request(`/api/v1/models/${id}/versions`, { token: h.beta.viewer }), 404);
    expect(theirs).toEqual(missing);
    await expectProblem(await h.request(`/api/v1/models/${'x'.repeat(2000)}/versions`, { token: h.alfa.viewer }), 400);
  });

  it('needs a token', async () => {
    await expectProblem(await h.request(`/api/v1/models/${id}/versions`), 401);
  });
});
