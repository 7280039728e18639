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

/** A problem answer. Handlers throw errors (errors.ts); the app's error handler is what calls this. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  detail?: string,
  extra: Record<string, unknown> = {},
): Response {
  const body: Problem = { type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...extra };
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json; charset=utf-8' });
}
