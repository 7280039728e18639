/**
 * `npm run bench:api`: requests per second and latency of reading a finished result under 50 concurrent
 * clients (wrk, in its own process: bench/wrk.ts says why) while a run of the reference model executes on the same machine, for
 * each of GET /api/v1/runs/{id}/result, /probability and /result.csv in turn; and through the whole big run,
 * from its own thread, a probe every 50 ms of GET /health and GET /api/v1/runs/{big}, whose latency is reported
 * per phase of the run (playing chunks, merging) with its maximum. Everything but wrk is in this process and on
 * loopback: DynamoDB Local on a free port with a temporary data directory, the app served by
 * @hono/node-server, the worker-thread executor. Bounded in time: a watchdog ends the bench if anything hangs.
 *
 * Options: --duration SECONDS per endpoint (20), --connections N (50), --trials N (100000), --endpoints
 * result,probability,csv (all three), --merge-inline (merge on the server's thread, as before issue 10 item
 * 6), --nice N (the pool threads' nice increment; default the executor's), --no-wait (stop once the clients are
 * done instead of probing the big run to its end), --encoding gzip|identity (the clients' Accept-Encoding; gzip).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { serverWorkers, SERVING_NICE } from '../functions/executors/local.js';
import type { RunRecord } from '../functions/store/port.js';
import { startBenchApp, withCleanup } from './local-app.js';
import { startProbe, type Phase, type ProbeSample } from './probe.js';
import { tcpRetransmits } from './tcp-retransmits.js';
import { watchThread } from './thread-watch.js';
import { checkWrk, loadWithWrk } from './wrk.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    trials: { type: 'string', default: '100000' },
    endpoints: { type: 'string', default: 'result,probability,csv' },
    'merge-inline': { type: 'boolean', default: false },
    nice: { type: 'string' },
    'no-wait': { type: 'boolean', default: false },
    encoding: { type: 'string', default: 'gzip' },
  },
});
const DURATION_S = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const BIG_TRIALS = Number(values.trials);
const ENDPOINTS = values.endpoints.split(',') as ('result' | 'probability' | 'csv')[];
const NICE = values.nice === undefined ? undefined : Number(values.nice);
if (values.encoding !== 'gzip' && values.encoding !== 'identity') throw new Error('--encoding is gzip or identity');
/** What the clients send in Accept-Encoding: gzip, as browsers, curl --compressed and Power Query do. */
const ACCEPT = { 'Accept-Encoding': values.encoding };
const TENANT = 'bench';
/** Nothing here should take long; if it does, the bench stops rather than hang. A big run on a busy machine may. */
const WATCHDOG_MS = (DURATION_S * ENDPOINTS.length + 3600) * 1000;

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/** p-quantile (nearest rank) of a list of latencies. */
function quantile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

function printProbe(samples: ProbeSample[]): void {
  console.log('  probe every 50 ms during the big run (latency from when each request was due):');
  console.log('    phase    path           n    p50 ms   p99 ms   max ms   failed');
  for (const phase of ['chunks', 'merge'] as Phase[]) {
    for (const path of ['health', 'run'] as const) {
      const xs = samples.filter((s) => s.phase === phase && s.path === path);
      const ms = xs.map((s) => s.ms);
      const name = path === 'health' ? '/health' : 'GET /runs/{id}';
      console.log(
        `    ${phase.padEnd(7)}  ${name.padEnd(14)} ${String(xs.length).padStart(4)}  ${fmt(quantile(ms, 0.5), 1).padStart(7)}  ` +
          `${fmt(quantile(ms, 0.99), 1).padStart(7)}  ${fmt(Math.max(...ms, 0), 1).padStart(7)}   ${xs.filter((s) => !s.ok).length}`,
      );
    }
  }
}

async function main(): Promise<void> {
  checkWrk();
  await withCleanup('bench:api', WATCHDOG_MS, async (cleanup) => {
    // DynamoDB Local with a throwaway data directory, the table, the store, the executor and the app.
    const { url, store, token } = await startBenchApp(cleanup, TENANT, 'bench', {
      mergeInline: values['merge-inline'],
      ...(NICE === undefined ? {} : { nice: NICE }),
    });
    const base = `${url}/api/v1`;
    const auth = { Authorization: `Bearer ${token}` };

    const call = async (path: string, init: { method?: string; json?: unknown } = {}) => {
      const res = await fetch(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers: { ...auth, ...(init.json === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const waitFor = async (id: string, done: (r: RunRecord) => boolean, timeoutMs: number): Promise<RunRecord> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const run = await store.getRun(TENANT, id);
        if (run && done(run)) return run;
        if (Date.now() > deadline) throw new Error(`run ${id} is still ${run?.status} after ${timeoutMs / 1000} s`);
        await sleep(100);
      }
    };

    const model = JSON.parse(readFileSync(new URL('../examples/reference-midsize.json', import.meta.url), 'utf8'));
    const { id: modelId } = (await call('/models', { method: 'POST', json: model })) as { id: string };

    // A finished run whose result the clients read.
    const small = (await call('/runs', { method: 'POST', json: { modelId, trials: 1_000, seed: 1 } })) as { id: string };
    const finished = await waitFor(small.id, (r) => r.status === 'succeeded' || r.status === 'failed', 120_000);
    if (finished.status !== 'succeeded') throw new Error(`the small run failed: ${finished.error}`);
    const paths = {
      result: `/runs/${small.id}/result`,
      probability: `/runs/${small.id}/probability?scenario=baseline&period=2027&threshold=90000000`,
      csv: `/runs/${small.id}/result.csv?table=monthly&locale=sv`,
    };
    const bytes = async (path: string) => {
      // fetch() would decompress, so the size sent is asked of Content-Length.
      const res = await fetch(`${base}${path}`, { headers: { ...auth, ...ACCEPT } });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      return Number(res.headers.get('content-length'));
    };
    const sizes: Record<string, number> = {};
    for (const e of ENDPOINTS) {
      sizes[e] = await bytes(paths[e]);
      for (let i = 0; i < 20; i++) await bytes(paths[e]); // warm-up
    }

    // The big run, under way before the clients start; the probe follows it from its first moment.
    const big = (await call('/runs', { method: 'POST', json: { modelId, trials: BIG_TRIALS, seed: 2 } })) as { id: string };
    const bigStart = Date.now();
    const probe = startProbe(url, token, big.id);
    // Stopped first on an early end, or its keep-alive connections would hold the server's close.
    cleanup.push(async () => void (await probe.stop()));
    const before = await waitFor(big.id, (r) => r.status !== 'queued', 60_000);

    console.log(
      `bench:api: ${CONNECTIONS} connections, ${DURATION_S} s per endpoint, while a ${fmt(BIG_TRIALS)}-trial run of the reference model ` +
        `executes on ${serverWorkers()} pool thread(s) (RUN_THREADS) (Accept-Encoding: ${values.encoding}; merge ${values['merge-inline'] ? "on the server's thread" : 'on a pool thread'}, ` +
        `pool nice +${NICE ?? SERVING_NICE}); load average at the start ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
    );
    console.log('  endpoint      size     req/s    p50 ms   p99 ms   max ms   errors/non-2xx/timeouts  big run');
    let failed = false;
    for (const e of ENDPOINTS) {
      const statuses: string[] = [];
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const r = await store.getRun(TENANT, big.id);
          if (r) statuses.push(r.status === 'running' && r.chunksDone === r.chunks ? 'merging' : r.status);
          await sleep(500);
        }
      })();
      const resentBefore = tcpRetransmits();
      const stopWatch = watchThread();
      const result = await loadWithWrk(`${base}${paths[e]}`, {
        connections: CONNECTIONS,
        durationS: DURATION_S,
        headers: { ...auth, ...ACCEPT },
      });
      const thread = stopWatch();
      const resentAfter = tcpRetransmits();
      const resent = resentBefore === undefined || resentAfter === undefined ? 'not known here' : fmt(resentAfter - resentBefore);
      sampling = false;
      await sampler;
      const seen = [...new Set(statuses)].join('+');
      console.log(
        `  ${e.padEnd(12)} ${(fmt(sizes[e] / 1024) + ' KB').padStart(7)}  ${fmt(result.requestsPerSecond, 1).padStart(7)}  ` +
          `${fmt(result.p50, 1).padStart(7)}  ${fmt(result.p99, 1).padStart(7)}  ${fmt(result.max).padStart(7)}   ` +
          `${result.errors} / ${result.non2xx} / ${result.timeouts}`.padEnd(25) +
          seen,
      );
      console.log(
        `  ${''.padEnd(12)} server thread: event loop late p99 ${fmt(thread.loopP99Ms, 1)} ms, max ${fmt(thread.loopMaxMs, 1)} ms; ` +
          `GC paused it ${fmt(thread.gcTotalMs)} ms in all, ${fmt(thread.gcMaxMs, 1)} ms at most; TCP segments resent ${resent}`,
      );
      if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0) failed = true;
    }
    let after = (await store.getRun(TENANT, big.id))!;
    console.log(
      `  big run after the clients: ${after.status}, chunks ${before.chunksDone} -> ${after.chunksDone} of ${after.chunks}` +
        (after.status === 'running' && after.chunksDone < after.chunks ? '' : '  (use more --trials so that the run outlasts the clients)'),
    );
    if (!values['no-wait']) {
      let mergeFrom = 0;
      for (;;) {
        after = (await store.getRun(TENANT, big.id))!;
        if (!mergeFrom && after.chunksDone === after.chunks) mergeFrom = Date.now();
        if (after.status === 'succeeded' || after.status === 'failed') break;
        await sleep(250);
      }
      const end = Date.parse(after.finishedAt ?? new Date().toISOString());
      console.log(
        `  big run ${after.status} after ${fmt((end - bigStart) / 1000, 1)} s; its merge took about ${fmt((end - (mergeFrom || end)) / 1000, 1)} s`,
      );
    }
    printProbe(await probe.stop());
    if (failed) process.exitCode = 1;
  });
}

main().catch((e: unknown) => {
  console.error(`bench:api: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
