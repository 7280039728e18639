/** Which form a request body comes in, and answers whose bodies are ready-made text. */
import type { Context, TypedResponse } from 'hono';
import type { JSONValue } from 'hono/utils/types';
import { UnsupportedMediaType } from './errors.js';

const JSON_TYPE = /^\s*application\/json\b/i;
const CSV_TYPES = /^\s*(text\/csv|text\/plain|application\/csv)\b/i;

/** A body of placement records: JSON (records inside), or the CSV itself (also when no type is given). */
export function recordsBodyKind(contentType: string | undefined): 'json' | 'csv' {
  if (JSON_TYPE.test(contentType ?? '')) return 'json';
  if (!contentType || CSV_TYPES.test(contentType)) return 'csv';
  throw new UnsupportedMediaType('Send the records as text/csv, or as application/json {records: "<csv>"}.');
}

/**
 * Stored JSON sent as it is, as UTF-8 bytes: a result of 200 KB is not parsed, serialised or encoded again per
 * request. Typed as the JSON answer `T` it is (what c.json() would have given): the caller vouches that the bytes
 * were written from a T.
 */
export function jsonText<T extends JSONValue>(c: Context, bytes: Uint8Array): TypedResponse<T, 200, 'json'> {
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': 'application/json; charset=utf-8',
  }) as unknown as TypedResponse<T, 200, 'json'>;
}

/** A CSV table as a download. */
export function csvDownload(c: Context, bytes: Uint8Array, filename: string): Response {
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
  });
}

/** A file's bytes as a download of the given type. */
export function fileDownload(c: Context, bytes: Uint8Array, contentType: string, filename: string): Response {
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${filename}"`,
  });
}
