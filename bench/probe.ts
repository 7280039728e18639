/**
 * A probe for bench:api on its own thread: every 50 ms it sends GET /health and GET /api/v1/runs/{id} and
 * records each answer's latency, counted from when it was due, with the run's phase as last seen (chunks,
 * merge, done). On its own thread so that a stalled server thread cannot also stall the clock that measures it.
 */
import { Worker } from 'node:worker_threads';

export type Phase = 'chunks' | 'merge' | 'done';

export interface ProbeSample {
  path: 'health' | 'run';
  phase: Phase;
  ms: number;
  ok: boolean;
}

// Plain JavaScript, evaluated in the worker: no loader needed there.
const PROBE_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, runId, everyMs } = workerData;
const samples = [];
let phase = 'chunks';
let stop = false;
parentPort.on('message', () => { stop = true; });
const get = async (path, which, headers) => {
  const due = performance.now();
  try {
    const res = await fetch(url + path, { headers, signal: AbortSignal.timeout(30000) });
    const text = await res.text();
    if (which === 'run' && res.ok) {
      const run = JSON.parse(text);
      phase = run.status === 'succeeded' || run.status === 'failed' ? 'done'
        : run.status === 'running' && run.progress.chunksDone === run.progress.chunks ? 'merge' : 'chunks';
    }
    return { ok: res.ok, ms: performance.now() - due };
  } catch {
    return { ok: false, ms: performance.now() - due };
  }
};
(async () => {
  const auth = { Authorization: 'Bearer ' + token };
  let next = performance.now();
  while (!stop) {
    const seen = phase;
    const [h, r] = await Promise.all([get('/health', 'health', {}), get('/api/v1/runs/' + runId, 'run', auth)]);
    samples.push({ path: 'health', phase: seen, ...h }, { path: 'run', phase: seen, ...r });
    if (phase === 'done' && seen === 'done') break;
    next += everyMs;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
    else next = performance.now();
  }
  parentPort.postMessage(samples);
})();
`;

/** Starts probing; `stop` ends it (or it ends itself once the run is done) and returns every sample. */
export function startProbe(url: string, token: string, runId: string, everyMs = 50): { stop(): Promise<ProbeSample[]> } {
  const worker = new Worker(PROBE_SOURCE, { eval: true, workerData: { url, token, runId, everyMs } });
  const result = new Promise<ProbeSample[]>((ok, fail) => {
    worker.once('message', (samples: ProbeSample[]) => ok(samples));
    worker.once('error', fail);
  });
  return {
    stop: async () => {
      // A probe that has ended on its own has already sent its samples; asking it again is harmless.
      worker.postMessage('stop');
      const samples = await result;
      await worker.terminate();
      return samples;
    },
  };
}

/** Resolves once the probe has seen the run end (or after `timeoutMs`), then stops it. */
export async function probeUntilDone(probe: { stop(): Promise<ProbeSample[]> }, isDone: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !(await isDone())) await new Promise((ok) => setTimeout(ok, 250));
  return probe.stop();
}
