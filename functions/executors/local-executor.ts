/**
 * The local executor: plays stored runs one at a time, first in first out, each on the whole worker-thread
 * pool (others wait as `queued`), through the steps of the run lifecycle (services/run-lifecycle.ts): each
 * chunk's partial is stored as it comes in and the merged result when the last one is in. Chunks already stored
 * are skipped, so a run interrupted by a restart resumes where it stopped.
 */
import { RunLifecycle } from '../services/run-lifecycle.js';
import type { Clock, Executor, RunRecord, Store } from '../store/port.js';
import { createChunkPool, SERVING_NICE, type ChunkPool } from './local.js';
import type { StoreLocation } from './merge-worker.js';

const MAX_ROUNDS = 3;

export interface LocalExecutorOptions {
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
  private readonly waiting: RunRecord[] = [];
  private readonly known = new Set<string>();
  private pumping: Promise<void> | null = null;

  constructor(
    store: Store,
    clock: Clock,
    readonly workers: number,
    private readonly options: LocalExecutorOptions = {},
  ) {
    this.pool = createChunkPool(workers, { nice: options.nice ?? SERVING_NICE });
    this.lifecycle = new RunLifecycle(store, clock);
  }

  start(run: RunRecord): Promise<void> {
    const key = `${run.tenant}/${run.id}`;
    if (!this.known.has(key)) {
      this.known.add(key);
      this.waiting.push(run);
      this.pumping ??= this.pump().finally(() => (this.pumping = null));
    }
    return Promise.resolve();
  }

  private async pump(): Promise<void> {
    for (let run = this.waiting.shift(); run; run = this.waiting.shift()) {
      await this.execute(run);
      this.known.delete(`${run.tenant}/${run.id}`);
    }
  }

  /** Resolves when every run started so far has ended (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private async execute({ tenant, id }: RunRecord): Promise<void> {
    const life = this.lifecycle;
    try {
      const begun = await life.begin(tenant, id);
      if (!begun) return;
      let pending = await life.pendingChunks(tenant, id);
      for (let round = 1; ; round++) {
        await Promise.all(
          pending.map(async ({ index, from, to }) => {
            const out = await this.pool.run({ input: begun.input, from, to });
            await life.storeChunk(tenant, id, index, out.partial);
          }),
        );
        const { mergeStore } = this.options;
        const done = mergeStore
          ? await this.pool.merge({ store: mergeStore, tenant, runId: id })
          : await life.complete(tenant, id, begun.prepared);
        if (done.status !== 'pending') return;
        // Chunks that were stale when merged have been stored again in this code's format, so one more round
        // settles it; a chunk that stays unreadable is a fault, not something to loop on.
        if (round >= MAX_ROUNDS) throw new Error(`chunks ${done.pending.map((c) => c.index).join(', ')} could not be stored readably`);
        pending = done.pending;
      }
    } catch (e) {
      await life.fail(tenant, id, e).catch(() => undefined);
    }
  }
}
