/**
 * The cloud executor: one Step Functions execution per attempt of a run, named by the run id (and, for a retry,
 * `<run id>-r<attempt>`: names are unique per state machine, so a retried run needs a new one). A retried
 * request (or a resume after a restart) cannot start a second execution of the same attempt: Step Functions
 * answers ExecutionAlreadyExists, which here means the attempt is already under way.
 *
 * Cancelling stops the execution (StopExecution) besides the `cancelled` status every step checks: the workers
 * of a Distributed Map still to start would each load the run only to find it ended, and a stopped execution
 * does not reach its Catch, so the run keeps `cancelled` rather than being marked failed.
 */
import {
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  StartExecutionCommand,
  StopExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { Executor, RunRecord } from '../store/port.js';

/** The one method of the SDK client this executor needs (a real SFNClient, or a fake in tests). */
export type StartsExecutions = Pick<SFNClient, 'send'>;

/** The execution name of a run's current attempt. */
export function executionName(run: Pick<RunRecord, 'id' | 'attempt'>): string {
  const attempt = run.attempt ?? 1;
  return attempt > 1 ? `${run.id}-r${attempt}` : run.id;
}

/** An execution's ARN from its state machine's: arn:…:stateMachine:<machine> → arn:…:execution:<machine>:<name>. */
export function executionArn(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(/:stateMachine:/, ':execution:')}:${name}`;
}

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
          name: executionName(run),
          input: JSON.stringify({ tenant: run.tenant, runId: run.id }),
        }),
      );
    } catch (err) {
      if (err instanceof ExecutionAlreadyExists || isNamed(err, 'ExecutionAlreadyExists')) return;
      throw err;
    }
  }

  async cancel(run: RunRecord): Promise<void> {
    try {
      await this.client.send(
        new StopExecutionCommand({
          executionArn: executionArn(this.stateMachineArn, executionName(run)),
          error: 'RunCancelled',
          cause: 'The run was cancelled by a user',
        }),
      );
    } catch (err) {
      // A queued run whose execution has not started yet, or one that has ended: nothing to stop.
      if (err instanceof ExecutionDoesNotExist || isNamed(err, 'ExecutionDoesNotExist')) return;
      throw err;
    }
  }
}

function isNamed(err: unknown, name: string): boolean {
  return (err as { name?: unknown } | null)?.name === name;
}
