/**
 * Downloads of a finished run: CSV for Swedish Excel and in English (of a chosen table), the JSON result and the
 * Excel workbook. Each file is fetched with the token in the Authorization header (never in a URL), then saved
 * through a Blob URL and a temporary <a download>. A failure is shown next to its button.
 */
import { useState } from 'preact/hooks';
import { api, type ModelVersion } from '../api.js';
import { ErrorMessage } from '../errors.js';
import { lang, t } from '../i18n/index.js';
import { downloadName } from './file-names.js';

/** The tables of result.csv (docs/csv.md). */
type Table = 'periods' | 'monthly' | 'delta';
type Kind = 'csv-sv' | 'csv-en' | 'json' | 'xlsx';

export function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click is handled; the URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Downloads({ runId, model }: { runId: string; model: ModelVersion }) {
  const s = t();
  const [table, setTable] = useState<Table>('periods');
  const [busy, setBusy] = useState<Kind | null>(null);
  const [failed, setFailed] = useState<{ kind: Kind; error: unknown } | null>(null);
  const base = `/api/v1/runs/${encodeURIComponent(runId)}`;
  const name = model.model.name;

  const files: Record<Kind, { label: string; path: () => string; file: () => string }> = {
    'csv-sv': {
      label: s.dlCsvSv,
      path: () => `${base}/result.csv?table=${table}&locale=sv`,
      file: () => downloadName(name, runId, 'csv', [table, 'sv']),
    },
    'csv-en': {
      label: s.dlCsvEn,
      path: () => `${base}/result.csv?table=${table}&locale=en`,
      file: () => downloadName(name, runId, 'csv', [table, 'en']),
    },
    json: { label: s.dlJson, path: () => `${base}/result`, file: () => downloadName(name, runId, 'json') },
    xlsx: {
      label: s.dlXlsx,
      path: () => `${base}/result.xlsx?lang=${lang.value}`,
      file: () => downloadName(name, runId, 'xlsx', [lang.value]),
    },
  };

  const get = async (kind: Kind) => {
    setBusy(kind);
    setFailed(null);
    try {
      save(await api.download(files[kind].path()), files[kind].file());
    } catch (error) {
      setFailed({ kind, error });
    } finally {
      setBusy(null);
    }
  };

  const button = (kind: Kind) => (
    <div class="download" key={kind}>
      <button
        type="button"
        class="secondary"
        data-download={kind}
        disabled={busy !== null}
        aria-describedby={failed?.kind === kind ? `dl-error-${kind}` : undefined}
        onClick={() => void get(kind)}
      >
        {busy === kind ? s.dlBusy : files[kind].label}
      </button>
      {failed?.kind === kind && (
        <div id={`dl-error-${kind}`} class="download-error">
          <p>{s.dlFailed(files[kind].label)}</p>
          <ErrorMessage error={failed.error} />
        </div>
      )}
    </div>
  );

  return (
    <section class="downloads" aria-labelledby="downloads-title">
      <h3 id="downloads-title">{s.dlTitle}</h3>
      <div class="download-files">
        {button('xlsx')}
        {button('json')}
      </div>
      <div class="download-csv">
        <div class="field inline">
          <label for="dl-table">{s.dlTableLabel}</label>
          <select id="dl-table" value={table} onChange={(e) => setTable((e.target as HTMLSelectElement).value as Table)}>
            <option value="periods">{s.dlTablePeriods}</option>
            <option value="monthly">{s.dlTableMonthly}</option>
            <option value="delta">{s.dlTableDelta}</option>
          </select>
        </div>
        {button('csv-sv')}
        {button('csv-en')}
      </div>
      <p class="help">{s.dlHelp}</p>
    </section>
  );
}
