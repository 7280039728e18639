/**
 * The app served on Node (server.ts, and the tests and benchmarks that serve it the same way). Two things a
 * Lambda never sees are settled here: which answers end the connection, and the errors Node's HTTP parser
 * answers by itself before any route runs.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { createAdaptorServer, type ServerType } from '@hono/node-server';
import { problemBody, PROBLEM_TYPE } from './problem.js';

export interface AppFetch {
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
}

/** The app's HTTP server, not yet listening. */
function appServer(app: AppFetch, hostname: string): ServerType {
  const server = createAdaptorServer({ fetch: (req, env) => closeIfBodyLeft(req, app.fetch(req, env)), hostname });
  server.on('clientError', answerClientError);
  return server;
}

/** Serves the app on a port that is known to be free (tests, benchmarks). */
export function serveApp(app: AppFetch, opts: { port: number; hostname: string }): ServerType {
  return appServer(app, opts.hostname).listen(opts.port, opts.hostname);
}

/** Listens on `port`, waiting up to `waitMs` for a port that a server killed a moment ago still holds. */
export async function listenApp(app: AppFetch, opts: { port: number; hostname: string; waitMs: number }): Promise<ServerType> {
  const deadline = Date.now() + opts.waitMs;
  for (;;) {
    const server = appServer(app, opts.hostname);
    const error = await new Promise<NodeJS.ErrnoException | null>((done) => {
      server.once('error', done);
      server.listen(opts.port, opts.hostname, () => done(null));
    });
    if (!error) return server;
    if (error.code !== 'EADDRINUSE') throw error;
    if (Date.now() >= deadline) throw new Error(`port ${opts.port} is taken; set PORT to a free port`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** Asked of the headers: req.body would make @hono/node-server build a whole Request for every answer. */
const mayHaveBody = (req: Request): boolean => req.headers.has('transfer-encoding') || Number(req.headers.get('content-length') ?? '0') > 0;

/**
 * An answer given before the request's body was read (a 401, a 413, …) leaves that body in the socket. The
 * server then drains it for a moment and closes the socket, so a client that was told `keep-alive` would lose its
 * next request: such answers say `Connection: close` instead. A 413 always does, as its body may still be arriving.
 */
async function closeIfBodyLeft(req: Request, answer: Response | Promise<Response>): Promise<Response> {
  const res = await answer;
  if (res.status !== 413 && (!mayHaveBody(req) || req.bodyUsed)) return res;
  try {
    res.headers.set('Connection', 'close');
    return res;
  } catch {
    // Headers of a response made elsewhere may be immutable: copy it.
    const copy = new Response(res.body, res);
    copy.headers.set('Connection', 'close');
    return copy;
  }
}

const PARSER_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'För stora huvuden / request header fields too large', 'The request headers are limited to 16 KB in all.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Tidsgränsen nåddes / request timeout', 'The request did not arrive in time.'],
};
const MALFORMED: [number, string, string] = [400, 'Felaktig begäran / bad request', 'The request is not well-formed HTTP/1.1.'];

/** Node's parser refused the request: answer as every other error does, in problem+json, and close. */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  // A client that went away, or a socket already answered, gets nothing more.
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, title, detail] = (err.code && PARSER_ERRORS[err.code]) || MALFORMED;
  const body = problemBody(status, title, detail);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      `Content-Type: ${PROBLEM_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
