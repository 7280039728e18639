/**
 * Runs a state machine definition (hand-written, or taken out of the synthesised template) on this machine with
 * aws-local-stepfunctions, each Lambda Task bound to an in-process handler that is called the way the Lambda
 * runtime calls it: a JSON event (the task's payload) and a Lambda-shaped Context. What the interpreter does
 * differently from Step Functions is in docs/cloud.md ("What the local interpreter lacks").
 */
import './promise-with-resolvers.js';
import type { Context } from 'aws-lambda';
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

/** A Lambda handler as the entry files export it; `handler(event, context)`. */
export type LocalHandler = (event: any, context: Context) => unknown;

/** Handlers by Task state name, by function ARN, or by function name (the ARN's last part); looked up in that order. */
export type Handlers = Record<string, LocalHandler>;

export interface RunLocallyOptions {
  /** `$$.Execution.Name`; Step Functions takes it from StartExecution's `name` (the run id here). */
  executionName?: string;
  /**
   * Pause before each retry, in ms, for every state with a Retry field. Default 0: the retries still happen, in
   * the definition's order and counts, but a test does not sleep through the backoff. `null` keeps the
   * definition's IntervalSeconds, BackoffRate and jitter.
   */
  retryPauseMs?: number | null;
  /**
   * TimeoutSeconds given to Tasks that set none. The interpreter's own default is 60 s, Step Functions' is none
   * (the function's timeout ends it), so a slow machine would fail a Task here that passes in the cloud.
   */
  taskTimeoutSeconds?: number;
  /** Reported by the Context (`memoryLimitInMB`); it limits nothing here. */
  memoryMB?: number;
}

/** One call of a handler, in the order the calls began. */
export interface Invocation {
  state: string;
  functionName: string;
  event: unknown;
  outcome: 'returned' | 'threw';
}

/** A state entered, retried or caught, in the order the interpreter reported it; `index` is the Map item's. */
export interface TraceEntry {
  type: 'entered' | 'retried' | 'caught';
  state: string;
  index?: number;
}

export interface ExecutionErrorInfo {
  Error: string;
  Cause: string;
}

export type LocalExecution =
  | { status: 'succeeded'; output: unknown; invocations: Invocation[]; trace: TraceEntry[] }
  | { status: 'failed'; error: ExecutionErrorInfo; invocations: Invocation[]; trace: TraceEntry[] };

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const FUNCTION_ARN = /^arn:aws[\w-]*:lambda:([^:]*):(\d*):function:([^:]+)(?::[^:]+)?$/;

type StateDef = Record<string, any>;

interface TaskSite {
  state: string;
  definition: StateDef;
}

/** Every Task state, nested Map and Parallel states included: state names are unique across a whole machine. */
function tasks(def: { States: Record<string, StateDef> }): TaskSite[] {
  const out: TaskSite[] = [];
  for (const [state, definition] of Object.entries(def.States)) {
    if (definition.Type === 'Task') out.push({ state, definition });
    const inner = definition.ItemProcessor ?? definition.Iterator;
    if (inner) out.push(...tasks(inner));
    for (const branch of definition.Branches ?? []) out.push(...tasks(branch));
  }
  return out;
}

function statesWithRetry(def: { States: Record<string, StateDef> }): string[] {
  const out: string[] = [];
  for (const [state, definition] of Object.entries(def.States)) {
    if (definition.Retry) out.push(state);
    const inner = definition.ItemProcessor ?? definition.Iterator;
    if (inner) out.push(...statesWithRetry(inner));
    for (const branch of definition.Branches ?? []) out.push(...statesWithRetry(branch));
  }
  return out;
}

function functionNameOf(arnOrName: string): string {
  return FUNCTION_ARN.exec(arnOrName)?.[3] ?? arnOrName;
}

function lookup(handlers: Handlers, state: string, functionRef: string): LocalHandler | undefined {
  return handlers[state] ?? handlers[functionRef] ?? handlers[functionNameOf(functionRef)];
}

/**
 * What Step Functions sees when a function throws: Error is the error's name (the runtime's errorType), Cause the
 * runtime's JSON error document. Errors named Lambda.* stand for the Lambda service refusing the call (throttling,
 * service faults), which Step Functions reports with the service's message as the cause.
 */
class LambdaFunctionError extends Error {
  constructor(thrown: unknown) {
    const errorType = thrown instanceof Error ? thrown.name : 'Error';
    const errorMessage = thrown instanceof Error ? thrown.message : String(thrown);
    const trace = thrown instanceof Error ? (thrown.stack ?? '').split('\n').slice(1, 6) : [];
    super(errorType.startsWith('Lambda.') ? errorMessage : JSON.stringify({ errorType, errorMessage, trace }));
    this.name = errorType;
  }
}

/** A Lambda's return value crosses the wire as JSON: what does not survive JSON.stringify does not arrive. */
function asJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

let requestCounter = 0;

function lambdaContext(functionName: string, functionArn: string, timeoutSeconds: number, memoryMB: number): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const n = ++requestCounter;
  const unsupported = (what: string) => () => {
    throw new Error(`context.${what} is the callback era's API; the handlers return promises`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: String(memoryMB),
    // Counted, not random, so that two runs of a test log the same ids.
    awsRequestId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${String(n).padStart(32, '0')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}

/**
 * The local function for one Task. A Task whose Resource is a function ARN (CDK's `payloadResponseOnly: true`)
 * passes its input as the event and its output is the handler's return value. A Task on
 * `arn:aws:states:::lambda:invoke` gets `{ FunctionName, Payload, ... }` from its Parameters and returns the
 * integration's envelope, `{ Payload, StatusCode, ... }`, from which the definition's OutputPath or
 * ResultSelector picks the payload, as in the cloud.
 */
function bindTask(
  site: TaskSite,
  handlers: Handlers,
  invocations: Invocation[],
  opts: Required<Omit<RunLocallyOptions, 'executionName' | 'retryPauseMs'>>,
): (input: any) => Promise<any> {
  const resource: string = site.definition.Resource;
  const viaIntegration = resource === LAMBDA_INVOKE || resource.startsWith(`${LAMBDA_INVOKE}:`);
  if (!viaIntegration && !FUNCTION_ARN.test(resource) && !handlers[site.state]) {
    throw new Error(`Task ${site.state}: resource ${resource} is neither a Lambda function nor lambda:invoke; bind it by state name`);
  }
  const staticRef = viaIntegration ? (site.definition.Parameters?.FunctionName as string | undefined) : resource;
  if (staticRef !== undefined && !lookup(handlers, site.state, staticRef)) {
    throw new Error(`Task ${site.state}: no handler for state ${site.state} or function ${staticRef}`);
  }
  const timeout: number = site.definition.TimeoutSeconds ?? opts.taskTimeoutSeconds;

  return async (input: any) => {
    const functionRef: string = viaIntegration ? input?.FunctionName : resource;
    const handler = lookup(handlers, site.state, functionRef);
    if (!handler) throw new Error(`Task ${site.state}: no handler for function ${functionRef}`);
    const event = asJson(viaIntegration ? input.Payload : input);
    const name = functionNameOf(functionRef);
    const arn = FUNCTION_ARN.test(functionRef) ? functionRef : `arn:aws:lambda:local:000000000000:function:${name}`;
    const invocation: Invocation = { state: site.state, functionName: name, event, outcome: 'returned' };
    invocations.push(invocation);
    let result: unknown;
    try {
      result = asJson(await handler(event, lambdaContext(name, arn, timeout, opts.memoryMB)));
    } catch (e) {
      invocation.outcome = 'threw';
      throw new LambdaFunctionError(e);
    }
    if (!viaIntegration) return result;
    return {
      ExecutedVersion: '$LATEST',
      Payload: result,
      SdkHttpMetadata: { HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: `local-${invocations.length}` },
      StatusCode: 200,
    };
  };
}

function withTaskTimeouts(def: StateDef, seconds: number): StateDef {
  const states = Object.fromEntries(
    Object.entries(def.States as Record<string, StateDef>).map(([name, s]) => {
      let out = s;
      if (s.Type === 'Task' && s.TimeoutSeconds === undefined && s.TimeoutSecondsPath === undefined)
        out = { ...out, TimeoutSeconds: seconds };
      if (s.ItemProcessor) out = { ...out, ItemProcessor: withTaskTimeouts(s.ItemProcessor, seconds) };
      if (s.Iterator) out = { ...out, Iterator: withTaskTimeouts(s.Iterator, seconds) };
      if (s.Branches) out = { ...out, Branches: s.Branches.map((b: StateDef) => withTaskTimeouts(b, seconds)) };
      return [name, out];
    }),
  );
  return { ...def, States: states };
}

function errorInfo(e: unknown): ExecutionErrorInfo {
  // The interpreter wraps the state's error; its name and message are Step Functions' Error and Cause.
  const inner = e instanceof ExecutionError && e.cause instanceof Error ? e.cause : e;
  if (inner instanceof Error) return { Error: inner.name, Cause: inner.message };
  return { Error: 'Error', Cause: String(inner) };
}

/** Runs `definition` on `input` to its end; a failed execution is a result, not an exception. */
export async function runLocally(
  definition: object,
  handlers: Handlers,
  input: unknown,
  opts: RunLocallyOptions = {},
): Promise<LocalExecution> {
  const settings = { taskTimeoutSeconds: opts.taskTimeoutSeconds ?? 900, memoryMB: opts.memoryMB ?? 1769 };
  const def = withTaskTimeouts(definition as StateDef, settings.taskTimeoutSeconds);
  const invocations: Invocation[] = [];
  const localHandlers = Object.fromEntries(
    tasks(def as { States: Record<string, StateDef> }).map((site) => [site.state, bindTask(site, handlers, invocations, settings)]),
  );
  const pause = opts.retryPauseMs === undefined ? 0 : opts.retryPauseMs;
  const retryIntervalOverrides =
    pause === null ? undefined : Object.fromEntries(statesWithRetry(def as { States: Record<string, StateDef> }).map((s) => [s, pause]));
  const executionName =
    opts.executionName ?? (typeof (input as { runId?: unknown })?.runId === 'string' ? (input as { runId: string }).runId : 'local');

  // The placeholder ARNs of a synthesised template are not real ones; the paths are still checked.
  const machine = new StateMachine(def as StateMachineDefinition, { validationOptions: { checkArn: false } });
  const execution = machine.run(input as any, {
    overrides: { taskResourceLocalHandlers: localHandlers, ...(retryIntervalOverrides ? { retryIntervalOverrides } : {}) },
    context: {
      Execution: {
        Id: `arn:aws:states:local:000000000000:execution:local:${executionName}`,
        Name: executionName,
      },
      StateMachine: { Id: 'arn:aws:states:local:000000000000:stateMachine:local', Name: 'local' },
    },
  });

  const trace: TraceEntry[] = [];
  const traced = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type !== 'StateEntered' && event.type !== 'StateRetried' && event.type !== 'StateCaught') continue;
      const type = event.type === 'StateEntered' ? 'entered' : event.type === 'StateRetried' ? 'retried' : 'caught';
      trace.push({ type, state: event.state.name, ...(event.index === undefined ? {} : { index: event.index }) });
    }
  })();

  let outcome: LocalExecution;
  try {
    outcome = { status: 'succeeded', output: await execution.result, invocations, trace };
  } catch (e) {
    outcome = { status: 'failed', error: errorInfo(e), invocations, trace };
  }
  await traced;
  return outcome;
}
