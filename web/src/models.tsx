/** The tenant's models, and adding one from a JSON file or from one of the two examples. */
import { useEffect, useState } from 'preact/hooks';
import { api, type ModelHead } from './api.js';
import { ErrorMessage } from './errors.js';
import { fmt, t } from './i18n.js';

const EXAMPLES = {
  small: () => import('../../examples/small-municipality.json'),
  reference: () => import('../../examples/reference-midsize.json'),
} as const;

export function Models({ onOpen }: { onOpen: (id: string) => void }) {
  const s = t();
  const [models, setModels] = useState<ModelHead[] | null>(null);
  const [listError, setListError] = useState<unknown>(null);
  const [addError, setAddError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      setModels((await api.listModels()).items);
      setListError(null);
    } catch (e) {
      setListError(e);
    }
  };
  useEffect(() => void load(), []);

  const add = async (model: unknown) => {
    setBusy(true);
    setAddError(null);
    setNotice(null);
    try {
      await api.createModel(model);
      const name = (model as { name?: unknown }).name;
      setNotice(s.added(typeof name === 'string' ? name : ''));
      await load();
    } catch (e) {
      setAddError(e);
    } finally {
      setBusy(false);
    }
  };

  const upload = async (e: Event) => {
    e.preventDefault();
    if (!file) return setAddError(new Error(s.chooseFile));
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return setAddError(new Error(s.notJson));
    }
    await add(parsed);
  };

  const addExample = async (which: keyof typeof EXAMPLES) => {
    const mod = await EXAMPLES[which]();
    await add(mod.default);
  };

  return (
    <>
      <section aria-labelledby="models-title">
        <h1 id="models-title">{s.modelsTitle}</h1>
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
              aria-describedby="add-error"
              onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
            />
            <button type="submit" disabled={busy}>
              {s.upload}
            </button>
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
            </div>
          </div>
        </div>
        <div aria-live="polite">{notice && <p class="notice">{notice}</p>}</div>
        <ErrorMessage error={addError} id="add-error" lead={s.invalidModel} />
      </section>
    </>
  );
}
