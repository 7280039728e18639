/**
 * The cdk-nag AwsSolutions findings this stack acknowledges, each with why. cdk-nag v3 reads CDK's own
 * acknowledgements (Validations.of(construct).acknowledge), one per finding, on the narrowest construct that
 * carries it; anything not listed here fails the synth.
 */
import { type CfnElement, Validations } from 'aws-cdk-lib';
import { type IConstruct } from 'constructs';
import { type PlacementPlannerStack } from './stack.js';

export function suppressNagFindings(stack: PlacementPlannerStack): void {
  const logicalId = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  const ack = (scope: IConstruct, id: string, reason: string): void => Validations.of(scope).acknowledge({ id, reason });

  for (const made of Object.values(stack.functions)) {
    ack(
      made.fn.role!,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AWSLambdaBasicExecutionRole only lets the function write its own log streams (CreateLogGroup, CreateLogStream, PutLogEvents); its own policy would say the same with the same log-group wildcard.',
    );
  }

  const fanOut = stack.fanOut;
  for (const role of ['plan', 'worker', 'mergeGroup', 'merge', 'fail'] as const) {
    ack(
      fanOut,
      `AwsSolutions-IAM5[Resource::<${logicalId(stack.functions[role].fn)}.Arn>:*]`,
      "lambda:InvokeFunction on the step's own function and its versions and aliases (CDK's LambdaInvoke grant): the function is named, only the qualifier is open.",
    );
  }
  ack(
    fanOut,
    'AwsSolutions-IAM5[Resource::*]',
    "X-Ray (PutTraceSegments, PutTelemetryRecords) and CloudWatch Logs delivery (CreateLogDelivery and friends) accept no narrower resource; that is AWS's documented policy for a state machine's tracing and logs.",
  );
  const stateMachine = `{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${logicalId(fanOut.stateMachine)}"}]}]}`;
  ack(
    stack.functions.api.fn.role!,
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${stateMachine}:*]`,
    "StopExecution for POST /runs/{id}/cancel: a run's execution is named by its id and attempt at run time, so only the execution name is open, and only under this state machine.",
  );
  for (const execution of [`${stateMachine}:*`, `${stateMachine}/*:*`]) {
    ack(
      fanOut,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${execution}]`,
      'The Distributed Map starts, describes and stops its own child executions, whose names are made by Step Functions at run time: only the execution name is open, and only under this state machine.',
    );
  }

  ack(
    stack.api.httpApi,
    'AwsSolutions-APIG4',
    'The app authenticates every /api/* request itself with the tenant bearer tokens kept in the table (functions/auth/tokens.ts); an API Gateway authorizer would check the same token twice and split the logic.',
  );

  const distribution = stack.site.distribution;
  ack(
    distribution,
    'AwsSolutions-CFR1',
    "No geo restriction: the users are municipal staff in Sweden, but they also work from abroad and through VPNs; access is decided by the API's tokens, and the page holds no data.",
  );
  ack(
    distribution,
    'AwsSolutions-CFR2',
    'No WAF for now: the API is throttled at its stage and every data request needs a tenant token; a web ACL costs a fixed monthly fee per municipality and can be attached later without changing the stack.',
  );
  if (!stack.customDomain) {
    ack(
      distribution,
      'AwsSolutions-CFR4',
      'Without a custom domain the distribution uses the default *.cloudfront.net certificate, with which CloudFront ignores the minimum protocol version; with -c domainName/-c certificateArn, TLSv1.2_2021 applies.',
    );
  }

  // BucketDeployment's upload function is CDK's own singleton at the stack's root, present only when web/dist was
  // built before the synth. It runs at deploy time only, never for a user.
  const upload = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (upload) {
    const reason = (what: string) =>
      `CDK's BucketDeployment upload function (runs only while deploying): ${what}. Its code and policy are CDK's, not ours.`;
    ack(
      upload,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason('writes its own logs'),
    );
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']) {
      ack(
        upload,
        `AwsSolutions-IAM5[Action::${action}]`,
        reason("reads the asset and replaces the page bucket's files, with the action groups of CDK's grantReadWrite"),
      );
    }
    ack(
      upload,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
      reason('reads the zipped page from the bootstrap asset bucket'),
    );
    ack(upload, `AwsSolutions-IAM5[Resource::<${logicalId(stack.site.bucket)}.Arn>/*]`, reason('writes every object of the page bucket'));
    ack(
      upload,
      'AwsSolutions-IAM5[Resource::*]',
      reason('CloudFront CreateInvalidation/GetInvalidation take no narrower resource in its policy'),
    );
    ack(upload, 'AwsSolutions-L1', reason('its runtime is chosen by aws-cdk-lib and moves with it'));
  }
}
