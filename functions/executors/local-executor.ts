/**
 * The local executor: plays stored runs one at a time, first in first out, each on the whole worker-thread
 * pool (others wait as `queued`). It stores each chunk's partial as it comes in and the merged result when the
 * last one is in. Chunks already stored are skipped, so a run interrupted by a restart resumes where it stopped.
 */
import { ValidationError } from '../../simulation/schema.js';
import { mergeRun, prepareStoredRun } from '../services/runs.js';
import type { Clock, Executor, RunRecord, Store } from '../store/port.js';
import { createChunkPool } from './local.js';

export class LocalExecutor implements Executor {
  private readonly pool: ReturnType<typeof createChunkPool>;
  private readonly waiting: RunRecord[] = [];
  private readonly known = new Set<string>();
  private pumping: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    readonly workers: number,
  ) {
    this.pool = createChunkPool(workers);
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

  private async execute(run: RunRecord): Promise<void> {
    const { store, clock } = this;
    try {
      if (run.status === 'queued') {
        const moved = await store.transitionRun(run.tenant, run.id, ['queued'], 'running', { startedAt: clock.now().toISOString() });
        if (!moved) return; // someone else took it
      }
      const { prepared } = await prepareStoredRun(store, run.tenant, {
        modelId: run.modelId,
        version: run.modelVersion,
        scenarios: run.scenarios,
        trials: run.trials,
        seed: run.seed,
      });
      const input = { model: prepared.model, scenarios: run.scenarios, trials: run.trials, seed: run.seed };
      const done = new Set((await store.listChunks(run.tenant, run.id)).map((c) => c.index));
      const pending: number[] = [];
      for (let i = 0; i < run.chunks; i++) if (!done.has(i)) pending.push(i);
      await Promise.all(
        pending.map(async (i) => {
          const from = i * run.chunkSize;
          const to = Math.min(run.trials, from + run.chunkSize);
          const out = await this.pool.run({ input, from, to });
          await store.putChunk(run.tenant, run.id, i, to - from, JSON.stringify(out.partial));
        }),
      );
      const chunks: string[] = [];
      for (let i = 0; i < run.chunks; i++) {
        const c = await store.getChunk(run.tenant, run.id, i);
        if (c === null) throw new Error(`chunk ${i} is missing from the store`);
        chunks.push(c);
      }
      const { result, distributions } = mergeRun(prepared, chunks);
      await store.putResult(run.tenant, run.id, JSON.stringify(result), JSON.stringify(distributions));
      await store.transitionRun(run.tenant, run.id, ['running'], 'succeeded', {
        finishedAt: clock.now().toISOString(),
        trialsDone: run.trials,
      });
    } catch (e) {
      const reason =
        e instanceof ValidationError
          ? `the saved model or scenarios are no longer valid: ${e.message}`
          : `the run stopped on an internal error: ${e instanceof Error ? e.message : String(e)}`;
      await store
        .transitionRun(run.tenant, run.id, ['queued', 'running'], 'failed', { finishedAt: clock.now().toISOString(), error: reason })
        .catch(() => undefined);
    }
  }
}
