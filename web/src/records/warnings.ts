/**
 * The calibration's warnings sorted to what they concern: calibrate() starts a form's warning with "form <id>:"
 * and a segment's with "segment <id>:", so each can stand next to its chart; the rest are about the whole model.
 */
export interface SortedWarnings {
  forms: Map<string, string[]>;
  segments: Map<string, string[]>;
  other: string[];
}

export function sortWarnings(warnings: readonly string[]): SortedWarnings {
  const out: SortedWarnings = { forms: new Map(), segments: new Map(), other: [] };
  for (const w of warnings) {
    const m = /^(form|segment) ([^:]+): /.exec(w);
    if (!m) {
      out.other.push(w);
      continue;
    }
    const map = m[1] === 'form' ? out.forms : out.segments;
    map.set(m[2], [...(map.get(m[2]) ?? []), w]);
  }
  return out;
}
