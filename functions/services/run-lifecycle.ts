/**
 * The steps of a run, the same for every executor: the local one calls them in one process, the cloud's Step
 * Functions state machine calls them from separate Lambdas (plan: begin + pendingChunks; worker: load +
 * storeChunk for one chunk; merge: complete; catch: fail). So each step starts from (tenant, runId[, index])
 * and the store alone, never from state another step kept in memory.
 *
 *   queued --begin--> running --storeChunk x N--> [mergeGroup x G] --> complete --> succeeded
 *     |                  |                                                  |
 *     |                  +------------------------- fail -------------------+--> failed (a plain reason, a reference)
 *     +------------------+------------------------- cancel -----------------+--> cancelled
 *   failed, cancelled --retry--> queued (stored chunks kept: only the missing ones are played)
 *
 * The group merges (merge-groups.ts) are optional: the cloud runs them side by side so that its final merge
 * reads a few group partials instead of every chunk; complete() reads the chunks of any group not merged.
 *
 * A stored chunk whose partial is of another format version (written by an older release before a restart) is
 * not an error: it counts as pending and is played again, found either by the format recorded on its item or,
 * for chunks stored before formats were recorded, when the merge cannot read it.
 *
 * Every store call of a step is retried on transient faults (transient.ts), so a lock time-out or a throttle
 * during a chunk's write does not fail a run of hours. A failure the user cannot act on is shown as a plain
 * reason with a reference; its internal message goes to the log under that reference.
 */
import pLimit from 'p-limit';
import { chunkRange, PARTIAL_FORMAT, PartialFormatError, RunPartial, type PreparedRun, type RunInput } from '../../simulation/index.js';
import type { RunPartialJSON } from '../../simulation/partial.js';
import { ValidationError } from '../../simulation/schema.js';
import { newId } from '../ids.js';
import { NotFound, type Clock, type RunRecord, type RunStatus, type Store } from '../store/port.js';
import { chunkGroups, type ChunkGroup } from './merge-groups.js';
import { finishRun, prepareStoredRun } from './runs.js';
import { DEFAULT_RETRY, retryingStore, type RetryPolicy } from './transient.js';

/** How long a run may run (from its start, or its latest retry's) before it is stopped: RUN_TIME_LIMIT_MINUTES. */
export const DEFAULT_TIME_LIMIT_MS = 2 * 60 * 60 * 1000;

export function timeLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.RUN_TIME_LIMIT_MINUTES;
  if (raw === undefined || raw === '') return DEFAULT_TIME_LIMIT_MS;
  const n = Number(raw);
  if (!(Number.isFinite(n) && n > 0)) throw new RangeError(`RUN_TIME_LIMIT_MINUTES: must be a number of minutes > 0, got "${raw}"`);
  return n * 60_000;
}

/** Where the internal message of a failure goes, with the reference the user is shown. */
export type FailureLog = (entry: { tenant: string; runId: string; errorRef: string; cause: unknown }) => void;

const consoleFailureLog: FailureLog = ({ tenant, runId, errorRef, cause }) =>
  console.error(`run ${tenant}/${runId} failed; reference ${errorRef}:`, cause);

export interface LifecycleOptions {
  /** Retries of transient store faults; `false` for none. Default DEFAULT_RETRY. */
  retry?: RetryPolicy | false;
  /** Default: console.error. The Lambdas pass their structured logger. */
  log?: FailureLog;
  /** Default DEFAULT_TIME_LIMIT_MS. */
  timeLimitMs?: number;
}

/** A run that ran past its time limit: stopped and failed with a reason saying so. */
export class TimeLimitExceeded extends Error {
  override readonly name = 'TimeLimitExceeded';
  constructor(readonly limitMs: number) {
    super(`the run took longer than its time limit of ${formatDuration(limitMs)}`);
  }
}

/**
 * Partials read at once while merging: two, so that the next one is read and unzipped while one is decoded and
 * folded (folding is one thread's work, so more reads at once only hold more decoded partials in memory: at
 * four, a 1,000,000-trial run's merge peaked at 1,059 MB, above the 1 GB the service promises).
 */
export const READ_CONCURRENCY = 2;

/** One chunk of a run: its index and trials [from, to). */
export interface ChunkSpec {
  index: number;
  from: number;
  to: number;
}

/** A run ready to play: its record, its validated model and the plain input a worker (thread or Lambda) takes. */
export interface LoadedRun {
  run: RunRecord;
  prepared: PreparedRun;
  input: RunInput;
}

export type Completion =
  /** The result is stored and the run has succeeded (now or before). */
  | { status: 'succeeded' }
  /** Chunks that are missing or unreadable: play them, then complete again. */
  | { status: 'pending'; pending: ChunkSpec[] }
  /** The run had already failed; nothing was merged. */
  | { status: 'failed' }
  /** The run was cancelled; nothing was merged. */
  | { status: 'cancelled' };

export type GroupMerge =
  /** The group's partial is stored. */
  | { status: 'merged' }
  /** Chunks of the group that are missing or unreadable; nothing was stored. */
  | { status: 'pending'; pending: ChunkSpec[] }
  /** The run is not running (it ended, or is gone); nothing to merge. */
  | { status: 'ended' };

/** What cancel and retry did: done, or the run's status that did not allow it (null: no such run). */
export type Move = { moved: true; run: RunRecord } | { moved: false; status: RunStatus | null };

/** A played chunk's partial as the store takes it. */
export interface PlayedChunk {
  /**
   * The partial's JSON text, written where the chunk was played: a thread hands the API's thread one string
   * rather than an object graph to copy and then serialise (for a 6,250-trial chunk of the reference model
   * 11 MB, about 130 ms of the event loop that the API's readers would otherwise wait for).
   */
  text: string;
  /** Trials the partial covers, by its ranges: storeChunk checks them against the chunk's. */
  covered: number;
  format: RunPartialJSON['format'];
}

export class RunLifecycle {
  private readonly store: Store;
  private readonly log: FailureLog;
  readonly timeLimitMs: number;

  constructor(
    store: Store,
    private readonly clock: Clock,
    opts: LifecycleOptions = {},
  ) {
    this.store = opts.retry === false ? store : retryingStore(store, opts.retry ?? DEFAULT_RETRY);
    this.log = opts.log ?? consoleFailureLog;
    this.timeLimitMs = opts.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  }

  /**
   * Moves a queued run to running and loads its model version, validated. Null when there is nothing to play:
   * the run is gone, has finished, or another executor took it from the queue first. A resumed run (already
   * running) is loaded as it is. Throws ValidationError when the saved model or scenarios no longer validate.
   */
  async begin(tenant: string, runId: string): Promise<LoadedRun | null> {
    const run = await this.store.getRun(tenant, runId);
    if (!run || (run.status !== 'queued' && run.status !== 'running')) return null;
    if (run.status === 'queued') {
      const moved = await this.store.transitionRun(tenant, runId, ['queued'], 'running', { startedAt: this.clock.now().toISOString() });
      if (!moved) return null;
    }
    return this.load(tenant, runId);
  }

  /** The run with its validated model: what a worker needs to play any of its chunks. */
  async load(tenant: string, runId: string): Promise<LoadedRun> {
    const run = await this.requireRun(tenant, runId);
    const { prepared } = await prepareStoredRun(this.store, tenant, {
      modelId: run.modelId,
      version: run.modelVersion,
      scenarios: run.scenarios,
      trials: run.trials,
      seed: run.seed,
    });
    return { run, prepared, input: { model: prepared.model, scenarios: run.scenarios, trials: run.trials, seed: run.seed } };
  }

  /** The chunks still to play: not stored, or stored in another partial format than this code reads. */
  async pendingChunks(tenant: string, runId: string): Promise<ChunkSpec[]> {
    const run = await this.requireRun(tenant, runId);
    // A chunk stored without a recorded format is taken as done; complete() finds it out if it is stale.
    const current = new Set(
      (await this.store.listChunks(tenant, runId)).filter((c) => c.format === undefined || c.format === PARTIAL_FORMAT).map((c) => c.index),
    );
    const pending: ChunkSpec[] = [];
    for (let i = 0; i < run.chunks; i++) if (!current.has(i)) pending.push(chunkSpec(run, i));
    return pending;
  }

  /** The trials of chunk `index` of a run. */
  async chunk(tenant: string, runId: string, index: number): Promise<ChunkSpec> {
    return chunkSpec(await this.requireRun(tenant, runId), index);
  }

  /** Stores the partial of chunk `index` (idempotent; a stale copy is replaced). Returns the run's progress. */
  async storeChunk(tenant: string, runId: string, index: number, chunk: PlayedChunk): Promise<RunRecord> {
    const run = await this.requireRun(tenant, runId);
    const { from, to } = chunkSpec(run, index);
    if (chunk.covered !== to - from) throw new RangeError(`chunk ${index} covers ${to - from} trials, its partial ${chunk.covered}`);
    return this.store.putChunk(tenant, runId, index, to - from, chunk.text, chunk.format);
  }

  /** The chunk groups of a run: what its group merges (mergeGroup) are over. */
  async groups(tenant: string, runId: string): Promise<ChunkGroup[]> {
    return chunkGroups((await this.requireRun(tenant, runId)).chunks);
  }

  /**
   * Merges the chunks of one group into a partial and stores it (a repeat stores the same again). When a chunk
   * is missing or of another format, stores nothing and names the chunks to play first.
   */
  async mergeGroup(tenant: string, runId: string, group: number): Promise<GroupMerge> {
    const run = await this.store.getRun(tenant, runId);
    if (run?.status !== 'running') return { status: 'ended' };
    const groups = chunkGroups(run.chunks);
    const found = groups.find((g) => g.group === group);
    if (!found) throw new RangeError(`group ${group} is outside the run's ${groups.length} chunk groups`);
    const merged = new RunPartial(run.trials, null);
    const pending = await this.foldChunks(run, [found], merged);
    if (pending.length > 0) return { status: 'pending', pending };
    await this.store.putGroup(tenant, runId, group, JSON.stringify(merged.toJSON()));
    return { status: 'merged' };
  }

  /**
   * Merges every chunk into the result, stores it and marks the run succeeded: a group's stored partial where
   * it covers exactly the group's trials, else the group's chunks. When a chunk is missing or of another format,
   * stores nothing and names the chunks to play first. `prepared` spares a caller that has the run loaded
   * already a second read of the model.
   */
  async complete(tenant: string, runId: string, prepared?: PreparedRun): Promise<Completion> {
    const run = await this.requireRun(tenant, runId);
    if (run.status === 'succeeded' || run.status === 'failed' || run.status === 'cancelled') return { status: run.status };
    const model = prepared ?? (await this.load(tenant, runId)).prepared;
    const merged = new RunPartial(run.trials, model.compiled);
    const unmerged: ChunkGroup[] = [];
    const limit = pLimit(READ_CONCURRENCY);
    await Promise.all(
      chunkGroups(run.chunks).map((g) =>
        limit(async () => {
          const partial = readPartial(await this.store.getGroup(tenant, runId, g.group));
          if (partial && coversGroup(partial, run, g)) merged.merge(partial);
          else unmerged.push(g);
        }),
      ),
    );
    const pending = await this.foldChunks(run, unmerged, merged);
    if (pending.length > 0) return { status: 'pending', pending };
    const { result, distributions } = finishRun(model, merged);
    await this.store.putResult(tenant, runId, JSON.stringify(result), JSON.stringify(distributions));
    await this.store.transitionRun(tenant, runId, ['running'], 'succeeded', {
      finishedAt: this.clock.now().toISOString(),
      trialsDone: run.trials,
    });
    return { status: 'succeeded' };
  }

  /** Merges the chunks of `groups` into `into` as they are read; returns the chunks missing or unreadable. */
  private async foldChunks(run: RunRecord, groups: ChunkGroup[], into: RunPartial): Promise<ChunkSpec[]> {
    const pending: ChunkSpec[] = [];
    const limit = pLimit(READ_CONCURRENCY);
    const reads: Promise<void>[] = [];
    for (const { first, end } of groups) {
      for (let i = first; i < end; i++) {
        reads.push(
          limit(async () => {
            const partial = readPartial(await this.store.getChunk(run.tenant, run.id, i));
            if (partial) into.merge(partial);
            else pending.push(chunkSpec(run, i));
          }),
        );
      }
    }
    await Promise.all(reads);
    return pending.sort((a, b) => a.index - b.index);
  }

  /**
   * Marks an unfinished run failed, with a reason made from what stopped it: the user's to fix (a model that no
   * longer validates, the time limit) in words, anything else as a plain reason and a reference, its internal
   * message logged under that reference. False if it had already ended.
   */
  async fail(tenant: string, runId: string, cause: unknown): Promise<boolean> {
    const reason = failureReason(cause);
    if (reason.errorRef) this.log({ tenant, runId, errorRef: reason.errorRef, cause });
    return this.store.transitionRun(tenant, runId, ['queued', 'running'], 'failed', {
      finishedAt: this.clock.now().toISOString(),
      ...reason,
    });
  }

  /** Stops a queued or running run: `cancelled`, its stored chunks kept. */
  async cancel(tenant: string, runId: string): Promise<Move> {
    const moved = await this.store.transitionRun(tenant, runId, ['queued', 'running'], 'cancelled', {
      finishedAt: this.clock.now().toISOString(),
    });
    return this.moveOutcome(tenant, runId, moved);
  }

  /**
   * Moves a failed or cancelled run back to queued for one more attempt, its stored chunks kept (the executor
   * plays only those missing) and its reason, end and start cleared: the time limit counts from the new start.
   */
  async retry(tenant: string, runId: string, maxOpen: number): Promise<Move> {
    const run = await this.store.getRun(tenant, runId);
    if (!run) return { moved: false, status: null };
    const moved = await this.store.transitionRun(
      tenant,
      runId,
      ['failed', 'cancelled'],
      'queued',
      { attempt: (run.attempt ?? 1) + 1 },
      { clear: ['error', 'errorRef', 'finishedAt', 'startedAt'], maxOpen },
    );
    return this.moveOutcome(tenant, runId, moved);
  }

  private async moveOutcome(tenant: string, runId: string, moved: boolean): Promise<Move> {
    const run = await this.store.getRun(tenant, runId);
    if (moved && run) return { moved: true, run };
    return { moved: false, status: run?.status ?? null };
  }

  /** Whether a run has been running for longer than the time limit (counted from its start). */
  overTime(run: RunRecord): boolean {
    if (run.status !== 'running' || !run.startedAt) return false;
    return this.clock.now().getTime() - Date.parse(run.startedAt) > this.timeLimitMs;
  }

  /** The time left before a running run reaches its time limit, in ms (0 when it has). */
  timeLeft(run: RunRecord): number {
    const started = run.startedAt ? Date.parse(run.startedAt) : this.clock.now().getTime();
    return Math.max(0, started + this.timeLimitMs - this.clock.now().getTime());
  }

  private async requireRun(tenant: string, runId: string): Promise<RunRecord> {
    const run = await this.store.getRun(tenant, runId);
    if (!run) throw new NotFound(`run ${runId}`);
    return run;
  }
}

/** A stored partial, or null when there is none or it is of another format (to be made again). */
function readPartial(text: string | null): RunPartial | null {
  if (text === null) return null;
  try {
    return RunPartial.fromJSON(JSON.parse(text) as RunPartialJSON);
  } catch (err) {
    if (err instanceof PartialFormatError) return null;
    throw err;
  }
}

/** Whether a group's stored partial holds exactly its chunks' trials (merges refuse overlaps, so a count will do). */
function coversGroup(partial: RunPartial, run: RunRecord, { first, end }: ChunkGroup): boolean {
  const from = chunkRange(run, first)[0];
  const to = chunkRange(run, end - 1)[1];
  return partial.ranges.every(([a, b]) => a >= from && b <= to) && partial.covered() === to - from;
}

function chunkSpec(run: RunRecord, index: number): ChunkSpec {
  const [from, to] = chunkRange(run, index);
  return { index, from, to };
}

/**
 * What a user reads in the run's `error`: in words when it is theirs to act on, else a plain reason and a
 * reference (`errorRef`), never the internal message (a table's error, a stack's names), which is logged.
 */
export function failureReason(cause: unknown): { error: string; errorRef?: string } {
  if (cause instanceof ValidationError) return { error: `the saved model or scenarios are no longer valid: ${cause.message}` };
  if (cause instanceof TimeLimitExceeded) {
    const limit = formatDuration(cause.limitMs);
    return {
      error: `the run took longer than its time limit of ${limit} and was stopped: run fewer trials or scenarios, or retry it to go on from the chunks already stored`,
    };
  }
  const errorRef = newId(new Date());
  return {
    error: `the run stopped on an internal error; reference ${errorRef}`,
    errorRef,
  };
}

/** "2 h", "90 min", "45 s": a time limit as a user reads it. */
export function formatDuration(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}
