/**
 * The DynamoDB Local supervisor on its own, with a stand-in for the Java process: a process that dies is started
 * again on the same port and data after its backoff, the table setup runs before it counts as ready, the server is
 * told of each restart, and repeated failures end in `failed` with a clear message, never an endless loop.
 * (The real process killed under the real server is in fault.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { DynamoDbLocal, StartOptions } from '../../functions/store/ddb-local.js';
import { DynamoDbSupervisor, type StoreState } from '../../functions/store/ddb-supervisor.js';

interface FakeProcess extends DynamoDbLocal {
  die(signal?: NodeJS.Signals): void;
  stopped: boolean;
}

function fakeProcess(port: number): FakeProcess {
  let end!: (how: { code: number | null; signal: NodeJS.Signals | null }) => void;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => (end = done));
  const p: FakeProcess = {
    endpoint: `http://127.0.0.1:${port}`,
    pid: 1234,
    exited,
    stopped: false,
    die: (signal = 'SIGKILL') => end({ code: null, signal }),
    stop: async () => {
      p.stopped = true;
      end({ code: 0, signal: null });
      await exited;
    },
  };
  return p;
}

async function until(what: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((done) => setTimeout(done, 5));
  }
}

function setup(launchPlan: ('ok' | 'fail')[] = []) {
  const launched: StartOptions[] = [];
  const processes: FakeProcess[] = [];
  const lines: string[] = [];
  const prepared: string[] = [];
  let restarted = 0;
  const supervisor = new DynamoDbSupervisor({
    port: 8123,
    dataDir: '/data/dynamodb',
    backoffMs: [5, 10, 20],
    log: (line) => lines.push(line),
    prepare: async (endpoint) => {
      prepared.push(endpoint);
    },
    onRestarted: () => restarted++,
    launch: async (opts) => {
      launched.push(opts);
      if ((launchPlan.shift() ?? 'ok') === 'fail') throw new Error('port 8123 is taken; set DDB_PORT to a free port');
      const p = fakeProcess(opts.port);
      processes.push(p);
      return p;
    },
  });
  return { supervisor, launched, processes, lines, prepared, restarted: () => restarted };
}

describe('the DynamoDB Local supervisor', () => {
  it('restarts a process that died, on the same port and data, prepares the table, and tells the server', async () => {
    const t = setup();
    expect(t.supervisor.status().state).toBe('starting');
    expect(t.supervisor.ready()).toBe(false);
    await t.supervisor.start();
    expect(t.supervisor.status()).toMatchObject({ state: 'ready', restarts: 0 });
    expect(t.supervisor.ready()).toBe(true);

    const states = new Set<StoreState>();
    t.processes[0].die('SIGKILL');
    await until(() => {
      states.add(t.supervisor.status().state);
      return t.restarted() === 1;
    });
    expect(states.has('restarting')).toBe(true);
    expect(t.supervisor.status()).toMatchObject({ state: 'ready', restarts: 1 });
    expect(t.launched.map((o) => [o.port, o.dataDir])).toEqual([
      [8123, '/data/dynamodb'],
      [8123, '/data/dynamodb'],
    ]);
    expect(t.prepared).toEqual(['http://127.0.0.1:8123', 'http://127.0.0.1:8123']);
    expect(t.lines.join('\n')).toMatch(/exited unexpectedly \(signal SIGKILL\); .*restarting on port 8123/);
    expect(t.lines.join('\n')).toMatch(/restarted on port 8123/);

    await t.supervisor.stop();
    expect(t.supervisor.status().state).toBe('stopped');
    expect(t.processes[1].stopped).toBe(true);
    expect(t.restarted()).toBe(1);
  });

  it('keeps trying with backoff while starts fail, and recovers when one succeeds', async () => {
    const t = setup(['ok', 'fail']);
    await t.supervisor.start();
    t.processes[0].die();
    await until(() => t.restarted() === 1);
    expect(t.launched).toHaveLength(3);
    expect(t.lines.filter((l) => /did not start \(attempt \d of 3\)/.test(l))).toHaveLength(1);
    expect(t.supervisor.status().state).toBe('ready');
    await t.supervisor.stop();
  });

  it('gives up after every attempt failed, saying so, and stays failed', async () => {
    const t = setup(['ok', 'fail', 'fail', 'fail']);
    await t.supervisor.start();
    // Died within a minute of its start: that counts as the first failed attempt, two more starts are tried.
    t.processes[0].die();
    await until(() => t.supervisor.status().state === 'failed');
    expect(t.launched).toHaveLength(3);
    expect(t.supervisor.status().lastError).toMatch(/port 8123 is taken/);
    expect(t.lines[t.lines.length - 1]).toMatch(/could not be restarted after 3 attempts \(last: port 8123 is taken.*\)/);
    await new Promise((done) => setTimeout(done, 100));
    expect(t.launched).toHaveLength(3);
    expect(t.restarted()).toBe(0);
  });

  it('does not loop on a process that dies right after every start', async () => {
    const t = setup();
    await t.supervisor.start();
    // Each dies at once: a death soon after a start counts as a failed attempt, so this ends after three.
    for (let i = 0; t.supervisor.status().state !== 'failed'; i++) {
      expect(i).toBeLessThan(10);
      await until(() => t.supervisor.status().state === 'ready' && t.processes.length === i + 1);
      t.processes[i].die();
      await until(() => t.supervisor.status().state === 'failed' || t.processes.length === i + 2);
    }
    expect(t.processes).toHaveLength(3);
    expect(t.lines[t.lines.length - 1]).toMatch(/could not be restarted after 3 attempts/);
  });

  it('fails the first start with the reason, for the server to exit with it', async () => {
    const t = setup(['fail']);
    await expect(t.supervisor.start()).rejects.toThrow(/port 8123 is taken/);
    expect(t.supervisor.status().state).toBe('failed');
  });

  it('is not restarted once stopped', async () => {
    const t = setup();
    await t.supervisor.start();
    await t.supervisor.stop();
    await new Promise((done) => setTimeout(done, 50));
    expect(t.launched).toHaveLength(1);
    expect(t.supervisor.status().state).toBe('stopped');
  });
});
