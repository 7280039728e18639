/**
 * Runs, mounted at /api/v1/runs: start one (refused when too large or when the tenant has too many open), follow
 * it, cancel it, retry a failed or cancelled one, read its result as JSON, CSV or xlsx, ask P(cost <= threshold).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { toCsv } from '../../presentation/csv.js';
import { toXlsx, XLSX_CONTENT_TYPE } from '../../presentation/xlsx.js';
import { ComparisonResultSchema, Seed, Trials, type ComparisonResult } from '../../simulation/index.js';
import { resolveScenarios } from '../../simulation/scenarios.js';
import { parseModel, Scenario } from '../../simulation/schema.js';
import { newApi, problemResponse, roleGuard, type AppDeps } from '../http/api.js';
import { ConflictError, NotFoundError, UnprocessableContent } from '../http/errors.js';
import { CSV_UTF8, csvDownload, fileDownload, JSON_UTF8, jsonText } from '../http/negotiate.js';
import { readyBody, readyBodyBytes, type ReadyBody } from '../http/ready-body.js';
import { DecimalNumber, Id, IdParam, pageOf, Paging, Query, RunStatusEnum } from '../http/schemas.js';
import { ProbabilityTables } from '../services/probability-tables.js';
import { LruCache, ResultCache } from '../services/result-cache.js';
import { RunLifecycle } from '../services/run-lifecycle.js';
import { costRefusal, newRunRecord, prepareStoredRun, runLimitsFromEnv, sameRunRequest } from '../services/runs.js';
import type { RunRecord } from '../store/port.js';

/** The group these routes are listed under in /docs. */
const tags = ['Körningar / runs'];

const RunBody = z.strictObject({
  modelId: Id,
  version: z.number().int().min(1).optional(),
  scenarios: z.array(Scenario).max(21, 'at most 20 scenarios besides the baseline').optional(),
  trials: Trials,
  seed: Seed,
});

const RunStatus = z.object({
  id: z.string(),
  status: RunStatusEnum,
  modelId: z.string(),
  modelVersion: z.number().int(),
  trials: z.number().int(),
  seed: z.number().int(),
  progress: z.object({ trialsDone: z.number().int(), trials: z.number().int(), chunksDone: z.number().int(), chunks: z.number().int() }),
  timings: z.object({
    createdAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    durationMs: z.number().optional(),
  }),
  /** Why the run failed: in words, with a reference where the details are in the service's log. */
  error: z.string().optional(),
  /** The reference of a failure's details in the service's log: quote it when reporting the failure. */
  errorRef: z.string().optional(),
  /** 1 for the first start, one more per retry. */
  attempt: z.number().int(),
  /** The scenarios as requested; absent when the request named none (the baseline and each option of the model). */
  scenarios: z.array(Scenario).optional(),
});

function view(run: RunRecord): z.infer<typeof RunStatus> {
  const started = run.startedAt ? Date.parse(run.startedAt) : undefined;
  const finished = run.finishedAt ? Date.parse(run.finishedAt) : undefined;
  return {
    id: run.id,
    status: run.status,
    modelId: run.modelId,
    modelVersion: run.modelVersion,
    trials: run.trials,
    seed: run.seed,
    progress: { trialsDone: run.trialsDone, trials: run.trials, chunksDone: run.chunksDone, chunks: run.chunks },
    timings: {
      createdAt: run.createdAt,
      ...(run.startedAt ? { startedAt: run.startedAt } : {}),
      ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
      ...(started !== undefined && finished !== undefined ? { durationMs: finished - started } : {}),
    },
    ...(run.error ? { error: run.error } : {}),
    ...(run.errorRef ? { errorRef: run.errorRef } : {}),
    attempt: run.attempt ?? 1,
    // Validated by RunBody when the run was made, and never changed since.
    ...(run.scenarios !== undefined ? { scenarios: run.scenarios as z.infer<typeof Scenario>[] } : {}),
  };
}

export function runRoutes({ store, executor, clock, workers, limits = runLimitsFromEnv() }: AppDeps) {
  const api = newApi();
  const lifecycle = new RunLifecycle(store, clock);
  const cache = new ResultCache();
  // What is made from finished results, kept too, so that neither a CSV nor a probability question parses a whole
  // result on the event loop more than once per run: CSV tables by (tenant, run, table, locale), as the UTF-8
  // bytes they are sent as, and each run's parsed distributions.
  const csvCache = new LruCache<ReadyBody>(32 * 1024 * 1024, readyBodyBytes);
  const probabilityCache = new LruCache<ProbabilityTables>(64 * 1024 * 1024, (t) => t.bytes);
  // The result's answer as UTF-8 and gzip bytes: sent as they are, not encoded again for every request.
  const resultBytes = new LruCache<ReadyBody>(64 * 1024 * 1024, readyBodyBytes);
  const readers = { result: store.getResult.bind(store), distributions: store.getDistributions.bind(store) };

  /** The finished run's stored JSON; NotFound or Conflict (with the run's status) when there is none. */
  const finished = async (tenant: string, id: string, kind: keyof typeof readers): Promise<string> => {
    const key = `${tenant}/${id}/${kind}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const run = await store.getRun(tenant, id);
    if (!run) throw new NotFoundError('No such run.');
    if (run.status !== 'succeeded') {
      throw new ConflictError(`The run is ${run.status}.`, {
        title: 'Körningen är inte klar / the run has not finished',
        extra: { runStatus: run.status },
      });
    }
    const text = await readers[kind](tenant, id);
    if (text === null) {
      throw new ConflictError('The run succeeded but its result is not stored.', { title: 'Resultatet saknas / the result is missing' });
    }
    cache.set(key, text);
    return text;
  };

  api.openapi(
    createRoute({
      method: 'post',
      tags,
      path: '/',
      middleware: [roleGuard('editor')] as const,
      summary: 'Start a run of a saved model (202); Idempotency-Key makes retries safe',
      request: {
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
        body: { content: { 'application/json': { schema: RunBody } }, required: true },
      },
      responses: {
        202: {
          content: { 'application/json': { schema: z.object({ id: z.string(), status: z.string() }) } },
          description: 'Queued (or the run an earlier request with the same Idempotency-Key started)',
        },
        400: problemResponse('Invalid request, model or scenarios'),
        404: problemResponse('No such model'),
        422: problemResponse('The Idempotency-Key was used for another request, or the run is too large (the answer says what to lower)'),
        429: problemResponse('Too many runs queued or running (the answer names the limit)'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const tenant = c.get('tenant');
      const key = c.req.header('Idempotency-Key');
      const now = clock.now();
      const { prepared, version } = await prepareStoredRun(store, tenant, body);
      // Before anything is stored: a run too large for the service is the request's to change.
      const refusal = costRefusal(prepared, limits.maxWork);
      if (refusal) {
        throw new UnprocessableContent(refusal.detail, {
          title: 'Körningen är för stor / the run is too large',
          extra: {
            estimatedWork: Math.floor(refusal.estimate.units),
            maxWork: limits.maxWork,
            maxTrials: refusal.advice.maxTrials,
            maxScenarios: refusal.advice.maxScenarios,
            maxHorizonMonths: refusal.advice.maxHorizonMonths,
          },
        });
      }
      const { run, created } = await store.createRun(newRunRecord(tenant, body, version, workers, now, key), limits.maxActive);
      // A key stands for one request: the same key with another body is a client's mistake, not a retry.
      if (!created && !sameRunRequest(run, body)) {
        throw new UnprocessableContent(
          `Idempotency-Key "${key}" was used for another request (run ${run.id}); send a new key for a new run.`,
          { extra: { idempotencyKey: key, runId: run.id } },
        );
      }
      if (created) await executor.start(run);
      c.header('Location', `/api/v1/runs/${run.id}`);
      return c.json({ id: run.id, status: run.status }, 202);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      tags,
      path: '/',
      summary: "The tenant's runs, newest first",
      request: { query: Paging },
      responses: { 200: { content: { 'application/json': { schema: pageOf(RunStatus) } }, description: 'A page' } },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await store.listRuns(c.get('tenant'), limit, cursor);
      return c.json({ items: page.items.map(view), ...(page.cursor ? { cursor: page.cursor } : {}) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      tags,
      path: '/{id}',
      summary: 'Status, progress and timings of a run',
      request: { params: IdParam },
      responses: {
        200: { content: { 'application/json': { schema: RunStatus } }, description: 'The run' },
        404: problemResponse('No such run'),
      },
    }),
    async (c) => {
      const run = await store.getRun(c.get('tenant'), c.req.valid('param').id);
      if (!run) throw new NotFoundError('No such run.');
      return c.json(view(run), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      tags,
      path: '/{id}/cancel',
      middleware: [roleGuard('editor')] as const,
      summary: 'Cancel a queued or running run: it stops within seconds and is `cancelled`, its stored chunks kept',
      request: { params: IdParam },
      responses: {
        200: { content: { 'application/json': { schema: RunStatus } }, description: 'The run, now cancelled' },
        404: problemResponse('No such run'),
        409: problemResponse('The run has finished (succeeded, failed or cancelled); `runStatus` names its status'),
      },
    }),
    async (c) => {
      const tenant = c.get('tenant');
      const { id } = c.req.valid('param');
      const out = await lifecycle.cancel(tenant, id);
      if (!out.moved) throw notMoved(out.status, 'cancel');
      // The store says cancelled already, which every executor's steps check; telling the executor stops it sooner.
      await executor.cancel?.(out.run);
      return c.json(view(out.run), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      tags,
      path: '/{id}/retry',
      middleware: [roleGuard('editor')] as const,
      summary: 'Resume a failed or cancelled run (202): queued again, its stored chunks kept, only the missing ones played',
      request: { params: IdParam },
      responses: {
        202: { content: { 'application/json': { schema: RunStatus } }, description: 'The run, queued again (its `attempt` one more)' },
        404: problemResponse('No such run'),
        409: problemResponse('The run is not failed or cancelled; `runStatus` names its status'),
        429: problemResponse('Too many runs queued or running (the answer names the limit)'),
      },
    }),
    async (c) => {
      const tenant = c.get('tenant');
      const { id } = c.req.valid('param');
      const out = await lifecycle.retry(tenant, id, limits.maxActive);
      if (!out.moved) throw notMoved(out.status, 'retry');
      await executor.start(out.run);
      c.header('Location', `/api/v1/runs/${id}`);
      return c.json(view(out.run), 202);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      tags,
      path: '/{id}/result',
      summary: 'The result (model-spec section 5)',
      request: { params: IdParam },
      responses: {
        200: { content: { 'application/json': { schema: ComparisonResultSchema } }, description: 'The result' },
        404: problemResponse('No such run'),
        409: problemResponse('Not finished'),
      },
    }),
    async (c) => {
      // Stored by the run lifecycle from the engine's ComparisonResult, and never changed since.
      const tenant = c.get('tenant');
      const { id } = c.req.valid('param');
      return jsonText<ComparisonResult>(
        c,
        await resultBytes.getOrMake(`${tenant}/${id}`, async () => readyBody(await finished(tenant, id, 'result'), JSON_UTF8)),
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      tags,
      path: '/{id}/result.csv',
      summary: 'The result as a flat table for spreadsheets',
      request: {
        params: IdParam,
        query: Query({ locale: z.enum(['sv', 'en']).default('sv'), table: z.enum(['periods', 'monthly', 'delta']).default('periods') }),
      },
      responses: {
        200: { content: { 'text/csv': { schema: z.string() } }, description: 'sv: ";" and decimal comma, UTF-8 with BOM; en: "," and "."' },
        404: problemResponse('No such run'),
        409: problemResponse('Not finished'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { locale, table } = c.req.valid('query');
      const tenant = c.get('tenant');
      const csv = await csvCache.getOrMake(`${tenant}/${id}/${table}/${locale}`, async () =>
        readyBody(toCsv(JSON.parse(await finished(tenant, id, 'result')), { table, locale }), CSV_UTF8),
      );
      return csvDownload(c, csv, `placeringsprognos-${id}-${table}.csv`);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      tags,
      path: '/{id}/result.xlsx',
      summary: 'The result as an Excel workbook: a sheet per CSV table and one of assumptions',
      description:
        'Sheets `periods`, `monthly` and `delta` with the columns of result.csv (labelled in the language), numbers stored as ' +
        "numbers (amounts in SEK shown as mkr/MSEK by a number format, shares shown as percent), and the run's assumptions " +
        "(model name and version, trials, seed, start, horizon, each form's daily cost and length of stay, the scenarios).",
      request: { params: IdParam, query: Query({ lang: z.enum(['sv', 'en']).default('sv') }) },
      responses: {
        200: { content: { [XLSX_CONTENT_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } }, description: 'The workbook' },
        404: problemResponse('No such run'),
        409: problemResponse('Not finished'),
      },
    }),
    async (c) => {
      const tenant = c.get('tenant');
      const { id } = c.req.valid('param');
      const { lang } = c.req.valid('query');
      const result = JSON.parse(await finished(tenant, id, 'result')) as ComparisonResult;
      // The run and its model version exist once it has a result: runs are never deleted, versions never change.
      const run = await store.getRun(tenant, id);
      const saved = run ? await store.getModelVersion(tenant, run.modelId, run.modelVersion) : null;
      if (!run || !saved)
        throw new ConflictError('The run succeeded but its model version is not stored.', {
          title: 'Modellen saknas / the model is missing',
        });
      const model = parseModel(saved.model);
      const bytes = await toXlsx({
        result,
        model,
        modelVersion: run.modelVersion,
        scenarios: resolveScenarios(model, run.scenarios),
        runId: id,
        ...(run.finishedAt ? { created: new Date(run.finishedAt) } : {}),
        lang,
      });
      return fileDownload(c, bytes, XLSX_CONTENT_TYPE, `placeringsprognos-${id}.xlsx`);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      tags,
      path: '/{id}/probability',
      summary: 'P(cost <= threshold) for a scenario and period (like @RISK RiskTarget)',
      request: {
        params: IdParam,
        query: Query({
          period: z.string().min(1).max(10),
          scenario: z.string().min(1).max(64).optional(),
          threshold: DecimalNumber('must be a number of SEK in plain decimal digits, e.g. 20000000 or 1234.5'),
        }),
      },
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({ scenario: z.string(), period: z.string(), threshold: z.number(), probability: z.number() }),
            },
          },
          description: 'The probability',
        },
        404: problemResponse('No such run, scenario or period'),
        409: problemResponse('Not finished'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { period, scenario, threshold } = c.req.valid('query');
      const tenant = c.get('tenant');
      const tables = await probabilityCache.getOrMake(`${tenant}/${id}`, async () => {
        // The baseline is the run's first scenario, whatever a scenario list named it ("nu", not always "baseline").
        const [first] = (JSON.parse(await finished(tenant, id, 'result')) as ComparisonResult).scenarios;
        return ProbabilityTables.parse(await finished(tenant, id, 'distributions'), first.id);
      });
      const asked = scenario ?? tables.baselineId;
      const p = tables.atMost(asked, period, threshold);
      if (p === null) throw new NotFoundError(`The run has no scenario "${asked}" with a period "${period}".`);
      return c.json({ scenario: asked, period, threshold, probability: p }, 200);
    },
  );

  return api;
}

/** The answer when a run cannot be cancelled or retried in its status (or does not exist). */
function notMoved(status: RunRecord['status'] | null, what: 'cancel' | 'retry'): Error {
  if (status === null) return new NotFoundError('No such run.');
  const detail =
    what === 'cancel'
      ? `The run has finished (${status}); only a queued or running run can be cancelled.`
      : `The run is ${status}; only a failed or cancelled run can be retried.`;
  return new ConflictError(detail, {
    title:
      what === 'cancel' ? 'Körningen är redan avslutad / the run has finished' : 'Körningen kan inte göras om / the run cannot be retried',
    extra: { runStatus: status },
  });
}
