/**
 * The Monte Carlo error of a mean, as a small note beside it: how far the figure could move with other random
 * numbers, so a reader can tell whether more trials would change the picture.
 */
import { fmt, t } from '../i18n/index.js';

export function McNote({ error, field = 'mc-error' }: { error: number; field?: string }) {
  const s = t();
  return (
    <p class="mc-note" data-field={field}>
      {s.mcLabel}: <abbr title={s.mcExplain}>{s.mcValue(fmt.msekError(error))}</abbr>
    </p>
  );
}
