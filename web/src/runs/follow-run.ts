/**
 * Follows a run until its result is in: polls its status, then fetches the result. A dropped connection does not
 * end it: the poll is tried again, waiting longer each time (up to MAX_WAIT_MS), and `offline` says so meanwhile,
 * so the page can tell the user and go on to the result once the connection is back. Any other error ends it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ComparisonResult } from '../../../simulation/result.js';
import { api, NetworkError, type RunStatus } from '../api.js';

const POLL_MS = 500;
const MAX_WAIT_MS = 8_000;

/** The wait before attempt number `failures + 1` after `failures` failed ones in a row. */
export function retryDelay(failures: number): number {
  return failures === 0 ? POLL_MS : Math.min(POLL_MS * 2 ** failures, MAX_WAIT_MS);
}

export function useFollowRun(
  run: RunStatus | null,
  hasResult: boolean,
  on: { run: (next: RunStatus) => void; result: (result: ComparisonResult) => void; error: (e: unknown) => void },
): { offline: boolean } {
  const [failures, setFailures] = useState(0);
  const done = run === null || run.status === 'failed' || run.status === 'cancelled' || (run.status === 'succeeded' && hasResult);

  useEffect(() => {
    if (done || run === null) {
      setFailures(0);
      return;
    }
    let live = true;
    const wantResult = run.status === 'succeeded';
    const timer = setTimeout(
      () => {
        (async () => {
          try {
            if (wantResult) {
              const result = await api.getResult(run.id);
              if (live) on.result(result);
            } else {
              const next = await api.getRun(run.id);
              if (live) on.run(next);
            }
            if (live) setFailures(0);
          } catch (e) {
            if (!live) return;
            if (e instanceof NetworkError) setFailures((f) => f + 1);
            else on.error(e);
          }
        })();
      },
      wantResult && failures === 0 ? 0 : retryDelay(failures),
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [run, done, failures]);

  return { offline: failures > 0 };
}
