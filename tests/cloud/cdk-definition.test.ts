/**
 * What CDK writes for the contract's constructs (DistributedMap, LambdaInvoke with and without
 * payloadResponseOnly, addRetry, addCatch) runs in the local runner as the hand-written fixture does: a guard
 * that the interpreter accepts both ways aws-cdk-lib writes a Lambda task, whichever the stack (infra/) uses. The
 * template's definition is resolved by infra/definition.ts, as for the real stack (state-machine.test.ts).
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { beforeAll, describe, expect, it } from 'vitest';
import { stateMachineDefinition } from '../../infra/definition.js';
import { runLocally, type Handlers } from './local-state-machine.js';

function contractMachine(): { definition: object; functionIds: Record<string, string> } {
  const stack = new Stack(new App(), 'Probe');
  const fn = (id: string) =>
    new lambda.Function(stack, id, {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    });
  const [planFn, workerFn, mergeFn, failFn] = ['PlanFn', 'WorkerFn', 'MergeFn', 'FailFn'].map(fn);

  const markFailed = new tasks.LambdaInvoke(stack, 'MarkFailed', { lambdaFunction: failFn, payloadResponseOnly: true }).next(
    new sfn.Fail(stack, 'Failed', { error: 'RunFailed', cause: 'The run failed; its record holds the reason' }),
  );
  const catchAll = { errors: [sfn.Errors.ALL], resultPath: '$.error' };
  const plan = new tasks.LambdaInvoke(stack, 'Plan', { lambdaFunction: planFn, payloadResponseOnly: true }).addCatch(markFailed, catchAll);
  // The worker the other way CDK writes a Lambda task: the lambda:invoke integration, its payload picked by OutputPath.
  const worker = new tasks.LambdaInvoke(stack, 'Worker', { lambdaFunction: workerFn, outputPath: '$.Payload' }).addRetry({
    errors: [sfn.Errors.TASKS_FAILED],
    interval: Duration.seconds(1),
    maxAttempts: 2,
    backoffRate: 2,
  });
  const chunks = new sfn.DistributedMap(stack, 'Chunks', {
    itemsPath: '$.chunks',
    maxConcurrency: 2,
    toleratedFailurePercentage: 0,
    resultPath: sfn.JsonPath.DISCARD,
  })
    .itemProcessor(worker)
    .addCatch(markFailed, catchAll);
  const merge = new tasks.LambdaInvoke(stack, 'Merge', { lambdaFunction: mergeFn, payloadResponseOnly: true }).addCatch(
    markFailed,
    catchAll,
  );
  new sfn.StateMachine(stack, 'Runs', {
    definitionBody: sfn.DefinitionBody.fromChainable(plan.next(chunks).next(merge).next(new sfn.Succeed(stack, 'Done'))),
  });

  const template = Template.fromStack(stack);
  const functionIds = Object.fromEntries(
    Object.entries(template.toJSON().Resources as Record<string, any>)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
      .map(([id]) => [id.replace(/[0-9A-F]{8}$/, ''), id]),
  );
  return { definition: stateMachineDefinition(template), functionIds };
}

describe('the ASL that CDK writes for the contract, run locally', () => {
  let definition: any;
  let byFunction: (h: Record<'PlanFn' | 'WorkerFn' | 'MergeFn' | 'FailFn', Handlers[string]>) => Handlers;
  const input = { tenant: 'alfa', runId: 'run-cdk' };

  beforeAll(() => {
    const synthesised = contractMachine();
    definition = synthesised.definition;
    // Bound by the functions' logical ids, as a test of the real stack will bind its entry files.
    byFunction = (h) => Object.fromEntries(Object.entries(h).map(([name, handler]) => [synthesised.functionIds[name], handler]));
  });

  it('is a Distributed Map over $.chunks whose Lambda tasks take both forms', () => {
    expect(definition.States.Chunks).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.chunks',
      MaxConcurrency: 2,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
    });
    expect(definition.States.Plan.Resource).toMatch(/:function:PlanFn/);
    expect(definition.States.Chunks.ItemProcessor.States.Worker.Resource).toBe('arn:aws:states:::lambda:invoke');
  });

  it('plays every chunk, retries a throw, and merges', async () => {
    const seen: number[] = [];
    const run = await runLocally(
      definition,
      byFunction({
        PlanFn: async (e: typeof input) => ({ ...e, chunks: [0, 1, 2].map((index) => ({ ...e, index })) }),
        WorkerFn: async (e: { index: number }) => {
          seen.push(e.index);
          if (e.index === 1 && seen.filter((i) => i === 1).length === 1) throw new Error('once');
          return { index: e.index, skipped: false };
        },
        MergeFn: async () => ({ status: 'succeeded' }),
        FailFn: async () => ({ status: 'failed' }),
      }),
      input,
    );

    expect(run).toMatchObject({ status: 'succeeded', output: { status: 'succeeded' } });
    expect(seen.sort()).toEqual([0, 1, 1, 2]);
  });

  it('sends a worker that always throws to MarkFailed, with the error in $.error', async () => {
    const failed: any[] = [];
    const run = await runLocally(
      definition,
      byFunction({
        PlanFn: async (e: typeof input) => ({ ...e, chunks: [{ ...e, index: 0 }] }),
        WorkerFn: async () => {
          throw new TypeError('always');
        },
        MergeFn: async () => ({ status: 'succeeded' }),
        FailFn: async (e: unknown) => {
          failed.push(e);
          return { status: 'failed' };
        },
      }),
      input,
    );

    expect(run).toMatchObject({ status: 'failed', error: { Error: 'RunFailed' } });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ ...input, error: { Error: 'TypeError' } });
  });
});
