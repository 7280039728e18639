/**
 * `npm run bench:memory`: the peak memory (RSS) of the server process while it plays and merges one run of the
 * reference model (all 7 scenarios), for several numbers of trials, each in a fresh process (RSS seldom
 * shrinks, so runs in one process would hide each other's peaks). The app, the worker-thread executor and its
 * pool are in the measured process; DynamoDB Local is a separate Java process and not counted.
 *
 * Options: --trials N,N,... (20000,100000,200000), --one N (internal: measure one run and print JSON). Runs are
 * admitted whatever their size (MAX_RUN_WORK raised unless set): the 1,000,000-trial run the issue names is
 * above the default limit.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serverWorkers } from '../functions/executors/local.js';
import { startBenchApp, withCleanup } from './local-app.js';

const { values } = parseArgs({ options: { trials: { type: 'string', default: '20000,100000,200000' }, one: { type: 'string' } } });
const TENANT = 'bench';
const POLL_MS = 100;

interface Measured {
  trials: number;
  chunks: number;
  chunkSize: number;
  baseMb: number;
  chunksPeakMb: number;
  mergePeakMb: number;
  chunksS: number;
  mergeS: number;
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/**
 * The peak RSS of this process since it started or since the last reset, in MB, as the kernel keeps it (VmHWM):
 * sampling on the main thread would miss a peak while a merge blocks it.
 */
function peakRssMb(): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  if (!kb) throw new Error('no VmHWM in /proc/self/status (Linux only)');
  return Number(kb[1]) / 1024;
}

/** Starts the peak (VmHWM) again from the current RSS. */
function resetPeakRss(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}

/** One run in this process: the peak RSS of the chunk phase and of the merge after it. */
async function measureOne(trials: number): Promise<Measured> {
  let out: Measured | undefined;
  await withCleanup('bench:memory', 3600_000, async (cleanup) => {
    // Priority does not change memory; at normal priority the run ends sooner on a shared machine.
    const { url, store, token } = await startBenchApp(cleanup, TENANT, 'bench', { nice: 0 });
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${url}/api/v1${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    const model = JSON.parse(readFileSync(new URL('../examples/reference-midsize.json', import.meta.url), 'utf8'));
    const { id: modelId } = await post('/models', model);
    const baseMb = process.memoryUsage().rss / 1024 / 1024;
    resetPeakRss();
    const { id } = await post('/runs', { modelId, trials, seed: 3 });
    let chunksPeak = 0;
    let merging = false;
    const started = Date.now();
    let mergeStart = 0;
    for (;;) {
      const run = await store.getRun(TENANT, id);
      if (!run) throw new Error('the run is gone');
      if (run.status === 'failed') throw new Error(`the run failed: ${run.error}`);
      if (!merging && run.chunksDone === run.chunks) {
        merging = true;
        chunksPeak = peakRssMb();
        resetPeakRss();
        mergeStart = Date.now();
      }
      if (run.status === 'succeeded') {
        const mergePeak = peakRssMb();
        out = {
          trials,
          chunks: run.chunks,
          chunkSize: run.chunkSize,
          baseMb,
          chunksPeakMb: chunksPeak,
          mergePeakMb: mergePeak,
          chunksS: ((mergeStart || Date.now()) - started) / 1000,
          mergeS: (Date.now() - (mergeStart || Date.now())) / 1000,
        };
        return;
      }
      await sleep(POLL_MS);
    }
  });
  if (!out) throw new Error('no measurement');
  return out;
}

async function main(): Promise<void> {
  if (values.one !== undefined) {
    console.log(JSON.stringify(await measureOne(Number(values.one))));
    return;
  }
  const counts = values.trials.split(',').map(Number);
  console.log(
    `bench:memory: reference model, 7 scenarios, ${serverWorkers()} pool thread(s) (RUN_THREADS), peak RSS of the server process`,
  );
  console.log('  trials     chunks x size   at start   chunks phase (peak)   merge (peak)');
  for (const n of counts) {
    // The admission limit (MAX_RUN_WORK) is policy, not memory: raised here so that runs above it are measured too.
    const env = { ...process.env, MAX_RUN_WORK: process.env.MAX_RUN_WORK ?? String(10 ** 15) };
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--one', String(n)], { encoding: 'utf8', env });
    const last = child.stdout.trim().split('\n').at(-1) ?? '';
    if (child.status !== 0 || !last.startsWith('{')) throw new Error(`trials ${n}: ${child.stderr || child.stdout}`);
    const m = JSON.parse(last) as Measured;
    const f = (x: number) => x.toFixed(0).padStart(5);
    console.log(
      `  ${String(n).padStart(9)}  ${String(m.chunks).padStart(4)} x ${String(m.chunkSize).padEnd(7)}  ${f(m.baseMb)} MB   ` +
        `${f(m.chunksPeakMb)} MB (${m.chunksS.toFixed(1)} s)     ${f(m.mergePeakMb)} MB (${m.mergeS.toFixed(1)} s)`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(`bench:memory: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
