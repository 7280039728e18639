/**
 * The load generator of bench:api: wrk (Debian package `wrk`), in its own process. autocannon, used before,
 * appends every response body to a string: profiled at 50 clients of a 203 KB result, its thread spent three
 * quarters of its time decoding bodies and was the bottleneck, so its latencies measured itself more than the
 * server. wrk reads and discards the bytes, as a spreadsheet or browser on another machine would cost nothing here.
 */
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPORT = fileURLToPath(new URL('./wrk-report.lua', import.meta.url));

export interface LoadResult {
  requestsPerSecond: number;
  /** Latencies in milliseconds. */
  p50: number;
  p99: number;
  max: number;
  /** Connect, read and write errors. */
  errors: number;
  /** Answers outside 2xx and 3xx. */
  non2xx: number;
  timeouts: number;
}

interface WrkReport {
  requests: number;
  durationUs: number;
  p50: number;
  p99: number;
  max: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
}

/** Fails with what to install when wrk is missing. */
export function checkWrk(): void {
  if (spawnSync('wrk', ['--version']).error) throw new Error('bench:api needs wrk as its load generator: apt-get install wrk (Debian)');
}

/** `connections` clients on one wrk thread, each sending GET `url` with `headers` again as soon as answered. */
export async function loadWithWrk(
  url: string,
  opts: { connections: number; durationS: number; headers: Record<string, string> },
): Promise<LoadResult> {
  const headerArgs = Object.entries(opts.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const args = ['-t1', `-c${opts.connections}`, `-d${opts.durationS}s`, '--timeout', '10s', '-s', REPORT, ...headerArgs, url];
  const { stdout } = await run('wrk', args, { maxBuffer: 1024 * 1024 });
  const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as WrkReport;
  return {
    requestsPerSecond: r.requests / (r.durationUs / 1e6),
    p50: r.p50 / 1000,
    p99: r.p99 / 1000,
    max: r.max / 1000,
    errors: r.connect + r.read + r.write,
    non2xx: r.status,
    timeouts: r.timeout,
  };
}
