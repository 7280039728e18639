/**
 * What the merge steps (group merge and final merge) throw when they cannot merge: the state machine's Catch
 * gives the error's name and message to MarkFailed, which makes the run's reason of them (catch-reason.ts).
 */

/** Chunks that are not stored (or not readable) when a merge runs. */
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
