/** A preview worker's entry (bundled by Vite from simulation/, started by pool.ts). */
import { createWorkerCore } from './worker-core.js';
import type { FromWorker, ToWorker } from './protocol.js';

// The DOM lib types `self` as a Window; in a dedicated worker it has this shape.
const scope = self as unknown as {
  postMessage(m: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
const handle = createWorkerCore((m) => scope.postMessage(m));
scope.onmessage = (e) => handle(e.data);
