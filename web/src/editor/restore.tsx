/** The offer to bring back unsaved changes kept in this browser ("Du har osparade ändringar från …"). */
import { lang, t } from '../i18n/index.js';
import type { StoredDraft } from './draft-store.js';

export function RestoreOffer({
  stored,
  latest,
  onRestore,
  onDiscard,
}: {
  stored: StoredDraft;
  latest: number;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  const s = t();
  const when = new Intl.DateTimeFormat(lang.value === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(stored.savedAt),
  );
  return (
    <div class="ed-restore" role="status">
      <p>
        <strong>{s.edRestoreTitle(when)}</strong>
        {stored.baseVersion !== latest && <> {s.edRestoreOlder(stored.baseVersion, latest)}</>}
      </p>
      <div class="buttons">
        <button type="button" onClick={onRestore}>
          {s.edRestore}
        </button>
        <button type="button" class="secondary" onClick={onDiscard}>
          {s.edDiscard}
        </button>
      </div>
    </div>
  );
}
