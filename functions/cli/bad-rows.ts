/**
 * The bad rows of a records file (model-spec section 6) as calibrate and backtest report them, in the language of
 * their `--lang`: one heading, one line per row with its row number and column, and how to go on.
 */
import type { Lang } from '../../presentation/numbers.js';
import type { RecordProblem } from '../../simulation/calibration/records.js';

const TEXT = {
  sv: {
    badRows: (n: number) => `Ogiltiga rader i filen (${n} fel):`,
    row: (row: number, column: string, message: string) => `  rad ${row}${column ? `, kolumn ${column}` : ''}: ${message}`,
    more: 'Fler fel finns; rätta dessa först eller använd --skip-bad-rows.',
    skipped: (n: number) => `Hoppade över ${n} ${n === 1 ? 'ogiltig rad' : 'ogiltiga rader'}.`,
  },
  en: {
    badRows: (n: number) => `Invalid rows in the file (${n} ${n === 1 ? 'problem' : 'problems'}):`,
    row: (row: number, column: string, message: string) => `  row ${row}${column ? `, column ${column}` : ''}: ${message}`,
    more: 'There may be more; fix these first or use --skip-bad-rows.',
    skipped: (n: number) => `Skipped ${n} bad ${n === 1 ? 'row' : 'rows'}.`,
  },
} as const;

/**
 * The message for a file with bad rows. The list is cut at 1,000 by parseRecords, ending in one "… and N more
 * problems" entry; the heading counts them all (`count`, parseRecords' problemCount).
 */
export function badRowsMessage(problems: RecordProblem[], count: number, lang: Lang): string {
  const t = TEXT[lang];
  const lines = [t.badRows(count), ...problems.map((p) => t.row(p.row, p.column, p.message))];
  if (problems.length >= 1000) lines.push(t.more);
  return lines.join('\n');
}

/** The line saying how many bad rows --skip-bad-rows dropped. */
export function skippedRowsLine(n: number, lang: Lang): string {
  return `${TEXT[lang].skipped(n)}\n`;
}
