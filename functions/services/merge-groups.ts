/**
 * How a run's chunk partials are merged: in groups first, then the groups. One merge that reads hundreds of
 * partials one after another takes minutes (each is megabytes to fetch, unzip, parse and fold), while a group
 * merge per group, all at once (the state machine's Groups map), followed by one merge of the group partials
 * takes about twice the square root of that. Without group merges (the local executor) the final merge reads a
 * group's chunks instead, so the groups change where the work is done, never a number: partials merge exactly.
 *
 * The groups follow from the run's chunk count alone, so every step finds them without state of its own.
 */

/** At most this many groups: the state machine merges them in one inline Map, up to 40 at once. */
export const MAX_GROUPS = 40;

/** Chunks [first, end) of a run, merged into one stored partial. */
export interface ChunkGroup {
  group: number;
  first: number;
  end: number;
}

/** The groups of a run of `chunks` chunks: about √chunks of about √chunks each, at most MAX_GROUPS. */
export function chunkGroups(chunks: number): ChunkGroup[] {
  if (!Number.isInteger(chunks) || chunks < 1) throw new RangeError(`chunks ${chunks} is not a whole number >= 1`);
  const size = Math.max(Math.ceil(Math.sqrt(chunks)), Math.ceil(chunks / MAX_GROUPS));
  const groups: ChunkGroup[] = [];
  for (let first = 0; first < chunks; first += size) groups.push({ group: groups.length, first, end: Math.min(chunks, first + size) });
  return groups;
}
