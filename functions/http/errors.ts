/**
 * The errors a handler throws instead of answering: each names its status and title, and the one error
 * handler in app.ts turns it (and the store's and the engine's errors, via `toHttpError`) into problem+json.
 * Titles are Swedish / English, details English, as everywhere in the API.
 */
import { HTTPException } from 'hono/http-exception';
import type { ClientErrorStatusCode, ContentfulStatusCode } from 'hono/utils/http-status';
import { ValidationError, type FieldIssue } from '../../simulation/schema.js';
import { isConnectionError } from '../store/client.js';
import { BadCursor, Conflict, NotFound, TooManyQueued } from '../store/port.js';

export interface HttpErrorOptions {
  title?: string;
  /** Extra members of the problem body, e.g. `latestVersion` or `runStatus`. */
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export class HttpError extends Error {
  readonly title: string;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: ContentfulStatusCode,
    defaultTitle: string,
    readonly detail?: string,
    opts: HttpErrorOptions = {},
  ) {
    super(detail ?? opts.title ?? defaultTitle);
    this.name = new.target.name;
    this.title = opts.title ?? defaultTitle;
    this.extra = opts.extra ?? {};
    this.headers = opts.headers ?? {};
  }
}

export class BadRequest extends HttpError {
  constructor(detail?: string, opts?: HttpErrorOptions) {
    super(400, 'Felaktig begäran / bad request', detail, opts);
  }
}

/** Invalid fields: the problem lists each with its path. */
export class InvalidInput extends HttpError {
  constructor(
    readonly issues: FieldIssue[],
    title = 'Ogiltig indata / invalid input',
  ) {
    super(400, title, describeIssues(issues), { extra: { errors: issues } });
  }
}

export class InvalidCursor extends HttpError {
  constructor() {
    super(400, 'Ogiltig markör / invalid cursor', 'Pass back a cursor exactly as a listing returned it.');
  }
}

export class Unauthorized extends HttpError {
  constructor(detail: string) {
    super(401, 'Inloggning krävs / authentication required', detail, { headers: { 'WWW-Authenticate': 'Bearer' } });
  }
}

export class Forbidden extends HttpError {
  constructor(detail: string) {
    super(403, 'Behörighet saknas / forbidden', detail);
  }
}

export class NotFoundError extends HttpError {
  constructor(detail?: string) {
    super(404, 'Hittades inte / not found', detail);
  }
}

export class ConflictError extends HttpError {
  constructor(detail?: string, opts?: HttpErrorOptions) {
    super(409, 'Konflikt / conflict', detail, opts);
  }
}

export class PayloadTooLarge extends HttpError {
  constructor(detail: string) {
    super(413, 'För stor begäran / body too large', detail);
  }
}

export class UnsupportedMediaType extends HttpError {
  constructor(detail: string) {
    super(415, 'Fel innehållstyp / unsupported media type', detail);
  }
}

export class UnprocessableContent extends HttpError {
  constructor(detail: string, opts?: HttpErrorOptions) {
    super(422, 'Kan inte utföras / unprocessable content', detail, opts);
  }
}

export class PreconditionRequired extends HttpError {
  constructor(detail: string) {
    super(428, 'If-Match krävs / If-Match required', detail);
  }
}

export class TooManyRequests extends HttpError {
  constructor(detail: string, opts?: HttpErrorOptions) {
    super(429, 'För många förfrågningar / too many requests', detail, opts);
  }
}

export class Unavailable extends HttpError {
  constructor(title: string, detail?: string, opts?: HttpErrorOptions) {
    super(503, title, detail, opts);
  }
}

/** Seconds a client is asked to wait before starting another run when the tenant has the most runs under way. */
const QUEUE_RETRY_AFTER_SECONDS = 30;

/** Seconds a client is asked to wait when the store cannot be reached (DynamoDB Local restarts in a few). */
const STORE_RETRY_AFTER_SECONDS = 5;

const HONO_TITLES: Partial<Record<ClientErrorStatusCode, string>> = {
  400: 'Felaktig begäran / bad request',
  415: 'Fel innehållstyp / unsupported media type',
};

/** The HTTP answer for anything a request can cause; null for a fault of ours (a 500). */
export function toHttpError(err: unknown): HttpError | null {
  if (err instanceof HttpError) return err;
  if (err instanceof ValidationError) return new InvalidInput(err.issues);
  if (err instanceof NotFound) return new NotFoundError(err.message);
  if (err instanceof Conflict) return new ConflictError(err.message);
  if (err instanceof TooManyQueued)
    return new TooManyRequests(err.message, {
      title: 'För många pågående körningar / too many runs queued or running',
      extra: { limit: err.limit },
      // A hint for a client that retries by itself: a small run of the tenant's finishes within about that long.
      headers: { 'Retry-After': String(QUEUE_RETRY_AFTER_SECONDS) },
    });
  if (err instanceof BadCursor) return new InvalidCursor();
  // The store is down or restarting (connection refused or cut, timed out): the request may simply be sent again.
  if (isConnectionError(err)) {
    return new Unavailable('Tabellen nås inte just nu / the store is not reachable right now', 'Try again in a few seconds.', {
      headers: { 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) },
    });
  }
  if (err instanceof HTTPException) {
    // Hono's own refusals (a body that is not JSON, …) are the client's; none of them is a server fault. They get
    // the bilingual titles of ours, with Hono's words as the detail.
    const status = (err.status >= 400 && err.status < 500 ? err.status : 400) as ClientErrorStatusCode;
    return new HttpError(status, HONO_TITLES[status] ?? 'Felaktig begäran / bad request', err.message ? `${err.message}.` : undefined);
  }
  return null;
}

function describeIssues(issues: FieldIssue[]): string {
  return issues
    .slice(0, 20)
    .map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
    .join('; ');
}
