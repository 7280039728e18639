/**
 * The Placement Planner stack: the table, the six functions (functions/lambda/*.ts), the fan-out state
 * machine, the HTTP API, the page behind CloudFront and the alarms. It only describes resources and wires the
 * entry files; what the service does is in functions/. Environment-agnostic (no account or region, no lookups),
 * so it synthesises on a machine without AWS access.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { BUNDLED_DOCS_FOLDER, DOCS_FILES, installedDocsFile } from '../functions/http/docs-files.js';
import { CHUNKS_PER_WORKER } from '../simulation/chunks.js';
import { Api } from './constructs/api.js';
import { Data } from './constructs/data.js';
import { EntryFunction, type EntryFunctionProps } from './constructs/entry-function.js';
import { FanOut } from './constructs/fan-out.js';
import { Observability } from './constructs/observability.js';
import { grantTableActions, type FunctionRole } from './constructs/permissions.js';
import { Site } from './constructs/site.js';
import { suppressNagFindings } from './nag-suppressions.js';
import { type StackSettings } from './settings.js';

export interface PlacementPlannerStackProps extends StackProps {
  settings: StackSettings;
  /** web/dist, when it exists; the page is uploaded only then. */
  pageDirectory?: string;
}

/** The entry file in functions/lambda/ of each function. */
const ENTRY_FILES: Record<FunctionRole, EntryFunctionProps['entry']> = {
  api: 'api',
  plan: 'plan',
  worker: 'worker',
  mergeGroup: 'merge-group',
  merge: 'merge',
  fail: 'fail',
};

/** Memory and timeout of each function. */
export const FUNCTION_SIZES: Record<FunctionRole, { memorySize: number; timeout: Duration }> = {
  api: { memorySize: 1024, timeout: Duration.seconds(29) },
  plan: { memorySize: 512, timeout: Duration.seconds(60) },
  // 1,769 MB is where Lambda gives one full vCPU, and a chunk is single-threaded CPU work. A chunk is planned
  // for seconds (planChunks: ~8 chunks per worker); the timeout leaves room for a cold start and a slow chunk.
  worker: { memorySize: 1769, timeout: Duration.minutes(5) },
  // A merge is single-threaded CPU work too (unzip, parse, fold), with a few partials in memory at once.
  mergeGroup: { memorySize: 1769, timeout: Duration.minutes(5) },
  merge: { memorySize: 1769, timeout: Duration.minutes(5) },
  fail: { memorySize: 256, timeout: Duration.seconds(30) },
};

export class PlacementPlannerStack extends Stack {
  readonly data: Data;
  readonly functions: Record<FunctionRole, EntryFunction>;
  readonly fanOut: FanOut;
  readonly api: Api;
  readonly site: Site;
  readonly observability: Observability;
  /** Whether the distribution has its own domain and certificate. */
  readonly customDomain: boolean;

  constructor(scope: Construct, id: string, props: PlacementPlannerStackProps) {
    super(scope, id, props);
    const { settings } = props;
    this.customDomain = settings.domainName !== undefined;
    this.data = new Data(this, 'Data');
    const table = this.data.table;

    const make = (role: FunctionRole, environment: Record<string, string> = {}, besideBundle?: Record<string, string[]>) => {
      const made = new EntryFunction(this, `${role[0].toUpperCase()}${role.slice(1)}Function`, {
        entry: ENTRY_FILES[role],
        ...FUNCTION_SIZES[role],
        environment: { TABLE_NAME: table.tableName, ...environment },
        besideBundle,
      });
      grantTableActions(made.fn, table, role);
      return made;
    };
    const plan = make('plan');
    const worker = make('worker');
    const mergeGroup = make('mergeGroup');
    const merge = make('merge');
    const fail = make('fail');
    this.fanOut = new FanOut(this, 'FanOut', {
      plan: plan.fn,
      worker: worker.fn,
      mergeGroup: mergeGroup.fn,
      merge: merge.fn,
      fail: fail.fn,
      maxConcurrency: settings.maxConcurrency,
    });
    const stateMachine = this.fanOut.stateMachine;

    // One wave: the plan makes up to CHUNKS_PER_WORKER chunks per planned worker, so planning for this many
    // workers gives no more chunks than the Map plays at once.
    const planWorkers = Math.max(1, Math.floor(settings.maxConcurrency / CHUNKS_PER_WORKER));
    // /docs reads Swagger UI's files at runtime; esbuild leaves them out, so they are copied beside the bundle.
    const api = make(
      'api',
      { EXECUTOR: 'step-functions', STATE_MACHINE_ARN: stateMachine.stateMachineArn, PLAN_WORKERS: String(planWorkers) },
      { [BUNDLED_DOCS_FOLDER]: Object.keys(DOCS_FILES).map(installedDocsFile) },
    );
    // StartExecution on the one state machine, and StopExecution on its executions only (POST /runs/{id}/cancel
    // stops the run's execution): the API never reads executions.
    api.fn.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [stateMachine.stateMachineArn] }));
    stateMachine.grantExecution(api.fn, 'states:StopExecution');
    this.functions = { api, plan, worker, mergeGroup, merge, fail };

    this.api = new Api(this, 'Api', { handler: api.fn, rateLimit: settings.apiRateLimit, burstLimit: settings.apiBurstLimit });
    this.site = new Site(this, 'Site', {
      apiDomain: this.api.domain,
      pageDirectory: props.pageDirectory,
      domainName: settings.domainName,
      certificateArn: settings.certificateArn,
    });
    this.observability = new Observability(this, 'Observability', {
      stateMachine,
      functions: Object.fromEntries(Object.entries(this.functions).map(([role, made]) => [role, made.fn])),
      httpApi: this.api.httpApi,
      alarmEmail: settings.alarmEmail,
    });

    new CfnOutput(this, 'Url', {
      value: `https://${settings.domainName ?? this.site.distribution.distributionDomainName}`,
      description: 'The page, /api/*, /openapi.json, /docs and /health',
    });
    new CfnOutput(this, 'TableName', { value: table.tableName, description: 'For npm run token -- --table … --region …' });
    new CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.topic.topicArn });

    suppressNagFindings(this);
  }
}
