/**
 * `npm run bench:cloud`: what a run of 1,000,000 trials of the reference model (baseline plus every option) takes
 * and costs on the fan-out (issue 9), from what this machine measures and named assumptions for what it cannot
 * (Lambda's CPU, cold starts, DynamoDB's and Step Functions' latencies).
 *
 * Phase 1 (bench/cloud-local.ts): the synthesised state machine executed here, with the real handlers in-process
 * against DynamoDB Local, on one comparison of the month below (--local-trials, 10,000, planned as the stack plans:
 * PLAN_WORKERS = MaxConcurrency / 8), the Map at --concurrency (2: this machine's cores). Prints every step's time
 * and checks the result against the command line's.
 *
 * Phase 2 (bench/cloud-measure.ts): the partials the projected runs really make, played and measured here: a chunk
 * of the planned size, the first chunk (with the sensitivity analysis's per-trial values), and a group partial of a
 * group's trials; their sizes, and what writing, reading and folding each costs.
 *
 * The projection (project()) puts them together step by step as the state machine runs them: plan, one wave of
 * workers, the group merges side by side, the final merge.
 *
 * Options: --trials (projected, 1000000), --cloud-concurrency (the deployed Map's MaxConcurrency, the stack's
 * default), --local-trials (10000), --concurrency (the local Map's MaxConcurrency, 2), --model.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { READ_CONCURRENCY } from '../functions/services/run-lifecycle.js';
import { PART_BYTES, INLINE_MAX_BYTES, WRITE_CONCURRENCY } from '../functions/store/blobs.js';
import { DEFAULT_SETTINGS } from '../infra/settings.js';
import { FUNCTION_SIZES } from '../infra/stack.js';
import { CHUNKS_PER_WORKER } from '../simulation/chunks.js';
import { measureBundleInit, measureRun, type PartialMeasure, type RunMeasure } from './cloud-measure.js';
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
/** Table storage, per GB-month (standard table class). */
const DDB_USD_PER_GB_MONTH = 0.25;

// ---- assumptions: not measurable here; each is a named guess to replace with a measurement from a deployment
/** Lambda arm64 (Graviton) with one vCPU against one core of this machine, for this single-threaded engine. */
const LAMBDA_SPEED_VS_HERE = 1.0;
/** Lambda's own part of a cold start (the sandbox and the runtime), before the bundle is imported (measured here). */
const SANDBOX_START_MS = 250;
/** DynamoDB round trip from Lambda in the same region for a small item (GetItem, Query page, TransactWriteItems). */
const DDB_ROUND_TRIP_MS = 10;
/** A request carrying one 350 KB part item, either way. */
const DDB_PART_MS = 30;
/** Small requests a worker makes besides its partial's: the chunk list, the run, the model head and version, the run again. */
const WORKER_ROUND_TRIPS = 5;
/** Step Functions Standard: from one state's end to the next state's start. */
const SFN_TRANSITION_MS = 50;
/** A Distributed Map: from entering the state to the first child execution running. */
const MAP_RUN_START_MS = 1000;
/** Starting a wave of child executions beyond the first (the map run's scheduler). */
const MAP_WAVE_START_MS = 200;
/** Step Functions transitions of one child execution: its start and its one state (Worker), without retries. */
const CHILD_TRANSITIONS = 2;
/** Transitions of the parent: Plan, Chunks, Groups, Merge, Succeeded; each group adds its MergeGroup. */
const PARENT_TRANSITIONS = 5;

/** The local Map's MaxConcurrency: this machine has two cores (and the engine runs on one thread here). */
const DEFAULT_LOCAL_CONCURRENCY = 2;

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'examples/reference-midsize.json' },
    trials: { type: 'string', default: '1000000' },
    'cloud-concurrency': { type: 'string', default: String(DEFAULT_SETTINGS.maxConcurrency) },
    concurrency: { type: 'string', default: String(DEFAULT_LOCAL_CONCURRENCY) },
    'local-trials': { type: 'string', default: '10000' },
  },
});
const model = JSON.parse(readFileSync(values.model as string, 'utf8')) as unknown;
const totalTrials = Number(values.trials);
const MAX_CONCURRENCY = Number(values['cloud-concurrency']);
const localConcurrency = Number(values.concurrency);
const localTrials = Number(values['local-trials']);
/** Cold start: the sandbox, then the bundle's import as measured in main() (the largest of the step functions'). */
let COLD_START_MS = NaN;
/** As the stack plans runs (infra/stack.ts): one wave of chunks. */
const planWorkers = Math.max(1, Math.floor(MAX_CONCURRENCY / CHUNKS_PER_WORKER));

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const usd = (x: number) => `$${x < 0.01 ? x.toFixed(5) : x.toFixed(3)}`;
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 2)} MB`;
const gb = (memoryMb: number) => memoryMb / 1024;

/** Part items of a stored value (functions/store/blobs.ts): none when it fits on its owner item. */
const partsOf = (gzBytes: number) => (gzBytes <= INLINE_MAX_BYTES ? 0 : Math.ceil(gzBytes / PART_BYTES));
/** Writing the parts, WRITE_CONCURRENCY at a time. */
const partWritesMs = (gzBytes: number) => Math.ceil(partsOf(gzBytes) / WRITE_CONCURRENCY) * DDB_PART_MS;
/** Write units of a stored value: 1 KB a unit; a chunk's owner goes in a transaction (2 a unit) with the run's counters. */
function writeUnits(gzBytes: number, transaction: boolean): number {
  const perUnit = transaction ? 2 : 1;
  if (partsOf(gzBytes) === 0) return perUnit * Math.ceil((gzBytes + 200) / 1024) + (transaction ? 2 : 0);
  return Math.ceil(gzBytes / 1024) + partsOf(gzBytes) + perUnit + (transaction ? 2 : 0);
}
const readUnits = (gzBytes: number) => Math.ceil(gzBytes / 4096) + partsOf(gzBytes) + 1;

/**
 * A merge of `count` stored partials like `p`: each fetched (owner, then its parts), unzipped, parsed and folded,
 * READ_CONCURRENCY fetches in flight, so the table's latency hides behind the CPU unless it is the longer.
 */
function mergeOf(p: PartialMeasure, count: number): { cpuMs: number; ms: number } {
  const cpuMs = (count * p.readMs + p.firstFoldMs + (count - 1) * p.foldMs) * LAMBDA_SPEED_VS_HERE;
  const ioMs = Math.ceil(count / READ_CONCURRENCY) * (DDB_ROUND_TRIP_MS + (partsOf(p.gzBytes) > 0 ? DDB_PART_MS : 0));
  return { cpuMs, ms: Math.max(cpuMs, ioMs) + DDB_ROUND_TRIP_MS };
}

interface Projection {
  concurrency: number;
  waves: number;
  planMs: number;
  workerMs: number;
  firstWorkerMs: number;
  mapMs: number;
  groupMs: number;
  mergeMs: number;
  wallMs: number;
  lambdaUsd: number;
  sfnUsd: number;
  ddbUsd: number;
  /** Chunk and group partials the run leaves in the table. */
  storedBytes: number;
}

function project(m: RunMeasure): Projection {
  const concurrency = Math.min(m.chunks, MAX_CONCURRENCY);
  const waves = Math.ceil(m.chunks / concurrency);
  const cpu = (ms: number) => ms * LAMBDA_SPEED_VS_HERE;
  const planMs = COLD_START_MS + cpu(m.prepareMs) + 4 * DDB_ROUND_TRIP_MS;
  const worker = (p: PartialMeasure) =>
    cpu(m.prepareMs + p.playMs + p.writeMs) + WORKER_ROUND_TRIPS * DDB_ROUND_TRIP_MS + partWritesMs(p.gzBytes) + DDB_ROUND_TRIP_MS;
  const workerMs = worker(m.chunk);
  const firstWorkerMs = worker(m.firstChunk);
  // The sensitivity chunks are the first ones, so they run in the first wave and set its length.
  const mapMs = MAP_RUN_START_MS + COLD_START_MS + firstWorkerMs + (waves - 1) * (MAP_WAVE_START_MS + workerMs);
  // Every group at once (at most 40: one inline Map wave); each reads its chunks and writes its partial.
  const groupMerge = mergeOf(m.chunk, m.groupSize);
  const groupMs =
    COLD_START_MS + DDB_ROUND_TRIP_MS + groupMerge.ms + cpu(m.group.writeMs) + partWritesMs(m.group.gzBytes) + DDB_ROUND_TRIP_MS;
  const finalMerge = mergeOf(m.group, m.groups);
  const mergeMs =
    COLD_START_MS +
    cpu(m.prepareMs) +
    4 * DDB_ROUND_TRIP_MS +
    finalMerge.ms +
    cpu(m.finishMs) +
    partWritesMs(m.resultGzBytes) +
    2 * DDB_ROUND_TRIP_MS;
  const transitions = PARENT_TRANSITIONS + m.groups;
  const wallMs = planMs + mapMs + groupMs + mergeMs + transitions * SFN_TRANSITION_MS;

  const sensitivityChunks = Math.min(m.chunks, Math.ceil(10_000 / m.chunkSize));
  const plainChunks = m.chunks - sensitivityChunks;
  const workerSeconds = (sensitivityChunks * firstWorkerMs + plainChunks * workerMs + concurrency * COLD_START_MS) / 1000;
  const lambdaUsd =
    (workerSeconds * gb(FUNCTION_SIZES.worker.memorySize) +
      ((m.groups * groupMs) / 1000) * gb(FUNCTION_SIZES.mergeGroup.memorySize) +
      (mergeMs / 1000) * gb(FUNCTION_SIZES.merge.memorySize) +
      (planMs / 1000) * gb(FUNCTION_SIZES.plan.memorySize)) *
      LAMBDA_ARM_USD_PER_GB_SECOND +
    (m.chunks + m.groups + 2) * LAMBDA_USD_PER_REQUEST;
  const sfnUsd = (transitions + m.chunks * CHILD_TRANSITIONS) * SFN_STANDARD_USD_PER_TRANSITION;
  const chunkBytes = sensitivityChunks * m.firstChunk.gzBytes + plainChunks * m.chunk.gzBytes;
  const groupBytes = m.groups * m.group.gzBytes;
  const writes =
    sensitivityChunks * writeUnits(m.firstChunk.gzBytes, true) +
    plainChunks * writeUnits(m.chunk.gzBytes, true) +
    m.groups * writeUnits(m.group.gzBytes, false) +
    writeUnits(m.resultGzBytes, false) +
    // The run record: to running, to succeeded.
    2;
  // Strongly consistent: every chunk read by its group merge, every group by the merge, a worker's small reads.
  const reads =
    sensitivityChunks * readUnits(m.firstChunk.gzBytes) +
    plainChunks * readUnits(m.chunk.gzBytes) +
    m.groups * readUnits(m.group.gzBytes) +
    m.chunks * WORKER_ROUND_TRIPS;
  const ddbUsd = writes * DDB_USD_PER_WRITE_UNIT + reads * DDB_USD_PER_READ_UNIT;
  return {
    concurrency,
    waves,
    planMs,
    workerMs,
    firstWorkerMs,
    mapMs,
    groupMs,
    mergeMs,
    wallMs,
    lambdaUsd,
    sfnUsd,
    ddbUsd,
    storedBytes: chunkBytes + groupBytes,
  };
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function printLocal(local: LocalBench): void {
  const of = (state: string) => local.timings.filter((t) => t.state === state).map((t) => t.ms);
  const workers = of('Worker');
  const groups = of('MergeGroup');
  const sum = (xs: number[]) => xs.reduce((n, x) => n + x, 0);
  const range = (xs: number[]) => `${fmt(Math.min(...xs))} / ${fmt(median(xs))} / ${fmt(Math.max(...xs))} ms`;
  console.log(
    `\nPhase 1: the synthesised state machine, executed here (${fmt(localTrials)} trials, PLAN_WORKERS ${planWorkers}, MaxConcurrency ${localConcurrency})\n`,
  );
  console.log(`  execution: ${local.status}${local.error ? ` (${local.error})` : ''}`);
  console.log(`  same as the command line: ${local.sameAsCommandLine ? 'yes' : 'NO'} (simulate() took ${fmt(local.commandLineMs)} ms)\n`);
  console.log(
    table(
      ['step', 'count', 'min / median / max', 'sum'],
      [
        ['Plan', '1', range(of('Plan')), `${fmt(sum(of('Plan')))} ms`],
        [`Worker (${fmt(local.chunkSize)} trials)`, fmt(workers.length), range(workers), `${fmt(sum(workers))} ms`],
        ['MergeGroup', fmt(groups.length), range(groups), `${fmt(sum(groups))} ms`],
        ['Merge', '1', range(of('Merge')), `${fmt(sum(of('Merge')))} ms`],
      ],
    ),
  );
  console.log(
    [
      '',
      `  wall ${fmt(local.wallMs)} ms, of which the Map's span (first worker's start to last worker's end) ${fmt(local.mapSpanMs)} ms`,
      `  One thread: concurrent in-process workers interleave at their awaits, so a worker's time includes its sibling's play.`,
      `  DynamoDB Local round trip (GetItem, median of 20): ${fmt(local.localRoundTripMs, 1)} ms`,
    ].join('\n'),
  );
}

function printMeasure(m: RunMeasure): void {
  console.log(
    `\n  ${fmt(m.trials)} trials planned for ${m.planWorkers} workers: ${fmt(m.chunks)} chunks of ${fmt(m.chunkSize)}, ${m.groups} groups of ${m.groupSize}; prepareRun ${fmt(m.prepareMs)} ms, finishRun ${fmt(m.finishMs)} ms\n`,
  );
  const row = (name: string, p: PartialMeasure) => [
    name,
    fmt(p.trials),
    Number.isNaN(p.playMs) ? '-' : `${fmt(p.playMs)} ms`,
    mb(p.textBytes),
    mb(p.gzBytes),
    `${fmt(p.writeMs)} ms`,
    `${fmt(p.readMs)} ms`,
    `${fmt(p.firstFoldMs)} / ${fmt(p.foldMs)} ms`,
  ];
  console.log(
    table(
      ['partial', 'trials', 'play', 'JSON', 'gzip', 'write (cpu)', 'read (cpu)', 'fold first / next (cpu)'],
      [row('a chunk', m.chunk), row('the first chunk', m.firstChunk), row('a group', m.group)],
    ),
  );
}

function printProjection(m: RunMeasure, p: Projection): void {
  console.log(
    table(
      ['step', 'projected', 'how'],
      [
        ['Plan', `${fmt(p.planMs)} ms`, 'cold start, prepareRun, its requests'],
        [
          `Chunks (${fmt(m.chunks)} workers, ${p.waves} wave${p.waves === 1 ? '' : 's'} of ${fmt(p.concurrency)})`,
          `${fmt(p.mapMs)} ms`,
          `Map start ${fmt(MAP_RUN_START_MS)} + cold start + the first chunk's worker ${fmt(p.firstWorkerMs)} ms (others ${fmt(p.workerMs)} ms)`,
        ],
        [
          `Groups (${m.groups} at once)`,
          `${fmt(p.groupMs)} ms`,
          `cold start, ${m.groupSize} chunks read and folded, the group partial written`,
        ],
        ['Merge', `${fmt(p.mergeMs)} ms`, `cold start, prepareRun, ${m.groups} group partials read and folded, finishRun, result written`],
        [
          'Step Functions transitions',
          `${fmt((PARENT_TRANSITIONS + m.groups) * SFN_TRANSITION_MS)} ms`,
          `${PARENT_TRANSITIONS + m.groups} x ${SFN_TRANSITION_MS} ms`,
        ],
        ['wall time', `${fmt(p.wallMs / 1000, 1)} s`, p.wallMs < 30_000 ? 'within the 30 s goal' : 'OVER the 30 s goal'],
      ],
    ),
  );
  console.log(
    `\n  cost of the run: Lambda ${usd(p.lambdaUsd)}, Step Functions ${usd(p.sfnUsd)}, DynamoDB ${usd(p.ddbUsd)}, total ${usd(p.lambdaUsd + p.sfnUsd + p.ddbUsd)}; ` +
      `partials left in the table ${mb(p.storedBytes)} (${usd((p.storedBytes / 1024 ** 3) * DDB_USD_PER_GB_MONTH)} a month while kept)`,
  );
}

async function main(): Promise<void> {
  const local = await runLocalBench({ model, trials: localTrials, seed: 1, concurrency: localConcurrency, planWorkers });
  printLocal(local);

  console.log('\nPhase 2: cold starts and the partials of the projected runs, measured here (one thread)\n');
  const inits = [];
  for (const entry of ['plan', 'worker', 'merge-group', 'merge']) {
    const init = await measureBundleInit(entry);
    inits.push(init.initMs);
    console.log(`  ${entry}: bundle ${mb(init.bundleBytes)}, imported in a fresh Node process in ${fmt(init.initMs)} ms`);
  }
  COLD_START_MS = SANDBOX_START_MS + Math.max(...inits) * LAMBDA_SPEED_VS_HERE;
  const big = measureRun(model, totalTrials, planWorkers);
  printMeasure(big);
  const monthTrials = 10_000;
  const month = measureRun(model, monthTrials, planWorkers);
  printMeasure(month);

  console.log(`\nProjected: ${fmt(totalTrials)} trials on the fan-out (MaxConcurrency ${MAX_CONCURRENCY}, PLAN_WORKERS ${planWorkers})\n`);
  printProjection(big, project(big));

  const monthRuns = 200;
  const pm = project(month);
  console.log(`\nA month: ${monthRuns} comparisons of ${fmt(monthTrials)} trials\n`);
  printProjection(month, pm);
  console.log(
    `\n  the month: Lambda ${usd(monthRuns * pm.lambdaUsd)}, Step Functions ${usd(monthRuns * pm.sfnUsd)}, DynamoDB ${usd(monthRuns * pm.ddbUsd)}, ` +
      `total ${usd(monthRuns * (pm.lambdaUsd + pm.sfnUsd + pm.ddbUsd))}; partials stored ${mb(monthRuns * pm.storedBytes)}`,
  );

  console.log(
    [
      '',
      'Assumptions (not measured here; replace with figures from a deployment):',
      `  Lambda arm64 one-vCPU speed vs one core here: ${LAMBDA_SPEED_VS_HERE} x; cold start ${fmt(COLD_START_MS)} ms = ${SANDBOX_START_MS} ms sandbox (assumed) + the bundle's import (measured),`,
      '  paid by every step once (the workers of wave 1)',
      `  DynamoDB: ${DDB_ROUND_TRIP_MS} ms a small request (${WORKER_ROUND_TRIPS} per worker besides its partial), ${DDB_PART_MS} ms a 350 KB part;`,
      `  merges fetch ${READ_CONCURRENCY} partials at once, blobs write ${WRITE_CONCURRENCY} parts at once (the code's own settings)`,
      `  Step Functions: ${SFN_TRANSITION_MS} ms a transition; Distributed Map start ${MAP_RUN_START_MS} ms, ${MAP_WAVE_START_MS} ms a further wave; ${CHILD_TRANSITIONS} transitions per child execution; no retries`,
      '  a group partial measured by playing a group of trials in one go (the same summaries, bit for bit, as merging its chunks);',
      '  the final merge folds every group like the one measured; free tiers ignored',
      `Prices (USD, us-east-1, 2025): Lambda arm64 ${LAMBDA_ARM_USD_PER_GB_SECOND}/GB-s + ${LAMBDA_USD_PER_REQUEST * 1e6}/M requests;`,
      `  Step Functions Standard ${SFN_STANDARD_USD_PER_TRANSITION * 1000}/1,000 transitions; DynamoDB on-demand ${DDB_USD_PER_WRITE_UNIT * 1e6}/M writes, ${DDB_USD_PER_READ_UNIT * 1e6}/M reads, ${DDB_USD_PER_GB_MONTH}/GB-month`,
    ].join('\n'),
  );
}

await main();
