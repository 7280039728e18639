/** One model: tick options, choose trials and seed, start a run, follow its progress, then see the result. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComparisonResult } from '../../simulation/result.js';
import { api, type ModelVersion, type RunStatus } from './api.js';
import { draftDirty, draftModel } from './editor/current.js';
import { EditorSlot } from './editor/lazy-editor.js';
import { loadPlot } from './charts/plot-box.js';
import { ErrorMessage } from './errors.js';
import { fmt, t } from './i18n/index.js';
import { ResultView } from './result/result-view.js';
import { LoadProblem } from './load-problem.js';
import { hrefOf, rememberRun } from './router.js';
import { useFollowRun } from './runs/follow-run.js';
import { RunFacts } from './runs/run-facts.js';
import { startedRun } from './runs/started-run.js';
import { failureText, optionIds } from './runs/run-text.js';
import { modelVersion } from './runs/versions.js';
import { PreviewPanel } from './preview/preview-panel.js';
import { draftScenarios, pageScenarios } from './preview/scenarios.js';

const TRIAL_CHOICES = [1_000, 10_000, 100_000] as const;

/** `reopen`: an earlier run of this model, shown with the version, options, trials and seed it used. */
export function ModelView({ id, onBack, reopen }: { id: string; onBack: () => void; reopen?: RunStatus }) {
  const s = t();
  const [model, setModel] = useState<ModelVersion | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [trials, setTrials] = useState<number>(reopen?.trials ?? 1_000);
  const [seed, setSeed] = useState(reopen ? String(reopen.seed) : '1');
  const [run, setRun] = useState<RunStatus | null>(reopen ?? null);
  const [runError, setRunError] = useState<unknown>(null);
  const [result, setResult] = useState<ComparisonResult | null>(null);
  const [starting, setStarting] = useState(false);
  // What the full run on screen was started for: once the ticks (or the model) differ, the preview takes its place.
  const [runFor, setRunFor] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    (reopen ? modelVersion(id, reopen.modelVersion) : api.getModel(id)).then((m) => {
      setModel(m);
      setTicked(reopen ? optionIds(reopen, m) : (m.model.options ?? []).map((o) => o.id));
    }, setLoadError);
  }, [id]);
  // On the model's arrival, not on each saved version: a save must not move the focus away from the editor.
  useEffect(() => heading.current?.focus(), [model?.id]);
  // Plot's chunk loads while the run runs, not after its result has arrived.
  useEffect(() => void loadPlot(), []);

  // Follows the run to its result, through dropped connections.
  const { offline } = useFollowRun(run, result !== null, { run: setRun, result: setResult, error: setRunError });

  const options = model?.model.options ?? [];
  const seedNumber = Number(seed);
  const seedValid = /^\d+$/.test(seed.trim()) && Number.isSafeInteger(seedNumber);
  const running = run !== null && (run.status === 'queued' || run.status === 'running');
  const scenarios = pageScenarios(options, ticked);
  // The preview follows the editor's draft, valid or not (it says when it is not), else the saved model.
  const previewModel = draftModel.value !== undefined ? draftModel.value : model?.model;
  const previewScenarios = draftModel.value !== undefined ? draftScenarios(previewModel, options, ticked) : scenarios;
  const shownFor = model ? JSON.stringify([previewModel, previewScenarios]) : null;
  const previewing = (run === null && !starting) || (runFor !== null && runFor !== shownFor);

  const start = async (e: Event) => {
    e.preventDefault();
    if (!model || !seedValid) return;
    setStarting(true);
    setRunError(null);
    setResult(null);
    setRun(null);
    try {
      // The full run plays the saved version: while the draft differs from it, the preview stays on screen.
      setRunFor(JSON.stringify([model.model, scenarios]));
      const started = await api.startRun({ modelId: model.id, version: model.version, scenarios, trials, seed: seedNumber });
      rememberRun(started.id);
      // Followed from here by useFollowRun, which rides out a connection that drops right after the start.
      setRun(startedRun(started.id, { modelId: model.id, modelVersion: model.version, scenarios, trials, seed: seedNumber }));
    } catch (err) {
      setRunError(err);
    } finally {
      setStarting(false);
    }
  };

  if (loadError) return <LoadProblem error={loadError} what="model" />;
  if (!model) return null;

  return (
    <>
      <p>
        <button type="button" class="link" onClick={onBack}>
          {s.back}
        </button>
        {' · '}
        <a href={hrefOf({ screen: 'runs' })}>{s.runsToList}</a>
        {' · '}
        <a href={hrefOf({ screen: 'versions', id })}>{s.verLink}</a>
        {' · '}
        <a href={hrefOf({ screen: 'forecast', id })}>{s.fcLink}</a>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {model.model.name} <span class="muted">{s.modelVersion(model.version)}</span>
      </h1>
      {model.model.description && <p class="description">{model.model.description}</p>}

      {/* The editor (branch editor). A saved version becomes the model on screen, so a full run uses it. */}
      <EditorSlot model={model} onSaved={setModel} />

      <form class="card run-form" onSubmit={start}>
        <fieldset>
          <legend>{s.optionsLegend}</legend>
          {options.length === 0 ? (
            <p>{s.noOptions}</p>
          ) : (
            <>
              <p class="help">{s.optionsHelp}</p>
              <ul class="options">
                {options.map((o) => (
                  <li key={o.id}>
                    <label>
                      <input
                        type="checkbox"
                        name="option"
                        value={o.id}
                        checked={ticked.includes(o.id)}
                        onChange={(e) =>
                          setTicked((e.target as HTMLInputElement).checked ? [...ticked, o.id] : ticked.filter((x) => x !== o.id))
                        }
                      />
                      {o.label}
                    </label>
                  </li>
                ))}
              </ul>
            </>
          )}
        </fieldset>
        <div class="run-settings">
          <fieldset>
            <legend>{s.trialsLabel}</legend>
            <p class="help">{s.trialsHelp}</p>
            <div class="radios">
              {TRIAL_CHOICES.map((n) => (
                <label key={n}>
                  <input type="radio" name="trials" value={n} checked={trials === n} onChange={() => setTrials(n)} />
                  {fmt.count(n)}
                </label>
              ))}
            </div>
          </fieldset>
          <div class="field">
            <label for="seed">{s.seedLabel}</label>
            <input
              id="seed"
              inputMode="numeric"
              value={seed}
              aria-describedby={seedValid ? 'seed-help' : 'seed-help seed-error'}
              aria-invalid={seedValid ? undefined : true}
              onInput={(e) => setSeed((e.target as HTMLInputElement).value)}
            />
            <p class="help" id="seed-help">
              {s.seedHelp}
            </p>
            {!seedValid && (
              <p class="field-error" id="seed-error">
                {s.seedInvalid}
              </p>
            )}
          </div>
        </div>
        {/* A full run is of a saved version: unsaved edits are named here, not silently left out. */}
        {draftDirty.value && <p class="notice">{s.edRunUnsaved(model.version)}</p>}
        <button type="submit" disabled={starting || running || !seedValid}>
          {starting ? s.starting : s.start}
        </button>
        <ErrorMessage error={runError} model={model?.model} scenarios={scenarios} />
      </form>

      {run && <RunFacts run={run} model={model} />}
      {run && <Progress run={run} onChange={setRun} />}
      {offline && (
        <div class="offline" role="status">
          <p>{s.runsOffline}</p>
          <p class="help">{s.runsOfflineHelp}</p>
        </div>
      )}
      {previewing && <PreviewPanel model={previewModel} scenarios={previewScenarios} />}
      {result && run && !previewing && <ResultView result={result} model={model} run={run} />}
    </>
  );
}

/** Where the run is, with the way to stop it while it runs and to go on with it once it has failed or been stopped. */
function Progress({ run, onChange }: { run: RunStatus; onChange: (run: RunStatus) => void }) {
  const s = t();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const act = (call: (id: string) => Promise<RunStatus>) => async () => {
    setBusy(true);
    setError(null);
    try {
      onChange(await call(run.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const retry = (
    <>
      <button type="button" class="secondary" disabled={busy} onClick={act(api.retryRun)}>
        {s.runRetry}
      </button>
      <ErrorMessage error={error} />
    </>
  );
  if (run.status === 'succeeded') return null;
  if (run.status === 'failed')
    return (
      <>
        <ErrorMessage error={new Error(s.runFailed(failureText(run.error)))} />
        {retry}
      </>
    );
  if (run.status === 'cancelled')
    return (
      <div class="progress">
        <p role="status">{s.runCancelled(fmt.count(run.progress.trialsDone), fmt.count(run.progress.trials))}</p>
        {retry}
      </div>
    );
  const { trialsDone, trials } = run.progress;
  return (
    <div class="progress" aria-live="polite">
      <label for="run-progress">{s.progressLabel}</label>
      <progress id="run-progress" max={trials} value={trialsDone} />
      <span>{run.status === 'queued' ? s.queued : s.progressText(fmt.count(trialsDone), fmt.count(trials))}</span>
      <button type="button" class="secondary" disabled={busy} onClick={act(api.cancelRun)}>
        {s.runCancel}
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}
