/** Versions in ETag and If-Match: a model version n is the entity tag `"n"`. */
import { BadRequest, PreconditionRequired } from './errors.js';

export const etag = (version: number): string => `"${version}"`;

const SEND = 'send the version you edited, as GET returned it in ETag (e.g. If-Match: "3")';
/** One entity tag as `etag` writes it, strong or weak: versions never change, so weak and strong comparison agree. */
const VERSION_TAG = /^(?:W\/)?"([1-9][0-9]{0,14})"$/;

/**
 * The version an If-Match names. Missing, or `*` (any version at all): 428, since such a save could overwrite
 * blindly. Anything but one version's tag is refused as written (400), where reading it as a number took `"0x3"`,
 * `"1e0"` or a bare 3 for a version.
 */
export function ifMatchVersion(header: string | undefined): number {
  const value = header?.trim() ?? '';
  if (value === '') throw new PreconditionRequired(`Send If-Match with the version you edited: ${SEND}.`);
  if (value === '*') throw new PreconditionRequired(`If-Match: * would save over whichever version is there; ${SEND}.`);
  const match = VERSION_TAG.exec(value);
  if (!match) throw new BadRequest(`If-Match must be one version's entity tag, ${JSON.stringify(value.slice(0, 40))} is not; ${SEND}.`);
  return Number(match[1]);
}
