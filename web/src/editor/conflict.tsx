/**
 * A save refused because another version was saved meanwhile. Until the versions branch's ConflictView is wired
 * in, this shows both sets of changes side by side (presentation/model-diff), lets the user pick mine or theirs
 * where both changed the same thing, and rebases the draft on the other version with the merge: neither
 * person's changes are lost, and the merged draft is validated and saved like any other.
 */
import { useState } from 'preact/hooks';
import { diffModels, mergeModels, withValueAt } from '../../../presentation/model-diff.js';
import type { Model } from '../../../simulation/schema.js';
import type { ModelVersion } from '../api.js';
import { lang, t } from '../i18n/index.js';

export function Conflict({
  base,
  mine,
  theirs,
  onResolve,
}: {
  base: Model;
  mine: Model;
  theirs: ModelVersion;
  onResolve: (merged: Model) => void;
}) {
  const s = t();
  const { merged, conflicts } = mergeModels(base, mine, theirs.model);
  const [pick, setPick] = useState<Record<number, 'mine' | 'theirs'>>({});
  const resolve = () => {
    let out = merged;
    conflicts.forEach((c, i) => {
      if ((pick[i] ?? 'mine') === 'mine') out = withValueAt(out, c.path, c.mine);
    });
    onResolve(out);
  };
  const mineChanges = diffModels(base, mine, lang.value);
  const theirChanges = diffModels(base, theirs.model, lang.value);
  const show = (v: unknown) => (v === undefined ? '–' : JSON.stringify(v));
  return (
    <section class="ed-conflict" aria-labelledby="ed-conflict-title">
      <h4 id="ed-conflict-title" tabIndex={-1}>
        {s.edConflictTitle(theirs.version)}
      </h4>
      <p>{s.edConflictHelp}</p>
      <div class="ed-conflict-sides">
        <div>
          <h5>{s.edConflictMine}</h5>
          <ul>
            {mineChanges.map((c, i) => (
              <li key={i}>{c.text}</li>
            ))}
          </ul>
        </div>
        <div>
          <h5>{s.edConflictTheirs(theirs.version)}</h5>
          <ul>
            {theirChanges.map((c, i) => (
              <li key={i}>{c.text}</li>
            ))}
          </ul>
        </div>
      </div>
      {conflicts.map((c, i) => (
        <fieldset key={i} class="ed-list">
          <legend>{s.edConflictBoth(c.path.join(' › '))}</legend>
          <label class="ed-check">
            <input
              type="radio"
              name={`ed-conflict-${i}`}
              checked={(pick[i] ?? 'mine') === 'mine'}
              onChange={() => setPick({ ...pick, [i]: 'mine' })}
            />
            {s.edConflictKeepMine}: <code>{show(c.mine)}</code>
          </label>
          <label class="ed-check">
            <input
              type="radio"
              name={`ed-conflict-${i}`}
              checked={pick[i] === 'theirs'}
              onChange={() => setPick({ ...pick, [i]: 'theirs' })}
            />
            {s.edConflictKeepTheirs}: <code>{show(c.theirs)}</code>
          </label>
        </fieldset>
      ))}
      <button type="button" onClick={resolve}>
        {s.edConflictMerge}
      </button>
    </section>
  );
}
