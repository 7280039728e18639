/**
 * GET /api/v1/runs/{id}/result.xlsx against a real DynamoDB Local: the workbook of a finished run, read back with
 * exceljs, holds the result's numbers and the assumptions of the model version the run used (not a later one);
 * it answers like result.csv before the run has finished (409), for another tenant's or a missing run (404) and
 * without a valid token (401); and it is in the OpenAPI document.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app.js';
import { systemClock, type Executor } from '../../functions/store/port.js';
import { expectProblem, okJson, startHarness, waitForRun, type Harness } from './harness.js';

type Json = Record<string, any>;

const SMALL = JSON.parse(readFileSync(new URL('../../examples/small-municipality.json', import.meta.url), 'utf8')) as Json;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MISSING_ID = '01k0000000000000000000000z';

let h: Harness;
let modelId: string;
let runId: string;

async function workbook(res: Response): Promise<ExcelJS.Workbook> {
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
  return wb;
}

/** Column B of the row whose column A is `label`. */
function valueOf(ws: ExcelJS.Worksheet, label: string): ExcelJS.CellValue {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === label) return ws.getRow(r).getCell(2).value;
  throw new Error(`no row ${label}`);
}

beforeAll(async () => {
  h = await startHarness();
  modelId = (await okJson(await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: SMALL }), 201)).id;
  runId = (
    await okJson(await h.request('/api/v1/runs', { method: 'POST', token: h.alfa.editor, json: { modelId, trials: 300, seed: 5 } }), 202)
  ).id;
  expect((await waitForRun(h, h.alfa.viewer, runId)).status).toBe('succeeded');
  // A later version of the model: the workbook must still describe version 1, which the run used.
  await okJson(
    await h.request(`/api/v1/models/${modelId}`, {
      method: 'PUT',
      token: h.alfa.editor,
      json: { ...SMALL, name: 'Småkommun, ändrad' },
      headers: { 'If-Match': '"1"' },
    }),
  );
});

afterAll(async () => {
  await h?.close();
});

describe('GET /api/v1/runs/{id}/result.xlsx', () => {
  it('is a workbook download whose numbers are the result and whose assumptions are the run’s model version', async () => {
    const res = await h.request(`/api/v1/runs/${runId}/result.xlsx`, { token: h.alfa.viewer });
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="placeringsprognos-${runId}.xlsx"`);
    const wb = await workbook(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Perioder', 'Månader', 'Skillnader', 'Antaganden']);

    const result = await okJson(await h.request(`/api/v1/runs/${runId}/result`, { token: h.alfa.viewer }));
    const periods = wb.getWorksheet('Perioder') as ExcelJS.Worksheet;
    const header = periods.getRow(1).values as unknown[];
    const mean = header.indexOf('Kostnad, medel');
    const period = header.indexOf('Period');
    const row = [...Array(periods.rowCount).keys()].map((i) => periods.getRow(i + 1)).find((r) => r.getCell(period).value === 2027);
    expect(row?.getCell(1).value).toBe('baseline');
    expect(row?.getCell(mean).value).toBe(result.scenarios[0].periods['2027'].cost.mean);
    expect(row?.getCell(mean).numFmt).toBe('#,##0.0,," mkr"');

    const assumptions = wb.getWorksheet('Antaganden') as ExcelJS.Worksheet;
    expect(valueOf(assumptions, 'Modell')).toBe(SMALL.name);
    expect(valueOf(assumptions, 'Modellversion')).toBe(1);
    expect(valueOf(assumptions, 'Körning')).toBe(runId);
    expect(valueOf(assumptions, 'Antal simuleringar')).toBe(300);
    expect(valueOf(assumptions, 'Startvärde (seed)')).toBe(5);
    expect(valueOf(assumptions, 'Start')).toBe(SMALL.start);
    expect(valueOf(assumptions, 'Horisont')).toBe(SMALL.horizonMonths);
    expect(valueOf(assumptions, SMALL.forms[0].label)).toBe(SMALL.segments[0].label);
  });

  it('is in English with lang=en, and refuses another language (400)', async () => {
    const wb = await workbook(await h.request(`/api/v1/runs/${runId}/result.xlsx?lang=en`, { token: h.alfa.viewer }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Periods', 'Monthly', 'Differences', 'Assumptions']);
    expect(valueOf(wb.getWorksheet('Assumptions') as ExcelJS.Worksheet, 'Model version')).toBe(1);
    await expectProblem(await h.request(`/api/v1/runs/${runId}/result.xlsx?lang=de`, { token: h.alfa.viewer }), 400);
  });

  it('answers as result.csv does for every token: 200 for each role, 401 without a valid one, 404 for another tenant', async () => {
    const cases: [string, Record<string, string>][] = [
      ['no token', {}],
      ['bad token', { Authorization: 'Bearer nonsense' }],
      ['alfa viewer', { Authorization: `Bearer ${h.alfa.viewer}` }],
      ['alfa editor', { Authorization: `Bearer ${h.alfa.editor}` }],
      ['alfa admin', { Authorization: `Bearer ${h.alfa.admin}` }],
      ['beta viewer', { Authorization: `Bearer ${h.beta.viewer}` }],
      ['beta admin', { Authorization: `Bearer ${h.beta.admin}` }],
    ];
    const seen: Record<string, number> = {};
    for (const [who, headers] of cases) {
      const csv = await h.request(`/api/v1/runs/${runId}/result.csv`, { headers });
      const xlsx = await h.request(`/api/v1/runs/${runId}/result.xlsx`, { headers });
      expect(xlsx.status, who).toBe(csv.status);
      if (xlsx.status !== 200) {
        expect(xlsx.headers.get('content-type') ?? '', who).toMatch(/^application\/problem\+json/);
        if (xlsx.status === 401) expect(xlsx.headers.get('WWW-Authenticate') ?? '').toMatch(/^Bearer/);
      }
      seen[who] = xlsx.status;
      await csv.body?.cancel();
      await xlsx.body?.cancel();
    }
    expect(seen).toEqual({
      'no token': 401,
      'bad token': 401,
      'alfa viewer': 200,
      'alfa editor': 200,
      'alfa admin': 200,
      'beta viewer': 404,
      'beta admin': 404,
    });
  });

  it("is 404 for another tenant's run with the same answer as for a missing run", async () => {
    const theirs = await expectProblem(await h.request(`/api/v1/runs/${runId}/result.xlsx?lang=en`, { token: h.beta.viewer }), 404);
    const missing = await expectProblem(await h.request(`/api/v1/runs/${MISSING_ID}/result.xlsx?lang=en`, { token: h.beta.viewer }), 404);
    expect(theirs).toEqual(missing);
  });

  it('is 409 problem+json while the run is queued (held by a paused executor)', async () => {
    const paused: Executor = { start: async () => undefined };
    const app = createApp({ store: h.store, executor: paused, clock: systemClock, workers: 2 });
    const post = await app.request('/api/v1/runs', {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.alfa.editor}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ modelId, trials: 100, seed: 1 }),
    });
    const queued = (await okJson(post, 202)).id as string;
    const res = await h.request(`/api/v1/runs/${queued}/result.xlsx`, { token: h.alfa.viewer });
    const body = await expectProblem(res, 409);
    expect(body.runStatus).toBe('queued');
    // Started, it finishes and the workbook is there.
    const run = await h.store.getRun('alfa', queued);
    await h.executor.start(run!);
    expect((await waitForRun(h, h.alfa.viewer, queued)).status).toBe('succeeded');
    const wb = await workbook(await h.request(`/api/v1/runs/${queued}/result.xlsx`, { token: h.alfa.viewer }));
    expect(valueOf(wb.getWorksheet('Antaganden') as ExcelJS.Worksheet, 'Modellversion')).toBe(2);
  });

  it('is documented in the OpenAPI document with the run routes’ tag and the xlsx type', async () => {
    const doc = await okJson(await h.request('/openapi.json'));
    const op = doc.paths['/api/v1/runs/{id}/result.xlsx']?.get;
    expect(op).toBeDefined();
    expect(op.tags).toEqual(doc.paths['/api/v1/runs/{id}/result.csv'].get.tags);
    expect(Object.keys(op.responses['200'].content)).toEqual([XLSX]);
    expect(op.parameters.map((p: Json) => p.name).sort()).toEqual(['id', 'lang']);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '404', '409']);
  });
});
