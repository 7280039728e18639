/**
 * simulate's progress bar on standard error, in the language of `--lang`, drawn only when standard error is a
 * terminal (a log file or a pipe gets nothing). Swedish says "simuleringar" for trials, as the page does.
 */
import cliProgress from 'cli-progress';
import type { Lang } from '../../presentation/numbers.js';

export const PROGRESS_FORMAT: Record<Lang, string> = {
  sv: 'Simulerar [{bar}] {percentage} % · {value}/{total} simuleringar · {eta_formatted} kvar',
  en: 'Simulating [{bar}] {percentage}% · {value}/{total} trials · {eta_formatted} left',
};

/** The bar, or null when the stream is not a terminal. */
export function progressBar(lang: Lang, stream: NodeJS.WritableStream & { isTTY?: boolean }): cliProgress.SingleBar | null {
  if (!stream.isTTY) return null;
  return new cliProgress.SingleBar({ format: PROGRESS_FORMAT[lang], stream, hideCursor: true }, cliProgress.Presets.shades_classic);
}
