/**
 * The frame every step Lambda (plan, worker, merge-group, merge, fail) shares: parse the event, log start and end with the
 * run's keys on every line, and let a failure propagate so that Step Functions retries or catches it.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { containerServices, type StepServices } from './context.js';
import { parseEvent } from './events.js';
import { runLogger, type RunKeys } from './logger.js';

export type StepHandler<R> = (event: unknown, context?: Context) => Promise<R>;

/** Services for one invocation: made by the caller (tests) or the container's own. */
export type ServicesSource = () => StepServices;

export function stepHandler<E extends RunKeys, R>(
  step: string,
  schema: z.ZodType<E>,
  body: (event: E, services: StepServices & { log: Logger }) => Promise<R>,
  services: ServicesSource = containerServices,
): StepHandler<R> {
  return async (event, context) => {
    const shared = services();
    let parsed: E;
    try {
      parsed = parseEvent(schema, event, step);
    } catch (err) {
      shared.logger.error(`${step}: event refused`, err as Error);
      throw err;
    }
    const { tenant, runId, index, group } = parsed;
    const keys = { tenant, runId, ...(index === undefined ? {} : { index }), ...(group === undefined ? {} : { group }) };
    const log = runLogger(shared.logger, keys, context);
    log.info(`${step}: start`);
    try {
      const out = await body(parsed, { ...shared, log });
      log.info(`${step}: done`, { output: summary(out) });
      return out;
    } catch (err) {
      log.error(`${step}: failed`, err as Error);
      throw err;
    }
  };
}

/** The output with the plan's lists (of chunks, thousands of items, and groups) as their lengths. */
function summary(out: unknown): unknown {
  if (!out || typeof out !== 'object') return out;
  const short: Record<string, unknown> = { ...out };
  for (const [key, value] of Object.entries(short)) if (Array.isArray(value)) short[key] = value.length;
  return short;
}
