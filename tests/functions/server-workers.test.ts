import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { serverWorkers } from '../../functions/executors/local.js';

describe("the server's pool threads (RUN_THREADS)", () => {
  it('leave one core to answer by default, and take one thread on a single core', () => {
    expect(serverWorkers({})).toBe(Math.max(1, availableParallelism() - 1));
    expect(serverWorkers({ RUN_THREADS: '' })).toBe(Math.max(1, availableParallelism() - 1));
  });

  it('take the number given', () => {
    expect(serverWorkers({ RUN_THREADS: '3' })).toBe(3);
  });

  it.each(['0', '-1', '1.5', 'two', '0x2', ' 2', '1e1'])('refuse %j naming the setting', (raw) => {
    expect(() => serverWorkers({ RUN_THREADS: raw })).toThrow(`RUN_THREADS: must be a whole number >= 1, got "${raw}"`);
  });
});
