/** A Step Functions Catch's `{ Error, Cause }` read as the reason a user sees on a failed run. */
import { describe, expect, it } from 'vitest';
import { catchReason } from '../../functions/lambda/catch-reason.js';

const lambdaCause = (errorType: string, errorMessage: string) =>
  JSON.stringify({ errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`, '    at worker.ts:12:7'] });

describe('the reason read from a Catch', () => {
  it('takes the message a Lambda threw, without its stack trace', () => {
    expect(catchReason({ Error: 'Error', Cause: lambdaCause('Error', 'chunk 3 ran out of memory') })).toBe('chunk 3 ran out of memory');
  });

  it('names an error type that is not a plain Error', () => {
    const cause = lambdaCause('ChunksPending', 'chunks 1, 4 of run r1 are not stored; nothing was merged');

    expect(catchReason({ Error: 'ChunksPending', Cause: cause })).toBe(
      'chunks 1, 4 of run r1 are not stored; nothing was merged (ChunksPending)',
    );
  });

  it('keeps the plain text of a service error with its name', () => {
    expect(catchReason({ Error: 'States.ExceedToleratedFailureThreshold', Cause: 'The tolerated failure threshold was exceeded.' })).toBe(
      'The tolerated failure threshold was exceeded. (States.ExceedToleratedFailureThreshold)',
    );
  });

  it('falls back to the error name when there is no cause, and says so when there is neither', () => {
    expect(catchReason({ Error: 'States.Timeout', Cause: '' })).toBe('States.Timeout');
    expect(catchReason({ Error: '', Cause: '' })).toBe('unknown error');
  });

  it('reads a cause that only looks like JSON as text', () => {
    expect(catchReason({ Error: 'Lambda.Unknown', Cause: '{not json' })).toBe('{not json (Lambda.Unknown)');
  });

  it('shortens a very long message', () => {
    const reason = catchReason({ Error: 'Error', Cause: lambdaCause('Error', 'x'.repeat(2000)) });

    expect(reason).toHaveLength(500);
    expect(reason.endsWith('…')).toBe(true);
  });
});
