/**
 * Earlier runs: the municipality's runs, newest first, a page at a time ("Visa fler"). Each row names the model
 * and version it ran, the options it compared (labels from that version), trials, seed and status, with a failed
 * run's reason; "Öppna" reopens it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type ModelVersion, type RunStatus } from '../api.js';
import { ErrorMessage } from '../errors.js';
import { fmt, t } from '../i18n/index.js';
import { navigate } from '../router.js';
import { optionLabels, runWhen, statusText } from './run-text.js';
import { modelVersion } from './versions.js';

export function RunsList() {
  const s = t();
  const [runs, setRuns] = useState<RunStatus[] | null>(null);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [versions, setVersions] = useState<Record<string, ModelVersion | 'missing'>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = async (after?: string) => {
    setBusy(true);
    try {
      const page = await api.listRuns(after);
      setRuns((before) => [...(after ? (before ?? []) : []), ...page.items]);
      setCursor(page.cursor);
      setError(null);
      // The model versions the rows name: each fetched once, and a row shows its model as soon as it is in.
      for (const run of page.items) {
        const key = `${run.modelId}/${run.modelVersion}`;
        modelVersion(run.modelId, run.modelVersion).then(
          (v) => setVersions((known) => ({ ...known, [key]: v })),
          () => setVersions((known) => ({ ...known, [key]: 'missing' })),
        );
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    heading.current?.focus();
    void load();
  }, []);

  return (
    <section aria-labelledby="runs-title">
      <h1 id="runs-title" ref={heading} tabIndex={-1}>
        {s.runsTitle}
      </h1>
      <p>{s.runsIntro}</p>
      {runs && runs.length === 0 && <p class="empty">{s.runsNone}</p>}
      {runs && runs.length > 0 && (
        <div class="table-scroll">
          <table class="models runs">
            <thead>
              <tr>
                <th scope="col">{s.runsColWhen}</th>
                <th scope="col">{s.runsColModel}</th>
                <th scope="col">{s.runsColOptions}</th>
                <th scope="col" class="num">
                  {s.runsColTrials}
                </th>
                <th scope="col">{s.runsColStatus}</th>
                <th scope="col">
                  <span class="visually-hidden">{s.runsColAction}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => {
                const found = versions[`${run.modelId}/${run.modelVersion}`];
                const version = found === 'missing' ? undefined : found;
                const labels = optionLabels(run, version);
                const when = runWhen(run.timings.createdAt);
                return (
                  <tr key={run.id} data-run-id={run.id} data-status={run.status}>
                    <th scope="row">{when}</th>
                    <td>
                      {version ? version.model.name : found === 'missing' ? s.runsUnknownModel(run.modelId) : '…'}{' '}
                      <span class="muted">{s.modelVersion(run.modelVersion)}</span>
                    </td>
                    <td>{found === undefined ? '…' : labels.length > 0 ? labels.join(', ') : s.runsOnlyBaseline}</td>
                    <td class="num">
                      {fmt.count(run.trials)}
                      <span class="muted seed">{s.runsSeedOf(run.seed)}</span>
                    </td>
                    <td class={run.status === 'failed' ? 'status failed' : 'status'} data-field="status">
                      {statusText(run)}
                    </td>
                    <td class="action">
                      <button type="button" aria-label={s.runsOpenRun(when)} onClick={() => navigate({ screen: 'run', id: run.id })}>
                        {s.runsOpen}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ErrorMessage error={error} />
      {cursor && (
        <p>
          <button type="button" class="secondary" disabled={busy} onClick={() => void load(cursor)}>
            {busy ? s.runsLoadingMore : s.runsMore}
          </button>
        </p>
      )}
    </section>
  );
}
