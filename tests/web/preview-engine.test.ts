/**
 * The page's preview engine without a browser (web/src/engine/): the split of trials, and the pool driving the
 * real worker code in-process, each message structured-cloned as across a worker boundary.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulation/index.js';
import { firstPictureTrials, previewWorkers, splitTrials } from '../../web/src/engine/plan.js';
import { createPreviewPool, PreviewInvalidError, type WorkerLike } from '../../web/src/engine/pool.js';
import type { FromWorker, ToWorker } from '../../web/src/engine/protocol.js';
import { createWorkerCore } from '../../web/src/engine/worker-core.js';

const reference = JSON.parse(readFileSync(new URL('../../examples/reference-midsize.json', import.meta.url), 'utf8')) as {
  options: { id: string; label: string }[];
};
const scenarios = reference.options.map((o) => ({ id: o.id, label: o.label, options: [o.id] }));

/** Messages as the pool's workers saw and answered them. */
interface Log {
  toWorkers: ToWorker[];
  fromWorkers: FromWorker[];
}

function inProcessPool(size: number) {
  const log: Log = { toWorkers: [], fromWorkers: [] };
  const make = (): WorkerLike => {
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: (m) => {
        log.toWorkers.push(m);
        const copy = structuredClone(m);
        setImmediate(() => handle(copy));
      },
      terminate: () => {},
    };
    const handle = createWorkerCore((m) => {
      log.fromWorkers.push(m);
      const copy = structuredClone(m);
      setImmediate(() => w.onmessage?.({ data: copy }));
    });
    return w;
  };
  return { pool: createPreviewPool(make, size), log };
}

describe('splitting a preview over workers', () => {
  it('covers every trial once, in order, in ranges differing by at most one trial', () => {
    for (const trials of [1, 2, 3, 7, 100, 1999, 2000, 2001]) {
      for (const workers of [1, 2, 3, 4]) {
        const ranges = splitTrials(trials, workers);
        expect(ranges.length).toBe(Math.min(trials, workers));
        expect(ranges[0][0]).toBe(0);
        expect(ranges[ranges.length - 1][1]).toBe(trials);
        ranges.forEach(([a, b], i) => {
          expect(b).toBeGreaterThan(a);
          if (i > 0) expect(a).toBe(ranges[i - 1][1]);
        });
        const sizes = ranges.map(([a, b]) => b - a);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('refuses a split of no trials or onto no workers', () => {
    expect(() => splitTrials(0, 2)).toThrow(RangeError);
    expect(() => splitTrials(10, 0)).toThrow(RangeError);
  });

  it('gives the first picture 1,000 trials on two cores or more, and 500 a worker on one', () => {
    expect([1, 2, 3, 4].map((w) => firstPictureTrials(w))).toEqual([500, 1000, 1000, 1000]);
    expect(firstPictureTrials(previewWorkers(8))).toBe(1000);
  });

  it('uses one worker per core, at most four, and two when the browser does not say', () => {
    expect([1, 2, 3, 4, 8, 64].map(previewWorkers)).toEqual([1, 2, 3, 4, 4, 4]);
    expect(previewWorkers(undefined)).toBe(2);
    expect(previewWorkers(0)).toBe(2);
  });
});

describe('the preview pool', () => {
  it('gives the bits of a run in one thread, on three workers, and again on the same warm workers', async () => {
    const input = { model: reference, scenarios, trials: 90, seed: 5 };
    const expected = JSON.stringify(simulate(input));
    const { pool, log } = inProcessPool(3);
    expect(JSON.stringify(await pool.run(input))).toBe(expected);
    expect(JSON.stringify(await pool.run(input))).toBe(expected);
    // Three workers took part, the first one finalised, and only the other two sent their partials.
    expect(log.toWorkers.filter((m) => m.type === 'play').length).toBe(6);
    expect(log.fromWorkers.filter((m) => m.type === 'partial').length).toBe(4);
    expect(log.fromWorkers.filter((m) => m.type === 'result').length).toBe(2);
  });

  it('cancels a run when a newer one arrives: the older stops within a step and the newer has its own numbers', async () => {
    const { pool, log } = inProcessPool(2);
    const older = pool.run({ model: reference, scenarios, trials: 400, seed: 1 });
    const olderFailed = older.then(
      () => 'resolved',
      (e: Error) => e.name,
    );
    await new Promise((r) => setImmediate(r));
    const newerInput = { model: reference, scenarios: scenarios.slice(0, 2), trials: 40, seed: 2 };
    const newer = await pool.run(newerInput);
    expect(await olderFailed).toBe('AbortError');
    expect(JSON.stringify(newer)).toBe(JSON.stringify(simulate(newerInput)));
    // One more run through both workers, so that anything the older run still had in hand would have come back.
    await pool.run({ model: reference, scenarios: [], trials: 2, seed: 3 });
    // The older run's 200 trials a worker were never played out: no partial or result of it came back.
    const olderId = (log.toWorkers.find((m) => m.type === 'play') as { id: number }).id;
    expect(log.fromWorkers.filter((m) => m.id === olderId && m.type !== 'invalid' && m.type !== 'error')).toEqual([]);
  });

  it('stops when its signal aborts', async () => {
    const { pool } = inProcessPool(2);
    const abort = new AbortController();
    const run = pool.run({ model: reference, trials: 400, seed: 1 }, { signal: abort.signal });
    abort.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("answers an input the engine refuses with the engine's field messages", async () => {
    const { pool } = inProcessPool(2);
    const run = pool.run({ model: { ...reference, horizonMonths: 0 }, trials: 100, seed: 1 });
    await expect(run).rejects.toBeInstanceOf(PreviewInvalidError);
    const error = (await run.catch((e: unknown) => e)) as PreviewInvalidError;
    expect(error.issues.map((i) => i.path)).toContain('model.horizonMonths');
  });
});
