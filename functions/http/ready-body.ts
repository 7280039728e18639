/**
 * Answers that never change once made (a finished run's result and CSV tables, the API docs) are prepared once and
 * sent many times: as UTF-8 bytes, gzip-compressed beside them for clients that accept it, and with an entity tag
 * so that a client that has them already gets 304 Not Modified. Compressing once per run rather than per request
 * is what lets 50 spreadsheets poll a 200 KB result without the server's thread doing the compression each time.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context } from 'hono';
import { accepts } from 'hono/accepts';

const gzipAsync = promisify(gzip);

export interface ReadyBody {
  type: string;
  raw: Uint8Array<ArrayBuffer>;
  /** The same bytes gzip-compressed; absent when compressing would not make them smaller. */
  gzip?: Uint8Array<ArrayBuffer>;
  /** Weak: the same tag names the identity and the gzip form, which hold the same content. */
  etag: string;
}

/** Compresses (on libuv's thread pool, not the event loop) and tags `content` once. */
export async function readyBody(content: string | Uint8Array, type: string): Promise<ReadyBody> {
  const raw = typeof content === 'string' ? new Uint8Array(Buffer.from(content, 'utf8')) : new Uint8Array(content);
  const gz = new Uint8Array(await gzipAsync(raw));
  return {
    type,
    raw,
    ...(gz.byteLength < raw.byteLength ? { gzip: gz } : {}),
    etag: `W/"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`,
  };
}

/** Bytes a ready body keeps in memory. */
export const readyBodyBytes = (b: ReadyBody): number => b.raw.byteLength + (b.gzip?.byteLength ?? 0);

/** True when If-None-Match names `etag` (weak comparison, as RFC 9110 asks for GET) or is `*`. */
function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

/**
 * 304 when the client has this body already, else 200 with the gzip form when Accept-Encoding allows it and the
 * bytes as they are otherwise. `headers` go on both (a download's Content-Disposition, a Cache-Control).
 */
export function sendReady(c: Context, body: ReadyBody, headers: Record<string, string> = {}): Response {
  const common = { 'Cache-Control': 'private, no-cache', ...headers, ETag: body.etag, Vary: 'Accept-Encoding' };
  if (notModified(c.req.header('If-None-Match'), body.etag)) return c.body(null, 304, common);
  const coding = body.gzip ? accepts(c, { header: 'Accept-Encoding', supports: ['gzip'], default: 'identity' }) : 'identity';
  if (coding === 'gzip' && body.gzip) return c.body(body.gzip, 200, { ...common, 'Content-Type': body.type, 'Content-Encoding': 'gzip' });
  return c.body(body.raw, 200, { ...common, 'Content-Type': body.type });
}
