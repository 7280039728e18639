/**
 * The store port: everything the app keeps, scoped by tenant (a municipality). The DynamoDB implementation is
 * in dynamo.ts; the app and the executors know only this interface.
 */

export type Role = 'viewer' | 'editor' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'editor', 'admin'];

export interface TokenRecord {
  tenant: string;
  /** Public id of the token (for listing and revoking); the secret is stored only as a hash. */
  tokenId: string;
  role: Role;
  label?: string;
  createdAt: string;
  revokedAt?: string;
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
  /** The model as saved (model-spec v1), already validated. */
  model: unknown;
  createdAt: string;
  /** The public id of the token that saved it; absent on versions saved before this was kept. */
  savedBy?: string;
}

/** A version in the history: what it is called and when and by whom it was saved, without the model. */
export interface ModelVersionInfo {
  version: number;
  name: string;
  createdAt: string;
  /** The public id of the token that saved it; absent on versions saved before this was kept. */
  savedBy?: string;
}

/**
 * queued → running → succeeded | failed | cancelled. A failed or cancelled run can be moved back to queued
 * (POST /runs/{id}/retry): its stored chunks are kept and only the missing ones are played.
 */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** The statuses a run is still under way in: counted against a tenant's limit, listed by the unfinished-runs index. */
export const OPEN_STATUSES: readonly RunStatus[] = ['queued', 'running'];
export const isOpen = (status: RunStatus): boolean => status === 'queued' || status === 'running';

export interface RunRecord {
  tenant: string;
  id: string;
  modelId: string;
  modelVersion: number;
  /** Scenarios as given in the request (absent: baseline plus each option). */
  scenarios?: unknown;
  trials: number;
  seed: number;
  status: RunStatus;
  /** Number of chunks the run is split into, and how many of them are stored. */
  chunks: number;
  chunkSize: number;
  chunksDone: number;
  trialsDone: number;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Why a run failed, in words a user can act on; never an internal message (that goes to the log under errorRef). */
  error?: string;
  /** The reference of a failure whose details are in the log only. */
  errorRef?: string;
  /** How many times the run has been started: 1, then one more per retry (absent on runs made before retries: 1). */
  attempt?: number;
  idempotencyKey?: string;
}

export interface StoredChunk {
  index: number;
  format?: number;
}

export interface Page<T> {
  items: T[];
  /** Opaque: pass back to get the next page; absent on the last page. */
  cursor?: string;
}

/** Thrown by the store; the app maps each to its HTTP answer. */
export class NotFound extends Error {}
/** A conditional write lost: a concurrent edit (409) or an existing id. */
export class Conflict extends Error {}
/** The tenant already has the maximum number of runs queued or running (429). */
export class TooManyQueued extends Error {
  constructor(readonly limit: number) {
    super(`at most ${limit} runs queued or running at a time; wait for one to finish or cancel one`);
  }
}
/** A cursor that this store did not hand out (400). */
export class BadCursor extends Error {}

export interface Store {
  // Tokens: the secret never reaches the store, only its SHA-256 hash.
  putToken(record: TokenRecord, secretHash: string): Promise<void>;
  /** The token whose secret hashes to `secretHash`, if it exists and is not revoked. */
  findToken(tenant: string, secretHash: string): Promise<TokenRecord | null>;
  listTokens(tenant: string): Promise<TokenRecord[]>;
  /** Marks a token revoked; false if there is no such token. */
  revokeToken(tenant: string, tokenId: string, now: string): Promise<boolean>;

  // Models: every save is a new immutable version.
  /** Creates a model at version 1; Conflict if the id is taken. `savedBy`: the public id of the token that saves it. */
  createModel(tenant: string, id: string, name: string, model: unknown, now: string, savedBy?: string): Promise<ModelHead>;
  /** Saves version expectedVersion + 1 in one transaction; Conflict if the latest is not expectedVersion, NotFound if no model. */
  saveModelVersion(
    tenant: string,
    id: string,
    expectedVersion: number,
    name: string,
    model: unknown,
    now: string,
    savedBy?: string,
  ): Promise<ModelHead>;
  getModelHead(tenant: string, id: string): Promise<ModelHead | null>;
  getModelVersion(tenant: string, id: string, version: number): Promise<ModelVersion | null>;
  listModels(tenant: string, limit: number, cursor?: string): Promise<Page<ModelHead>>;
  /** A model's versions, newest first, without the models themselves (an empty page for a missing model). */
  listModelVersions(tenant: string, id: string, limit: number, cursor?: string): Promise<Page<ModelVersionInfo>>;

  // Runs
  /**
   * Creates a queued run. With an idempotency key already used by this tenant, returns that run instead
   * (`created: false`). TooManyQueued when the tenant has `maxActive` runs queued or running.
   */
  createRun(run: RunRecord, maxActive: number): Promise<{ run: RunRecord; created: boolean }>;
  getRun(tenant: string, id: string): Promise<RunRecord | null>;
  /** Newest first. */
  listRuns(tenant: string, limit: number, cursor?: string): Promise<Page<RunRecord>>;
  /**
   * Moves a run from one of `from` to `to`, with the given fields set and the fields in `clear` removed; false
   * when its status was not in `from`. Keeps the tenant's count of open runs (queued or running) in step.
   */
  transitionRun(
    tenant: string,
    id: string,
    from: RunStatus[],
    to: RunStatus,
    patch: Partial<RunRecord>,
    clear?: (keyof RunRecord)[],
  ): Promise<boolean>;
  /** Runs queued or running in any tenant: the ones to resume or fail after a restart. */
  listUnfinishedRuns(): Promise<RunRecord[]>;

  // Chunk partials and results: stored whole whatever their size (compressed, split over items).
  /**
   * Stores one chunk's partial and counts it done (idempotent per chunk index). `format` is the partial's
   * format version, kept beside it so a stale chunk is known without reading it. A chunk already stored with the
   * same format stays as it is (the first copy wins); one stored with another or no format is replaced, and
   * still counted once. Returns the run after the update.
   */
  putChunk(tenant: string, runId: string, index: number, trials: number, partial: string, format?: number): Promise<RunRecord>;
  /** The chunks stored so far, by index, each with the format it was stored with (absent if unknown). */
  listChunks(tenant: string, runId: string): Promise<StoredChunk[]>;
  getChunk(tenant: string, runId: string, index: number): Promise<string | null>;
  /** Stores the merged partial of one group of chunks (merge-groups.ts), replacing any earlier one. */
  putGroup(tenant: string, runId: string, group: number, partial: string): Promise<void>;
  getGroup(tenant: string, runId: string, group: number): Promise<string | null>;
  /** Stores the merged result (model-spec section 5 JSON) and the cost distributions for probability queries. */
  putResult(tenant: string, runId: string, result: string, distributions: string): Promise<void>;
  getResult(tenant: string, runId: string): Promise<string | null>;
  getDistributions(tenant: string, runId: string): Promise<string | null>;

  /** True when the table is reachable. */
  ping(): Promise<boolean>;
}

/** Runs chunks of a run somewhere (worker threads here, Step Functions in the cloud). */
export interface Executor {
  /** Starts (or resumes) a stored run; returns once it is under way. */
  start(run: RunRecord): Promise<void>;
  /**
   * Told that a run has been cancelled (its status is already `cancelled` in the store): stop playing it. Chunks
   * being played may finish and be stored. Optional: an executor without it finds out from the store.
   */
  cancel?(run: RunRecord): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
