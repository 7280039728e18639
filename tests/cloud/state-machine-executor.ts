/**
 * The cloud's way of running a run, on this machine: the state machine's definition taken out of the synthesised
 * stack, and an executor that starts one execution of it per run, named by the run id, played by the local
 * interpreter (local-state-machine.ts) with the real step handlers of functions/lambda/ in-process. A second start
 * of a run is refused as StartExecution refuses an existing name (StepFunctionsExecutor takes that as started).
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { executionName } from '../../functions/executors/step-functions-executor.js';
import type { Executor, RunRecord } from '../../functions/store/port.js';
import { stateMachineDefinition } from '../../infra/definition.js';
import { DEFAULT_SETTINGS } from '../../infra/settings.js';
import { PlacementPlannerStack } from '../../infra/stack.js';
import { runLocally, type Handlers, type LocalExecution } from './local-state-machine.js';

/** The definition of the stack's state machine, with the Distributed Map's MaxConcurrency as given. */
export function synthesisedDefinition(maxConcurrency: number): Record<string, unknown> {
  const stack = new PlacementPlannerStack(new App(), 'Local', { settings: { ...DEFAULT_SETTINGS, stage: 'local', maxConcurrency } });
  return stateMachineDefinition(Template.fromStack(stack));
}

/**
 * The real handlers, bound by state name. Imported only now: they make their container's services on first use
 * from TABLE_NAME and DYNAMODB_ENDPOINT, which the caller sets first (tests/lambda/lambda-env.ts).
 */
export async function stepHandlers(): Promise<Handlers> {
  const [plan, worker, mergeGroup, merge, fail] = await Promise.all([
    import('../../functions/lambda/plan.js'),
    import('../../functions/lambda/worker.js'),
    import('../../functions/lambda/merge-group.js'),
    import('../../functions/lambda/merge.js'),
    import('../../functions/lambda/fail.js'),
  ]);
  return { Plan: plan.handler, Worker: worker.handler, MergeGroup: mergeGroup.handler, Merge: merge.handler, MarkFailed: fail.handler };
}

export class LocalStateMachineExecutor implements Executor {
  private readonly executions = new Map<string, Promise<LocalExecution>>();

  constructor(
    private readonly definition: object,
    private readonly handlers: Handlers,
  ) {}

  start(run: RunRecord): Promise<void> {
    const name = executionName(run);
    if (this.executions.has(name)) return Promise.resolve();
    this.executions.set(name, runLocally(this.definition, this.handlers, { tenant: run.tenant, runId: run.id }, { executionName: name }));
    return Promise.resolve();
  }

  /** The names of the executions started, in order. */
  get started(): string[] {
    return [...this.executions.keys()];
  }

  /** Resolves when every execution started so far has ended. */
  async idle(): Promise<void> {
    await Promise.all(this.executions.values());
  }
}
