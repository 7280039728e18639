/**
 * The defaults of the option presets and their sources, read from the tables of docs/options.md, so that the
 * page shows beside each parameter the same source the documentation gives, from one text. A section heading
 * names its preset's kind (`kind \`placementController\``); each table row names its fields in backticks.
 */
export interface ParameterSource {
  /** The default as the documentation writes it: "pert 700,000 / 800,000 / 900,000". */
  default: string;
  unit: string;
  source: string;
}

/** kind -> field name (as in the preset's config, e.g. "sellFreePlaces.pricePerDay") -> its row. */
export type OptionSources = Record<string, Record<string, ParameterSource>>;

const plain = (cell: string): string => cell.replace(/`/g, '').trim();

export function parseOptionSources(markdown: string): OptionSources {
  const out: OptionSources = {};
  let kind: string | null = null;
  for (const line of markdown.split(/\r?\n/)) {
    if (line.startsWith('#')) {
      const m = /kind `(\w+)`/.exec(line);
      kind = line.startsWith('## ') ? (m ? m[1] : null) : kind;
      continue;
    }
    if (!kind || !line.startsWith('|')) continue;
    const cells = line.split('|').slice(1, -1);
    if (cells.length < 4 || /^\s*-+\s*$/.test(cells[0]) || plain(cells[0]) === 'field') continue;
    const names = [...cells[0].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const row: ParameterSource = { default: plain(cells[1]), unit: plain(cells[2]), source: plain(cells.slice(3).join('|')) };
    out[kind] ??= {};
    for (const name of names) out[kind][name] = row;
  }
  return out;
}
