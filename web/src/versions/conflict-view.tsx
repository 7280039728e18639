/**
 * A save that met a newer version (409): my changes and theirs side by side, each as changed assumptions in words
 * (both against the version I started from), the fields we both changed with a choice per field, and the two ways
 * on: my changes on top of their version (the caller saves that with If-Match of their version), or mine thrown
 * away. Nothing here saves: the caller does, so this view serves the editor's save and any later one alike.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { diffModels, mergeModels, withValueAt, type ModelChange, type ModelPath } from '../../../presentation/model-diff.js';
import { parseModel, ValidationError, type Model } from '../../../simulation/schema.js';
import { api, ApiError } from '../api.js';
import { ErrorMessage } from '../errors.js';
import { lang, t } from '../i18n/index.js';
import { savedText } from './saved-text.js';

/** The version that was saved meanwhile, as GET /api/v1/models/{id} answers it; `savedBy` from the history. */
export interface TheirVersion {
  /** The model's id: with it, who saved the version is looked up when `savedBy` is not given. */
  id?: string;
  version: number;
  model: Model;
  createdAt?: string;
  savedBy?: string;
}

export interface ConflictViewProps {
  /** The version I started editing from. */
  base: Model;
  /** Its number, for the lead ("you started from version 3"); optional. */
  baseVersion?: number;
  /** My edited model, not saved. */
  mine: Model;
  theirs: TheirVersion;
  /** My changes on top of theirs, every conflict decided, already valid: save it with If-Match `"<version>"`. */
  onResolve: (merged: Model, version: number) => void;
  /** Throw my changes away (the caller goes on from their version). */
  onDiscard: () => void;
}

type Choice = 'mine' | 'theirs';

const pathKey = (p: ModelPath): string => p.join('\u0000');
const within = (inner: ModelPath, outer: ModelPath): boolean => outer.every((x, i) => inner[i] === x);

/** The words of the changes at or under a conflict's path, or the removal of the thing. */
function wordsAt(changes: ModelChange[], path: ModelPath, removed: string): string {
  const found = changes.filter((c) => within(c.path, path) || within(path, c.path));
  return found.length > 0 ? found.map((c) => c.text).join('; ') : removed;
}

export function ConflictView({ base, baseVersion, mine, theirs, onResolve, onDiscard }: ConflictViewProps) {
  const s = t();
  const l = lang.value;
  const [who, setWho] = useState<{ createdAt?: string; savedBy?: string }>({ createdAt: theirs.createdAt, savedBy: theirs.savedBy });
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setWho({ createdAt: theirs.createdAt, savedBy: theirs.savedBy });
    if (theirs.savedBy !== undefined || theirs.id === undefined) return;
    let current = true;
    // The newest few are enough: theirs is the latest, unless yet another save came meanwhile.
    api.listVersions(theirs.id, undefined, 5).then(
      (page) => {
        const entry = page.items.find((v) => v.version === theirs.version);
        if (current && entry) setWho({ createdAt: entry.createdAt, savedBy: entry.savedBy });
      },
      () => undefined, // who saved it is a courtesy; the view works without it
    );
    return () => {
      current = false;
    };
  }, [theirs.id, theirs.version]);

  const mineChanges = useMemo(() => diffModels(base, mine, l), [base, mine, l]);
  const theirChanges = useMemo(() => diffModels(base, theirs.model, l), [base, theirs.model, l]);
  const { merged, conflicts } = useMemo(() => mergeModels(base, mine, theirs.model), [base, mine, theirs.model]);
  const open = conflicts.filter((c) => choices[pathKey(c.path)] === undefined).length;
  const saved = who.createdAt ? savedText({ createdAt: who.createdAt, savedBy: who.savedBy }, l, s) : (who.savedBy ?? '');
  const inConflict = (c: ModelChange) => conflicts.some((x) => within(c.path, x.path) || within(x.path, c.path));

  const apply = () => {
    setError(null);
    const chosen = conflicts.reduce((m, c) => (choices[pathKey(c.path)] === 'mine' ? withValueAt(m, c.path, c.mine) : m), merged);
    try {
      onResolve(parseModel(chosen), theirs.version);
    } catch (e) {
      // Two edits that are each valid can together break a rule across fields (a step-down to a removed form).
      setError(e instanceof ValidationError ? new ApiError(400, s.verMergedInvalid, undefined, e.issues) : e);
    }
  };

  const changeList = (changes: ModelChange[]) =>
    changes.length === 0 ? (
      <p class="empty">{s.verNone}</p>
    ) : (
      <ul class="changes">
        {changes.map((c) => (
          <li key={pathKey(c.path)} class={inConflict(c) ? 'both' : undefined}>
            {c.text}
          </li>
        ))}
      </ul>
    );

  return (
    <section class="card conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{s.verConflictTitle}</h2>
      <p>{s.verConflictLead(baseVersion ?? theirs.version - 1, theirs.version, saved)}</p>
      <div class="conflict-sides">
        <section aria-labelledby="conflict-mine">
          <h3 id="conflict-mine">{s.verMine}</h3>
          {changeList(mineChanges)}
        </section>
        <section aria-labelledby="conflict-theirs">
          <h3 id="conflict-theirs">{s.verTheirs(theirs.version, saved)}</h3>
          {changeList(theirChanges)}
        </section>
      </div>
      {conflicts.length > 0 && (
        <div class="conflict-choices">
          <h3>{s.verBothTitle}</h3>
          <p class="help">{s.verBothHelp}</p>
          {conflicts.map((c, i) => {
            const key = pathKey(c.path);
            const name = `conflict-${i}`;
            return (
              <fieldset key={key} class="conflict-field" data-path={c.path.join('.')}>
                <legend class="visually-hidden">{wordsAt(theirChanges, c.path, s.verRemoved)}</legend>
                <label>
                  <input
                    type="radio"
                    name={name}
                    checked={choices[key] === 'mine'}
                    onChange={() => setChoices((x) => ({ ...x, [key]: 'mine' }))}
                  />
                  <span>
                    <strong>{s.verKeepMine}:</strong> {wordsAt(mineChanges, c.path, s.verRemoved)}
                  </span>
                </label>
                <label>
                  <input
                    type="radio"
                    name={name}
                    checked={choices[key] === 'theirs'}
                    onChange={() => setChoices((x) => ({ ...x, [key]: 'theirs' }))}
                  />
                  <span>
                    <strong>{s.verKeepTheirs(theirs.version)}:</strong> {wordsAt(theirChanges, c.path, s.verRemoved)}
                  </span>
                </label>
              </fieldset>
            );
          })}
        </div>
      )}
      <ErrorMessage error={error} model={merged} lead={s.verMergedInvalid} />
      <div class="buttons">
        <button type="button" disabled={open > 0} aria-describedby={open > 0 ? 'conflict-open' : undefined} onClick={apply}>
          {s.verApply(theirs.version)}
        </button>
        <button type="button" class="secondary" onClick={onDiscard}>
          {s.verDiscard}
        </button>
      </div>
      {open > 0 && (
        <p class="help" id="conflict-open">
          {s.verChooseAll(open)}
        </p>
      )}
    </section>
  );
}
