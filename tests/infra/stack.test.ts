/**
 * The synthesised stack, checked with aws-cdk-lib/assertions. The stack is built once for the file: each
 * NodejsFunction runs esbuild when it is constructed. The API function's staged asset is also run, as the
 * Lambda runtime would load it, to show that /docs works from the bundle alone.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { installedDocsFile } from '../../functions/http/docs-files.js';
import { securityHeaders } from '../../functions/http/security.js';
import { MAX_GROUPS } from '../../functions/services/merge-groups.js';
import { attributeDefinitions, TABLE, UNFINISHED_INDEX } from '../../functions/store/table.js';
import { TABLE_ACTIONS, type FunctionRole } from '../../infra/constructs/permissions.js';
import { functionArn, stateMachineDefinition } from '../../infra/definition.js';
import { CONTENT_SECURITY_POLICY } from '../../infra/security-headers.js';
import { DEFAULT_SETTINGS } from '../../infra/settings.js';
import { PlacementPlannerStack } from '../../infra/stack.js';
import { httpApiEvent } from '../lambda/http-api-event.js';

type Json = Record<string, any>;

let stack: PlacementPlannerStack;
let template: Template;
let definition: Json;

const ROLES: FunctionRole[] = ['api', 'plan', 'worker', 'mergeGroup', 'merge', 'fail'];
const logicalId = (role: FunctionRole): string => stack.getLogicalId(stack.functions[role].fn.node.defaultChild as any);

/** Every action the policies attached to a function's role allow. */
function roleActions(role: FunctionRole): string[] {
  const roleId = stack.getLogicalId(stack.functions[role].fn.role!.node.defaultChild as any);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p: Json) =>
    (p.Properties.Roles as Json[]).some((r) => r.Ref === roleId),
  );
  return policies.flatMap((p: Json) => (p.Properties.PolicyDocument.Statement as Json[]).flatMap((s) => [s.Action].flat()));
}

let app: App;

/** Where the synth staged a function's code, found as `cdk deploy` finds it: through the stack's asset manifest. */
function assetDirectory(role: FunctionRole): string {
  const key = template.toJSON().Resources[logicalId(role)].Properties.Code.S3Key as string;
  const manifest = JSON.parse(readFileSync(join(app.outdir, `${stack.artifactId}.assets.json`), 'utf8'));
  return join(app.outdir, manifest.files[key.replace(/\.zip$/, '')].source.path);
}

/**
 * Each event through the bundle's handler in a fresh Node process, as a new container would run it: only the
 * stack's environment (the table and the state machine are never reached by these requests), nothing of this one.
 */
async function invokeBundle(directory: string, events: APIGatewayProxyEventV2[]): Promise<APIGatewayProxyStructuredResultV2[]> {
  const script = `const { handler } = await import(process.argv[1]);
const answers = [];
for (const event of JSON.parse(process.argv[2])) answers.push(await handler(event));
process.stdout.write('\\n' + JSON.stringify(answers));`;
  const bundle = pathToFileURL(join(directory, 'index.mjs')).href;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, bundle, JSON.stringify(events)], {
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'eu-north-1',
      TABLE_NAME: 'never-read',
      EXECUTOR: 'step-functions',
      STATE_MACHINE_ARN: 'arn:aws:states:eu-north-1:123456789012:stateMachine:never-started',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

beforeAll(() => {
  app = new App();
  stack = new PlacementPlannerStack(app, 'Test', {
    settings: { ...DEFAULT_SETTINGS, stage: 'test', alarmEmail: 'larm@kommun.se', maxConcurrency: 40 },
  });
  template = Template.fromStack(stack);
  definition = stateMachineDefinition(template);
});

describe('the resources', () => {
  it('has one of each and the six functions', () => {
    const counts: Record<string, number> = {
      'AWS::Lambda::Function': 6,
      'AWS::DynamoDB::Table': 1,
      'AWS::StepFunctions::StateMachine': 1,
      'AWS::ApiGatewayV2::Api': 1,
      'AWS::ApiGatewayV2::Stage': 1,
      'AWS::CloudFront::Distribution': 1,
      'AWS::CloudFront::OriginAccessControl': 1,
      'AWS::S3::Bucket': 2,
      'AWS::SNS::Topic': 1,
      'AWS::SNS::Subscription': 1,
      'AWS::CloudWatch::Alarm': 3,
      // Six functions, the state machine, the API's access logs.
      'AWS::Logs::LogGroup': 8,
      // No web/dist given: nothing is uploaded.
      'Custom::CDKBucketDeployment': 0,
    };
    for (const [type, count] of Object.entries(counts)) expect([type, template.resourceCountIs(type, count)]).toEqual([type, undefined]);
  });
});

describe('the table', () => {
  it('is built from TABLE, on demand, with point-in-time recovery, deletion protection, RETAIN and encryption', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: TABLE.sortKey!.name, KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith(attributeDefinitions(TABLE).map((d) => Match.objectEquals(d))),
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true },
        // Chunk and group partials expire (functions/store/dynamo.ts RUN_DATA_DAYS).
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      },
    });
  });

  it('has the sparse unfinished-runs index, keys only', () => {
    const index = TABLE.globalSecondaryIndexes[0];
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [
        {
          IndexName: UNFINISHED_INDEX,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: index.sortKey!.name, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
  });
});

describe('the state machine', () => {
  it('plans, maps the chunks, merges the groups, merges and succeeds', () => {
    expect(definition.StartAt).toBe('Plan');
    const states = definition.States as Json;
    expect(states.Plan).toMatchObject({ Type: 'Task', Resource: functionArn(logicalId('plan')), Next: 'Chunks' });
    expect(states.Chunks.Next).toBe('Groups');
    expect(states.Groups.Next).toBe('Merge');
    expect(states.Merge).toMatchObject({ Type: 'Task', Resource: functionArn(logicalId('merge')), Next: 'Succeeded' });
    expect(states.Succeeded.Type).toBe('Succeed');
  });

  it('runs the workers in a Distributed Map with the configured concurrency and no tolerated failure', () => {
    const chunks = (definition.States as Json).Chunks;
    expect(chunks).toMatchObject({ Type: 'Map', ItemsPath: '$.chunks', MaxConcurrency: 40, ResultPath: null });
    expect(chunks.ToleratedFailurePercentage ?? 0).toBe(0);
    expect(chunks.ItemProcessor.ProcessorConfig).toMatchObject({ Mode: 'DISTRIBUTED' });
    expect(chunks.ItemProcessor.StartAt).toBe('Worker');
    expect(chunks.ItemProcessor.States.Worker).toMatchObject({ Type: 'Task', Resource: functionArn(logicalId('worker')), End: true });
  });

  it('merges the groups in an inline Map, all of them at once', () => {
    const groups = (definition.States as Json).Groups;
    expect(groups).toMatchObject({ Type: 'Map', ItemsPath: '$.groups', MaxConcurrency: MAX_GROUPS, ResultPath: null });
    expect(groups.ItemProcessor.ProcessorConfig ?? { Mode: 'INLINE' }).toMatchObject({ Mode: 'INLINE' });
    expect(groups.ItemProcessor.States.MergeGroup).toMatchObject({
      Type: 'Task',
      Resource: functionArn(logicalId('mergeGroup')),
      End: true,
    });
  });

  it.each([
    ['a worker', (s: Json) => s.Chunks.ItemProcessor.States.Worker],
    ['a group merge', (s: Json) => s.Groups.ItemProcessor.States.MergeGroup],
  ])('retries %s on Lambda service errors, throttling and a failed task, with backoff', (_, state) => {
    const retry = state(definition.States as Json).Retry as Json[];
    const errors = retry.flatMap((r) => r.ErrorEquals);
    for (const error of [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
      'States.TaskFailed',
    ]) {
      expect(errors).toContain(error);
    }
    for (const r of retry) {
      expect(r.BackoffRate).toBeGreaterThan(1);
      expect(r.MaxAttempts).toBeGreaterThan(1);
    }
  });

  it('catches every failure of Plan, Chunks, Groups and Merge into MarkFailed, then fails', () => {
    const states = definition.States as Json;
    for (const name of ['Plan', 'Chunks', 'Groups', 'Merge']) {
      expect([name, states[name].Catch]).toEqual([name, [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'MarkFailed' }]]);
    }
    expect(states.MarkFailed).toMatchObject({ Type: 'Task', Resource: functionArn(logicalId('fail')), Next: 'Failed' });
    expect(states.Failed.Type).toBe('Fail');
  });

  it('logs every event to its log group and is traced', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: { Level: 'ALL', Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: Match.anyValue() } }] },
      TracingConfiguration: { Enabled: true },
    });
  });
});

describe('the functions', () => {
  it('run on Node.js 22 or newer, arm64', () => {
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    }
  });

  it('give the worker one full vCPU', () => {
    expect(template.toJSON().Resources[logicalId('worker')].Properties.MemorySize).toBe(1769);
  });

  it('tell every function the table, and the API the state machine and its executor', () => {
    const resources = template.toJSON().Resources;
    const tableRef = { Ref: stack.getLogicalId(stack.data.table.node.defaultChild as any) };
    for (const role of ROLES) expect(resources[logicalId(role)].Properties.Environment.Variables.TABLE_NAME).toEqual(tableRef);
    expect(resources[logicalId('api')].Properties.Environment.Variables).toMatchObject({
      EXECUTOR: 'step-functions',
      STATE_MACHINE_ARN: { Ref: stack.getLogicalId(stack.fanOut.stateMachine.node.defaultChild as any) },
      POWERTOOLS_SERVICE_NAME: 'placement-planner',
      // MaxConcurrency 40 at 8 chunks per worker: runs planned for 5 workers, at most 40 chunks, one wave.
      PLAN_WORKERS: '5',
    });
  });

  it('set a retention on every log group', () => {
    for (const group of Object.values(template.findResources('AWS::Logs::LogGroup')))
      expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
  });
});

describe('least privilege', () => {
  it('gives each function only its actions (the API also StartExecution and StopExecution)', () => {
    // Written out here rather than taken from TABLE_ACTIONS, so that widening a grant shows up in this file.
    const expected: Record<FunctionRole, string[]> = {
      api: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'DescribeTable'],
      plan: ['GetItem', 'Query', 'UpdateItem'],
      worker: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      mergeGroup: ['GetItem', 'Query', 'PutItem'],
      merge: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      fail: ['GetItem', 'Query', 'UpdateItem'],
    };
    for (const role of ROLES) {
      const states = role === 'api' ? ['states:StartExecution', 'states:StopExecution'] : [];
      const actions = [...expected[role].map((a) => `dynamodb:${a}`), ...states].sort();
      expect([role, [...new Set(roleActions(role))].sort()]).toEqual([role, actions]);
      expect([role, [...TABLE_ACTIONS[role]].sort()]).toEqual([role, expected[role].map((a) => `dynamodb:${a}`).sort()]);
    }
  });

  it.each(['worker', 'mergeGroup'] as const)('lets the %s neither delete nor scan', (role) => {
    const actions = roleActions(role);
    for (const forbidden of ['dynamodb:DeleteItem', 'dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:*'])
      expect(actions).not.toContain(forbidden);
  });

  it('grants table actions on the table only, and StartExecution on the one state machine', () => {
    const tableArn = { 'Fn::GetAtt': [stack.getLogicalId(stack.data.table.node.defaultChild as any), 'Arn'] };
    const machine = { Ref: stack.getLogicalId(stack.fanOut.stateMachine.node.defaultChild as any) };
    for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
      for (const statement of policy.Properties.PolicyDocument.Statement as Json[]) {
        const actions = [statement.Action].flat() as string[];
        expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
        if (actions.some((a) => a.startsWith('dynamodb:'))) expect(statement.Resource).toEqual(tableArn);
        if (actions.includes('states:StartExecution') && actions.length === 1) expect(statement.Resource).toEqual(machine);
        // StopExecution only on executions of the one state machine: arn:…:execution:<its name>:*.
        if (actions.includes('states:StopExecution')) {
          expect(JSON.stringify(statement.Resource)).toMatch(/:execution:/);
          expect(JSON.stringify(statement.Resource)).toContain(machine.Ref);
        }
      }
    }
  });
});

describe('the API and the page', () => {
  it('throttles the API stage and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: DEFAULT_SETTINGS.apiRateLimit, ThrottlingBurstLimit: DEFAULT_SETTINGS.apiBurstLimit },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });

  it('sends every path to the API function through its $default route', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
  });

  it('routes /api/*, /openapi.json, /docs and /health to the HTTP API uncached, with every viewer header but Host', () => {
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0].Properties.DistributionConfig;
    const behaviours = distribution.CacheBehaviors as Json[];
    const api = behaviours.find((b) => b.PathPattern === '/api/*')!;
    // The ids of CloudFront's managed CachingDisabled and AllViewerExceptHostHeader policies.
    expect(api).toMatchObject({
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
    });
    expect(api.AllowedMethods).toContain('POST');
    // The document and Swagger UI (its page and its files) go exactly where /api/* goes, with the same headers.
    expect(behaviours.map((b) => b.PathPattern).sort()).toEqual(['/api/*', '/docs', '/docs/*', '/health', '/openapi.json']);
    for (const behaviour of behaviours) expect({ ...behaviour, PathPattern: api.PathPattern }).toEqual(api);
    const origins = distribution.Origins as Json[];
    expect(origins.find((o) => o.Id === api.TargetOriginId)!.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    const s3 = origins.find((o) => o.Id === distribution.DefaultCacheBehavior.TargetOriginId)!;
    expect(s3.OriginAccessControlId).toBeDefined();
    expect(api.ResponseHeadersPolicyId).toEqual(distribution.DefaultCacheBehavior.ResponseHeadersPolicyId);
  });

  it('adds the same security headers at CloudFront as the app sends', async () => {
    const app = new Hono().use('*', securityHeaders()).get('/', (c) => c.text('ok'));
    const appCsp = (await app.request('/')).headers.get('Content-Security-Policy');
    expect(CONTENT_SECURITY_POLICY).toBe(appCsp);
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: CONTENT_SECURITY_POLICY, Override: true },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000, Override: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
        },
      },
    });
  });

  it('keeps the page bucket private, encrypted, versioned and TLS-only', () => {
    const pageId = stack.getLogicalId(stack.site.bucket.node.defaultChild as any);
    const page = template.toJSON().Resources[pageId].Properties;
    expect(page.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(page.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(page.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: pageId },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });
});

describe("the API function's bundle", () => {
  const SWAGGER_FILES = ['favicon-32x32.png', 'swagger-ui-bundle.js', 'swagger-ui.css'];

  it("carries Swagger UI's files beside index.mjs, copies of the installed package's", () => {
    const directory = assetDirectory('api');

    expect(readdirSync(directory)).toContain('index.mjs');
    expect(readdirSync(join(directory, 'swagger-ui')).sort()).toEqual(SWAGGER_FILES);
    for (const name of SWAGGER_FILES) {
      expect(readFileSync(join(directory, 'swagger-ui', name)).equals(readFileSync(installedDocsFile(name))), name).toBe(true);
    }
    // The steps' bundles get no copies: they never serve /docs.
    for (const role of ['plan', 'worker', 'merge', 'fail'] as const)
      expect(readdirSync(assetDirectory(role)), role).not.toContain('swagger-ui');
  });

  it('answers /docs, its files and /openapi.json from the bundle alone', async () => {
    const directory = assetDirectory('api');
    // Staged outside the repository: from there the installed package cannot be found, so /docs works only
    // through the copies.
    expect(() => createRequire(join(directory, 'index.mjs')).resolve('swagger-ui-dist/package.json')).toThrow();

    const paths = ['/docs', '/docs/swagger-ui.css', '/docs/favicon-32x32.png', '/openapi.json'];
    const [page, css, icon, spec] = await invokeBundle(
      directory,
      paths.map((path) => httpApiEvent({ path })),
    );

    expect(paths.map((path, i) => [path, [page, css, icon, spec][i].statusCode])).toEqual(paths.map((path) => [path, 200]));
    expect(page.headers!['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('/docs/swagger-ui-bundle.js');
    expect(css.headers!['content-type']).toBe('text/css; charset=utf-8');
    expect(css.isBase64Encoded).toBe(false);
    expect(css.body).toBe(readFileSync(join(directory, 'swagger-ui', 'swagger-ui.css'), 'utf8'));
    expect(icon.headers!['content-type']).toBe('image/png');
    expect(
      Buffer.from(icon.body!, icon.isBase64Encoded ? 'base64' : 'utf8').equals(
        readFileSync(join(directory, 'swagger-ui', 'favicon-32x32.png')),
      ),
    ).toBe(true);
    expect(JSON.parse(spec.body!)).toMatchObject({ openapi: '3.1.0' });
  });
});

describe('alarms', () => {
  it('e-mails failed runs, throttles and API 5xx to the given address', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'larm@kommun.se' });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const topic = { Ref: stack.getLogicalId(stack.observability.topic.node.defaultChild as any) };
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([topic]);
    const metrics = JSON.stringify(alarms.map((a) => a.Properties));
    for (const name of ['ExecutionsFailed', 'Throttles', '5xx']) expect(metrics).toContain(name);
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in the AwsSolutions pack', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.description}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('leaves no error annotation on the stack', () => {
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });
});
