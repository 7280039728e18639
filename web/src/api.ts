/**
 * The API client: the page talks to /api/v1 like any other client, with the bearer token of this tab's session.
 * Problem answers (application/problem+json) become `ApiError`s that keep the field issues, so a screen can show
 * them next to what caused them. The token never goes into a URL or a log line.
 */
import { signal } from '@preact/signals';
import { ComparisonResultSchema, type ComparisonResult } from '../../simulation/result.js';
import type { Model } from '../../simulation/schema.js';
import { resultArrived } from './charts/drawn-mark.js';

const TOKEN_KEY = 'pp.token';

/** The token of this tab, kept in sessionStorage only: gone when the tab closes. */
export const token = signal<string | null>(sessionStorage.getItem(TOKEN_KEY));

export function setToken(value: string | null): void {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
  token.value = value;
}

/** Set when the server stopped accepting this tab's token (e.g. revoked): the sign-in screen says why it is back. */
export const sessionEnded = signal(false);

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly issues: FieldIssue[],
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
  }
}

/** The fetch itself failed: no answer at all. */
export class NetworkError extends Error {
  constructor() {
    super('network');
    this.name = 'NetworkError';
  }
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  useToken: string | null = token.value,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  if (useToken) headers.Authorization = `Bearer ${useToken}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    throw new NetworkError();
  }
  if (res.ok) return res;
  if (res.status === 401 && useToken !== null && useToken === token.value) {
    setToken(null);
    sessionEnded.value = true;
  }
  let problem: { title?: string; detail?: string; errors?: FieldIssue[] } = {};
  try {
    problem = (await res.json()) as typeof problem;
  } catch {
    // Not a problem document: keep the status alone.
  }
  throw new ApiError(res.status, problem.title ?? res.statusText, problem.detail, Array.isArray(problem.errors) ? problem.errors : []);
}

async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await (await call(method, path, body)).json()) as T;
}

export interface ModelHead {
  id: string;
  name: string;
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface ModelVersion {
  id: string;
  version: number;
  createdAt: string;
  /** As stored: valid when it was saved. */
  model: Model;
}

export interface Scenario {
  id: string;
  label: string;
  options: string[];
}

export interface RunStatus {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  modelId: string;
  modelVersion: number;
  trials: number;
  seed: number;
  progress: { trialsDone: number; trials: number; chunksDone: number; chunks: number };
  error?: string;
  timings: { createdAt: string; startedAt?: string; finishedAt?: string; durationMs?: number };
  /** As requested; absent: the baseline and each option of the model. An option is an id or given inline. */
  scenarios?: { id: string; label: string; options: (string | { id: string; label: string })[] }[];
}

export const api = {
  /** Checks a token before it is kept: any answer but 401 means it is valid. */
  async verify(candidate: string): Promise<void> {
    await call('GET', '/api/v1/models?limit=1', undefined, candidate);
  },
  listModels: () => json<{ items: ModelHead[]; cursor?: string }>('GET', '/api/v1/models?limit=100'),
  getModel: (id: string) => json<ModelVersion>('GET', `/api/v1/models/${encodeURIComponent(id)}`),
  createModel: (model: unknown) => json<{ id: string; version: number }>('POST', '/api/v1/models', model),
  startRun: (body: { modelId: string; version: number; scenarios: Scenario[]; trials: number; seed: number }) =>
    json<{ id: string; status: string }>('POST', '/api/v1/runs', body),
  getRun: (id: string) => json<RunStatus>('GET', `/api/v1/runs/${encodeURIComponent(id)}`),
  cancelRun: (id: string) => json<RunStatus>('POST', `/api/v1/runs/${encodeURIComponent(id)}/cancel`),
  retryRun: (id: string) => json<RunStatus>('POST', `/api/v1/runs/${encodeURIComponent(id)}/retry`),
  async getResult(id: string): Promise<ComparisonResult> {
    const result = ComparisonResultSchema.parse(await json<unknown>('GET', `/api/v1/runs/${encodeURIComponent(id)}/result`));
    resultArrived();
    return result;
  },
  listRuns: (cursor?: string, limit = 20) =>
    json<{ items: RunStatus[]; cursor?: string }>(
      'GET',
      `/api/v1/runs?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
  getModelVersion: (id: string, version: number) =>
    json<ModelVersion>('GET', `/api/v1/models/${encodeURIComponent(id)}/versions/${version}`),
  /** A file of the API (path and query), fetched with the token in the header, never in the URL. */
  async download(path: string): Promise<Blob> {
    return (await call('GET', path, undefined)).blob();
  },
  /** A model's versions, newest first, without the models. */
  listVersions: (id: string, cursor?: string, limit = 50) =>
    json<{ items: VersionEntry[]; cursor?: string }>(
      'GET',
      `/api/v1/models/${encodeURIComponent(id)}/versions?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
  /** Saves a new version; If-Match names the version the edit started from, so a save in between gives 409. */
  async saveModel(id: string, version: number, model: unknown): Promise<{ id: string; version: number }> {
    const res = await call('PUT', `/api/v1/models/${encodeURIComponent(id)}`, model, token.value, { 'If-Match': `"${version}"` });
    return (await res.json()) as { id: string; version: number };
  },
};

/** One version in a model's history (GET /api/v1/models/{id}/versions). */
export interface VersionEntry {
  version: number;
  name: string;
  createdAt: string;
  /** The label of the token that saved it, when the server knows it. */
  savedBy?: string;
}

/** P(cost <= threshold) of one scenario and period of a finished run (GET /api/v1/runs/{id}/probability). */
export function getProbability(
  runId: string,
  q: { scenario: string; period: string; thresholdSek: number },
): Promise<{ probability: number }> {
  const query = new URLSearchParams({ scenario: q.scenario, period: q.period, threshold: String(Math.round(q.thresholdSek)) });
  return json<{ probability: number }>('GET', `/api/v1/runs/${encodeURIComponent(runId)}/probability?${query.toString()}`);
}
