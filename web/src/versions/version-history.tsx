/**
 * A model's versions, newest first, and the difference between two of them as a list of changed assumptions in
 * words (presentation/model-diff.ts). Picked like a wiki's history: a "from" and a "to" per row, by default the
 * latest against the one before. The two models are fetched once each (runs/versions.ts) and compared here.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { diffModels } from '../../../presentation/model-diff.js';
import { api, type ModelVersion, type VersionEntry } from '../api.js';
import { ErrorMessage } from '../errors.js';
import { lang, t } from '../i18n/index.js';
import { LoadProblem } from '../load-problem.js';
import { hrefOf } from '../router.js';
import { modelVersion } from '../runs/versions.js';
import { savedText, whenText } from './saved-text.js';

export function VersionHistory({ id }: { id: string }) {
  const s = t();
  const [latest, setLatest] = useState<ModelVersion | null>(null);
  const [items, setItems] = useState<VersionEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    Promise.all([api.getModel(id), api.listVersions(id)]).then(([head, page]) => {
      setLatest(head);
      setItems(page.items);
      setCursor(page.cursor);
      const newest = page.items[0]?.version ?? head.version;
      setTo(newest);
      setFrom(newest > 1 ? newest - 1 : newest);
    }, setLoadError);
  }, [id]);
  useEffect(() => heading.current?.focus(), [latest]);

  const more = async () => {
    setBusy(true);
    setMoreError(null);
    try {
      const page = await api.listVersions(id, cursor);
      setItems((before) => [...(before ?? []), ...page.items]);
      setCursor(page.cursor);
    } catch (e) {
      setMoreError(e);
    } finally {
      setBusy(false);
    }
  };

  if (loadError) return <LoadProblem error={loadError} what="model" />;
  if (!latest || !items) return null;
  // Most models keep their name: a column repeating it would only crowd the dates out.
  const renamed = items.some((v) => v.name !== latest.model.name);

  return (
    <section aria-labelledby="versions-title">
      <p>
        <a href={hrefOf({ screen: 'model', id })}>{s.verBack}</a>
      </p>
      <h1 id="versions-title" ref={heading} tabIndex={-1}>
        {s.verTitle(latest.model.name)}
      </h1>
      <p class="description">{s.verIntro}</p>
      <div class="versions-grid">
        <div class="table-scroll">
          <table class="models versions-table">
            <thead>
              <tr>
                <th scope="col">{s.verColFrom}</th>
                <th scope="col">{s.verColTo}</th>
                <th scope="col">{s.verColVersion}</th>
                <th scope="col">{s.verColSaved}</th>
                <th scope="col">{s.verColBy}</th>
                {renamed && <th scope="col">{s.verColName}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((v) => (
                <tr key={v.version} data-version={v.version} class={v.version === from || v.version === to ? 'picked' : undefined}>
                  <td class="pick">
                    <input
                      type="radio"
                      name="from"
                      aria-label={s.verPickFrom(v.version)}
                      checked={from === v.version}
                      onChange={() => setFrom(v.version)}
                    />
                  </td>
                  <td class="pick">
                    <input
                      type="radio"
                      name="to"
                      aria-label={s.verPickTo(v.version)}
                      checked={to === v.version}
                      onChange={() => setTo(v.version)}
                    />
                  </td>
                  <th scope="row" class="num">
                    {v.version}
                    {v.version === latest.version && <span class="muted latest">{s.verLatest}</span>}
                  </th>
                  <td class="when">{whenText(v.createdAt, lang.value)}</td>
                  <td>{v.savedBy ?? s.verUnknownBy}</td>
                  {renamed && <td>{v.name}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          {cursor && (
            <p>
              <button type="button" class="secondary" disabled={busy} onClick={more}>
                {busy ? s.verLoading : s.verMore}
              </button>
            </p>
          )}
          <ErrorMessage error={moreError} />
        </div>
        {items.length < 2 ? (
          <p class="empty">{s.verOnlyOne}</p>
        ) : (
          from !== null && to !== null && <VersionDiff id={id} from={from} to={to} entries={items} />
        )}
      </div>
    </section>
  );
}

/** The changed assumptions from one version to another; the two models are fetched (once each) when picked. */
function VersionDiff({ id, from, to, entries }: { id: string; from: number; to: number; entries: VersionEntry[] }) {
  const s = t();
  const [models, setModels] = useState<{ from: ModelVersion; to: ModelVersion } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    setError(null);
    Promise.all([modelVersion(id, from), modelVersion(id, to)]).then(
      ([a, b]) => current && setModels({ from: a, to: b }),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [id, from, to]);
  const ready = models !== null && models.from.version === from && models.to.version === to;
  const changes = useMemo(() => (ready ? diffModels(models.from.model, models.to.model, lang.value) : []), [ready, models, lang.value]);
  const entry = (n: number) => entries.find((e) => e.version === n);
  const saved = (n: number) => {
    const e = entry(n);
    return e ? savedText(e, lang.value, s) : '';
  };

  return (
    <section class="card version-diff" aria-labelledby="diff-title" aria-busy={ready ? undefined : true}>
      <h2 id="diff-title">{s.verDiffTitle(from, to)}</h2>
      <p class="muted">
        {s.verNumber(from)}: {saved(from)}
        <br />
        {s.verNumber(to)}: {saved(to)}
      </p>
      {from > to && <p class="help">{s.verDiffBackwards}</p>}
      <ErrorMessage error={error} />
      {ready &&
        (changes.length === 0 ? (
          <p class="empty">{s.verNoChanges}</p>
        ) : (
          <>
            <p class="change-count">{s.verChangeCount(changes.length)}</p>
            <ul class="changes">
              {changes.map((c) => (
                <li key={c.path.join('\u0000')}>{c.text}</li>
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}
