/** Which form a request body comes in, and answers whose bodies are ready-made text. */
import type { Context, TypedResponse } from 'hono';
import type { JSONValue } from 'hono/utils/types';
import { UnsupportedMediaType } from './errors.js';
import { sendReady, type ReadyBody } from './ready-body.js';

/** The types of answers made from stored text. */
export const JSON_UTF8 = 'application/json; charset=utf-8';
export const CSV_UTF8 = 'text/csv; charset=utf-8';

const JSON_TYPE = /^\s*application\/json\b/i;
const CSV_TYPES = /^\s*(text\/csv|text\/plain|application\/csv)\b/i;

/** A body of placement records: JSON (records inside), or the CSV itself (also when no type is given). */
export function recordsBodyKind(contentType: string | undefined): 'json' | 'csv' {
  if (JSON_TYPE.test(contentType ?? '')) return 'json';
  if (!contentType || CSV_TYPES.test(contentType)) return 'csv';
  throw new UnsupportedMediaType('Send the records as text/csv, or as application/json {records: "<csv>"}.');
}

/**
 * Stored JSON sent as it is (as prepared bytes, gzip when accepted, 304 when unchanged): a result of 200 KB is not
 * parsed, serialised, encoded or compressed again per request. Typed as the JSON answer `T` it is (what c.json()
 * would have given): the caller vouches that the bytes were written from a T.
 */
export function jsonText<T extends JSONValue>(c: Context, body: ReadyBody): TypedResponse<T, 200, 'json'> {
  return sendReady(c, body) as unknown as TypedResponse<T, 200, 'json'>;
}

/** A prepared CSV table as a download. */
export function csvDownload(c: Context, body: ReadyBody, filename: string): Response {
  return sendReady(c, body, { 'Content-Disposition': `attachment; filename="${filename}"` });
}

/** A file's bytes as a download of the given type. */
export function fileDownload(c: Context, bytes: Uint8Array, contentType: string, filename: string): Response {
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${filename}"`,
  });
}
