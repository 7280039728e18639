/** RFC 9457 problem details: every 4xx (and the rare 5xx) answers in this shape. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldIssue } from '../../simulation/schema.js';

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  /** For validation problems: every field path with what is wrong with it. */
  errors?: FieldIssue[];
  [extra: string]: unknown;
}

/**
 * A problem answer. Typed `never` so that a route typed by @hono/zod-openapi can return it whatever responses
 * the route declares: problems are documented once, not per route.
 */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  detail?: string,
  extra: Record<string, unknown> = {},
): never {
  const body: Problem = { type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...extra };
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json; charset=utf-8' }) as never;
}

export function validationProblem(c: Context, errors: FieldIssue[], title = 'Ogiltig indata / invalid input'): never {
  const detail = errors
    .slice(0, 20)
    .map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
    .join('; ');
  return problem(c, 400, title, detail, { errors });
}
