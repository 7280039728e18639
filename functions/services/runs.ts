/**
 * Runs: validating a run request against the saved model, making its record (with its chunk plan), and turning
 * chunk partials into the result and the cost distributions that probability queries read.
 */
import { isDeepStrictEqual } from 'node:util';
import { newId } from '../ids.js';
import { finalize, planChunks, prepareRun, type PreparedRun, type RunPartial } from '../../simulation/index.js';
import type { ComparisonResult } from '../../simulation/result.js';
import { ValidationError } from '../../simulation/schema.js';
import { Histogram } from '../../simulation/sketch.js';
import { NotFound, type RunRecord, type Store } from '../store/port.js';

export const MAX_QUEUED_RUNS = 4;

export interface RunRequest {
  modelId: string;
  version?: number;
  scenarios?: unknown;
  trials: number;
  seed: number;
}

/** Loads the model version a run names and validates the whole run (throws ValidationError / NotFound). */
export async function prepareStoredRun(
  store: Store,
  tenant: string,
  req: Pick<RunRequest, 'modelId' | 'version' | 'scenarios' | 'trials' | 'seed'>,
): Promise<{ prepared: PreparedRun; version: number }> {
  const head = await store.getModelHead(tenant, req.modelId);
  if (!head) throw new NotFound(`model ${req.modelId}`);
  const version = req.version ?? head.latestVersion;
  const saved = await store.getModelVersion(tenant, req.modelId, version);
  if (!saved)
    throw new ValidationError([
      { path: 'version', message: `model ${req.modelId} has no version ${version} (latest is ${head.latestVersion})` },
    ]);
  const prepared = prepareRun({ model: saved.model, scenarios: req.scenarios, trials: req.trials, seed: req.seed });
  return { prepared, version };
}

/**
 * Whether a request asks for the run it was given before under the same Idempotency-Key. A request that names
 * no version asked for the latest, whichever that was; one that names a version asked for that one.
 */
export function sameRunRequest(run: RunRecord, req: RunRequest): boolean {
  return (
    run.modelId === req.modelId &&
    (req.version === undefined || req.version === run.modelVersion) &&
    run.trials === req.trials &&
    run.seed === req.seed &&
    isDeepStrictEqual(run.scenarios, req.scenarios)
  );
}

export function newRunRecord(
  tenant: string,
  req: RunRequest,
  version: number,
  workers: number,
  now: Date,
  idempotencyKey?: string,
): RunRecord {
  const { chunkSize, chunks } = planChunks(req.trials, workers);
  return {
    tenant,
    id: newId(now),
    modelId: req.modelId,
    modelVersion: version,
    ...(req.scenarios === undefined ? {} : { scenarios: req.scenarios }),
    trials: req.trials,
    seed: req.seed,
    status: 'queued',
    chunks,
    chunkSize,
    chunksDone: 0,
    trialsDone: 0,
    createdAt: now.toISOString(),
    ...(idempotencyKey ? { idempotencyKey } : {}),
  };
}

/** Cost histograms per scenario and period, for P(cost <= threshold). */
export interface Distributions {
  [scenarioId: string]: { [period: string]: ReturnType<Histogram['toJSON']> };
}

/** The result and the cost distributions of a run from the partial of all its trials. */
export function finishRun(prepared: PreparedRun, merged: RunPartial): { result: ComparisonResult; distributions: Distributions } {
  // Distributions are read from the merged partial before finalize folds its histograms.
  const distributions: Distributions = {};
  prepared.compiled.scenarios.forEach((sc, s) => {
    distributions[sc.id] = {};
    prepared.compiled.cal.periods.forEach((p, pi) => {
      distributions[sc.id][p] = merged.scenarios[s].periods[pi].cost.hist.toJSON();
    });
  });
  return { result: finalize(prepared, merged), distributions };
}

/** P(cost <= threshold) for one scenario and period; null when the scenario or period does not exist. */
export function probabilityAtMost(distributions: Distributions, scenario: string, period: string, threshold: number): number | null {
  // Names come from the query string: only the run's own scenarios and periods count, never inherited keys.
  const byPeriod = Object.hasOwn(distributions, scenario) ? distributions[scenario] : undefined;
  const h = byPeriod && Object.hasOwn(byPeriod, period) ? byPeriod[period] : undefined;
  if (!h) return null;
  return Histogram.fromJSON(h).cdf(threshold);
}
