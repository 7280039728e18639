/**
 * The worker step: plays one chunk and stores its partial. A chunk already stored in this code's partial format
 * is skipped, and so is any chunk of a run that has ended, so a retried or duplicated worker changes nothing; two
 * racing copies are settled by the store, where the first write of a chunk wins. A run past its time limit is
 * failed here, saying so, and its chunk not played. Any failure is thrown for the state machine's Retry.
 */
import { chunkRange, PARTIAL_FORMAT } from '../../simulation/index.js';
import { playChunk } from '../executors/play-chunk.js';
import { TimeLimitExceeded } from '../services/run-lifecycle.js';
import { ChunkEvent } from './events.js';
import { stepHandler, type ServicesSource } from './step.js';

export interface WorkerOutput {
  index: number;
  skipped: boolean;
}

export function createWorkerHandler(services?: ServicesSource) {
  return stepHandler<ChunkEvent, WorkerOutput>(
    'worker',
    ChunkEvent,
    async ({ tenant, runId, index }, { store, lifecycle, log }) => {
      const stored = (await store.listChunks(tenant, runId)).find((c) => c.index === index);
      if (stored?.format === PARTIAL_FORMAT) {
        log.info('worker: chunk already stored, skipped');
        return { index, skipped: true };
      }
      const { run, prepared } = await lifecycle.load(tenant, runId);
      // A run that has ended (failed by a sibling chunk, or finished by another execution) needs no more chunks: a
      // Map still running its other items would otherwise spend a full chunk's compute each for nothing.
      if (run.status !== 'running') {
        log.info('worker: the run has ended; chunk not played', { status: run.status });
        return { index, skipped: true };
      }
      if (lifecycle.overTime(run)) {
        const failed = await lifecycle.fail(tenant, runId, new TimeLimitExceeded(lifecycle.timeLimitMs));
        log.info('worker: the run is past its time limit; chunk not played', { failed });
        return { index, skipped: true };
      }
      const [from, to] = chunkRange(run, index);
      const started = performance.now();
      const chunk = playChunk(prepared, from, to);
      const playMs = Math.round(performance.now() - started);
      await lifecycle.storeChunk(tenant, runId, index, chunk);
      log.info('worker: chunk stored', { from, to, episodes: chunk.episodes, playMs });
      return { index, skipped: false };
    },
    services,
  );
}

export const handler = createWorkerHandler();
