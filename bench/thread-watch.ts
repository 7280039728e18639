/**
 * What the server's thread did while bench:api's clients ran: how late its event loop was (the delay every
 * request waits on top of its own work) and how long garbage collection paused it, to tell a slow answer from a
 * stalled thread.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface ThreadWatch {
  loopP99Ms: number;
  loopMaxMs: number;
  gcTotalMs: number;
  gcMaxMs: number;
}

export function watchThread(): () => ThreadWatch {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let gcTotalMs = 0;
  let gcMaxMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcTotalMs += entry.duration;
      gcMaxMs = Math.max(gcMaxMs, entry.duration);
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  return () => {
    loop.disable();
    gc.disconnect();
    return { loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6, gcTotalMs, gcMaxMs };
  };
}
