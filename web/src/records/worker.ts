/**
 * The records worker: calibration and backtest off the page's thread, so a large file does not freeze the
 * page. It is bundled from simulation/ like the page; it has no network code and is given none.
 */
import type { RecordsRequest } from './protocol.js';
import { runRecords } from './run-records.js';

// The page's tsconfig has the DOM's types, not the worker's: only these two members are used.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ id: number; request: RecordsRequest }>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (e) => {
  scope.postMessage({ id: e.data.id, response: runRecords(e.data.request) });
};
