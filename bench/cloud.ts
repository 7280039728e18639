/**
 * `npm run bench:cloud`: what a run of 1,000,000 trials of the reference model (baseline plus every option)
 * would take and cost on the fan-out (issue 9), from what this machine measures and named assumptions for what it
 * cannot measure (Lambda's CPU, cold starts, Step Functions' own latency).
 *
 * Phase 1 (bench/cloud-local.ts): the real state machine, synthesised from PlacementPlannerStack with
 * MaxConcurrency = --concurrency (default 2: this machine has two cores), executed by aws-local-stepfunctions with
 * the real plan/worker/merge/fail handlers in-process against DynamoDB Local, on a run of --local-trials (20,000)
 * planned for --plan-workers (16, the API's default) chunks. Every invocation is timed; the result is compared
 * with simulate()'s. The workers run concurrently in the interpreter's Map but on one thread: the engine is
 * synchronous, so they interleave and never play at the same time. A worker's time is its wall time on that thread
 * (its sibling's play included); the Map's span is the workers' CPU summed, plus DynamoDB waits nothing overlapped.
 *
 * Phase 2, the projection, is fed by phase 1 (this replaces the former direct measurements of chunk play and of a
 * synthetic merge of copied partials, which took several minutes): per trial, the Map's span less each worker's
 * prepareRun, over the trials (sensitivity and plain chunks alike, so plain chunks are overestimated); the merge
 * per partial, the merge handler's time less its prepareRun and its DynamoDB Local round trips (measured), over
 * the chunks, from the real stored partials; the stored partials' gzip sizes (chunk 0 and the last chunk) for
 * every chunk size. Measured directly, still: prepareRun.
 *
 * Options: --local-trials (20000), --plan-workers (16), --concurrency (the local Map's MaxConcurrency, 2),
 * --trials (projected, 1000000), --chunk-sizes (2000,5000,10000), --cloud-concurrency (the deployed Map's
 * MaxConcurrency, 100), --model.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_PLAN_WORKERS } from '../functions/lambda/api.js';
import { prepareRun } from '../simulation/index.js';
import { SENSITIVITY_TRIALS } from '../simulation/partial.js';
import { median, runLocalBench, type LocalBench } from './cloud-local.js';

// ---- unit prices (USD), us-east-1 list prices; eu-north-1 (Stockholm) is within a few percent. Taken from the
// ---- AWS pricing pages as they stood in 2025 (not re-checked in this session, which has no network): check
// ---- https://aws.amazon.com/lambda/pricing/, /step-functions/pricing/, /dynamodb/pricing/on-demand/ before quoting.
/** Lambda, arm64, first 7.5 billion GB-seconds a month. */
const LAMBDA_ARM_USD_PER_GB_SECOND = 0.0000133334;
const LAMBDA_USD_PER_REQUEST = 0.2 / 1_000_000;
/** Step Functions Standard: per state transition; a Distributed Map's Standard child executions bill the same way. */
const SFN_STANDARD_USD_PER_TRANSITION = 0.025 / 1000;
/** DynamoDB on-demand (since the November 2024 price cut): per write request unit (1 KB; 2 units in a transaction). */
const DDB_USD_PER_WRITE_UNIT = 0.625 / 1_000_000;
/** Per read request unit (4 KB strongly consistent). */
const DDB_USD_PER_READ_UNIT = 0.125 / 1_000_000;

// ---- the deployment (infra/): what the stack sets
/** The worker's memory: 1,769 MB is where Lambda gives a function one full vCPU. */
const WORKER_MEMORY_MB = 1769;
/** Plan, merge and fail functions. */
const SMALL_MEMORY_MB = 1024;
/** The Distributed Map's MaxConcurrency: the stack's default, a deployment setting (`--concurrency`). */
const DEFAULT_MAX_CONCURRENCY = 100;

// ---- assumptions: not measurable here; each is a named guess to replace with a measurement from a deployment
/** Lambda arm64 (Graviton) with one vCPU against one core of this machine, for this single-threaded engine. */
const LAMBDA_SPEED_VS_HERE = 1.0;
/** Cold start of a Node.js 22 arm64 function with a ~1 MB bundle (init of SDK clients included). */
const COLD_START_MS = 400;
/** DynamoDB round trip from Lambda in the same region (GetItem, Query page, TransactWriteItems). */
const DDB_ROUND_TRIP_MS = 10;
/** Round trips a worker makes: the run, the model version, the chunk write (a transaction). */
const WORKER_ROUND_TRIPS = 3;
/** Step Functions Standard: from one state's end to the next state's start. */
const SFN_TRANSITION_MS = 50;
/** A Distributed Map: from entering the state to the first child execution running. */
const MAP_RUN_START_MS = 1000;
/** Starting a wave of child executions beyond the first (the map run's scheduler). */
const MAP_WAVE_START_MS = 200;
/** Step Functions transitions of one child execution: its start and its one state (Worker), without retries. */
const CHILD_TRANSITIONS = 2;
/** Transitions of the parent: Plan, Chunks, Merge, Succeed. */
const PARENT_TRANSITIONS = 4;

/** The local Map's MaxConcurrency: this machine has two cores (and the engine runs on one thread here). */
const DEFAULT_LOCAL_CONCURRENCY = 2;
/** DynamoDB requests of the merge besides one per chunk (run twice, model head and version, result, transition). */
const MERGE_LOCAL_REQUESTS = 6;

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'examples/reference-midsize.json' },
    trials: { type: 'string', default: '1000000' },
    'chunk-sizes': { type: 'string', default: '2000,5000,10000' },
    'cloud-concurrency': { type: 'string', default: String(DEFAULT_MAX_CONCURRENCY) },
    concurrency: { type: 'string', default: String(DEFAULT_LOCAL_CONCURRENCY) },
    'local-trials': { type: 'string', default: '20000' },
    'plan-workers': { type: 'string', default: String(DEFAULT_PLAN_WORKERS) },
  },
});
const model = JSON.parse(readFileSync(values.model as string, 'utf8'));
const totalTrials = Number(values.trials);
const chunkSizes = (values['chunk-sizes'] as string).split(',').map(Number);
const MAX_CONCURRENCY = Number(values['cloud-concurrency']);
const localConcurrency = Number(values.concurrency);
const localTrials = Number(values['local-trials']);
const planWorkers = Number(values['plan-workers']);

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const usd = (x: number) => `$${x < 0.01 ? x.toFixed(5) : x.toFixed(3)}`;

interface ChunkMeasure {
  size: number;
  prepareMs: number;
  /** A chunk past the sensitivity trials: what almost every chunk is. */
  playMs: number;
  /** Chunk 0, which also keeps per-trial values for the sensitivity analysis. */
  firstPlayMs: number;
  /** gzip-compressed partial, as the store keeps it. */
  gzBytes: number;
  firstGzBytes: number;
}

/** What phase 1 measured, per trial and per partial, for the projection. */
interface Rates {
  prepareMs: number;
  playMsPerTrial: number;
  mergeMsPerPartial: number;
  firstGzBytes: number;
  gzBytes: number;
}

function rates(local: LocalBench, prepareMs: number): Rates {
  const merge = local.timings.find((t) => t.state === 'Merge')?.ms ?? NaN;
  const mergeWork = merge - prepareMs - (local.chunks + MERGE_LOCAL_REQUESTS) * local.localRoundTripMs;
  return {
    prepareMs,
    playMsPerTrial: Math.max(0, local.mapSpanMs - local.chunks * prepareMs) / localTrials,
    mergeMsPerPartial: Math.max(0, mergeWork) / local.chunks,
    firstGzBytes: local.firstGzBytes,
    gzBytes: local.lastGzBytes,
  };
}

function chunkMeasure(r: Rates, size: number): ChunkMeasure {
  const playMs = size * r.playMsPerTrial;
  return { size, prepareMs: r.prepareMs, playMs, firstPlayMs: playMs, gzBytes: r.gzBytes, firstGzBytes: r.firstGzBytes };
}

interface Projection {
  size: number;
  chunks: number;
  concurrency: number;
  waves: number;
  workerMs: number;
  mergeMs: number;
  wallMs: number;
  lambdaUsd: number;
  sfnUsd: number;
  ddbUsd: number;
}

/** The store keeps a value up to this size (compressed) on its item, and splits a larger one over part items. */
const INLINE_MAX_BYTES = 350 * 1024;
const PART_BYTES = 350 * 1024;

/**
 * Write units of storing one chunk (functions/store/blobs.ts, dynamo.ts putChunk): a partial that fits goes inline
 * on the chunk item, written in a transaction with the run's counters (transactions cost two units per KB); a
 * larger one goes first to plain part items, and the transaction writes a small owner item.
 */
function chunkWriteUnits(gzBytes: number): number {
  const counters = 2;
  if (gzBytes <= INLINE_MAX_BYTES) return 2 * Math.ceil((gzBytes + 200) / 1024) + counters;
  const parts = Math.ceil(gzBytes / PART_BYTES);
  return parts * Math.ceil(PART_BYTES / 1024) + 2 + counters;
}

/** Items the merge reads for one chunk: its owner item and its parts, one request each. */
const chunkItems = (gzBytes: number) => (gzBytes <= INLINE_MAX_BYTES ? 1 : 1 + Math.ceil(gzBytes / PART_BYTES));

function project(m: ChunkMeasure, mergeCpuMs: number, trials: number): Projection {
  const chunks = Math.ceil(trials / m.size);
  const concurrency = Math.min(chunks, MAX_CONCURRENCY);
  const waves = Math.ceil(chunks / concurrency);
  const sensitivityChunks = Math.min(chunks, Math.ceil(SENSITIVITY_TRIALS / m.size));
  const perChunk = (playMs: number) => (m.prepareMs + playMs) * LAMBDA_SPEED_VS_HERE + WORKER_ROUND_TRIPS * DDB_ROUND_TRIP_MS;
  const workerMs = perChunk(m.playMs);
  const firstWorkerMs = perChunk(m.firstPlayMs);
  const chunkBytes = (sensitivityChunks * m.firstGzBytes + (chunks - sensitivityChunks) * m.gzBytes) / chunks;
  // The merge reads every chunk's items one request after another, as RunLifecycle.complete does today, and writes the result.
  const readRequests = sensitivityChunks * chunkItems(m.firstGzBytes) + (chunks - sensitivityChunks) * chunkItems(m.gzBytes);
  const mergeMs = mergeCpuMs * LAMBDA_SPEED_VS_HERE + (readRequests + 3) * DDB_ROUND_TRIP_MS + m.prepareMs;
  const planMs = COLD_START_MS + m.prepareMs + 2 * DDB_ROUND_TRIP_MS;
  // The sensitivity chunks are the first ones, so they run in the first wave and set its length.
  const mapMs = MAP_RUN_START_MS + (waves - 1) * MAP_WAVE_START_MS + COLD_START_MS + firstWorkerMs + (waves - 1) * workerMs;
  const wallMs = planMs + mapMs + COLD_START_MS + mergeMs + PARENT_TRANSITIONS * SFN_TRANSITION_MS;

  const gb = (mb: number) => mb / 1024;
  const workerSeconds = (sensitivityChunks * firstWorkerMs + (chunks - sensitivityChunks) * workerMs + concurrency * COLD_START_MS) / 1000;
  const smallSeconds = (planMs + mergeMs + 2 * COLD_START_MS) / 1000;
  const lambdaUsd =
    (workerSeconds * gb(WORKER_MEMORY_MB) + smallSeconds * gb(SMALL_MEMORY_MB)) * LAMBDA_ARM_USD_PER_GB_SECOND +
    (chunks + 2) * LAMBDA_USD_PER_REQUEST;
  const sfnUsd = (PARENT_TRANSITIONS + chunks * CHILD_TRANSITIONS) * SFN_STANDARD_USD_PER_TRANSITION;
  // The first chunks carry the sensitivity analysis's per-trial values and are larger.
  const chunkWrites = sensitivityChunks * chunkWriteUnits(m.firstGzBytes) + (chunks - sensitivityChunks) * chunkWriteUnits(m.gzBytes);
  // The run record to running and to succeeded, and the result (assumed as large as one partial).
  const otherWrites = 2 * 2 + chunkWriteUnits(m.gzBytes);
  // Strongly consistent reads, 4 KB a unit: every chunk read back by the merge, the run and model read by each worker.
  const reads = Math.ceil((chunks * chunkBytes) / 4096) + readRequests + chunks * WORKER_ROUND_TRIPS;
  const ddbUsd = (chunkWrites + otherWrites) * DDB_USD_PER_WRITE_UNIT + reads * DDB_USD_PER_READ_UNIT;
  return { size: m.size, chunks, concurrency, waves, workerMs, mergeMs, wallMs, lambdaUsd, sfnUsd, ddbUsd };
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function printLocal(local: LocalBench): void {
  const workers = local.timings.filter((t) => t.state === 'Worker').map((t) => t.ms);
  const one = (state: string) => local.timings.filter((t) => t.state === state).reduce((n, t) => n + t.ms, 0);
  const plan = one('Plan');
  const merge = one('Merge');
  const chunkTotal = workers.reduce((n, ms) => n + ms, 0);
  const overhead = local.wallMs - plan - merge - chunkTotal / localConcurrency;
  console.log(
    `\nPhase 1: the synthesised state machine, executed here (${fmt(localTrials)} trials, PLAN_WORKERS ${planWorkers}, MaxConcurrency ${localConcurrency})\n`,
  );
  console.log(`  execution: ${local.status}${local.error ? ` (${local.error})` : ''}`);
  console.log(`  same as the command line: ${local.sameAsCommandLine ? 'yes' : 'no'} (simulate() took ${fmt(local.commandLineMs)} ms)\n`);
  console.log(
    table(
      ['chunks', 'chunk size', 'chunk min', 'chunk median', 'chunk max', 'plan', 'merge', 'Map span', 'wall', 'overhead'],
      [
        [
          fmt(local.chunks),
          fmt(local.chunkSize),
          `${fmt(Math.min(...workers))} ms`,
          `${fmt(median(workers))} ms`,
          `${fmt(Math.max(...workers))} ms`,
          `${fmt(plan)} ms`,
          `${fmt(merge)} ms`,
          `${fmt(local.mapSpanMs)} ms`,
          `${fmt(local.wallMs)} ms`,
          `${fmt(overhead)} ms`,
        ],
      ],
    ),
  );
  console.log(
    [
      '',
      `  One thread: the ${localConcurrency} concurrent in-process workers interleave, so a chunk's time includes its sibling's play;`,
      `  overhead = wall - plan - merge - (sum of chunk times = ${fmt(chunkTotal)} ms) / ${localConcurrency}: the interpreter, waits, the Map's scheduling.`,
      `  DynamoDB Local round trip (GetItem, median of 20): ${fmt(local.localRoundTripMs, 1)} ms; stored partials gz: chunk 0 ${fmt(local.firstGzBytes / 1024, 1)} KB, last ${fmt(local.lastGzBytes / 1024, 1)} KB`,
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const local = await runLocalBench({ model, trials: localTrials, seed: 1, concurrency: localConcurrency, planWorkers });
  printLocal(local);

  const t = performance.now();
  const prepared = prepareRun({ model, trials: totalTrials, seed: 1 });
  const prepareMs = performance.now() - t;
  const r = rates(local, prepareMs);
  console.log(
    `\nFed to the projection (${prepared.scenarios.length} scenarios): prepareRun ${fmt(prepareMs)} ms (measured directly); per trial ${fmt(r.playMsPerTrial, 3)} ms = (Map span - chunks x prepareRun) / trials, ` +
      `${fmt(1000 / r.playMsPerTrial)} trials/s; merge ${fmt(r.mergeMsPerPartial, 2)} ms per partial = (merge - prepareRun - (chunks + ${MERGE_LOCAL_REQUESTS}) round trips) / chunks`,
  );

  // The chunk size phase 1 played first: the only one whose partial size and merge per partial are measured.
  const sizes = [local.chunkSize, ...chunkSizes.filter((n) => n !== local.chunkSize)];
  const measures = sizes.map((size) => chunkMeasure(r, size));
  const projections = measures.map((m) => {
    const mergeCpuMs = r.mergeMsPerPartial * Math.ceil(totalTrials / m.size);
    return { m, mergeCpuMs, p: project(m, mergeCpuMs, totalTrials) };
  });
  console.log(
    `\nProjected: ${fmt(totalTrials)} trials on the fan-out (MaxConcurrency ${MAX_CONCURRENCY}, worker ${WORKER_MEMORY_MB} MB arm64)\n`,
  );
  console.log(
    table(
      [
        'chunk size',
        'chunks',
        'concurrency',
        'waves',
        'worker/chunk',
        'merge (cpu)',
        'merge',
        'wall time',
        'Lambda',
        'Step Fn',
        'DynamoDB',
        'total',
      ],
      projections.map(({ mergeCpuMs, p }) => [
        fmt(p.size),
        fmt(p.chunks),
        fmt(p.concurrency),
        fmt(p.waves),
        `${fmt(p.workerMs)} ms`,
        `${fmt(mergeCpuMs)} ms`,
        `${fmt(p.mergeMs)} ms`,
        `${fmt(p.wallMs / 1000, 1)} s${p.wallMs < 30_000 ? '' : ' (over 30 s)'}`,
        usd(p.lambdaUsd),
        usd(p.sfnUsd),
        usd(p.ddbUsd),
        usd(p.lambdaUsd + p.sfnUsd + p.ddbUsd),
      ]),
    ),
  );

  // A month for one municipality: 200 comparisons of 10,000 trials, each one chunk set as the plan would split it.
  const monthTrials = 10_000;
  const monthRuns = 200;
  console.log(`\nA month: ${monthRuns} comparisons of ${fmt(monthTrials)} trials\n`);
  console.log(
    table(
      ['chunk size', 'chunks/run', 'wall time/run', 'Lambda', 'Step Fn', 'DynamoDB', 'month total'],
      projections.map(({ m }) => {
        const p = project(m, r.mergeMsPerPartial * Math.ceil(monthTrials / m.size), monthTrials);
        return [
          fmt(m.size),
          fmt(p.chunks),
          `${fmt(p.wallMs / 1000, 1)} s`,
          usd(monthRuns * p.lambdaUsd),
          usd(monthRuns * p.sfnUsd),
          usd(monthRuns * p.ddbUsd),
          usd(monthRuns * (p.lambdaUsd + p.sfnUsd + p.ddbUsd)),
        ];
      }),
    ),
  );

  console.log(
    [
      '',
      'Assumptions (not measured here; replace with figures from a deployment):',
      `  Lambda arm64 one-vCPU speed vs one core here: ${LAMBDA_SPEED_VS_HERE} x; cold start ${COLD_START_MS} ms, paid once per wave-1 worker, by plan and by merge`,
      `  DynamoDB round trip ${DDB_ROUND_TRIP_MS} ms, ${WORKER_ROUND_TRIPS} per worker; Step Functions transition ${SFN_TRANSITION_MS} ms;`,
      `  Distributed Map start ${MAP_RUN_START_MS} ms, ${MAP_WAVE_START_MS} ms per further wave; ${CHILD_TRANSITIONS} transitions per child execution, no retries`,
      '  the merge reads chunks one request at a time (as RunLifecycle.complete does) and folds them one by one;',
      '  the merged result item assumed as large as one partial; free tiers and DynamoDB storage of the chunks ignored',
      `  partial size and merge per partial measured at chunk size ${fmt(local.chunkSize)} only and used for every size: a larger chunk's`,
      '  partial is larger (docs/cloud.md: 2.7 MB at 2,000 trials, 6.2 MB at 10,000), so its DynamoDB cost and merge are understated',
      `Prices (USD, us-east-1, 2025): Lambda arm64 ${LAMBDA_ARM_USD_PER_GB_SECOND}/GB-s + ${LAMBDA_USD_PER_REQUEST * 1e6}/M requests;`,
      `  Step Functions Standard ${SFN_STANDARD_USD_PER_TRANSITION * 1000}/1,000 transitions; DynamoDB on-demand ${DDB_USD_PER_WRITE_UNIT * 1e6}/M writes, ${DDB_USD_PER_READ_UNIT * 1e6}/M reads`,
    ].join('\n'),
  );
}

await main();
