/**
 * The real server (`node --import tsx functions/server.ts`, the sources of `npm start`'s build) as a child process for the
 * tests that start, stop and kill it: each is the leader of its own process group, so its DynamoDB Local (a java
 * child) can be killed with it. Whatever happens to the test process, no server or java is left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../functions/local-services.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface Server {
  child: ChildProcess;
  /** Process group id (the child is its leader). */
  pgid: number;
  output(): string;
  exited: Promise<number | null>;
}

export interface Setup {
  dataDir: string;
  port: number;
  ddbPort: number;
  base: string;
  env: NodeJS.ProcessEnv;
}

/** Every process group started, for the cleanup. */
export const groups = new Set<number>();

export function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms));
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills a whole process group and waits until none of it is left (zombies of an exited leader aside). */
export async function killGroup(pgid: number, timeoutMs = 15_000): Promise<void> {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
  const deadline = Date.now() + timeoutMs;
  // A killed java reparented to init is reaped by it; the group empties once that happens.
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  groups.delete(pgid);
}

process.once('exit', () => {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

/** A fresh data directory and free ports (added to `dirs` for the caller's cleanup). */
export async function newSetup(prefix = 'pp-fault-'): Promise<Setup> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const port = await freePort();
  let ddbPort = await freePort();
  while (ddbPort === port) ddbPort = await freePort();
  const env = { ...process.env, PORT: String(port), DDB_PORT: String(ddbPort), DATA_DIR: dataDir, HOST: '127.0.0.1' };
  return { dataDir, port, ddbPort, base: `http://127.0.0.1:${port}`, env };
}

export function startServer(s: Setup): Server {
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
export async function waitHealthy(s: Setup, server: Server, timeoutMs = 240_000): Promise<void> {
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

/** Stops a server as Ctrl-C would (it stops its DynamoDB Local) and waits until its group is gone. */
export async function stopServer(server: Server): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
  const deadline = Date.now() + 30_000;
  while (groupAlive(server.pgid) && Date.now() < deadline) await sleep(100);
  groups.delete(server.pgid);
}
