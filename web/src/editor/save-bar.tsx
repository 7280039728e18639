/**
 * Saving the draft as a new version with If-Match of its base. An invalid draft is never sent: the button says
 * why and lists the errors. A 409 means someone saved in between: the latest version is fetched and both are
 * shown side by side (ConflictView of web/src/versions), and nothing of either is lost.
 */
import { useState } from 'preact/hooks';
import type { Model } from '../../../simulation/schema.js';
import { api, ApiError, type ModelVersion } from '../api.js';
import { ErrorMessage } from '../errors.js';
import { t } from '../i18n/index.js';
import { ConflictView } from '../versions/conflict-view.js';
import type { Draft } from './draft.js';
import { forgetDrafts } from './draft-store.js';
import { IssueList } from './issue-list.js';

export function SaveBar({ draft, onSaved }: { draft: Draft; onSaved: (saved: ModelVersion) => void }) {
  const s = t();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const [blocked, setBlocked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<{ theirs: ModelVersion; mine: Model; base: Model } | null>(null);
  const [merged, setMerged] = useState<number | null>(null);
  const issues = draft.issues.value;
  const invalid = issues.length > 0;

  const save = async () => {
    setSaved(null);
    setMerged(null);
    setError(null);
    const model = draft.valid.value;
    if (!model) {
      setBlocked(true);
      document.getElementById('ed-issues')?.focus();
      return;
    }
    setBlocked(false);
    setSaving(true);
    try {
      const r = await api.saveModel(draft.modelId, draft.base.value.version, model);
      draft.rebase(r.version, model);
      forgetDrafts(draft.modelId);
      setConflict(null);
      setSaved(r.version);
      onSaved({ id: draft.modelId, version: r.version, createdAt: new Date().toISOString(), model });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        try {
          setConflict({ theirs: await api.getModel(draft.modelId), mine: model, base: draft.base.value.model });
        } catch (e2) {
          setError(e2);
        }
      } else setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div class="ed-save">
      {invalid && (
        <div class="error" id="ed-issues" tabIndex={-1} role={blocked ? 'alert' : undefined}>
          <p>{blocked ? s.edBlocked : s.edIssues(issues.length)}</p>
          <IssueList model={draft.value.value} issues={issues} />
        </div>
      )}
      <div class="buttons">
        <button type="button" disabled={saving} class={invalid ? 'blocked' : undefined} onClick={() => void save()}>
          {saving ? s.edSaving : s.edSave}
        </button>
      </div>
      <p role="status" class={saved !== null || merged !== null ? 'notice' : 'help'}>
        {saved !== null
          ? s.edSaved(saved)
          : merged !== null
            ? s.edConflictResolved(merged)
            : draft.dirty.value
              ? s.edDraftKept
              : s.edNoChanges}
      </p>
      <ErrorMessage error={error} model={draft.value.value} />
      {conflict && (
        <ConflictView
          base={conflict.base}
          baseVersion={draft.base.value.version}
          mine={conflict.mine}
          theirs={conflict.theirs}
          onResolve={(m, version) => {
            draft.rebase(version, conflict.theirs.model, m);
            setMerged(version);
            setConflict(null);
          }}
          onDiscard={() => {
            // Their version becomes the draft; mine is one undo away, not gone.
            draft.rebase(conflict.theirs.version, conflict.theirs.model, conflict.theirs.model);
            setConflict(null);
          }}
        />
      )}
    </div>
  );
}
