/**
 * A Step Functions Catch's `{ Error, Cause }` in words. For an error a Lambda threw, Cause is the JSON the runtime
 * wrote (`errorType`, `errorMessage`, `trace`); for the service's own errors (States.Timeout, a Map over its
 * tolerated failures) it is plain text. The stack trace is left out: a user reads this on the run.
 */

const MAX_REASON = 500;

interface LambdaErrorPayload {
  errorType?: unknown;
  errorMessage?: unknown;
}

export function catchReason(error: { Error: string; Cause: string }): string {
  const name = error.Error.trim();
  const cause = error.Cause.trim();
  let message = cause;
  let type = name;
  const payload = parseJson(cause);
  if (payload && typeof payload.errorMessage === 'string') {
    message = payload.errorMessage;
    if (typeof payload.errorType === 'string' && payload.errorType) type = payload.errorType;
  }
  const text = message ? (type && type !== 'Error' && !message.includes(type) ? `${message} (${type})` : message) : type || 'unknown error';
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

function parseJson(text: string): LambdaErrorPayload | null {
  if (!text.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as LambdaErrorPayload) : null;
  } catch {
    return null;
  }
}
