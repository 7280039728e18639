/** The tenant's models, and adding one from a JSON file or from one of the two examples. */
import { useEffect, useState } from 'preact/hooks';
import { api, type ModelHead } from './api.js';
import { ErrorMessage } from './errors.js';
import { useFocusOnShow } from './focus.js';
import { fmt, t } from './i18n/index.js';
import { hrefOf } from './router.js';
import { latestRunDates } from './runs/latest-runs.js';

const EXAMPLES = {
  small: () => import('../../examples/small-municipality.json'),
  reference: () => import('../../examples/reference-midsize.json'),
  yearEnd: () => import('../../examples/arsprognos-november.json'),
} as const;

export function Models({ onOpen }: { onOpen: (id: string) => void }) {
  const s = t();
  const [models, setModels] = useState<ModelHead[] | null>(null);
  const [listError, setListError] = useState<unknown>(null);
  // An error is shown next to what caused it: the file form or the example buttons.
  const [addError, setAddError] = useState<{ from: 'file' | 'example'; error: unknown; model?: unknown } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [lastRuns, setLastRuns] = useState<Map<string, string> | null>(null);
  const heading = useFocusOnShow<HTMLHeadingElement>();

  const load = async () => {
    try {
      const items = (await api.listModels()).items;
      setModels(items);
      setListError(null);
      // The column fills in when the runs are read; a failure there leaves it empty rather than hiding the models.
      latestRunDates(items.map((m) => m.id)).then(setLastRuns, () => undefined);
    } catch (e) {
      setListError(e);
    }
  };
  useEffect(() => void load(), []);

  const add = async (model: unknown, from: 'file' | 'example') => {
    setBusy(true);
    setAddError(null);
    setNotice(null);
    try {
      await api.createModel(model);
      const name = (model as { name?: unknown }).name;
      setNotice(s.added(typeof name === 'string' ? name : ''));
      await load();
    } catch (error) {
      setAddError({ from, error, model });
    } finally {
      setBusy(false);
    }
  };

  const upload = async (e: Event) => {
    e.preventDefault();
    setNotice(null);
    if (!file) return setAddError({ from: 'file', error: new Error(s.chooseFile) });
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return setAddError({ from: 'file', error: new Error(s.notJson) });
    }
    await add(parsed, 'file');
  };

  const addExample = async (which: keyof typeof EXAMPLES) => {
    const mod = await EXAMPLES[which]();
    await add(mod.default, 'example');
  };

  return (
    <>
      <section aria-labelledby="models-title">
        <h1 id="models-title" ref={heading} tabIndex={-1}>
          {s.modelsTitle}
        </h1>
        <p>{s.modelsIntro}</p>
        <ErrorMessage error={listError} />
        {models && models.length === 0 && <p class="empty">{s.noModels}</p>}
        {models && models.length > 0 && (
          <table class="models">
            <thead>
              <tr>
                <th scope="col">{s.colName}</th>
                <th scope="col" class="num">
                  {s.colVersion}
                </th>
                <th scope="col">{s.colDate}</th>
                <th scope="col">{s.runsLastRun}</th>
                <th scope="col">
                  <span class="visually-hidden">{s.colAction}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {models.map((m) => (
                <tr key={m.id} data-model-id={m.id}>
                  <th scope="row">{m.name}</th>
                  <td class="num">{m.latestVersion}</td>
                  <td>{fmt.date(m.updatedAt)}</td>
                  <td data-field="last-run">{lastRuns ? (lastRuns.has(m.id) ? fmt.date(lastRuns.get(m.id)!) : s.runsNoRunYet) : ''}</td>
                  <td class="action">
                    <button type="button" aria-label={s.openModel(m.name)} onClick={() => onOpen(m.id)}>
                      {s.open}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section class="card" aria-labelledby="add-title">
        <h2 id="add-title">{s.addTitle}</h2>
        <div class="add-grid">
          <form onSubmit={upload} aria-labelledby="add-file-title">
            <h3 id="add-file-title">{s.addFromFile}</h3>
            <label for="model-file">{s.fileLabel}</label>
            <input
              id="model-file"
              type="file"
              accept="application/json,.json"
              aria-describedby="file-error"
              onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
            />
            <button type="submit" disabled={busy}>
              {s.upload}
            </button>
            <ErrorMessage
              error={addError?.from === 'file' ? addError.error : null}
              model={addError?.model}
              id="file-error"
              lead={s.invalidModel}
            />
          </form>
          <div role="group" aria-labelledby="add-example-title">
            <h3 id="add-example-title">{s.addFromExample}</h3>
            <div class="buttons">
              <button type="button" class="secondary" disabled={busy} onClick={() => void addExample('small')}>
                {s.exampleSmall}
              </button>
              <button type="button" class="secondary" disabled={busy} onClick={() => void addExample('reference')}>
                {s.exampleReference}
              </button>
              <button type="button" class="secondary" disabled={busy} onClick={() => void addExample('yearEnd')}>
                {s.exampleYearEnd}
              </button>
            </div>
            <ErrorMessage error={addError?.from === 'example' ? addError.error : null} model={addError?.model} lead={s.invalidModel} />
          </div>
        </div>
        <div aria-live="polite">{notice && <p class="notice">{notice}</p>}</div>
        <p class="records-links">
          <a href={hrefOf({ screen: 'calibrate' })}>{s.recModelsLink}</a> · <a href={hrefOf({ screen: 'backtest' })}>{s.recBacktestLink}</a>
          <br />
          <span class="muted">{s.recModelsLinkHelp}</span>
        </p>
      </section>
    </>
  );
}
