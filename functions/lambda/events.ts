/**
 * What the state machine hands each step (the contract in issue 9): parsed here so that a malformed event fails
 * with the field it lacks rather than somewhere inside the store.
 */
import { z } from 'zod';

const Tenant = z.string().min(1);
const RunId = z.string().min(1);

/** Plan and merge: the run. Other keys (the plan's chunk and group lists passing through) are dropped. */
export const RunEvent = z.object({ tenant: Tenant, runId: RunId });
export type RunEvent = z.infer<typeof RunEvent>;

/** Worker: one chunk of the run, as an item of the plan's `chunks`. */
export const ChunkEvent = RunEvent.extend({ index: z.number().int().min(0) });
export type ChunkEvent = z.infer<typeof ChunkEvent>;

/** Group merge: one group of chunks, as an item of the plan's `groups`. */
export const GroupEvent = RunEvent.extend({ group: z.number().int().min(0) });
export type GroupEvent = z.infer<typeof GroupEvent>;

/** MarkFailed: the run with what a Catch put at ResultPath `$.error`. */
export const FailEvent = RunEvent.extend({
  error: z.object({ Error: z.string().default(''), Cause: z.string().default('') }).default({ Error: '', Cause: '' }),
});
export type FailEvent = z.infer<typeof FailEvent>;

/** Parses a step's event, with every problem and its field path in the message. */
export function parseEvent<T>(schema: z.ZodType<T>, event: unknown, step: string): T {
  const parsed = schema.safeParse(event);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ');
  throw new TypeError(`${step}: malformed event: ${issues}`);
}
