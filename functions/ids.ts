/**
 * Ids of models, runs and tokens: ULIDs, lower case. Monotonic, so ids made in the same millisecond still sort
 * in the order they were made (run listings are ordered by id).
 */
import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

export function newId(now: Date): string {
  return next(now.getTime()).toLowerCase();
}
