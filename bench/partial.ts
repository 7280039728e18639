/**
 * `npm run bench:partial`: what a stored partial costs, for the merge step of a large cloud run. Plays two
 * 2,000-trial chunks of the reference model with every scenario (chunk 0, which also keeps the sensitivity
 * analysis's per-trial values, and a later one that does not), and for each prints its JSON and gzip sizes, how
 * much of the JSON is sensitivity values and exact-sum expansions (sumSq, occupancy; the rest is histograms), the
 * time to write it, and the median times of reading it back as the merge step does: gunzip, JSON.parse,
 * RunPartial.fromJSON, and its merge into a run's accumulator. Times are CPU times of this process, which other
 * work on the machine inflates less than wall times. Run with --expose-gc (as the npm script does), it also
 * prints the heap a partial takes once read back, since the merge step holds all of a run's at once. Last, a digest of the finalised result of the merged copies,
 * to compare between versions: it must not change.
 *
 * Written against toJSON/fromJSON only, so the same script measures any partial format (check it out next to an
 * older commit to compare). Options: --model, --chunk (2000), --copies (merged per figure, 8), --reps (5).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { finalize, mergePartials, PARTIAL_FORMAT, prepareRun, RunPartial, runTrials } from '../simulation/index.js';
import { SENSITIVITY_TRIALS } from '../simulation/partial.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'examples/reference-midsize.json' },
    chunk: { type: 'string', default: '2000' },
    copies: { type: 'string', default: '8' },
    reps: { type: 'string', default: '5' },
  },
});
const [chunk, copies, reps] = [values.chunk, values.copies, values.reps].map(Number);
const model = JSON.parse(readFileSync(values.model as string, 'utf8'));
// A run large enough that the copies' trial ranges below never overlap.
const run = prepareRun({ model, trials: SENSITIVITY_TRIALS + chunk * (copies + 1), seed: 1 });

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const kb = (bytes: number) => `${fmt(bytes / 1024)} KB`;

/** CPU time (ms, this process's threads, the garbage collector's included): other work shares this machine, and wall time would count it. */
function timed<T>(f: () => T): [T, number] {
  const t = process.cpuUsage();
  const out = f();
  const { user, system } = process.cpuUsage(t);
  return [out, (user + system) / 1000];
}

/** Heap still used by what `make` returns, after full collections; the merge step holds every chunk's partial at once. */
function heldBytes(make: () => unknown): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return NaN;
  gc();
  const before = process.memoryUsage().heapUsed;
  const held = make();
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  if (held === null) throw new Error('unreachable: keeps the partials alive until measured');
  return bytes;
}

/** JSON bytes by kind: sensitivity blocks, exact-sum expansions (sumSq, occupancy sums), everything else. */
function breakdown(json: Record<string, unknown>): { sensitivity: number; expansions: number } {
  const sensitivity = JSON.stringify(json.sensitivity).length;
  let expansions = 0;
  const walk = (v: unknown, key: string): void => {
    if (Array.isArray(v)) {
      if (key === 'sumSq' || key === 'sums') expansions += JSON.stringify(v).length;
      else v.forEach((x) => walk(x, key));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, k);
    }
  };
  walk(json.scenarios, 'scenarios');
  return { sensitivity, expansions };
}

interface Figures {
  jsonBytes: number;
  gzBytes: number;
  sensitivityBytes: number;
  expansionBytes: number;
  /** toJSON, JSON.stringify and gzip: once per chunk, on its worker. */
  writeMs: number;
  gunzipMs: number;
  parseMs: number;
  fromJsonMs: number;
  mergeMs: number;
  /** Heap a partial takes once read back (fromJSON), before it is merged; NaN without --expose-gc. */
  heapBytes: number;
  /** The copies of the last round as read back, for the digest. */
  read: RunPartial[];
}

/** Reads back `copies` copies of a chunk's partial `reps` times, as the merge step reads a run's chunks. */
function measure(partial: RunPartial): Figures {
  const [text, writeMs] = timed(() => {
    const t = JSON.stringify(partial.toJSON());
    gzipSync(t);
    return t;
  });
  const json = JSON.parse(text) as Record<string, unknown>;
  const { sensitivity, expansions } = breakdown(json);
  // Copies of the same chunk under other trial ranges, so that they merge like a run's chunks.
  const gzTexts = Array.from({ length: copies }, (_, i) => {
    const a = SENSITIVITY_TRIALS + chunk * i;
    return gzipSync(JSON.stringify({ ...json, ranges: [[a, a + chunk]] }));
  });
  const heapBytes = heldBytes(() => gzTexts.map((b) => RunPartial.fromJSON(JSON.parse(gunzipSync(b).toString('utf8'))))) / copies;
  const gunzipMs: number[] = [];
  const parseMs: number[] = [];
  const fromJsonMs: number[] = [];
  const mergeMs: number[] = [];
  let read: RunPartial[] = [];
  for (let r = 0; r < reps; r++) {
    const [raws, g] = timed(() => gzTexts.map((b) => gunzipSync(b).toString('utf8')));
    const [parsed, p] = timed(() => raws.map((t) => JSON.parse(t) as unknown));
    const [partials, f] = timed(() => parsed.map((j) => RunPartial.fromJSON(j)));
    const [, m] = timed(() => mergePartials(run, partials));
    gunzipMs.push(g / copies);
    parseMs.push(p / copies);
    fromJsonMs.push(f / copies);
    mergeMs.push(m / copies);
    read = parsed.map((j) => RunPartial.fromJSON(j));
  }
  return {
    jsonBytes: text.length,
    gzBytes: gzipSync(text).length,
    sensitivityBytes: sensitivity,
    expansionBytes: expansions,
    writeMs,
    gunzipMs: median(gunzipMs),
    parseMs: median(parseMs),
    fromJsonMs: median(fromJsonMs),
    mergeMs: median(mergeMs),
    heapBytes,
    read,
  };
}

function report(label: string, from: number, playMs: number, f: Figures): void {
  const ms = (x: number) => `${fmt(x, 1)} ms`;
  console.log(`\n${label}: trials [${fmt(from)}, ${fmt(from + chunk)}), played in ${fmt(playMs)} ms`);
  console.log(`  JSON            ${kb(f.jsonBytes)} (sensitivity ${kb(f.sensitivityBytes)}, exact-sum expansions ${kb(f.expansionBytes)})`);
  console.log(`  gzip            ${kb(f.gzBytes)}`);
  console.log(`  write           ${ms(f.writeMs)} (toJSON, stringify, gzip)`);
  console.log(`  read per partial, median of ${reps} rounds of ${copies} copies:`);
  console.log(`    gunzip        ${ms(f.gunzipMs)}`);
  console.log(`    JSON.parse    ${ms(f.parseMs)}`);
  console.log(`    fromJSON      ${ms(f.fromJsonMs)}`);
  console.log(`    merge         ${ms(f.mergeMs)}`);
  console.log(`    total         ${ms(f.gunzipMs + f.parseMs + f.fromJsonMs + f.mergeMs)}`);
  console.log(`  heap of a partial read back, before its merge: ${kb(f.heapBytes)}`);
}

console.log(`Partial format ${PARTIAL_FORMAT}; model ${values.model}: ${run.scenarios.length} scenarios, chunks of ${fmt(chunk)} trials`);
console.log('Times are CPU times of this process (all its threads).');
const [first, firstPlayMs] = timed(() => runTrials(run, 0, chunk).partial);
const [later, laterPlayMs] = timed(() => runTrials(run, SENSITIVITY_TRIALS, SENSITIVITY_TRIALS + chunk).partial);
// Warm-up, so that the figures measure compiled code rather than the JIT.
measure(later);
report('Chunk 0 (with the sensitivity values)', 0, firstPlayMs, measure(first));
const laterFigures = measure(later);
report('A later chunk (no sensitivity values)', SENSITIVITY_TRIALS, laterPlayMs, laterFigures);

// The copies do not cover the run's trials (they are one chunk's numbers under several ranges), so the merge is
// declared complete before it is finalised: the digest is only for comparing versions.
const merged = mergePartials(run, laterFigures.read);
merged.ranges = [[0, run.trials]];
const digest = createHash('sha256')
  .update(JSON.stringify(finalize(run, merged)))
  .digest('hex');
console.log(`\nDigest of the finalised merge of the later chunk's copies: ${digest.slice(0, 16)}`);
