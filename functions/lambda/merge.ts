/**
 * The merge step: merges every chunk into the result, stores it and marks the run succeeded. It never merges part
 * of a run: with chunks missing it throws, naming them, and the Catch marks the run failed.
 */
import { RunEvent } from './events.js';
import { stepHandler, type ServicesSource } from './step.js';

/** Chunks that are not stored (or not readable) when the merge runs. */
export class ChunksPending extends Error {
  override readonly name = 'ChunksPending';
  constructor(
    readonly runId: string,
    readonly indexes: number[],
  ) {
    super(`chunks ${indexes.join(', ')} of run ${runId} are not stored; nothing was merged`);
  }
}

/** The run had failed before its merge (its plan refused it, or another execution's catch). */
export class RunAlreadyFailed extends Error {
  override readonly name = 'RunAlreadyFailed';
}

export function createMergeHandler(services?: ServicesSource) {
  return stepHandler<RunEvent, { status: 'succeeded' }>(
    'merge',
    RunEvent,
    async ({ tenant, runId }, { lifecycle }) => {
      const done = await lifecycle.complete(tenant, runId);
      if (done.status === 'pending')
        throw new ChunksPending(
          runId,
          done.pending.map((c) => c.index),
        );
      if (done.status === 'failed') throw new RunAlreadyFailed(`run ${runId} had already failed; nothing was merged`);
      return { status: 'succeeded' };
    },
    services,
  );
}

export const handler = createMergeHandler();
