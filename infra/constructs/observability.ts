/**
 * Alarms on what needs a person: a run's execution that failed or timed out, a throttled function, a 5xx from
 * the API. All go to one SNS topic, e-mailed when an address is given.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type IFunction } from 'aws-cdk-lib/aws-lambda';
import { type StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';

export interface ObservabilityProps {
  stateMachine: StateMachine;
  functions: Record<string, IFunction>;
  httpApi: HttpApi;
  alarmEmail?: string;
}

const PERIOD = Duration.minutes(5);

export class Observability extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', { displayName: 'Placement Planner alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);

    const alarm = (name: string, metric: IMetric, description: string) =>
      new Alarm(this, name, {
        metric,
        alarmDescription: description,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No traffic is not a problem.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(action);

    const sm = props.stateMachine;
    alarm(
      'FailedRuns',
      new MathExpression({
        expression: 'failed + timedOut + aborted',
        usingMetrics: {
          failed: sm.metricFailed({ period: PERIOD }),
          timedOut: sm.metricTimedOut({ period: PERIOD }),
          aborted: sm.metricAborted({ period: PERIOD }),
        },
        period: PERIOD,
        label: 'runs that did not succeed',
      }),
      'A run execution failed, timed out or was aborted: its run is marked failed (or, if MarkFailed itself failed, look at the execution).',
    );
    const throttles = Object.fromEntries(
      Object.entries(props.functions).map(([name, fn]) => [name, fn.metricThrottles({ period: PERIOD, statistic: 'Sum' })]),
    );
    alarm(
      'ThrottledFunctions',
      new MathExpression({
        expression: Object.keys(throttles).join(' + '),
        usingMetrics: throttles,
        period: PERIOD,
        label: 'throttled invocations',
      }),
      'A Lambda function was throttled: the account concurrency or the Distributed Map MaxConcurrency is too high for the account.',
    );
    alarm('ApiServerErrors', props.httpApi.metricServerError({ period: PERIOD, statistic: 'Sum' }), 'The API answered 5xx.');
  }
}
