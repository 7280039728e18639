/** The status of a run the page has just started, until its first poll answers with the server's own. */
import type { RunStatus } from '../api.js';

export function startedRun(id: string, request: Pick<RunStatus, 'modelId' | 'modelVersion' | 'scenarios' | 'trials' | 'seed'>): RunStatus {
  return {
    id,
    status: 'queued',
    ...request,
    progress: { trialsDone: 0, trials: request.trials, chunksDone: 0, chunks: 0 },
    timings: { createdAt: new Date().toISOString() },
  };
}
