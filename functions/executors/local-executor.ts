/**
 * The local executor: plays stored runs on the worker-thread pool through the steps of the run lifecycle
 * (services/run-lifecycle.ts): each chunk's partial is stored as it comes in and the merged result when the last
 * one is in. Chunks already stored are skipped, so a run interrupted by a restart (or failed, then retried)
 * resumes where it stopped.
 *
 * Fair: the pool's threads are handed out a chunk at a time, round-robin over the tenants that have work, and
 * within a tenant to its runs in the order they came. So a tenant's huge run holds another tenant's small run
 * back by at most about one chunk (the one a thread is busy with), never by the whole run. A tenant's later run
 * begins (and shows `running`) only once its earlier runs have no chunk left to hand out.
 *
 * Bounded: a run is stopped when it is cancelled (cancel(), or any status but running found on its record after
 * a chunk) or when it reaches its time limit, which fails it. Chunks being played when it stops finish, and are
 * stored: a retry uses them.
 */
import {
  RunLifecycle,
  TimeLimitExceeded,
  timeLimitFromEnv,
  type ChunkSpec,
  type LifecycleOptions,
  type LoadedRun,
} from '../services/run-lifecycle.js';
import { retryPolicyFromEnv } from '../services/transient.js';
import { isConnectionError } from '../store/client.js';
import type { Clock, Executor, RunRecord, Store } from '../store/port.js';
import { createChunkPool, SERVING_NICE, type ChunkPool } from './local.js';
import type { StoreLocation } from './merge-worker.js';

const MAX_ROUNDS = 3;

type Phase = 'waiting' | 'loading' | 'playing' | 'merging' | 'ended';

/** One run the executor knows, from start() until it has ended and its last chunk has settled. */
interface RunState {
  tenant: string;
  id: string;
  phase: Phase;
  begun?: LoadedRun;
  /** Chunks not yet handed to a thread. */
  pending: ChunkSpec[];
  /** Chunks handed to a thread whose partial is not yet stored (or given up). */
  unsettled: number;
  round: number;
  timer?: NodeJS.Timeout;
}

export interface LocalExecutorOptions extends LifecycleOptions {
  /**
   * The store's DynamoDB endpoint and table: given, a run's final merge runs on a pool thread with its own
   * client (merge-worker.ts), off the event loop that serves the API; absent, it runs on this thread.
   */
  mergeStore?: StoreLocation;
  /** Nice increment of the pool's threads (createChunkPool). Default SERVING_NICE: the API thread wins the CPU. */
  nice?: number;
}

export class LocalExecutor implements Executor {
  private readonly pool: ChunkPool;
  private readonly lifecycle: RunLifecycle;
  /** The runs of each tenant in the order they came; a tenant is here while it has a run. */
  private readonly tenants = new Map<string, RunState[]>();
  private readonly runs = new Map<string, RunState>();
  /** The tenant whose turn is next, as an index into the tenants' order. */
  private turn = 0;
  /** Chunks on a thread right now: at most `workers`, so the next choice is made when a thread frees. */
  private busyThreads = 0;
  /** Chunks on a thread or being stored, over every run, ended ones included. */
  private settling = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    store: Store,
    clock: Clock,
    readonly workers: number,
    private readonly options: LocalExecutorOptions = {},
  ) {
    this.pool = createChunkPool(workers, { nice: options.nice ?? SERVING_NICE });
    this.lifecycle = new RunLifecycle(store, clock, {
      ...options,
      retry: options.retry ?? retryPolicyFromEnv(),
      timeLimitMs: options.timeLimitMs ?? timeLimitFromEnv(),
    });
  }

  start(run: RunRecord): Promise<void> {
    const key = `${run.tenant}/${run.id}`;
    if (!this.runs.has(key)) {
      const state: RunState = { tenant: run.tenant, id: run.id, phase: 'waiting', pending: [], unsettled: 0, round: 1 };
      this.runs.set(key, state);
      const queue = this.tenants.get(run.tenant);
      if (queue) queue.push(state);
      else this.tenants.set(run.tenant, [state]);
      this.fill();
    }
    return Promise.resolve();
  }

  /** Stops playing a run (already marked cancelled in the store): its chunks not yet handed out are dropped. */
  cancel(run: RunRecord): Promise<void> {
    const state = this.runs.get(`${run.tenant}/${run.id}`);
    if (state) this.end(state);
    this.fill();
    return Promise.resolve();
  }

  /** Resolves when every run started so far has ended and its chunks have settled (for tests and shutdown). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((done) => this.idleWaiters.push(done));
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private isIdle(): boolean {
    return this.runs.size === 0 && this.settling === 0;
  }

  /** Hands chunks to free threads, one tenant's turn at a time. */
  private fill(): void {
    while (this.busyThreads < this.workers) {
      const next = this.nextChunk();
      if (!next) break;
      this.play(next.state, next.chunk);
    }
    if (this.isIdle()) for (const done of this.idleWaiters.splice(0)) done();
  }

  /** The next chunk to play: from the tenant whose turn it is, else the next tenant with one ready. */
  private nextChunk(): { state: RunState; chunk: ChunkSpec } | null {
    const order = [...this.tenants.keys()];
    for (let i = 0; i < order.length; i++) {
      const at = (this.turn + i) % order.length;
      const state = this.readyRun(this.tenants.get(order[at]) ?? []);
      if (!state) continue;
      this.turn = (at + 1) % Math.max(1, order.length);
      return { state, chunk: state.pending.shift()! };
    }
    return null;
  }

  /**
   * A tenant's first run with a chunk to hand out. Runs are begun in order, one at a time: a run is begun once
   * every run before it has handed out all its chunks, so the tenant's threads go to its next run while the one
   * before plays its last chunks and merges.
   */
  private readyRun(queue: RunState[]): RunState | null {
    for (const state of queue) {
      if (state.phase === 'playing' && state.pending.length > 0) return state;
      if (state.phase === 'waiting') {
        void this.load(state);
        return null;
      }
      if (state.phase === 'loading') return null;
    }
    return null;
  }

  private async load(state: RunState): Promise<void> {
    const life = this.lifecycle;
    const { tenant, id } = state;
    state.phase = 'loading';
    try {
      const begun = await life.begin(tenant, id);
      if (!begun || state.phase !== 'loading') return this.end(state);
      if (life.overTime(begun.run)) throw new TimeLimitExceeded(life.timeLimitMs);
      state.begun = begun;
      state.pending = await life.pendingChunks(tenant, id);
      if (state.phase !== 'loading') return;
      state.phase = 'playing';
      state.timer = setTimeout(() => void this.timeOut(state), life.timeLeft(begun.run));
      state.timer.unref();
    } catch (e) {
      await this.failRun(state, e);
    } finally {
      this.afterChunk(state);
      this.fill();
    }
  }

  /** Plays one chunk on a thread, then stores it; the thread is free for the next choice as soon as it is done. */
  private play(state: RunState, { index, from, to }: ChunkSpec): void {
    const life = this.lifecycle;
    const input = state.begun!.input;
    this.busyThreads++;
    this.settling++;
    state.unsettled++;
    const played = this.pool.run({ input, from, to }).finally(() => {
      this.busyThreads--;
      this.fill();
    });
    void played
      .then(async (out) => {
        const run = await life.storeChunk(state.tenant, state.id, index, out);
        // Cancelled, failed or finished by someone else (another request, the time limit): stop playing it.
        if (run.status !== 'running') this.end(state);
      })
      .catch((e: unknown) => this.failRun(state, e))
      .finally(() => {
        this.settling--;
        state.unsettled--;
        this.afterChunk(state);
        this.fill();
      });
  }

  /** When every chunk of a run is stored, merges it; chunks found stale in the merge are played once more. */
  private afterChunk(state: RunState): void {
    if (state.phase !== 'playing' || state.pending.length > 0 || state.unsettled > 0) return;
    state.phase = 'merging';
    this.settling++;
    void this.merge(state).finally(() => {
      this.settling--;
      this.fill();
    });
  }

  private async merge(state: RunState): Promise<void> {
    const life = this.lifecycle;
    const { tenant, id } = state;
    const begun = state.begun!;
    try {
      const { mergeStore } = this.options;
      const done = mergeStore
        ? await this.pool.merge({ store: mergeStore, tenant, runId: id })
        : await life.complete(tenant, id, begun.prepared);
      if (done.status !== 'pending') return this.end(state);
      // Chunks that were stale when merged have been stored again in this code's format, so one more round
      // settles it; a chunk that stays unreadable is a fault, not something to loop on.
      if (state.round >= MAX_ROUNDS) throw new Error(`chunks ${done.pending.map((c) => c.index).join(', ')} could not be stored readably`);
      if (state.phase !== 'merging') return;
      state.round++;
      state.pending = done.pending;
      state.phase = 'playing';
    } catch (e) {
      await this.failRun(state, e);
    }
  }

  private async timeOut(state: RunState): Promise<void> {
    if (state.phase === 'ended') return;
    await this.failRun(state, new TimeLimitExceeded(this.lifecycle.timeLimitMs));
    this.fill();
  }

  /**
   * Fails a run (unless it has ended already) and stops playing it. When the store could not be reached, even
   * after the retries, the run is not at fault: it is left running in the store, to be resumed from its stored
   * chunks once the store is back (the server resumes unfinished runs after a restart of DynamoDB Local, and
   * sweeps for them now and then), rather than marked failed by a write that might land just as it returns.
   */
  private async failRun(state: RunState, cause: unknown): Promise<void> {
    if (state.phase === 'ended') return;
    this.end(state);
    if (isConnectionError(cause)) {
      console.error(`Tabellen nås inte / the store is unreachable: run ${state.id} of ${state.tenant} is resumed when it is back`);
      return;
    }
    await this.lifecycle.fail(state.tenant, state.id, cause).catch(() => undefined);
  }

  /** Forgets a run: no more of its chunks are handed out; those on a thread settle on their own. */
  private end(state: RunState): void {
    state.phase = 'ended';
    state.pending = [];
    clearTimeout(state.timer);
    const key = `${state.tenant}/${state.id}`;
    if (this.runs.get(key) === state) this.runs.delete(key);
    const queue = this.tenants.get(state.tenant);
    if (queue) {
      const rest = queue.filter((s) => s !== state);
      if (rest.length > 0) this.tenants.set(state.tenant, rest);
      else this.tenants.delete(state.tenant);
    }
  }
}
