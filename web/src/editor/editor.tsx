/**
 * The model editor: every assumption of the model in collapsible sections, validated on every change with the
 * engine's schema, with undo and redo, a draft kept in this browser, and saving as a new version. The draft is
 * published in current.ts for the live preview.
 */
import { effect } from '@preact/signals';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, type ModelVersion } from '../api.js';
import { ErrorMessage } from '../errors.js';
import { t } from '../i18n/index.js';
import { CaseloadSection } from './caseload-section.js';
import { DraftContext } from './context.js';
import { createDraft } from './draft.js';
import { findDraft, forgetDrafts, storeDraft, type StoredDraft } from './draft-store.js';
import { draftDirty, draftModel, validDraft } from './current.js';
import { FormsSection } from './forms-section.js';
import { BudgetSection, GeneralSection, SegmentsSection } from './general-section.js';
import { InflowSection } from './inflow-section.js';
import { OptionsSection } from './options-section.js';
import { RestoreOffer } from './restore.js';
import { SaveBar } from './save-bar.js';

export function ModelEditor({ model, onSaved }: { model: ModelVersion; onSaved: (saved: ModelVersion) => void }) {
  const s = t();
  const draft = useMemo(() => createDraft(model.id, model.version, model.model), [model.id]);
  const [offer, setOffer] = useState<StoredDraft | null>(() => {
    const stored = findDraft(model.id);
    return stored && JSON.stringify(stored.model) !== JSON.stringify(model.model) ? stored : null;
  });
  const [restoreError, setRestoreError] = useState<unknown>(null);

  // Kept in this browser on every change; not while the offer to restore an older draft stands, which would
  // otherwise be overwritten by the unchanged model before the user has answered.
  useEffect(() => {
    if (offer) return;
    return effect(() => {
      if (draft.dirty.value) storeDraft(draft.modelId, draft.base.value.version, draft.value.value);
      else forgetDrafts(draft.modelId);
    });
  }, [draft, offer]);

  useEffect(() => {
    const stop = effect(() => {
      validDraft.value = draft.valid.value;
      draftModel.value = draft.value.value;
      draftDirty.value = draft.dirty.value;
    });
    return () => {
      stop();
      validDraft.value = null;
      draftModel.value = undefined;
      draftDirty.value = false;
    };
  }, [draft]);

  const restore = async (stored: StoredDraft) => {
    try {
      // A draft made on an older version keeps that version as its base, so saving it meets the newer one
      // as a conflict instead of overwriting it.
      const base =
        stored.baseVersion === draft.base.value.version ? draft.base.value : await api.getModelVersion(model.id, stored.baseVersion);
      draft.rebase(base.version, base.model, stored.model);
      setOffer(null);
    } catch (e) {
      setRestoreError(e);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) {
      e.preventDefault();
      draft.undo();
    } else if ((key === 'z' && e.shiftKey) || key === 'y') {
      e.preventDefault();
      draft.redo();
    }
  };

  return (
    <DraftContext.Provider value={draft}>
      <section class="card ed" aria-labelledby="ed-title" onKeyDown={onKeyDown}>
        <h2 id="ed-title">
          {s.edTitle} {draft.dirty.value && <span class="ed-badge unsaved">{s.edUnsaved}</span>}
        </h2>
        <p class="help">{s.edIntro}</p>
        {offer && (
          <RestoreOffer
            stored={offer}
            latest={model.version}
            onRestore={() => void restore(offer)}
            onDiscard={() => {
              forgetDrafts(model.id);
              setOffer(null);
            }}
          />
        )}
        <ErrorMessage error={restoreError} />
        <div class="buttons ed-history">
          <button
            type="button"
            class="secondary small"
            disabled={!draft.canUndo.value}
            onClick={() => draft.undo()}
            aria-describedby="ed-undo-help"
          >
            {s.edUndo}
          </button>
          <button
            type="button"
            class="secondary small"
            disabled={!draft.canRedo.value}
            onClick={() => draft.redo()}
            aria-describedby="ed-undo-help"
          >
            {s.edRedo}
          </button>
          <span class="help" id="ed-undo-help">
            {s.edUndoHelp}
          </span>
        </div>
        <GeneralSection />
        <BudgetSection />
        <SegmentsSection />
        <FormsSection />
        <InflowSection />
        <CaseloadSection />
        <OptionsSection />
        <SaveBar draft={draft} onSaved={onSaved} />
      </section>
    </DraftContext.Provider>
  );
}
