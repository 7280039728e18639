/**
 * Keeping the calibrated model: as a new model (POST /models, exactly the model calibrate() made, with the
 * name typed here), or merged into an existing one (merge.ts; PUT with If-Match, validated first with the API's
 * own schema so a merge the API would refuse is explained here, field by field).
 */
import { useEffect, useState } from 'preact/hooks';
import type { FitReport } from '../../../simulation/calibration/calibrate.js';
import { parseModel, ValidationError, type Model } from '../../../simulation/schema.js';
import { api, ApiError, type ModelHead } from '../api.js';
import { ErrorMessage } from '../errors.js';
import { t } from '../i18n/index.js';
import { hrefOf } from '../router.js';
import { Field } from './field.js';
import { mergeCalibration } from './merge.js';

type Done = { id: string; text: string } | null;
/** A refusal with the model that was sent, so that its field issues are named by the forms' labels. */
type Refusal = { error: unknown; sent: unknown } | null;

export function SavePanel({ model, report }: { model: Model; report: FitReport }) {
  const s = t();
  const [name, setName] = useState(model.name);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Done>(null);
  const [saveError, setSaveError] = useState<Refusal>(null);
  const [models, setModels] = useState<ModelHead[]>([]);
  const [target, setTarget] = useState('');
  const [merged, setMerged] = useState<Done>(null);
  const [mergeError, setMergeError] = useState<Refusal>(null);

  useEffect(() => {
    api.listModels().then(
      (r) => setModels(r.items),
      () => setModels([]),
    );
  }, [saved, merged]);

  const saveNew = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setSaveError(null);
    setSaved(null);
    const m = { ...model, name: name.trim() || model.name };
    try {
      const { id } = await api.createModel(m);
      setSaved({ id, text: s.recSaved(m.name) });
    } catch (err) {
      setSaveError({ error: err, sent: m });
    } finally {
      setBusy(false);
    }
  };

  const merge = async (e: Event) => {
    e.preventDefault();
    if (!target) return;
    setBusy(true);
    setMergeError(null);
    setMerged(null);
    let sent: unknown = null;
    try {
      const current = await api.getModel(target);
      sent = mergeCalibration(current.model, model, report);
      let next: Model;
      try {
        next = parseModel(sent);
      } catch (err) {
        if (err instanceof ValidationError) throw new ApiError(400, s.recMergeInvalid, undefined, err.issues);
        throw err;
      }
      const { version } = await api.saveModel(target, current.version, next);
      setMerged({ id: target, text: s.recMerged(next.name, version) });
    } catch (err) {
      setMergeError({ error: err instanceof ApiError && err.status === 409 ? new Error(s.recMergeConflict) : err, sent });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="save-title">
      <h2 id="save-title">{s.recSaveTitle}</h2>
      <div class="add-grid">
        <form onSubmit={saveNew} aria-labelledby="save-new-title">
          <h3 id="save-new-title">{s.recSaveNewTitle}</h3>
          <Field id="rec-name" label={s.recName} value={name} onInput={setName} />
          <button type="submit" disabled={busy}>
            {s.recSaveNew}
          </button>
          <ErrorMessage error={saveError?.error} model={saveError?.sent} />
          <div aria-live="polite">
            {saved && (
              <p class="notice">
                {saved.text} <a href={hrefOf({ screen: 'model', id: saved.id })}>{s.recOpenSaved}</a>
              </p>
            )}
          </div>
        </form>
        <form onSubmit={merge} aria-labelledby="merge-title">
          <h3 id="merge-title">{s.recMergeTitle}</h3>
          <div class="field">
            <label for="merge-target">{s.recMergeTarget}</label>
            <select id="merge-target" value={target} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
              <option value="">{s.recMergeChoose}</option>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <p class="help" data-field="merge-replaces">
            {s.recMergeReplaces}
          </p>
          <p class="help" data-field="merge-keeps">
            {s.recMergeKeeps}
          </p>
          <button type="submit" class="secondary" disabled={busy || !target}>
            {s.recMerge}
          </button>
          <ErrorMessage error={mergeError?.error} model={mergeError?.sent} />
          <div aria-live="polite">
            {merged && (
              <p class="notice">
                {merged.text} <a href={hrefOf({ screen: 'model', id: merged.id })}>{s.recOpenSaved}</a>
              </p>
            )}
          </div>
        </form>
      </div>
    </section>
  );
}
