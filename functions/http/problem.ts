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

/** Characters kept of the detail, and of each field problem's message and path: enough to act on. */
export const MAX_DETAIL = 1000;
export const MAX_TEXT = 200;
/** Field problems listed; `moreErrors` says how many more there were. */
export const MAX_ERRORS = 20;

/** A value cut to `max` characters, saying how much was left out. */
export function cut(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/**
 * A problem answer, bounded: the detail and every field problem are cut and the list of problems capped, so an
 * answer stays a few kilobytes whatever the input it quotes (a 5 MB line of a CSV in a dozen messages would
 * otherwise come back as 60 MB). Handlers throw errors (errors.ts); the app's error handler is what calls this.
 */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  detail?: string,
  extra: Record<string, unknown> = {},
): Response {
  return c.body(problemBody(status, title, detail, extra), status, { 'Content-Type': PROBLEM_TYPE });
}

export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/** The JSON text of a bounded problem answer (also written straight to a socket, for errors before routing). */
export function problemBody(status: number, title: string, detail?: string, extra: Record<string, unknown> = {}): string {
  const bounded: Record<string, unknown> = { ...extra };
  if (Array.isArray(extra.errors)) {
    const errors = extra.errors as FieldIssue[];
    bounded.errors = errors.slice(0, MAX_ERRORS).map((e) => ({ ...e, path: cut(e.path), message: cut(e.message) }));
    if (errors.length > MAX_ERRORS) bounded.moreErrors = errors.length - MAX_ERRORS;
  }
  const body: Problem = { type: 'about:blank', title, status, ...(detail ? { detail: cut(detail, MAX_DETAIL) } : {}), ...bounded };
  return JSON.stringify(body);
}
