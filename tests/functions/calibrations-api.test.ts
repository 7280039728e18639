/**
 * POST /api/v1/calibrations against a real DynamoDB Local: the shared records as text/csv (and inside JSON)
 * give a model that passes parseModel and its fit report; a viewer is refused; bad rows answer 400
 * problem+json naming row and column; an empty body answers 400. Nothing is stored.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModel } from '../../simulation/schema.js';
import { startHarness, type Harness } from './harness.js';

type Json = Record<string, any>;

const SHARED = readFileSync(new URL('../../../shared/data/placements-midsize.csv', import.meta.url), 'utf8');
const HEADER = 'episode_id,person_id,segment,form,start_date,end_date,daily_cost';
const GOOD = [
  'E1,P1,bou,hvb,2020-01-10,2020-05-01,4000',
  'E2,P2,bou,hvb,2020-03-01,2020-09-15,4100',
  'E3,P3,bou,hvb,2021-02-01,2021-06-30,4200',
  'E4,P4,bou,hvb,2021-05-01,,4300',
  'E5,P5,bou,hvb,2022-01-15,2022-04-01,4400',
  'E6,P6,bou,hvb,2022-06-01,,4500',
];
// Row 12 (header = 1) has an impossible start date.
const BAD = [HEADER, ...GOOD, ...GOOD.map((l) => l.replace(/^E(\d)/, 'F$1').replace(/,P(\d)/, ',Q$1'))]
  .map((l, i) => (i === 11 ? l.replace(/2022-01-15/, '2022-13-15') : l))
  .join('\n');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const postCsv = (body: string, token: string, query = '') =>
  h.request(`/api/v1/calibrations${query}`, { method: 'POST', token, body, headers: { 'Content-Type': 'text/csv; charset=utf-8' } });

describe('POST /api/v1/calibrations', () => {
  it('answers a CSV whose header line is megabytes long with a problem of a few kilobytes', async () => {
    const header = 'x'.repeat(4_900_000);
    const res = await postCsv(`${header}\n1;2;3\n`, h.alfa.editor);
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(text.length).toBeLessThan(16 * 1024);
    const problem = JSON.parse(text) as Json;
    for (const e of problem.errors as Json[]) expect(e.message.length).toBeLessThan(260);
  });

  it('calibrates the shared records sent as text/csv into a valid model and a report', async () => {
    const res = await postCsv(SHARED, h.alfa.editor, '?start=2026-01&horizonMonths=48');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    const model = parseModel(body.model);
    expect(model.start).toBe('2026-01');
    expect(model.horizonMonths).toBe(48);
    expect(body.report.forms).toHaveLength(8);
    expect(body.report.segments).toHaveLength(2);
    expect(body.skipped).toBe(0);
    // It stores nothing.
    const list = (await (await h.request('/api/v1/models', { token: h.alfa.editor })).json()) as Json;
    expect(list.items).toHaveLength(0);
  });

  it('takes the CSV inside a JSON body too, with its options', async () => {
    const res = await h.request('/api/v1/calibrations', {
      method: 'POST',
      token: h.alfa.admin,
      json: { records: SHARED, to: '2024-12-31', horizonMonths: 24 },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    const model = parseModel(body.model);
    expect(model.start).toBe('2025-01');
    expect(model.horizonMonths).toBe(24);
    expect(body.report.window.to).toBe('2024-12-31');
  });

  it('refuses a viewer (403) and a request without a token (401)', async () => {
    const res = await postCsv(SHARED, h.alfa.viewer);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const anon = await h.request('/api/v1/calibrations', { method: 'POST', body: SHARED, headers: { 'Content-Type': 'text/csv' } });
    expect(anon.status).toBe(401);
  });

  it('answers a bad row with 400 problem+json naming row and column; skipBadRows drops it', async () => {
    const res = await postCsv(BAD, h.alfa.editor);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const body = (await res.json()) as Json;
    expect(body.status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ path: 'rows[12].start_date', row: 12, column: 'start_date' });
    expect(body.errors[0].message).toEqual(expect.any(String));
    expect(body.detail).toContain('rows[12].start_date');

    const skipped = await postCsv(BAD, h.alfa.editor, '?skipBadRows=true');
    expect(skipped.status).toBe(200);
    const ok = (await skipped.json()) as Json;
    expect(ok.skipped).toBe(1);
    parseModel(ok.model);

    const json = await h.request('/api/v1/calibrations', {
      method: 'POST',
      token: h.alfa.editor,
      json: { records: BAD, skipBadRows: true },
    });
    expect(json.status).toBe(200);
  });

  it('names a missing column', async () => {
    const res = await postCsv('episode_id,person_id,segment,form,start_date\nE1,P1,bou,hvb,2020-01-10\n', h.alfa.editor);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Json;
    expect(body.errors.map((e: Json) => e.path)).toContain('rows[1].end_date');
  });

  it('answers an empty body with 400', async () => {
    for (const body of ['', '\uFEFF\r\n']) {
      const res = await postCsv(body, h.alfa.editor);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    const none = await h.request('/api/v1/calibrations', { method: 'POST', token: h.alfa.editor });
    expect(none.status).toBe(400);
    const json = await h.request('/api/v1/calibrations', { method: 'POST', token: h.alfa.editor, json: { records: '' } });
    expect(json.status).toBe(400);
  });

  it('answers bad options with 400 naming them', async () => {
    const res = await postCsv(SHARED, h.alfa.editor, '?horizonMonths=500&start=2026-13');
    expect(res.status).toBe(400);
    const body = (await res.json()) as Json;
    const paths = body.errors.map((e: Json) => e.path).join(' ');
    expect(paths).toContain('horizonMonths');
    expect(paths).toContain('start');
    const json = await h.request('/api/v1/calibrations', {
      method: 'POST',
      token: h.alfa.editor,
      json: { records: SHARED, from: '2020-02-30' },
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as Json).errors[0].path).toContain('from');
  });

  it('refuses an option it does not know, in the query or the JSON body, by name (a typo would run on the default)', async () => {
    const query = await postCsv(SHARED, h.alfa.editor, '?horizonMonth=24');
    expect(query.status).toBe(400);
    expect(((await query.json()) as Json).errors).toEqual([
      expect.objectContaining({ path: 'query', message: 'unknown query parameter "horizonMonth"' }),
    ]);
    const json = await h.request('/api/v1/calibrations', {
      method: 'POST',
      token: h.alfa.editor,
      json: { records: SHARED, horizonMonth: 24 },
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as Json).errors).toEqual([expect.objectContaining({ message: 'unknown field "horizonMonth"' })]);
  });

  it("refuses records that are not UTF-8 (Swedish Excel's plain CSV is Windows-1252) with the remedy, not names with U+FFFD", async () => {
    const latin1 = Buffer.from(`${HEADER}\n${GOOD.join('\n').replaceAll(',bou,', ',b\u00f6u,')}\n`, 'latin1');
    const res = await h.request('/api/v1/calibrations', {
      method: 'POST',
      token: h.alfa.editor,
      body: latin1,
      headers: { 'Content-Type': 'text/csv' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as Json).detail).toMatch(/not valid UTF-8 \(byte 0xF6 on line 2\).*CSV UTF-8/);
  });
});
