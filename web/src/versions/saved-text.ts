/** When and by whom a version was saved, in the words the history and the conflict view share. */
import type { Lang } from '../i18n/index.js';
import type { t } from '../i18n/index.js';

const formats = new Map<Lang, Intl.DateTimeFormat>();

/** Date and time: two saves on one day are told apart by the time. */
export function whenText(iso: string, lang: Lang): string {
  let f = formats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    formats.set(lang, f);
  }
  return f.format(new Date(iso));
}

export function savedText(v: { createdAt: string; savedBy?: string }, lang: Lang, s: ReturnType<typeof t>): string {
  return s.verSavedAt(whenText(v.createdAt, lang), v.savedBy);
}
