/** Versions in ETag and If-Match: a model version n is the entity tag `"n"`. */
import { PreconditionRequired } from './errors.js';

export const etag = (version: number): string => `"${version}"`;

/**
 * The version an If-Match names. A weak tag (W/"3") counts as its version: versions never change, so weak and
 * strong comparison agree. Missing or not a version: 428, since a save without it could overwrite blindly.
 */
export function ifMatchVersion(header: string | undefined): number {
  const expected = header === undefined ? NaN : Number(header.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(expected) || expected < 1) {
    throw new PreconditionRequired('Send If-Match with the version you edited, as GET returned it in ETag (e.g. If-Match: "3").');
  }
  return expected;
}
