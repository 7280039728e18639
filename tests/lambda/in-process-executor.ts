/**
 * An executor that plays a run the way the state machine does, through the real step handlers called in-process:
 * plan, one worker per chunk (concurrently, as the Distributed Map), merge, and on any error the fail step with a
 * Catch-shaped error. Not the state machine itself (its definition is tested by running it); what it lets these
 * tests do is start a run through the API Lambda and see it finish.
 */
import { handler as fail } from '../../functions/lambda/fail.js';
import { handler as merge } from '../../functions/lambda/merge.js';
import { handler as plan } from '../../functions/lambda/plan.js';
import { handler as worker } from '../../functions/lambda/worker.js';
import type { Executor, RunRecord } from '../../functions/store/port.js';

export class InProcessExecutor implements Executor {
  private readonly running = new Set<Promise<void>>();
  readonly started: string[] = [];

  start(run: RunRecord): Promise<void> {
    this.started.push(run.id);
    const playing = this.play(run.tenant, run.id).finally(() => this.running.delete(playing));
    this.running.add(playing);
    return Promise.resolve();
  }

  /** Resolves when every run started so far has ended. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private async play(tenant: string, runId: string): Promise<void> {
    try {
      const planned = await plan({ tenant, runId });
      await Promise.all(planned.chunks.map((chunk) => worker(chunk)));
      await merge(planned);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      const Cause = JSON.stringify({ errorType: e.name, errorMessage: e.message });
      await fail({ tenant, runId, error: { Error: e.name, Cause } });
    }
  }
}
