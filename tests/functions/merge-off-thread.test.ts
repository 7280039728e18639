/**
 * The local executor's merge leaves the event loop free: while it merges a run of the reference model (7
 * scenarios), the longest stretch the main thread is kept from a 5 ms timer stays far below the merge's own
 * duration, and the result is the command line's, bit for bit. Then the CSV and probability answers, made once
 * and cached, are the same as those made from the stored result without any cache. Relative figures only: the
 * machine may be busy.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import runChunk from '../../functions/executors/chunk-worker.js';
import { RunLifecycle } from '../../functions/services/run-lifecycle.js';
import { newRunRecord, probabilityAtMost, type Distributions } from '../../functions/services/runs.js';
import { systemClock, type RunRecord } from '../../functions/store/port.js';
import { toCsv } from '../../presentation/csv.js';
import { simulate, type ComparisonResult } from '../../simulation/index.js';
import { startHarness, waitForRun, type Harness } from './harness.js';

const REFERENCE = JSON.parse(readFileSync(new URL('../../examples/reference-midsize.json', import.meta.url), 'utf8')) as unknown;
const TENANT = 'alfa';
const TRIALS = 1_200;
const SEED = 11;
/** Few chunks, so that the summaries at the end (seconds, in one piece) are most of the merge's time. */
const CHUNKS = 4;

let h: Harness;
let run: RunRecord;
let merge: { durationMs: number; maxLagMs: number; status: string };

beforeAll(async () => {
  h = await startHarness({ workers: 2 });
  const res = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: REFERENCE });
  const modelId = ((await res.json()) as { id: string }).id;
  // A running run with every chunk stored, played here before the measurement, so that only the merge is left.
  const record = newRunRecord(TENANT, { modelId, trials: TRIALS, seed: SEED }, 1, 2, new Date());
  const chunkSize = TRIALS / CHUNKS;
  run = (await h.store.createRun({ ...record, chunkSize, chunks: CHUNKS }, 4)).run;
  const life = new RunLifecycle(h.store, systemClock);
  const begun = await life.begin(TENANT, run.id);
  for (const { index, from, to } of await life.pendingChunks(TENANT, run.id)) {
    await life.storeChunk(TENANT, run.id, index, runChunk({ input: begun!.input, from, to }));
  }

  let last = performance.now();
  let maxLagMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxLagMs = Math.max(maxLagMs, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  await h.executor.start(run);
  const { status } = await waitForRun(h, h.alfa.viewer, run.id, 600_000);
  const durationMs = performance.now() - started;
  clearInterval(timer);
  merge = { durationMs, maxLagMs, status };
  // For the reader of the log: relative figures are asserted, these say how much room there was.
  console.log(`merge of ${CHUNKS} chunks: ${durationMs.toFixed(0)} ms; longest main-thread stall ${maxLagMs.toFixed(0)} ms`);
}, 900_000);

afterAll(async () => {
  await h?.close();
});

describe('the merge of a run', () => {
  it('keeps the main thread free: its longest stall is under a quarter of the merge', () => {
    expect(merge.status).toBe('succeeded');
    expect(merge.maxLagMs, `longest stall ${merge.maxLagMs.toFixed(0)} ms of a ${merge.durationMs.toFixed(0)} ms merge`).toBeLessThan(
      merge.durationMs / 4,
    );
  });

  it('gives the command line result, bit for bit', async () => {
    const stored = await h.store.getResult(TENANT, run.id);
    expect(stored).toBe(JSON.stringify(simulate({ model: REFERENCE, trials: TRIALS, seed: SEED })));
  }, 300_000);
});

describe('answers made from a finished result and cached', () => {
  it('CSV: every table and locale, first and second time, equals toCsv of the stored result', async () => {
    const result = JSON.parse((await h.store.getResult(TENANT, run.id))!) as ComparisonResult;
    for (const table of ['periods', 'monthly', 'delta'] as const) {
      for (const locale of ['sv', 'en'] as const) {
        const expected = toCsv(result, { table, locale });
        for (let i = 0; i < 2; i++) {
          const res = await h.request(`/api/v1/runs/${run.id}/result.csv?table=${table}&locale=${locale}`, { token: h.alfa.viewer });
          expect(res.status).toBe(200);
          // Bytes, not text: the sv table starts with a BOM, which a decoder would drop.
          expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(expected, 'utf8'))).toBe(true);
        }
      }
    }
  });

  it('probability: at, between, below and above the bins of every scenario and period, equals the uncached answer', async () => {
    const text = (await h.store.getDistributions(TENANT, run.id))!;
    const distributions = JSON.parse(text) as Distributions;
    // What the route did before it cached anything: parse the stored text, answer from it.
    const uncached = (scenario: string, period: string, threshold: number) =>
      probabilityAtMost(JSON.parse(text) as Distributions, scenario, period, threshold);
    const asked: [string, string, number][] = [];
    for (const [scenario, periods] of Object.entries(distributions)) {
      for (const [period, hist] of Object.entries(periods)) {
        const keys = hist.keys;
        const picks = [keys[0], keys[Math.floor(keys.length / 3)], keys[Math.floor(keys.length / 2)], keys.at(-1)!];
        for (const k of picks) {
          const v = hist.exact ? k : 1.0002 ** (Math.abs(k) - 0.5) * Math.sign(k);
          asked.push([scenario, period, Math.round(v)], [scenario, period, Math.round(v) + 0.5]);
        }
        asked.push([scenario, period, 0], [scenario, period, -1e12], [scenario, period, 1e12]);
      }
    }
    expect(asked.length).toBeGreaterThan(100);
    for (const [scenario, period, threshold] of asked) {
      const res = await h.request(`/api/v1/runs/${run.id}/probability?scenario=${scenario}&period=${period}&threshold=${threshold}`, {
        token: h.alfa.viewer,
      });
      const body = (await res.json()) as { probability: number };
      expect(body.probability, `${scenario} ${period} ${threshold}`).toBe(uncached(scenario, period, threshold));
    }
  });
});
