/**
 * What a preview worker does, apart from being a worker (worker.ts wires it to `self`), so that tests can drive it
 * in Node. It plays its range in small steps and yields between them: a worker's messages arrive only between
 * tasks, so a cancel or a newer run is heard within one step, and the worker, JIT-warm, goes straight on to it.
 */
import { finalize, prepareRun, RunPartial, TrialRange, ValidationError, type PreparedRun } from '../../../simulation/index.js';
import type { RunPartialJSON } from '../../../simulation/partial.js';
import type { FromWorker, ToWorker } from './protocol.js';

/** Trials per step: about 40 ms of the reference model's seven scenarios, the longest a stale run holds a worker. */
export const STEP_TRIALS = 25;

/** Lets queued messages in: a message to ourselves is a new task (a timer would be clamped to 4 ms when nested). */
export function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    // Typed by hand: the browser's and Node's MessageChannel (tests) differ in their types, not in this use.
    const ch = new MessageChannel() as unknown as {
      port1: { onmessage: (() => void) | null; close(): void };
      port2: { postMessage(m: null): void };
    };
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

export function createWorkerCore(post: (m: FromWorker) => void, yieldNow: () => Promise<void> = yieldToMessages) {
  /** The run this worker is on; an older run's loop sees it changed and stops. */
  let active = 0;
  let prepared: { key: string; run: PreparedRun } | null = null;
  let kept: { id: number; run: PreparedRun; partial: RunPartial } | null = null;

  const fail = (id: number, e: unknown) => {
    if (e instanceof ValidationError) post({ type: 'invalid', id, issues: e.issues });
    else post({ type: 'error', id, message: e instanceof Error ? e.message : String(e) });
  };

  async function play(m: Extract<ToWorker, { type: 'play' }>): Promise<void> {
    active = m.id;
    kept = null;
    let run: PreparedRun;
    try {
      if (prepared?.key !== m.key) prepared = { key: m.key, run: prepareRun(m.input) };
      run = prepared.run;
    } catch (e) {
      prepared = null;
      fail(m.id, e);
      return;
    }
    const range = new TrialRange(run, m.from, m.to);
    while (!range.done) {
      range.play(STEP_TRIALS);
      await yieldNow();
      if (active !== m.id) return;
    }
    const { partial } = range.finish();
    if (m.keep) {
      kept = { id: m.id, run, partial };
      post({ type: 'played', id: m.id });
    } else {
      post({ type: 'partial', id: m.id, partial: partial.toJSON() });
    }
  }

  function finish(id: number, partials: RunPartialJSON[]): void {
    if (active !== id || kept?.id !== id) return;
    const { run, partial } = kept;
    kept = null;
    for (const p of partials) partial.merge(RunPartial.fromJSON(p));
    post({ type: 'result', id, result: finalize(run, partial) });
  }

  return (m: ToWorker): void => {
    switch (m.type) {
      case 'play':
        play(m).catch((e: unknown) => fail(m.id, e));
        return;
      case 'finish':
        try {
          finish(m.id, m.partials);
        } catch (e) {
          fail(m.id, e);
        }
        return;
      case 'cancel':
        if (active === m.id) {
          active = 0;
          kept = null;
        }
        return;
    }
  };
}
