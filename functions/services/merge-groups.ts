/**
 * How a run's chunk partials are merged: in groups first, then the groups. One merge that reads hundreds of
 * partials one after another takes a minute or more (each is megabytes to fetch, unzip, parse and fold), while a
 * group merge per group, all at once (the state machine's Groups map), followed by one merge of the group
 * partials takes the time of G chunks plus C / G groups. Without group merges (the local executor) the final
 * merge reads a group's chunks instead, so the groups change where the work is done, never a number: partials
 * merge exactly.
 *
 * The groups follow from the run's chunk count alone, so every step finds them without state of its own.
 */

/** At most this many groups: the state machine merges them in one inline Map, up to 40 at once. */
export const MAX_GROUPS = 40;

/**
 * About what reading and folding a group's partial costs against a chunk's, where it matters: its histograms
 * have more keys, the more so the larger the group (`npm run bench:cloud`, chunks of 1,954 trials: 0.11 s a
 * chunk, 0.56 s a group of 23 chunks, 0.97 s one of 51). G chunks a group and C / G groups take least time in
 * all near G = √(C × this); at 512 chunks, 16 groups of 32.
 */
export const GROUP_COST_IN_CHUNKS = 2;

/** Chunks [first, end) of a run, merged into one stored partial. */
export interface ChunkGroup {
  group: number;
  first: number;
  end: number;
}

/** The groups of a run of `chunks` chunks: √(chunks × GROUP_COST_IN_CHUNKS) chunks each, at most MAX_GROUPS. */
export function chunkGroups(chunks: number): ChunkGroup[] {
  if (!Number.isInteger(chunks) || chunks < 1) throw new RangeError(`chunks ${chunks} is not a whole number >= 1`);
  const size = Math.max(Math.ceil(Math.sqrt(chunks * GROUP_COST_IN_CHUNKS)), Math.ceil(chunks / MAX_GROUPS));
  const groups: ChunkGroup[] = [];
  for (let first = 0; first < chunks; first += size) groups.push({ group: groups.length, first, end: Math.min(chunks, first + size) });
  return groups;
}
