/**
 * The API Lambda driven by API Gateway HTTP API (v2) events, its runs started as in the cloud: one execution of the
 * synthesised state machine per run, played here with the real step handlers (tests/cloud/state-machine-executor.ts).
 * Every answer equals the local app's (`app.request`) for the same request on the same table, byte for byte.
 */
import { gunzipSync } from 'node:zlib';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app.js';
import { createToken } from '../../functions/auth/tokens.js';
import { createApiHandler, type ApiHandler } from '../../functions/lambda/api.js';
import { systemClock } from '../../functions/store/port.js';
import { simulate } from '../../simulation/index.js';
import { LocalStateMachineExecutor, stepHandlers, synthesisedDefinition } from '../cloud/state-machine-executor.js';
import { httpApiEvent, type HttpApiRequest as Request } from './http-api-event.js';
import { jsonLogLines } from './json-log.js';
import { SMALL, startLambdaEnv, type LambdaEnv } from './lambda-env.js';

const WORKERS = 2;

let env: LambdaEnv;
let executor: LocalStateMachineExecutor;
let lambda: ApiHandler;
let local: ReturnType<typeof createApp>;
let editor: string;
let viewer: string;
let other: string;

beforeAll(async () => {
  env = await startLambdaEnv();
  executor = new LocalStateMachineExecutor(synthesisedDefinition(4), await stepHandlers());
  lambda = createApiHandler({ store: env.store, executor, clock: systemClock, workers: WORKERS });
  local = createApp({ store: env.store, executor, clock: systemClock, workers: WORKERS });
  editor = (await createToken(env.store, 'alfa', 'editor', new Date())).token;
  viewer = (await createToken(env.store, 'alfa', 'viewer', new Date())).token;
  other = (await createToken(env.store, 'beta', 'admin', new Date())).token;
});

afterAll(async () => {
  await executor?.idle();
  await env?.close();
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

async function viaLambda(req: Request): Promise<Answer> {
  const out = await lambda(httpApiEvent(req));
  const headers = Object.fromEntries(Object.entries(out.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status: out.statusCode, headers, body: Buffer.from(out.body, out.isBase64Encoded ? 'base64' : 'utf8') };
}

async function viaLocal({ method = 'GET', path, token, json, body, headers: extra = {} }: Request): Promise<Answer> {
  const headers = new Headers(extra);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const text = json !== undefined ? JSON.stringify(json) : body;
  if (text !== undefined) headers.set('Content-Type', 'application/json');
  const res = await local.request(`http://abc123.execute-api.eu-north-1.amazonaws.com${path}`, { method, headers, body: text });
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => (out[k] = v));
  return { status: res.status, headers: out, body: Buffer.from(await res.arrayBuffer()) };
}

/** The Lambda's answer, after checking that the local app gives the same one. */
async function same(req: Request): Promise<Answer> {
  const [cloud, here] = [await viaLambda(req), await viaLocal(req)];
  expect(cloud.status).toBe(here.status);
  expect(cloud.headers).toEqual(here.headers);
  expect(cloud.body.equals(here.body), `${req.path}: bodies differ`).toBe(true);
  return cloud;
}

const json = (a: Answer) => JSON.parse(a.body.toString('utf8')) as Record<string, any>;

describe('the API Lambda', () => {
  let modelId: string;
  let runId: string;

  it('creates a model and starts a run that the step handlers play to the end', async () => {
    const created = await viaLambda({ method: 'POST', path: '/api/v1/models', token: editor, json: SMALL });
    modelId = json(created).id;
    const started = await viaLambda({ method: 'POST', path: '/api/v1/runs', token: editor, json: { modelId, trials: 400, seed: 21 } });
    runId = json(started).id;
    await executor.idle();
    const polled = await same({ path: `/api/v1/runs/${runId}`, token: viewer });

    expect(created.status).toBe(201);
    expect(started.status).toBe(202);
    expect(started.headers['content-type']).toMatch(/^application\/json/);
    expect(executor.started).toEqual([runId]);
    expect(json(polled)).toMatchObject({ id: runId, status: 'succeeded', trials: 400, seed: 21 });
    await same({ path: `/api/v1/models/${modelId}`, token: viewer });
  });

  it('answers the result as the local app does, and as the command line computes it', async () => {
    const result = await same({ path: `/api/v1/runs/${runId}/result`, token: viewer });

    expect(result.status).toBe(200);
    expect(json(result)).toEqual(simulate({ model: SMALL, trials: 400, seed: 21 }));
  });

  it('sends the result gzip-compressed (base64 for API Gateway) to a client that accepts it, as the local app does', async () => {
    const plain = await same({ path: `/api/v1/runs/${runId}/result`, token: viewer });
    const event = httpApiEvent({
      path: `/api/v1/runs/${runId}/result`,
      token: viewer,
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    });
    const raw = await lambda(event);
    const zipped = await same({ path: `/api/v1/runs/${runId}/result`, token: viewer, headers: { 'Accept-Encoding': 'gzip, deflate, br' } });

    expect(raw.isBase64Encoded).toBe(true);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
  });

  it('sends the Swedish CSV with its byte order mark, and the English one, as the local app does', async () => {
    const sv = await same({ path: `/api/v1/runs/${runId}/result.csv`, token: viewer });
    const en = await same({ path: `/api/v1/runs/${runId}/result.csv?locale=en&table=delta`, token: viewer });

    expect(sv.status).toBe(200);
    expect(sv.headers['content-type']).toMatch(/^text\/csv/);
    expect(sv.headers['content-disposition']).toContain(`placeringsprognos-${runId}-periods.csv`);
    expect([...sv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(en.status).toBe(200);
  });

  it('answers 404 to another tenant, as for a run that does not exist', async () => {
    const run = await same({ path: `/api/v1/runs/${runId}`, token: other });
    const result = await same({ path: `/api/v1/runs/${runId}/result.csv`, token: other });

    expect(run.status).toBe(404);
    expect(result.status).toBe(404);
  });

  it('answers a bad body with 400 problem+json naming the field', async () => {
    const bad = await same({ method: 'POST', path: '/api/v1/runs', token: editor, json: { modelId, trials: 0, seed: 1 } });
    const broken = await same({ method: 'POST', path: '/api/v1/models', token: editor, body: '{"name": ' });

    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(json(bad))).toContain('trials');
    expect(broken.status).toBe(400);
    expect(broken.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a request without a token', async () => {
    const none = await same({ path: '/api/v1/runs' });

    expect(none.status).toBe(401);
  });

  it('logs each request with its tenant as JSON, never the token', async () => {
    const entries = await jsonLogLines(async () => {
      const logged = createApiHandler({
        store: env.store,
        executor,
        workers: WORKERS,
        logger: new Logger({ serviceName: 'api', logLevel: 'INFO' }),
      });
      await logged(httpApiEvent({ path: `/api/v1/runs/${runId}`, token: viewer }));
      await logged(httpApiEvent({ path: '/api/v1/runs', token: 'ppt_alfa_not-a-real-token-at-all' }));
    });
    expect(entries).toMatchObject([
      { message: 'request', service: 'api', method: 'GET', path: `/api/v1/runs/${runId}`, status: 200, tenant: 'alfa' },
      { message: 'request', method: 'GET', path: '/api/v1/runs', status: 401 },
    ]);
    expect(entries[1]).not.toHaveProperty('tenant');
    expect(JSON.stringify(entries)).not.toContain('ppt_');
  });
});
