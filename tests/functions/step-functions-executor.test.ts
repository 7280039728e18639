/**
 * The Step Functions executor against a fake SFN client: what it asks Step Functions for, and how it reads the
 * answers. The client's `send` is the boundary; Step Functions itself is not what is tested here.
 */
import {
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { describe, expect, it, vi } from 'vitest';
import { StepFunctionsExecutor } from '../../functions/executors/step-functions-executor.js';
import { executorKind, stepFunctionsExecutorFromEnv } from '../../functions/executors/select-executor.js';
import { newRunRecord } from '../../functions/services/runs.js';

const ARN = 'arn:aws:states:eu-north-1:123456789012:stateMachine:placement-planner-runs';
const run = newRunRecord('alfa', { modelId: 'm1', trials: 1000, seed: 3 }, 2, 4, new Date('2026-05-01T10:00:00Z'));

function fakeClient(answer: () => Promise<unknown>) {
  const client = new SFNClient({ region: 'eu-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const send = vi.fn((_command: unknown) => answer());
  client.send = send as unknown as SFNClient['send'];
  return { client, send };
}

describe('the Step Functions executor', () => {
  it('starts one execution named by the run id with the run as its input', async () => {
    const { client, send } = fakeClient(async () => ({ executionArn: `${ARN}:${run.id}`, startDate: new Date() }));

    await new StepFunctionsExecutor(client, ARN).start(run);

    expect(send).toHaveBeenCalledTimes(1);
    const command = send.mock.calls[0][0] as unknown as StartExecutionCommand;
    expect(command).toBeInstanceOf(StartExecutionCommand);
    expect(command.input).toEqual({ stateMachineArn: ARN, name: run.id, input: JSON.stringify({ tenant: 'alfa', runId: run.id }) });
  });

  it('counts an execution that already exists as started', async () => {
    const { client } = fakeClient(async () => {
      throw new ExecutionAlreadyExists({ message: `Execution Already Exists: '${ARN}:${run.id}'`, $metadata: {} });
    });

    await expect(new StepFunctionsExecutor(client, ARN).start(run)).resolves.toBeUndefined();
  });

  it('lets any other error through', async () => {
    const { client } = fakeClient(async () => {
      throw new StateMachineDoesNotExist({ message: 'State Machine Does Not Exist', $metadata: {} });
    });

    await expect(new StepFunctionsExecutor(client, ARN).start(run)).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });
});

describe('retries and cancels in the cloud', () => {
  it("starts a retried run's execution under a new name, <run id>-r<attempt>", async () => {
    const { client, send } = fakeClient(async () => ({}));

    await new StepFunctionsExecutor(client, ARN).start({ ...run, attempt: 3 });

    expect((send.mock.calls[0][0] as unknown as StartExecutionCommand).input.name).toBe(`${run.id}-r3`);
  });

  it("stops the current attempt's execution on cancel, and takes one that does not exist (ended, never started) as stopped", async () => {
    const { client, send } = fakeClient(async () => ({ stopDate: new Date() }));
    const executor = new StepFunctionsExecutor(client, ARN);

    await executor.cancel({ ...run, attempt: 2 });

    const command = send.mock.calls[0][0] as unknown as StopExecutionCommand;
    expect(command).toBeInstanceOf(StopExecutionCommand);
    expect(command.input.executionArn).toBe(`arn:aws:states:eu-north-1:123456789012:execution:placement-planner-runs:${run.id}-r2`);
    const gone = fakeClient(async () => {
      throw new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} });
    });
    await expect(new StepFunctionsExecutor(gone.client, ARN).cancel(run)).resolves.toBeUndefined();
  });
});

describe('choosing the executor', () => {
  it('takes EXECUTOR when set, else the entry point’s own fallback', () => {
    expect(executorKind({}, 'local')).toBe('local');
    expect(executorKind({ EXECUTOR: '' }, 'step-functions')).toBe('step-functions');
    expect(executorKind({ EXECUTOR: 'step-functions' }, 'local')).toBe('step-functions');
    expect(() => executorKind({ EXECUTOR: 'threads' }, 'local')).toThrow('EXECUTOR: must be local or step-functions, got "threads"');
  });

  it('needs the state machine for Step Functions', () => {
    expect(() => stepFunctionsExecutorFromEnv({})).toThrow(/^STATE_MACHINE_ARN is not set/);
    expect(stepFunctionsExecutorFromEnv({ STATE_MACHINE_ARN: ARN }).stateMachineArn).toBe(ARN);
  });
});
