/**
 * The second phase of `npm run bench:cloud`: what one worker, one group merge and the final merge of a large run
 * cost on this machine, measured on partials of the sizes that run really makes (a chunk of the planned size,
 * the first chunk with the sensitivity analysis's per-trial values, and a group partial of a group's trials),
 * played here with the engine and serialised as the store keeps them. What the store adds (DynamoDB's latency)
 * is left to the projection's assumptions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chunkGroups } from '../functions/services/merge-groups.js';
import { finishRun } from '../functions/services/runs.js';
import { planChunks, prepareRun, RunPartial, runTrials, type PreparedRun } from '../simulation/index.js';
import { SENSITIVITY_TRIALS, type RunPartialJSON } from '../simulation/partial.js';

/** One stored partial: its size and what reading and folding it costs. */
export interface PartialMeasure {
  trials: number;
  /** Playing its trials (a chunk's worker), ms; not measured for a group partial, which is merged, not played. */
  playMs: number;
  textBytes: number;
  gzBytes: number;
  /** Serialising and compressing it, as the store does before writing, ms. */
  writeMs: number;
  /** gunzip, JSON.parse and RunPartial.fromJSON, ms (median of three). */
  readMs: number;
  /**
   * Folding it into a partial of the same run that has folded one like it before, ms (median of three): what all
   * but the first partial of a merge cost. The first also sizes the target's arrays (firstFoldMs).
   */
  foldMs: number;
  firstFoldMs: number;
}

export interface RunMeasure {
  trials: number;
  planWorkers: number;
  chunkSize: number;
  chunks: number;
  groupSize: number;
  groups: number;
  /** prepareRun of the model: every worker and the final merge pay it. */
  prepareMs: number;
  chunk: PartialMeasure;
  firstChunk: PartialMeasure;
  group: PartialMeasure;
  /** finishRun on the merged partial (the result and distributions), and serialising them, ms. */
  finishMs: number;
  resultGzBytes: number;
}

const median3 = (f: () => number): number => [f(), f(), f()].sort((a, b) => a - b)[1];

function time<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

/** The partial of trials [from, to), measured as the store writes and the merge reads it. */
function measurePartial(prepared: PreparedRun, from: number, to: number): { measure: PartialMeasure; partial: RunPartial } {
  const played = time(() => runTrials(prepared, from, to).partial.toJSON());
  return { measure: measureStored(played.value, to - from, played.ms), partial: RunPartial.fromJSON(played.value) };
}

function measureStored(json: RunPartialJSON, trials: number, playMs: number): PartialMeasure {
  const written = time(() => gzipSync(JSON.stringify(json)));
  const gz = written.value;
  const text = JSON.stringify(json);
  const read = () => RunPartial.fromJSON(JSON.parse(gunzipSync(gz).toString('utf8')) as RunPartialJSON);
  const readMs = median3(() => time(read).ms);
  // Folded into another partial of the run whose trials it does not overlap, as a merge folds it.
  let shift = 0;
  const shifted = (): RunPartial => {
    const p = read();
    shift += 1e9;
    p.ranges = p.ranges.map(([a, b]) => [a + shift, b + shift]);
    return p;
  };
  const folds = [0, 1, 2].map(() => {
    const into = read();
    const first = time(() => into.merge(shifted())).ms;
    return { first, next: time(() => into.merge(shifted())).ms };
  });
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[1];
  const foldMs = mid(folds.map((f) => f.next));
  const firstFoldMs = mid(folds.map((f) => f.first));
  return { trials, playMs, textBytes: Buffer.byteLength(text), gzBytes: gz.length, writeMs: written.ms, readMs, foldMs, firstFoldMs };
}

/**
 * A run of `trials` planned for `planWorkers` workers, as the API plans it: one chunk past the sensitivity trials,
 * the first chunk, and a group partial made by playing a group's worth of trials in one go (the same summaries a
 * merge of that group's chunks gives, bit for bit).
 */
export function measureRun(model: unknown, trials: number, planWorkers: number, seed = 1): RunMeasure {
  const prep = time(() => prepareRun({ model, trials, seed }));
  const prepared = prep.value;
  const { chunkSize, chunks } = planChunks(trials, planWorkers);
  const groups = chunkGroups(chunks);
  const groupSize = groups[0].end - groups[0].first;
  const past = Math.min(trials - chunkSize, Math.ceil(SENSITIVITY_TRIALS / chunkSize) * chunkSize);
  const chunk = measurePartial(prepared, past, past + chunkSize).measure;
  const firstChunk = measurePartial(prepared, 0, chunkSize).measure;
  // A group past the sensitivity trials where the run has room for one, else the first group.
  const groupTrials = Math.min(trials, groupSize * chunkSize);
  const groupFrom = trials - past >= groupTrials ? past : 0;
  const { measure: groupMeasure, partial } = measurePartial(prepared, groupFrom, groupFrom + groupTrials);
  const group = { ...groupMeasure, playMs: NaN };
  // The result of a whole run costs about what one of this partial's does: finishRun reads the summaries, whose
  // size depends little on the number of trials once it is in the thousands. Measured on a full-coverage copy.
  partial.ranges = [[0, trials]];
  const finished = time(() => {
    const { result, distributions } = finishRun(prepared, partial);
    return gzipSync(JSON.stringify(result)).length + gzipSync(JSON.stringify(distributions)).length;
  });
  return {
    trials,
    planWorkers,
    chunkSize,
    chunks,
    groupSize,
    groups: groups.length,
    prepareMs: prep.ms,
    chunk,
    firstChunk,
    group,
    finishMs: finished.ms,
    resultGzBytes: finished.value,
  };
}

/**
 * The part of a cold start this machine can measure: importing a function's bundle, built as the stack builds it
 * (ESM, minified, the SDK inside), in a fresh Node process. Lambda adds its own sandbox start. Median of three.
 */
export async function measureBundleInit(entry: string): Promise<{ bundleBytes: number; initMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-bundle-'));
  try {
    const out = join(dir, 'index.mjs');
    const result = await build({
      entryPoints: [fileURLToPath(new URL(`../functions/lambda/${entry}.ts`, import.meta.url))],
      outfile: out,
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      mainFields: ['module', 'main'],
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      metafile: true,
      logLevel: 'silent',
    });
    const load = (code: string) =>
      Number(
        execFileSync(process.execPath, ['--input-type=module', '-e', code], {
          encoding: 'utf8',
          env: { ...process.env, TABLE_NAME: 'bench' },
        }),
      );
    const timed = (body: string) => `const t = performance.now(); ${body}; process.stdout.write(String(performance.now() - t));`;
    const once = () => load(timed(`await import(${JSON.stringify(pathToFileURL(out).href)})`));
    const initMs = [once(), once(), once()].sort((a, b) => a - b)[1];
    return { bundleBytes: Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0), initMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
