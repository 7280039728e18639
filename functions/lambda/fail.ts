/**
 * The MarkFailed step, reached from every Catch: marks the run failed with a reason made from the caught error,
 * so no run stays "running" when its execution stops. A run that has already ended keeps its status and reason.
 */
import { catchReason } from './catch-reason.js';
import { FailEvent } from './events.js';
import { stepHandler, type ServicesSource } from './step.js';

export function createFailHandler(services?: ServicesSource) {
  return stepHandler<FailEvent, { status: 'failed' }>(
    'fail',
    FailEvent,
    async ({ tenant, runId, error }, { lifecycle, log }) => {
      const reason = catchReason(error);
      const marked = await lifecycle.fail(tenant, runId, new Error(reason));
      log.info(marked ? 'fail: run marked failed' : 'fail: the run had already ended; left as it was', { reason, caught: error.Error });
      return { status: 'failed' };
    },
    services,
  );
}

export const handler = createFailHandler();
