/**
 * What every JSON body must be before a route's schema reads it: UTF-8 (the only encoding JSON may be sent in
 * between systems, RFC 8259), decodable without replacement characters, and free of the keys that name an
 * object's prototype machinery. Bodies of other types (CSV, xlsx) are the routes' own to read.
 */
import type { MiddlewareHandler } from 'hono';
import { reservedKeyPaths } from '../../simulation/reserved-keys.js';
import { formatPath, RESERVED_KEY_MESSAGE } from '../../simulation/schema.js';
import { decodeUtf8 } from '../../simulation/utf8.js';
import { BadRequest, InvalidInput, UnsupportedMediaType } from './errors.js';

/** `application/json` and every `…+json` type, as the routes' validators accept them. */
export function isJsonType(contentType: string): boolean {
  const media = contentType.split(';')[0].trim().toLowerCase();
  return media === 'application/json' || /^application\/[a-z0-9.-]+\+json$/.test(media);
}

function charsetOf(contentType: string): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType);
  return m ? m[1].toLowerCase() : undefined;
}

/** Methods whose bodies the routes read; a body on GET, HEAD or OPTIONS is never read, so never checked. */
export const hasBody = (method: string): boolean => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

export function strictJsonBodies(): MiddlewareHandler {
  return async (c, next) => {
    const type = c.req.header('Content-Type');
    // Touching c.req.raw.body makes @hono/node-server build a whole Request: not for reads, which carry no body.
    if (!hasBody(c.req.method) || type === undefined || !isJsonType(type) || c.req.raw.body === null) return next();
    const charset = charsetOf(type);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
      throw new UnsupportedMediaType(`JSON is read as UTF-8 only; send it as UTF-8 with "charset=utf-8" or no charset, not "${charset}".`);
    // Read once here; Hono keeps the bytes, so the route's validator parses the same body.
    const bytes = await c.req.arrayBuffer();
    const decoded = decodeUtf8(new Uint8Array(bytes));
    if (!decoded.ok) throw new BadRequest('The body is not valid UTF-8.');
    const text = decoded.text;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // Not JSON at all: the route's validator answers that, as it always has.
      return next();
    }
    const reserved = reservedKeyPaths(value);
    if (reserved.length > 0) throw new InvalidInput(reserved.map((p) => ({ path: formatPath(p), message: RESERVED_KEY_MESSAGE })));
    return next();
  };
}
