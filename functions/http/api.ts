/** What every route module shares: the app's ports, its context variables, validation and role checks. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { toFieldIssues } from '../../simulation/schema.js';
import { allows } from '../auth/tokens.js';
import type { RunLimits } from '../services/runs.js';
import type { StoreStatus } from '../store/ddb-supervisor.js';
import type { Clock, Executor, Role, Store } from '../store/port.js';
import { Forbidden, InvalidInput } from './errors.js';

export interface AppDeps {
  store: Store;
  executor: Executor;
  clock: Clock;
  /** Worker threads a run is planned for (chunk count). */
  workers: number;
  /** How large a run may be and how many a tenant may have open; default from the environment (services/runs.ts). */
  limits?: RunLimits;
  /** The built page (web/dist) served at `/`; defaults to the repository's web/dist. */
  webRoot?: string;
  /** What the store's process is doing (the Node server's DynamoDB Local supervisor), for /health. */
  storeStatus?: () => StoreStatus;
  /** Told of every answer, for a request log (the Lambda's); never given the token. */
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  /** Known once the token is accepted. */
  tenant?: string;
}

export interface AppEnv {
  Variables: { tenant: string; role: Role; tokenId: string };
}

/** The hook every route's request validation goes through: field paths, never a stack trace. */
export function newApi(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = result.target === 'json' ? [] : [result.target];
        throw new InvalidInput(toFieldIssues(result.error, where));
      }
    },
  });
}

const ROLE_NEEDS: Record<Role, string> = {
  viewer: 'This needs a token.',
  editor: 'This needs the editor role (or admin).',
  admin: 'This needs the admin role.',
};

/** Route middleware: refuses a token below `needed` before the body is even read. */
export function roleGuard(needed: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!allows(c.get('role'), needed)) throw new Forbidden(ROLE_NEEDS[needed]);
    await next();
  };
}

const ProblemSchema = z.object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string().optional() });

/** An OpenAPI response entry for a problem answer. */
export const problemResponse = (description: string) => ({
  content: { 'application/problem+json': { schema: ProblemSchema } },
  description,
});
