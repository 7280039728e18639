/**
 * Keeps DynamoDB Local running for the Node server: starts it, and when it dies (on its own, killed, out of
 * memory) starts it again on the same port and data directory, with backoff, until it has failed too often in a
 * row. Its one job is the process; the server decides what a restart means for the runs (it resumes them) and
 * /health reports `status()`.
 */
import { startDynamoDbLocal, type DynamoDbLocal, type StartOptions } from './ddb-local.js';

export type StoreState =
  /** The first start is under way. */
  | 'starting'
  | 'ready'
  /** DynamoDB Local died and is being started again. */
  | 'restarting'
  /** Restarting failed too often in a row: the server must be restarted once the cause is fixed. */
  | 'failed'
  | 'stopped';

export interface StoreStatus {
  state: StoreState;
  /** When the state was entered (ISO 8601). */
  since: string;
  /** Restarts that succeeded since the server started. */
  restarts: number;
  /** While restarting: the attempt under way or next (1-based), and how many there are at most. */
  attempt?: number;
  attempts?: number;
  /** Why the last start or the last process failed. */
  lastError?: string;
}

export interface SupervisorOptions extends StartOptions {
  /** Run after every start of the process, before it counts as ready: the table setup. */
  prepare(endpoint: string): Promise<void>;
  /** Told after each successful restart (not the first start). */
  onRestarted?(): void;
  log?: (line: string) => void;
  /** Waits before the successive restart attempts; their number is how many attempts there are. */
  backoffMs?: readonly number[];
  /** A process that stayed up this long has its count of failed attempts forgotten when it dies. */
  stableMs?: number;
  /** For tests: what starts the process. */
  launch?: (opts: StartOptions) => Promise<DynamoDbLocal>;
}

/** About a minute of attempts in all, most of it the later, longer waits. */
export const RESTART_BACKOFF_MS: readonly number[] = [250, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000];
const STABLE_MS = 60_000;

export class DynamoDbSupervisor {
  private current: DynamoDbLocal | null = null;
  private state: StoreState = 'starting';
  private since = new Date();
  private restarts = 0;
  private failures = 0;
  private readyAt = 0;
  private lastError: string | undefined;
  private stopping = false;
  private restarting: Promise<void> | null = null;
  private readonly backoff: readonly number[];
  private readonly log: (line: string) => void;
  private readonly launch: (opts: StartOptions) => Promise<DynamoDbLocal>;

  constructor(private readonly opts: SupervisorOptions) {
    this.backoff = opts.backoffMs ?? RESTART_BACKOFF_MS;
    this.log = opts.log ?? ((line) => console.log(line));
    this.launch = opts.launch ?? startDynamoDbLocal;
  }

  readonly endpoint = (): string => `http://127.0.0.1:${this.opts.port}`;

  status(): StoreStatus {
    const restarting =
      this.state === 'restarting' ? { attempt: Math.min(this.failures + 1, this.backoff.length), attempts: this.backoff.length } : {};
    return {
      state: this.state,
      since: this.since.toISOString(),
      restarts: this.restarts,
      ...restarting,
      ...(this.lastError !== undefined ? { lastError: this.lastError } : {}),
    };
  }

  /** True while requests may go to the store. */
  readonly ready = (): boolean => this.state === 'ready';

  /**
   * The first start: rejects when DynamoDB Local cannot be started (no Java, another server on the data, the port
   * taken by another program), which ends the server with that message. Not retried: the start itself already
   * waits out what a crash leaves behind (an orphan to stop, a port still held).
   */
  async start(): Promise<void> {
    try {
      await this.startOnce();
    } catch (err) {
      this.enter('failed', err);
      throw err;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.enter('stopped');
    await this.restarting?.catch(() => undefined);
    await this.current?.stop();
  }

  private async startOnce(): Promise<void> {
    const local = await this.launch({ port: this.opts.port, dataDir: this.opts.dataDir, log: this.log });
    try {
      await this.opts.prepare(local.endpoint);
    } catch (err) {
      await local.stop();
      throw err;
    }
    if (this.stopping) {
      await local.stop();
      return;
    }
    this.current = local;
    this.readyAt = Date.now();
    this.enter('ready');
    void local.exited.then((how) => {
      if (this.current !== local || this.stopping) return;
      this.current = null;
      this.restarting = this.restart(how).finally(() => (this.restarting = null));
    });
  }

  private async restart(how: { code: number | null; signal: NodeJS.Signals | null }): Promise<void> {
    const cause = how.signal ? `signal ${how.signal}` : `code ${how.code}`;
    // A process that dies soon after it started counts as a failed start, so one that keeps dying is given up on
    // like one that will not start; one that stayed up a while is forgiven its earlier failures.
    if (Date.now() - this.readyAt >= (this.opts.stableMs ?? STABLE_MS)) this.failures = 0;
    else this.failures++;
    this.enter('restarting', new Error(`DynamoDB Local exited (${cause})`));
    while (!this.stopping) {
      if (this.failures >= this.backoff.length) {
        this.enter('failed');
        this.log(
          `DynamoDB Local kunde inte startas om / could not be restarted after ${this.backoff.length} attempts (last: ${this.lastError ?? cause}). ` +
            'The API answers 503 until the server is restarted (npm start) once the cause is fixed.',
        );
        return;
      }
      const wait = this.backoff[this.failures];
      this.log(
        `DynamoDB Local avslutades oväntat / exited unexpectedly (${cause}); startar om / restarting on port ${this.opts.port} in ${wait} ms (attempt ${this.failures + 1} of ${this.backoff.length})`,
      );
      await sleep(wait);
      if (this.stopping) return;
      const began = Date.now();
      try {
        await this.startOnce();
        if (this.stopping) return;
        this.restarts++;
        this.log(`DynamoDB Local omstartad / restarted on port ${this.opts.port} in ${Date.now() - began} ms`);
        this.opts.onRestarted?.();
        return;
      } catch (err) {
        this.failures++;
        this.lastError = message(err);
        this.log(`DynamoDB Local startade inte / did not start (attempt ${this.failures} of ${this.backoff.length}): ${this.lastError}`);
      }
    }
  }

  private enter(state: StoreState, err?: unknown): void {
    if (this.state === 'stopped' && state !== 'stopped') return;
    this.state = state;
    this.since = new Date();
    if (err !== undefined) this.lastError = message(err);
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
