/**
 * Strict parsing and connection handling (issue 10, items 8 and 10): reserved keys are refused with their path,
 * `Authorization` takes exactly one space after `Bearer`, JSON is UTF-8 only, numbers in queries are plain
 * decimal digits, answers given before the body was read end the connection, and the HTTP parser's own
 * refusals (431) are problem+json like every other error.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModel, ValidationError } from '../../simulation/schema.js';
import { expectProblem, startHarness, type Harness } from './harness.js';

type Json = Record<string, any>;
const SMALL = JSON.parse(readFileSync(new URL('../../examples/small-municipality.json', import.meta.url), 'utf8')) as Json;

let h: Harness;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  h = await startHarness();
  server = await h.listen();
}, 120_000);

afterAll(async () => {
  await server?.close();
  await h?.close();
});

/** A JSON text with a key spliced in as raw text (JSON.stringify would never write `__proto__` as a key). */
function withRawKey(model: Json, into: 'budget' | 'mix', key: string): string {
  const text = JSON.stringify(model);
  const anchor = into === 'budget' ? '"budget":{' : '"mix":{';
  const at = text.indexOf(anchor) + anchor.length;
  return `${text.slice(0, at)}"${key}":1,${text.slice(at)}`;
}

const postModel = (body: string, contentType = 'application/json', token = h.alfa.editor) =>
  h.request('/api/v1/models', { method: 'POST', token, body, headers: { 'Content-Type': contentType } });

describe('reserved keys', () => {
  for (const [into, key, path] of [
    ['budget', '__proto__', 'budget.__proto__'],
    ['budget', 'constructor', 'budget.constructor'],
    ['mix', 'prototype', 'inflow[0].mix.prototype'],
    ['mix', '__proto__', 'inflow[0].mix.__proto__'],
  ] as const) {
    it(`"${key}" inside ${into} is refused with the field's path, and nothing is saved`, async () => {
      const before = ((await (await h.request('/api/v1/models', { token: h.alfa.viewer })).json()) as Json).items.length;
      const body = await expectProblem(await postModel(withRawKey(SMALL, into, key)), 400);
      expect(body.errors).toContainEqual({ path, message: expect.stringMatching(/reserved/) });
      const after = ((await (await h.request('/api/v1/models', { token: h.alfa.viewer })).json()) as Json).items.length;
      expect(after).toBe(before);
    });
  }

  it('are refused by the engine too (the command line and the page parse models with it)', () => {
    const parsed = JSON.parse(withRawKey(SMALL, 'budget', '__proto__')) as unknown;
    expect(() => parseModel(parsed)).toThrow(ValidationError);
    try {
      parseModel(parsed);
    } catch (e) {
      expect((e as ValidationError).issues).toEqual([{ path: 'budget.__proto__', message: expect.stringMatching(/reserved/) }]);
    }
  });

  it('"__proto__" in a run request is refused before anything starts', async () => {
    const saved = (await (await postModel(JSON.stringify(SMALL))).json()) as Json;
    const res = await h.request('/api/v1/runs', {
      method: 'POST',
      token: h.alfa.editor,
      headers: { 'Content-Type': 'application/json' },
      body: `{"modelId":"${saved.id as string}","trials":100,"seed":1,"scenarios":[{"id":"b","__proto__":{}}]}`,
    });
    const body = await expectProblem(res, 400);
    expect(body.errors).toContainEqual({ path: 'scenarios[0].__proto__', message: expect.stringMatching(/reserved/) });
  });
});

describe('the Authorization header', () => {
  it('takes exactly one space after Bearer', async () => {
    const get = (value: string) => h.request('/api/v1/models', { headers: { Authorization: value } });
    expect((await get(`Bearer ${h.alfa.viewer}`)).status).toBe(200);
    expect((await get(`bearer ${h.alfa.viewer}`)).status).toBe(200);
    for (const bad of [`Bearer\t${h.alfa.viewer}`, `Bearer  ${h.alfa.viewer}`, `Bearer${h.alfa.viewer}`]) {
      await expectProblem(await get(bad), 401);
    }
  });
});

describe('JSON bodies', () => {
  it("that are not JSON, or not JSON at all by type, are told so under the service's bilingual titles", async () => {
    const broken = await expectProblem(await postModel('{"name": ', 'application/json'), 400);
    expect(broken.title).toBe('Felaktig begäran / bad request');
    expect(broken.detail).toMatch(/JSON/);
    const typed = await expectProblem(await postModel(JSON.stringify(SMALL), 'text/plain'), 415);
    expect(typed.title).toBe('Fel innehållstyp / unsupported media type');
  });

  it('are UTF-8 only: another charset is 415, malformed UTF-8 is 400, and nothing is saved', async () => {
    for (const charset of ['utf-16', 'latin1', 'iso-8859-1']) {
      const body = await expectProblem(await postModel(JSON.stringify(SMALL), `application/json; charset=${charset}`), 415);
      expect(body.detail).toContain(charset);
    }
    const text = JSON.stringify({ ...SMALL, name: 'Små kommun' });
    const bytes = Buffer.from(text, 'utf8');
    // "å" is C3 A5 in UTF-8; a lone C3 followed by an ASCII byte is not UTF-8.
    const broken = Buffer.from(bytes.toString('latin1').replace('Ã¥', 'Ã '), 'latin1');
    const res = await h.request('/api/v1/models', {
      method: 'POST',
      token: h.alfa.editor,
      body: broken,
      headers: { 'Content-Type': 'application/json' },
    });
    expect((await expectProblem(res, 400)).detail).toMatch(/UTF-8/);
    expect((await postModel(text, 'application/json; charset=UTF-8')).status).toBe(201);
    expect((await postModel(text, 'application/json')).status).toBe(201);
  });
});

describe('numbers in queries', () => {
  it('are plain decimal digits: limit=0x10 or 1e1 is 400 naming the parameter, limit=10 is read', async () => {
    const list = (limit: string) => h.request(`/api/v1/models?limit=${limit}`, { token: h.alfa.viewer });
    expect((await list('10')).status).toBe(200);
    for (const bad of ['0x10', '1e1', '10.0', '%2010']) {
      const body = await expectProblem(await list(bad), 400);
      expect(body.errors[0].path).toBe('query.limit');
    }
  });

  it('are refused by name when unknown, so a typo is not answered with the default', async () => {
    const body = await expectProblem(await h.request('/api/v1/models?lmit=1', { token: h.alfa.viewer }), 400);
    expect(body.errors).toEqual([expect.objectContaining({ path: 'query', message: 'unknown query parameter "lmit"' })]);
    expect((await h.request('/api/v1/runs?limit=1', { token: h.alfa.viewer })).status).toBe(200);
  });

  it('horizonMonths of a calibration is read the same way', async () => {
    const res = await h.request('/api/v1/calibrations?horizonMonths=0x24', {
      method: 'POST',
      token: h.alfa.editor,
      body: 'episode_id,person_id,segment,form,start_date,end_date,daily_cost\n',
      headers: { 'Content-Type': 'text/csv' },
    });
    expect((await expectProblem(res, 400)).errors[0].path).toBe('query.horizonMonths');
  });
});

/** Sends raw bytes on one socket and collects what comes back until the server closes it or `ms` pass. */
function exchange(url: string, parts: (string | Buffer)[], ms = 5_000): Promise<{ text: string; closed: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    let closed = false;
    const timer = setTimeout(() => {
      socket.destroy();
      done({ text, closed });
    }, ms);
    socket.on('data', (d) => (text += d.toString('utf8')));
    socket.on('error', (e) => (text === '' ? fail(e) : undefined));
    socket.on('close', () => {
      closed = true;
      clearTimeout(timer);
      done({ text, closed });
    });
    socket.on('connect', () => {
      for (const p of parts) socket.write(p);
    });
  });
}

const header = (response: string, name: string) => new RegExp(`^${name}: *(.*)$`, 'im').exec(response.split('\r\n\r\n')[0])?.[1]?.trim();

describe('connections', () => {
  it('a 413 says Connection: close and closes, instead of promising keep-alive', async () => {
    const { host } = new URL(server.url);
    const head =
      `POST /api/v1/models HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${h.alfa.editor}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${6 * 1024 * 1024}\r\nConnection: keep-alive\r\n\r\n`;
    const { text, closed } = await exchange(server.url, [head, '{"name":']);
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(header(text, 'connection')?.toLowerCase()).toBe('close');
    expect(header(text, 'content-type')).toMatch(/^application\/problem\+json/);
    expect(closed).toBe(true);
  });

  it('an answer before the body was read (401) ends the connection; a read body keeps it alive', async () => {
    const { host } = new URL(server.url);
    const body = JSON.stringify(SMALL);
    const post = (auth: string) =>
      `POST /api/v1/models HTTP/1.1\r\nHost: ${host}\r\n${auth}Content-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const early = await exchange(server.url, [post('')]);
    expect(early.text).toMatch(/^HTTP\/1\.1 401 /);
    expect(header(early.text, 'connection')?.toLowerCase()).toBe('close');

    // Two requests on one socket: the first body is read, so the second is answered on the same connection.
    const get = `GET /health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
    const kept = await exchange(server.url, [post(`Authorization: Bearer ${h.alfa.editor}\r\n`), get]);
    expect(kept.text).toMatch(/^HTTP\/1\.1 201 /);
    expect(kept.text).toMatch(/HTTP\/1\.1 200 [^]*"status":"ok"/);
  });

  it('headers over the limit get a 431 in problem+json', async () => {
    const { host } = new URL(server.url);
    const { text, closed } = await exchange(server.url, [`GET /health HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]);
    expect(text).toMatch(/^HTTP\/1\.1 431 /);
    expect(header(text, 'content-type')).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(text.split('\r\n\r\n')[1]) as Json;
    expect(problem).toMatchObject({ status: 431, title: expect.stringMatching(/too large/) });
    expect(closed).toBe(true);
  });
});
