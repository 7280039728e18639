/**
 * The cloud executor: one Step Functions execution per run, named by the run id. Execution names are unique per
 * state machine, so a retried request (or a resume after a restart) cannot start a second execution: Step
 * Functions answers ExecutionAlreadyExists, which here means the run is already under way.
 */
import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { Executor, RunRecord } from '../store/port.js';

/** The one method of the SDK client this executor needs (a real SFNClient, or a fake in tests). */
export type StartsExecutions = Pick<SFNClient, 'send'>;

export class StepFunctionsExecutor implements Executor {
  constructor(
    private readonly client: StartsExecutions,
    readonly stateMachineArn: string,
  ) {}

  async start(run: RunRecord): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: run.id,
          input: JSON.stringify({ tenant: run.tenant, runId: run.id }),
        }),
      );
    } catch (err) {
      if (err instanceof ExecutionAlreadyExists || (err as { name?: unknown } | null)?.name === 'ExecutionAlreadyExists') return;
      throw err;
    }
  }
}
