/**
 * The local runner (local-state-machine.ts) on a hand-written definition of the contract's shape, with fake
 * handlers: what it binds, and the interpreter's semantics the cloud path relies on (every item mapped, at most
 * MaxConcurrency at once, Retry by error name, Catch into $.error, the fail step once).
 */
import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { runLocally, type Handlers, type Invocation } from './local-state-machine.js';

const definition = JSON.parse(readFileSync(new URL('./fixtures/contract-definition.json', import.meta.url), 'utf8'));
const input = { tenant: 'alfa', runId: '01JRUN0000000000000000000A' };
const CHUNKS = 5;

interface ChunkEvent {
  tenant: string;
  runId: string;
  index: number;
}

/** Fake handlers of the contract's shape; `worker` decides, per call, whether a chunk fails. */
function fakes(worker: (event: ChunkEvent, attempt: number) => void = () => {}): Handlers & { maxInFlight: () => number } {
  const attempts = new Map<number, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    Plan: async (event: { tenant: string; runId: string }) => ({
      ...event,
      chunks: Array.from({ length: CHUNKS }, (_, index) => ({ tenant: event.tenant, runId: event.runId, index })),
    }),
    Worker: async (event: ChunkEvent) => {
      const attempt = (attempts.get(event.index) ?? 0) + 1;
      attempts.set(event.index, attempt);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        // Yield to the event loop, so that the other items the Map allows are in flight together with this one.
        await new Promise((resolve) => setImmediate(resolve));
        worker(event, attempt);
        return { index: event.index, skipped: false };
      } finally {
        inFlight--;
      }
    },
    Merge: async () => ({ status: 'succeeded' }),
    MarkFailed: async () => ({ status: 'failed' }),
    maxInFlight: () => maxInFlight,
  };
}

const calls = (invocations: Invocation[], state: string) => invocations.filter((i) => i.state === state);
const workerCalls = (invocations: Invocation[], index: number) =>
  calls(invocations, 'Worker')
    .filter((i) => (i.event as ChunkEvent).index === index)
    .map((i) => i.outcome);

describe('the contract-shaped state machine, run locally', () => {
  it('plays every chunk once, at most MaxConcurrency at a time, then merges and succeeds', async () => {
    const handlers = fakes();
    const run = await runLocally(definition, handlers, input);

    expect(run).toMatchObject({ status: 'succeeded', output: { status: 'succeeded' } });
    const indexes = calls(run.invocations, 'Worker').map((i) => (i.event as ChunkEvent).index);
    expect(indexes.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(calls(run.invocations, 'Worker')[0].event).toEqual({ ...input, index: 0 });
    // The Map's ResultPath null: Merge gets the plan's output, not the workers' results.
    expect(calls(run.invocations, 'Merge').map((i) => i.event)).toEqual([
      { ...input, chunks: [0, 1, 2, 3, 4].map((index) => ({ ...input, index })) },
    ]);
    expect(handlers.maxInFlight()).toBe(definition.States.Chunks.MaxConcurrency);
    expect(calls(run.invocations, 'MarkFailed')).toEqual([]);
    const top = run.trace.filter((t) => t.type === 'entered' && t.index === undefined).map((t) => t.state);
    expect(top).toEqual(['Plan', 'Chunks', 'Merge', 'Done']);
  });

  it('retries a worker that throws once, and the execution succeeds', async () => {
    const run = await runLocally(
      definition,
      fakes((event, attempt) => {
        if (event.index === 2 && attempt === 1) throw new Error('DynamoDB said no, once');
      }),
      input,
    );

    expect(run.status).toBe('succeeded');
    expect(workerCalls(run.invocations, 2)).toEqual(['threw', 'returned']);
    expect(run.trace).toContainEqual({ type: 'retried', state: 'Worker', index: 2 });
    expect(calls(run.invocations, 'Merge')).toHaveLength(1);
    expect(calls(run.invocations, 'MarkFailed')).toEqual([]);
  });

  it('retries a throttled worker on its own retrier, beyond the budget for the function’s own errors', async () => {
    const taskFailedAttempts = definition.States.Chunks.ItemProcessor.States.Worker.Retry[1].MaxAttempts;
    const run = await runLocally(
      definition,
      fakes((event, attempt) => {
        if (event.index === 0 && attempt <= taskFailedAttempts + 1) {
          throw Object.assign(new Error('Rate exceeded'), { name: 'Lambda.TooManyRequestsException' });
        }
      }),
      input,
    );

    expect(run.status).toBe('succeeded');
    expect(workerCalls(run.invocations, 0)).toHaveLength(taskFailedAttempts + 2);
  });

  it('ends in MarkFailed, once, with the error in $.error, when workers always throw', async () => {
    const run = await runLocally(
      definition,
      fakes((event) => {
        if (event.index === 1 || event.index === 3) throw new RangeError(`chunk ${event.index} is broken`);
      }),
      input,
    );

    expect(run).toMatchObject({ status: 'failed', error: { Error: 'RunFailed' } });
    const failed = calls(run.invocations, 'MarkFailed');
    expect(failed).toHaveLength(1);
    const event = failed[0].event as { tenant: string; runId: string; error: { Error: string; Cause: string } };
    expect(event).toMatchObject(input);
    expect(event.error.Error).toBe('RangeError');
    // As from the Lambda runtime: the cause is a JSON document with the function's message.
    expect(JSON.parse(event.error.Cause)).toMatchObject({
      errorType: 'RangeError',
      errorMessage: expect.stringMatching(/^chunk [13] is broken$/),
    });
    const retries = definition.States.Chunks.ItemProcessor.States.Worker.Retry[1].MaxAttempts;
    const broken = [workerCalls(run.invocations, 1), workerCalls(run.invocations, 3)];
    expect(broken.some((outcomes) => outcomes.length === 1 + retries && outcomes.every((o) => o === 'threw'))).toBe(true);
    expect(calls(run.invocations, 'Merge')).toEqual([]);
    expect(run.trace).toContainEqual({ type: 'caught', state: 'Chunks' });
  });

  it('sends a merge that throws to MarkFailed with its message', async () => {
    const handlers = fakes();
    handlers.Merge = async () => {
      throw new Error('chunks 3, 4 are still pending');
    };
    const run = await runLocally(definition, handlers, input);

    expect(run.status).toBe('failed');
    const [failed] = calls(run.invocations, 'MarkFailed');
    expect(JSON.parse((failed.event as any).error.Cause).errorMessage).toBe('chunks 3, 4 are still pending');
    expect(run.trace).toContainEqual({ type: 'caught', state: 'Merge' });
  });
});

describe('runLocally', () => {
  it('binds by function name too, and calls handlers with a Lambda-shaped Context and the execution name', async () => {
    const contexts: Context[] = [];
    const def = {
      StartAt: 'Name',
      States: {
        Name: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:local:000000000000:function:PlanFunction1A2B3C',
          Parameters: { 'execution.$': '$$.Execution.Name' },
          TimeoutSeconds: 30,
          End: true,
        },
      },
    };
    const run = await runLocally(
      def,
      {
        PlanFunction1A2B3C: async (event: unknown, context: Context) => {
          contexts.push(context);
          return { event, remaining: context.getRemainingTimeInMillis() };
        },
      },
      { runId: 'run-7' },
    );

    expect(run).toMatchObject({ status: 'succeeded', output: { event: { execution: 'run-7' } } });
    const [context] = contexts;
    expect(context).toMatchObject({
      functionName: 'PlanFunction1A2B3C',
      invokedFunctionArn: def.States.Name.Resource,
      functionVersion: '$LATEST',
      memoryLimitInMB: '1769',
      awsRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const remaining = (run as { output: { remaining: number } }).output.remaining;
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(30_000);
  });

  it('builds Map items with ItemSelector from bare indexes (a plan output that stays under 256 KiB)', async () => {
    const def = structuredClone(definition);
    def.States.Chunks.ItemSelector = { 'tenant.$': '$.tenant', 'runId.$': '$.runId', 'index.$': '$$.Map.Item.Value' };
    const handlers = fakes();
    handlers.Plan = async (event: object) => ({ ...event, chunks: [0, 1, 2] });
    const run = await runLocally(def, handlers, input);

    expect(run.status).toBe('succeeded');
    const events = calls(run.invocations, 'Worker').map((i) => i.event as ChunkEvent);
    expect(events.sort((a, b) => a.index - b.index)).toEqual([0, 1, 2].map((index) => ({ ...input, index })));
  });

  it('refuses, before running, a Task it has no handler for', async () => {
    const { Merge: _, ...handlers } = fakes();
    await expect(runLocally(definition, handlers, input)).rejects.toThrow(/Task Merge: no handler/);
  });
});
