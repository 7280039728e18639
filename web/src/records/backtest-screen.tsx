/**
 * #/backtest: the records as known at a cutoff calibrated, the years after simulated, and the band set against
 * what really happened, computed in the records worker by the same code as `npm run backtest`. Nothing of the
 * file is sent.
 */
import { useState } from 'preact/hooks';
import { BACKTEST_DEFAULT_SEED, BACKTEST_DEFAULT_TRIALS } from '../../../simulation/calibration/backtest.js';
import { useFocusOnShow } from '../focus.js';
import { fmt, t } from '../i18n/index.js';
import { BacktestCharts } from './backtest-chart.js';
import { checkBacktestFields, type BacktestFields, type BacktestProblems } from './backtest-options.js';
import { Field } from './field.js';
import { FilePicker, PrivacyNote } from './file-picker.js';
import { pickedFile } from './picked-file.js';
import { ProblemsTable } from './problems-table.js';
import type { RecordsResponse } from './protocol.js';
import { runInWorker } from './records-worker.js';
import { Refusal } from './refusals.js';

export function BacktestScreen() {
  const s = t();
  const heading = useFocusOnShow<HTMLHeadingElement>();
  const [fields, setFields] = useState<BacktestFields>({
    cutoff: '',
    years: '3',
    trials: String(BACKTEST_DEFAULT_TRIALS),
    seed: String(BACKTEST_DEFAULT_SEED),
  });
  const [skipBad, setSkipBad] = useState(false);
  const [problems, setProblems] = useState<BacktestProblems>({});
  const [busy, setBusy] = useState(false);
  const [noFile, setNoFile] = useState(false);
  const [answer, setAnswer] = useState<RecordsResponse | null>(null);

  const set = (k: keyof BacktestFields) => (v: string) => setFields({ ...fields, [k]: v });
  const message = (k: keyof BacktestFields): string | null => {
    const p = problems[k];
    return p ? { date: s.recBadDate, years: s.recBadYears, trials: s.recBadTrials, seed: s.recBadSeed }[p] : null;
  };

  const run = async (e: Event) => {
    e.preventDefault();
    const file = pickedFile.value;
    setNoFile(!file);
    const checked = checkBacktestFields(fields);
    setProblems(checked.problems);
    if (!file || !checked.options) return;
    setBusy(true);
    setAnswer(null);
    try {
      setAnswer(await runInWorker({ kind: 'backtest', text: file.text, skipBadRows: skipBad, ...checked.options }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="backtest-title" class="records-screen">
      <h1 id="backtest-title" ref={heading} tabIndex={-1}>
        {s.recBacktestTitle}
      </h1>
      <p class="description">{s.recBacktestIntro}</p>
      <PrivacyNote />
      <form class="card" onSubmit={run} noValidate aria-labelledby="backtest-file-title">
        <h2 id="backtest-file-title">{s.recFileTitle}</h2>
        <FilePicker onPicked={() => setAnswer(null)} />
        <fieldset class="records-options">
          <legend>{s.recOptionsTitle}</legend>
          <div class="options-grid">
            <Field
              id="bt-cutoff"
              label={s.recCutoff}
              help={s.recCutoffHelp}
              placeholder={s.recDatePlaceholder}
              value={fields.cutoff}
              onInput={set('cutoff')}
              error={message('cutoff')}
            />
            <Field id="bt-years" label={s.recYears} value={fields.years} onInput={set('years')} error={message('years')} />
            <Field id="bt-trials" label={s.recTrials} value={fields.trials} onInput={set('trials')} error={message('trials')} />
            <Field id="bt-seed" label={s.recSeed} value={fields.seed} onInput={set('seed')} error={message('seed')} />
          </div>
          <label class="check">
            <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad((e.target as HTMLInputElement).checked)} />
            {s.recSkipBad}
          </label>
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? s.recWorking : s.recRunBacktest}
        </button>
        {noFile && (
          <p class="error" role="alert">
            {s.recNoFile}
          </p>
        )}
      </form>
      <div aria-live="polite">{answer && <Answer answer={answer} />}</div>
    </section>
  );
}

function Answer({ answer }: { answer: RecordsResponse }) {
  const s = t();
  if (answer.kind !== 'backtested') return <Refusal answer={answer} />;
  const r = answer.result;
  return (
    <section class="card backtest-result" aria-labelledby="coverage">
      <p class="coverage" id="coverage" data-field="coverage">
        {r.compared === 0 ? s.recCoverageNone : `${s.recCoverage(r.inside, r.compared)} (${fmt.percent(r.coverage)})`}
      </p>
      <p class="help">{s.recCoverageHelp}</p>
      <p data-field="facts">{s.recBacktestFacts(r.cutoff, r.modelStart, r.dataEnd, fmt.count(r.trials), r.seed)}</p>
      {r.skippedYears.length > 0 && <p class="muted">{s.recSkippedYears(r.skippedYears.join(', '))}</p>}
      {answer.skipped > 0 && (
        <details>
          <summary>{s.recSkipped(fmt.count(answer.skipped))}</summary>
          <ProblemsTable problems={answer.dropped} name="skipped-rows" />
        </details>
      )}
      <BacktestCharts result={r} formLabel={(f) => (f === 'total' ? s.recTotal : f)} />
    </section>
  );
}
