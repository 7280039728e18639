/**
 * `npm run bench:api`: requests per second and latency of GET /api/v1/runs/{id}/result under 50 concurrent
 * clients (autocannon, in a worker thread) while a 100,000-trial run of the reference model executes on the
 * same machine. Everything is in this process and on loopback: DynamoDB Local on a free port with a temporary
 * data directory, the app served by @hono/node-server, the worker-thread executor. Bounded in time: the big
 * run is stopped when the measurement is over, and a watchdog ends the bench if anything hangs.
 *
 * Options: --duration SECONDS (20), --connections N (50), --trials N (100000).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { defaultWorkers } from '../functions/executors/local.js';
import type { RunRecord } from '../functions/store/port.js';
import { startBenchApp, withCleanup } from './local-app.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    trials: { type: 'string', default: '100000' },
  },
});
const DURATION_S = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const BIG_TRIALS = Number(values.trials);
const TENANT = 'bench';
/** Nothing here should take long; if it does, the bench stops rather than hang. */
const WATCHDOG_MS = (DURATION_S + 240) * 1000;

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

async function main(): Promise<void> {
  await withCleanup('bench:api', WATCHDOG_MS, async (cleanup) => {
    // DynamoDB Local with a throwaway data directory, the table, the store, the executor and the app.
    const { url, store, token } = await startBenchApp(cleanup, TENANT, 'bench');
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
    const resultPath = `/runs/${small.id}/result`;
    const resultBytes = Buffer.byteLength(JSON.stringify(await call(resultPath)));
    for (let i = 0; i < 20; i++) await call(resultPath); // warm-up

    // The big run, under way before the clients start.
    const big = (await call('/runs', { method: 'POST', json: { modelId, trials: BIG_TRIALS, seed: 2 } })) as { id: string };
    const bigStart = Date.now();
    const before = await waitFor(big.id, (r) => r.status !== 'queued', 60_000);

    console.log(
      `bench:api: GET ${resultPath} (${fmt(resultBytes / 1024)} KB), ${CONNECTIONS} connections, ${DURATION_S} s, ` +
        `while a ${fmt(BIG_TRIALS)}-trial run of the reference model executes on ${defaultWorkers()} worker threads`,
    );
    const statuses: string[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const r = await store.getRun(TENANT, big.id);
        if (r) statuses.push(r.status);
        await sleep(500);
      }
    })();
    const result = await autocannon({
      url: `${base}${resultPath}`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers: auth,
      workers: 1,
    });
    sampling = false;
    await sampler;
    const after = (await store.getRun(TENANT, big.id))!;

    const allRunning = statuses.length > 0 && statuses.every((s) => s === 'running') && after.status === 'running';
    const endedAt = after.finishedAt ? (Date.parse(after.finishedAt) - bigStart) / 1000 : null;
    console.log(
      `  requests/s (mean)    ${fmt(result.requests.average, 1)}  (total ${fmt(result.requests.total)} in ${fmt(result.duration, 1)} s)`,
    );
    console.log(
      `  latency p50 / p99    ${fmt(result.latency.p50, 1)} ms / ${fmt(result.latency.p99, 1)} ms  (mean ${fmt(result.latency.average, 1)} ms, max ${fmt(result.latency.max)} ms)`,
    );
    console.log(`  throughput (mean)    ${fmt(result.throughput.average / 1024 / 1024, 1)} MB/s`);
    console.log(`  errors / non-2xx     ${result.errors} / ${result.non2xx}  (timeouts ${result.timeouts})`);
    console.log(
      `  big run during it    ${allRunning ? 'running throughout' : `NOT running throughout (${after.status}${endedAt === null ? '' : ` after ${fmt(endedAt, 1)} s`})`}: ` +
        `chunks ${before.chunksDone} -> ${after.chunksDone} of ${after.chunks}, trials ${fmt(before.trialsDone)} -> ${fmt(after.trialsDone)} of ${fmt(after.trials)}`,
    );
    if (!allRunning) console.log('  (use more --trials so that the run outlasts the measurement)');
    if (result.errors > 0 || result.non2xx > 0) process.exitCode = 1;
  });
}

main().catch((e: unknown) => {
  console.error(`bench:api: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
