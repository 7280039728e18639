/**
 * The fan-out of one run: Plan -> Distributed Map "Chunks" (one Worker per chunk) -> Map "Groups" (one
 * MergeGroup per group of chunks, functions/services/merge-groups.ts) -> Merge -> Succeed, every state caught to
 * MarkFailed -> Fail, so that no run stays "running" when something breaks. The contract with
 * the handlers (functions/lambda/) is in their inputs and outputs; each Task passes the plain payload
 * (payloadResponseOnly), so a handler's return value is its state's output.
 */
import { Duration } from 'aws-cdk-lib';
import { type IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  DistributedMap,
  Errors,
  Fail,
  JitterType,
  JsonPath,
  LogLevel,
  Map as MapState,
  StateMachine,
  StateMachineType,
  Succeed,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { MAX_GROUPS } from '../../functions/services/merge-groups.js';
import { LOG_RETENTION } from './entry-function.js';

/** What a Lambda invocation throws when Lambda itself, not the handler, failed or was throttled. */
export const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

export interface FanOutProps {
  plan: IFunction;
  worker: IFunction;
  mergeGroup: IFunction;
  merge: IFunction;
  fail: IFunction;
  maxConcurrency: number;
}

export class FanOut extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: FanOutProps) {
    super(scope, id);
    const task = (name: string, fn: IFunction) =>
      new LambdaInvoke(this, name, { stateName: name, lambdaFunction: fn, payloadResponseOnly: true, retryOnServiceExceptions: false });
    const onServiceErrors = { errors: LAMBDA_SERVICE_ERRORS, interval: Duration.seconds(2), maxAttempts: 6, backoffRate: 2 };

    const markFailed = task('MarkFailed', props.fail).addRetry(onServiceErrors);
    markFailed.next(
      new Fail(this, 'Failed', { stateName: 'Failed', error: 'RunFailed', cause: 'The run is marked failed; its reason is on the run.' }),
    );
    const toMarkFailed = { errors: [Errors.ALL], resultPath: '$.error' };

    const plan = task('Plan', props.plan).addRetry(onServiceErrors).addCatch(markFailed, toMarkFailed);

    // A worker that throws (a handler error: States.TaskFailed) is retried too: it skips a chunk already stored,
    // so a retry after a half-done attempt changes nothing. Full jitter spreads a throttled wave of retries.
    const worker = task('Worker', props.worker)
      .addRetry({ ...onServiceErrors, jitterStrategy: JitterType.FULL })
      .addRetry({ errors: [Errors.TASKS_FAILED], interval: Duration.seconds(1), maxAttempts: 3, backoffRate: 2 });
    const chunks = new DistributedMap(this, 'Chunks', {
      stateName: 'Chunks',
      itemsPath: '$.chunks',
      maxConcurrency: props.maxConcurrency,
      toleratedFailurePercentage: 0,
      // The partials are in the table; the Map's own output would only grow the state towards its 256 KB cap.
      resultPath: JsonPath.DISCARD,
      mapExecutionType: StateMachineType.STANDARD,
    })
      .itemProcessor(worker)
      .addCatch(markFailed, toMarkFailed);

    // A group merge that throws is retried like a worker: it writes the same partial again.
    const mergeGroup = task('MergeGroup', props.mergeGroup)
      .addRetry(onServiceErrors)
      .addRetry({ errors: [Errors.TASKS_FAILED], interval: Duration.seconds(1), maxAttempts: 2, backoffRate: 2 });
    // Inline: at most MAX_GROUPS (40) items, which an inline Map runs all at once.
    const groups = new MapState(this, 'Groups', {
      stateName: 'Groups',
      itemsPath: '$.groups',
      maxConcurrency: MAX_GROUPS,
      resultPath: JsonPath.DISCARD,
    })
      .itemProcessor(mergeGroup)
      .addCatch(markFailed, toMarkFailed);

    const merge = task('Merge', props.merge).addRetry(onServiceErrors).addCatch(markFailed, toMarkFailed);

    const definition = plan
      .next(chunks)
      .next(groups)
      .next(merge)
      .next(new Succeed(this, 'Succeeded', { stateName: 'Succeeded' }));

    this.logGroup = new LogGroup(this, 'Logs', { retention: LOG_RETENTION });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromChainable(definition),
      stateMachineType: StateMachineType.STANDARD,
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
    });
  }
}
