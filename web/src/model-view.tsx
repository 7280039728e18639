/** One model: tick options, choose trials and seed, start a run, follow its progress, then see the result. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComparisonResult } from '../../simulation/result.js';
import { api, type ModelVersion, type RunStatus } from './api.js';
import { loadPlot } from './charts/plot-box.js';
import { ErrorMessage } from './errors.js';
import { fmt, t } from './i18n/index.js';
import { ResultView } from './result/result-view.js';

const TRIAL_CHOICES = [1_000, 10_000, 100_000] as const;
const POLL_MS = 500;

export function ModelView({ id, onBack }: { id: string; onBack: () => void }) {
  const s = t();
  const [model, setModel] = useState<ModelVersion | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [trials, setTrials] = useState<number>(1_000);
  const [seed, setSeed] = useState('1');
  const [run, setRun] = useState<RunStatus | null>(null);
  const [runError, setRunError] = useState<unknown>(null);
  const [result, setResult] = useState<ComparisonResult | null>(null);
  const [starting, setStarting] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    api.getModel(id).then((m) => {
      setModel(m);
      setTicked((m.model.options ?? []).map((o) => o.id));
    }, setLoadError);
  }, [id]);
  useEffect(() => heading.current?.focus(), [model]);
  // Plot's chunk loads while the run runs, not after its result has arrived.
  useEffect(() => void loadPlot(), []);

  // Follows the run until it has finished; a failed poll is retried at the next tick.
  useEffect(() => {
    if (!run || run.status === 'succeeded' || run.status === 'failed') return;
    const timer = setTimeout(() => {
      api.getRun(run.id).then(async (next) => {
        setRun(next);
        if (next.status === 'succeeded') setResult(await api.getResult(next.id));
      }, setRunError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [run]);

  const options = model?.model.options ?? [];
  const seedNumber = Number(seed);
  const seedValid = /^\d+$/.test(seed.trim()) && Number.isSafeInteger(seedNumber);
  const running = run !== null && (run.status === 'queued' || run.status === 'running');

  const start = async (e: Event) => {
    e.preventDefault();
    if (!model || !seedValid) return;
    setStarting(true);
    setRunError(null);
    setResult(null);
    setRun(null);
    try {
      const scenarios = options.filter((o) => ticked.includes(o.id)).map((o) => ({ id: o.id, label: o.label, options: [o.id] }));
      const started = await api.startRun({ modelId: model.id, version: model.version, scenarios, trials, seed: seedNumber });
      setRun(await api.getRun(started.id));
    } catch (err) {
      setRunError(err);
    } finally {
      setStarting(false);
    }
  };

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!model) return null;

  return (
    <>
      <p>
        <button type="button" class="link" onClick={onBack}>
          {s.back}
        </button>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {model.model.name} <span class="muted">{s.modelVersion(model.version)}</span>
      </h1>
      {model.model.description && <p class="description">{model.model.description}</p>}

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
              aria-describedby="seed-help"
              aria-invalid={seedValid ? undefined : true}
              onInput={(e) => setSeed((e.target as HTMLInputElement).value)}
            />
            <p class="help" id="seed-help">
              {s.seedHelp}
            </p>
          </div>
        </div>
        <button type="submit" disabled={starting || running || !seedValid}>
          {starting ? s.starting : s.start}
        </button>
        <ErrorMessage error={runError} />
      </form>

      {run && <Progress run={run} />}
      {result && run && <ResultView result={result} model={model} runId={run.id} />}
    </>
  );
}

function Progress({ run }: { run: RunStatus }) {
  const s = t();
  if (run.status === 'failed') return <ErrorMessage error={new Error(s.runFailed(run.error ?? ''))} />;
  if (run.status === 'succeeded') return null;
  const { trialsDone, trials } = run.progress;
  return (
    <div class="progress" aria-live="polite">
      <label for="run-progress">{s.progressLabel}</label>
      <progress id="run-progress" max={trials} value={trialsDone} />
      <span>{run.status === 'queued' ? s.queued : s.progressText(fmt.count(trialsDone), fmt.count(trials))}</span>
    </div>
  );
}
