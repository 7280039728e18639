/**
 * What CDK writes for the contract's constructs (DistributedMap, LambdaInvoke with and without
 * payloadResponseOnly, addRetry, addCatch) runs in the local runner as the hand-written fixture does: a guard
 * that the interpreter accepts the ASL that aws-cdk-lib emits, before the real stack (infra/) is merged. The
 * template's definition is resolved here by a stand-in for infra/definition.ts, with the same placeholder ARNs.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { beforeAll, describe, expect, it } from 'vitest';
import { runLocally, type Handlers } from './local-state-machine.js';

const PLACEHOLDER = (logicalId: string) => `arn:aws:lambda:local:000000000000:function:${logicalId}`;

/** Fn::Join / Fn::GetAtt / Ref to strings; function ARNs to placeholders named by their logical id. */
function resolve(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, any>;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(resolve).join(v['Fn::Join'][0]);
  if (v['Fn::GetAtt']) return PLACEHOLDER(v['Fn::GetAtt'][0]);
  if (v.Ref)
    return v.Ref === 'AWS::Partition' ? 'aws' : v.Ref === 'AWS::Region' ? 'local' : v.Ref === 'AWS::AccountId' ? '000000000000' : v.Ref;
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}

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

  const template = Template.fromStack(stack).toJSON();
  const [machine] = Object.values(template.Resources as Record<string, any>).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  const functionIds = Object.fromEntries(
    Object.entries(template.Resources as Record<string, any>)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
      .map(([id]) => [id.replace(/[0-9A-F]{8}$/, ''), id]),
  );
  return { definition: JSON.parse(resolve(machine.Properties.DefinitionString)), functionIds };
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
