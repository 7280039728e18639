/**
 * The plan step: begins the run and lists the chunks still to play, which the Distributed Map fans out over, and
 * the groups of chunks to merge after them. A run another execution has already begun (a duplicated start) gets
 * the chunks that execution has not stored yet, so both play them (a worker skips a stored chunk) and both merge
 * (the second finds the run succeeded): an empty list here would send this execution to a merge with chunks
 * missing and fail a run that is fine. A run that is gone or has ended gets empty lists. A run whose saved model
 * no longer validates is failed here with the same words the local executor uses, then the error is thrown so
 * that the execution ends failed too (its Catch finds the run already failed and keeps that reason).
 */
import { ValidationError } from '../../simulation/schema.js';
import { RunEvent } from './events.js';
import { stepHandler, type ServicesSource } from './step.js';

export interface PlanOutput {
  tenant: string;
  runId: string;
  chunks: { tenant: string; runId: string; index: number }[];
  /** Every group of the run's chunks (merge-groups.ts), for the group merges after the chunks. */
  groups: { tenant: string; runId: string; group: number }[];
}

export function createPlanHandler(services?: ServicesSource) {
  return stepHandler<RunEvent, PlanOutput>(
    'plan',
    RunEvent,
    async ({ tenant, runId }, { store, lifecycle, log }) => {
      try {
        const begun = await lifecycle.begin(tenant, runId);
        if (!begun && (await store.getRun(tenant, runId))?.status !== 'running') {
          log.info('plan: nothing to play (the run is gone or has ended)');
          return { tenant, runId, chunks: [], groups: [] };
        }
        if (!begun) log.info('plan: the run was begun by another execution; planning what it has not stored yet');
      } catch (err) {
        if (err instanceof ValidationError) await lifecycle.fail(tenant, runId, err);
        throw err;
      }
      const pending = await lifecycle.pendingChunks(tenant, runId);
      const groups = await lifecycle.groups(tenant, runId);
      return {
        tenant,
        runId,
        chunks: pending.map(({ index }) => ({ tenant, runId, index })),
        groups: groups.map(({ group }) => ({ tenant, runId, group })),
      };
    },
    services,
  );
}

export const handler = createPlanHandler();
