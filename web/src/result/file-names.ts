/**
 * File names of a run's downloads: placeringsprognos-<model>-<run date>-<run id>[-<table>-<lang>].<ext>, in
 * plain ASCII so that every file system and mail client keeps them.
 */
const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** The day a run was made, from its id: run ids are ULIDs, whose first ten characters are the time in ms. */
export function runDay(runId: string): string | null {
  const head = runId.toLowerCase().slice(0, 10);
  if (head.length < 10) return null;
  let ms = 0;
  for (const ch of head) {
    const digit = CROCKFORD.indexOf(ch);
    if (digit < 0) return null;
    ms = ms * 32 + digit;
  }
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** "Liten kommun – Åre" → "liten-kommun-are". */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'modell'
  );
}

export function downloadName(modelName: string, runId: string, ext: string, parts: string[] = []): string {
  const day = runDay(runId);
  return ['placeringsprognos', slug(modelName), ...(day ? [day] : []), runId, ...parts].join('-') + '.' + ext;
}
