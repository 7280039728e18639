/**
 * Runs: validating a run request against the saved model, making its record (with its chunk plan), and turning
 * chunk partials into the result and the cost distributions that probability queries read.
 */
import { isDeepStrictEqual } from 'node:util';
import { newId } from '../ids.js';
import { adviseCost, estimateCost, type CostAdvice, type CostEstimate } from '../../simulation/cost-estimate.js';
import { finalize, planChunks, prepareRun, type PreparedRun, type RunPartial } from '../../simulation/index.js';
import type { ComparisonResult } from '../../simulation/result.js';
import { ValidationError } from '../../simulation/schema.js';
import { Histogram } from '../../simulation/sketch.js';
import { NotFound, type RunRecord, type Store } from '../store/port.js';

/** Runs a tenant may have queued or running at a time (MAX_ACTIVE_RUNS). */
export const MAX_ACTIVE_RUNS = 4;
/**
 * The largest run admitted, in the work units of simulation/cost-estimate.ts (MAX_RUN_WORK). The reference model
 * (7 scenarios, 60 months) costs about 52,000 units a trial: 100,000 trials are 5.2 billion, a quarter of this
 * limit; 1,000,000 trials of 20 scenarios would be 150 billion. At the 30-odd million units a second one thread
 * plays here, the limit is about 10 CPU-minutes.
 */
export const DEFAULT_MAX_RUN_WORK = 20_000_000_000;

export interface RunLimits {
  /** Runs queued or running per tenant. */
  maxActive: number;
  /** Work units per run. */
  maxWork: number;
}

export function runLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): RunLimits {
  const positive = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${name}: must be a whole number >= 1, got "${raw}"`);
    return n;
  };
  return { maxActive: positive('MAX_ACTIVE_RUNS', MAX_ACTIVE_RUNS), maxWork: positive('MAX_RUN_WORK', DEFAULT_MAX_RUN_WORK) };
}

/** Why a run is too large to admit, and what would fit: null when it fits. */
export interface CostRefusal {
  detail: string;
  estimate: CostEstimate;
  advice: CostAdvice;
}

const count = (n: number): string => Math.floor(n).toLocaleString('en-US');

/** Refuses a run whose estimated work is above `maxWork`, saying what to lower and to how much. */
export function costRefusal(prepared: PreparedRun, maxWork: number): CostRefusal | null {
  const estimate = estimateCost(prepared.compiled, prepared.trials);
  if (estimate.units <= maxWork) return null;
  const advice = adviseCost(estimate, maxWork);
  const ways = [
    advice.maxTrials >= 1 ? `trials to at most ${count(advice.maxTrials)} at this model and ${estimate.scenarios} scenarios` : null,
    advice.maxScenarios >= 1 && advice.maxScenarios < estimate.scenarios
      ? `the scenarios to at most ${advice.maxScenarios} (the baseline included) at ${count(estimate.trials)} trials`
      : null,
    advice.maxHorizonMonths >= 1 ? `the model's horizonMonths to at most ${advice.maxHorizonMonths} at these trials and scenarios` : null,
  ].filter((w): w is string => w !== null);
  const detail =
    `This run is about ${(estimate.units / maxWork).toFixed(1)} times as large as the service plays: ` +
    `${count(estimate.trials)} trials × ${estimate.scenarios} scenarios × about ${count(estimate.unitsPerTrial)} work units a trial ` +
    `(${count(estimate.episodesPerTrial)} expected episodes over ${estimate.months} months) is ${count(estimate.units)}, ` +
    `the limit ${count(maxWork)}. ` +
    (ways.length > 0 ? `Lower ${ways.join('; or ')}.` : 'Lower the inflow or the horizon of the model.');
  return { detail, estimate, advice };
}

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

/**
 * Cost histograms per scenario and period, for P(cost <= threshold). The histogram holds the simulated cost; a
 * period with an outcome to date (model `outcomeToDate`) carries the booked amount as `offset`, added to every value
 * as the result's percentiles and budget figures add it. Runs stored before there was an offset have none, which is 0.
 */
export interface Distributions {
  [scenarioId: string]: { [period: string]: ReturnType<Histogram['toJSON']> & { offset?: number } };
}

/** The result and the cost distributions of a run from the partial of all its trials. */
export function finishRun(prepared: PreparedRun, merged: RunPartial): { result: ComparisonResult; distributions: Distributions } {
  // Distributions are read from the merged partial before finalize folds its histograms.
  const distributions: Distributions = {};
  prepared.compiled.scenarios.forEach((sc, s) => {
    distributions[sc.id] = {};
    prepared.compiled.cal.periods.forEach((p, pi) => {
      const hist = merged.scenarios[s].periods[pi].cost.hist.toJSON();
      const booked = prepared.compiled.outcomeToDate[pi];
      distributions[sc.id][p] = booked === null ? hist : { ...hist, offset: booked };
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
  return Histogram.fromJSON(h).cdf(threshold, h.offset);
}
