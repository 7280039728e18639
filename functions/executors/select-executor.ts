/**
 * Which executor plays the runs, from the settings: EXECUTOR=local (worker threads on this machine) or
 * step-functions (the cloud's state machine, STATE_MACHINE_ARN). Each entry point says which it falls back to:
 * the Node server to local, the API Lambda to step-functions.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsExecutor } from './step-functions-executor.js';

export type ExecutorKind = 'local' | 'step-functions';
const KINDS: readonly ExecutorKind[] = ['local', 'step-functions'];

export function executorKind(env: NodeJS.ProcessEnv, fallback: ExecutorKind): ExecutorKind {
  const raw = env.EXECUTOR;
  if (raw === undefined || raw === '') return fallback;
  if (!KINDS.includes(raw as ExecutorKind)) throw new RangeError(`EXECUTOR: must be ${KINDS.join(' or ')}, got "${raw}"`);
  return raw as ExecutorKind;
}

/** The Step Functions executor for STATE_MACHINE_ARN, its client in the default AWS configuration. */
export function stepFunctionsExecutorFromEnv(env: NodeJS.ProcessEnv): StepFunctionsExecutor {
  const arn = env.STATE_MACHINE_ARN;
  if (!arn) throw new Error('STATE_MACHINE_ARN is not set: EXECUTOR=step-functions needs the state machine to start');
  return new StepFunctionsExecutor(new SFNClient({}), arn);
}
