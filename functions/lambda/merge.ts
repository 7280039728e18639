/**
 * The merge step: merges the group partials (or a group's chunks where its partial is not there) into the result,
 * stores it and marks the run succeeded. It never merges part of a run: with chunks missing it throws, naming
 * them, and the Catch marks the run failed. A cancelled run is left as it is.
 */
import { RunEvent } from './events.js';
import { ChunksPending, RunAlreadyFailed } from './merge-errors.js';
import { stepHandler, type ServicesSource } from './step.js';

export function createMergeHandler(services?: ServicesSource) {
  return stepHandler<RunEvent, { status: 'succeeded' | 'cancelled' }>(
    'merge',
    RunEvent,
    async ({ tenant, runId }, { lifecycle, log }) => {
      const done = await lifecycle.complete(tenant, runId);
      if (done.status === 'pending')
        throw new ChunksPending(
          runId,
          done.pending.map((c) => c.index),
        );
      if (done.status === 'failed') throw new RunAlreadyFailed(`run ${runId} had already failed; nothing was merged`);
      if (done.status === 'cancelled') {
        log.info('merge: the run was cancelled; nothing merged');
        return { status: 'cancelled' };
      }
      return { status: 'succeeded' };
    },
    services,
  );
}

export const handler = createMergeHandler();
