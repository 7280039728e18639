/**
 * The group merge step: merges one group of chunks (merge-groups.ts) into a stored partial, so that the final
 * merge reads a few group partials instead of every chunk. The state machine runs one per group, side by side,
 * after every chunk is played. A repeat stores the same partial again; a run that has ended needs no merge.
 * With chunks missing it throws, naming them, and the Catch marks the run failed.
 */
import { GroupEvent } from './events.js';
import { ChunksPending } from './merge-errors.js';
import { stepHandler, type ServicesSource } from './step.js';

export interface MergeGroupOutput {
  group: number;
  skipped: boolean;
}

export function createMergeGroupHandler(services?: ServicesSource) {
  return stepHandler<GroupEvent, MergeGroupOutput>(
    'merge-group',
    GroupEvent,
    async ({ tenant, runId, group }, { lifecycle, log }) => {
      const started = performance.now();
      const done = await lifecycle.mergeGroup(tenant, runId, group);
      if (done.status === 'pending')
        throw new ChunksPending(
          runId,
          done.pending.map((c) => c.index),
        );
      if (done.status === 'ended') {
        log.info('merge-group: the run is not running; nothing merged');
        return { group, skipped: true };
      }
      log.info('merge-group: group stored', { mergeMs: Math.round(performance.now() - started) });
      return { group, skipped: false };
    },
    services,
  );
}

export const handler = createMergeGroupHandler();
