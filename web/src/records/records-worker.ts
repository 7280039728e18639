/**
 * The page's side of the records worker: one worker, started on first use, answering each request by its id.
 * A worker that fails to start or crashes answers every open request with `failed`.
 */
import type { RecordsRequest, RecordsResponse } from './protocol.js';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, (r: RecordsResponse) => void>();

function failAll(message: string): void {
  for (const resolve of pending.values()) resolve({ kind: 'failed', message });
  pending.clear();
  worker?.terminate();
  worker = null;
}

function start(): Worker {
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'records' });
  w.onmessage = (e: MessageEvent<{ id: number; response: RecordsResponse }>) => {
    const resolve = pending.get(e.data.id);
    pending.delete(e.data.id);
    resolve?.(e.data.response);
  };
  w.onerror = (e) => {
    e.preventDefault();
    failAll(e.message || 'the records worker stopped');
  };
  return w;
}

export function runInWorker(request: RecordsRequest): Promise<RecordsResponse> {
  worker ??= start();
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker!.postMessage({ id, request });
  });
}
