/**
 * Which faults are retried and how often: the table's locks, throttles, network errors and 5xx are; a failed
 * condition, a validation error or a missing item never are. The waits are bounded and doubling.
 */
import { describe, expect, it } from 'vitest';
import { isTransient, withRetry } from '../../functions/services/transient.js';
import { NotFound } from '../../functions/store/port.js';

const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

describe('isTransient', () => {
  it.each([
    named('ThrottlingException'),
    named('ProvisionedThroughputExceededException'),
    named('TransactionConflictException'),
    named('InternalServerError'),
    named('ServiceUnavailable'),
    Object.assign(new Error('Transaction is ongoing for the item'), { name: 'Error' }),
    Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    named('TransactionCanceledException', { CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }] }),
    named('TransactionCancelled', { codes: ['None', 'ThrottlingError'] }),
    named('SomethingNew', { $metadata: { httpStatusCode: 503 } }),
  ])('retries %s', (err) => {
    expect(isTransient(err)).toBe(true);
  });

  it.each([
    named('ConditionalCheckFailedException'),
    named('ValidationException', { $metadata: { httpStatusCode: 400 } }),
    named('TransactionCanceledException', { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'TransactionConflict' }] }),
    named('TransactionCancelled', { codes: ['ConditionalCheckFailed', 'None'] }),
    new NotFound('run x'),
    new RangeError('chunk 3 is outside the run'),
    'a string',
    null,
  ])('does not retry %s', (err) => {
    expect(isTransient(err)).toBe(false);
  });
});

describe('withRetry', () => {
  it('tries again after transient faults, with waits that double within their bound, and gives up after the attempts', async () => {
    const waits: number[] = [];
    const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 250, sleep: async (ms: number) => void waits.push(ms) };
    let calls = 0;
    const flaky = () => (++calls < 3 ? Promise.reject(named('ThrottlingException')) : Promise.resolve('stored'));

    await expect(withRetry(flaky, policy)).resolves.toBe('stored');
    expect(calls).toBe(3);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeLessThan(100);
    expect(waits[1]).toBeLessThan(200);

    calls = 0;
    waits.length = 0;
    await expect(withRetry(() => (calls++, Promise.reject(named('ThrottlingException'))), policy)).rejects.toThrow('ThrottlingException');
    expect(calls).toBe(4);
    expect(waits.every((w) => w < 250)).toBe(true);

    calls = 0;
    await expect(withRetry(() => (calls++, Promise.reject(named('ValidationException'))), policy)).rejects.toThrow('ValidationException');
    expect(calls).toBe(1);
  });
});
