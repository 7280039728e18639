/**
 * The structured JSON logger of the Lambdas (Powertools). Its level comes from POWERTOOLS_LOG_LEVEL or LOG_LEVEL
 * (tests set SILENT), its service name from POWERTOOLS_SERVICE_NAME. A step logs through a child carrying the
 * run's tenant and id, so every line of an invocation can be found by run; a child per invocation rather than
 * keys on the shared logger, because in-process callers (the local state machine) run steps concurrently.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

export const SERVICE_NAME = 'placement-planner';

export function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  return new Logger({ serviceName: env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME });
}

/** The keys every line of a step names: the run, and the chunk or group a worker or group merge works on. */
export type RunKeys = {
  tenant: string;
  runId: string;
  index?: number;
  group?: number;
};

/** A logger whose every line names the run (and its chunk or group). Never give it a token. */
export function runLogger(logger: Logger, keys: RunKeys, context?: Context): Logger {
  const child = logger.createChild({ persistentKeys: keys });
  if (context) child.addContext(context);
  return child;
}
