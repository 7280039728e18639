/**
 * #/calibrate: a records file in, a model and its fit report out, computed in the records worker; the model can
 * be saved as a new one or merged into an existing one. Nothing of the file is sent.
 */
import { useState } from 'preact/hooks';
import { useFocusOnShow } from '../focus.js';
import { fmt, t } from '../i18n/index.js';
import { checkCalibrateFields, type CalibrateFields, type FieldProblems } from './calibrate-options.js';
import { Field } from './field.js';
import { FilePicker, PrivacyNote } from './file-picker.js';
import { FitReportView } from './fit-report-view.js';
import { pickedFile } from './picked-file.js';
import { ProblemsTable } from './problems-table.js';
import type { RecordsResponse } from './protocol.js';
import { runInWorker } from './records-worker.js';
import { Refusal } from './refusals.js';
import { SavePanel } from './save-panel.js';

export function CalibrateScreen() {
  const s = t();
  const heading = useFocusOnShow<HTMLHeadingElement>();
  const [fields, setFields] = useState<CalibrateFields>({ from: '', to: '', start: '', horizon: '' });
  const [skipBad, setSkipBad] = useState(false);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<RecordsResponse | null>(null);
  const [noFile, setNoFile] = useState(false);

  const set = (k: keyof CalibrateFields) => (v: string) => setFields({ ...fields, [k]: v });
  const message = (k: keyof CalibrateFields): string | null => {
    const p = problems[k];
    if (!p) return null;
    return { date: s.recBadDate, month: s.recBadMonth, horizon: s.recBadHorizon, toBeforeFrom: s.recToBeforeFrom }[p];
  };

  const run = async (e: Event) => {
    e.preventDefault();
    const file = pickedFile.value;
    setNoFile(!file);
    const checked = checkCalibrateFields(fields);
    setProblems(checked.problems);
    if (!file || Object.keys(checked.problems).length > 0) return;
    setBusy(true);
    setAnswer(null);
    try {
      setAnswer(await runInWorker({ kind: 'calibrate', text: file.text, skipBadRows: skipBad, ...checked.options }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="calibrate-title" class="records-screen">
      <h1 id="calibrate-title" ref={heading} tabIndex={-1}>
        {s.recCalibrateTitle}
      </h1>
      <p class="description">{s.recCalibrateIntro}</p>
      <PrivacyNote />
      <form class="card" onSubmit={run} noValidate aria-labelledby="calibrate-file-title">
        <h2 id="calibrate-file-title">{s.recFileTitle}</h2>
        <FilePicker onPicked={() => setAnswer(null)} />
        <fieldset class="records-options">
          <legend>{s.recOptionsTitle}</legend>
          <div class="options-grid">
            <Field
              id="cal-from"
              label={s.recFrom}
              help={s.recFromHelp}
              placeholder={s.recDatePlaceholder}
              value={fields.from}
              onInput={set('from')}
              error={message('from')}
            />
            <Field
              id="cal-to"
              label={s.recTo}
              help={s.recToHelp}
              placeholder={s.recDatePlaceholder}
              value={fields.to}
              onInput={set('to')}
              error={message('to')}
            />
            <Field
              id="cal-start"
              label={s.recStart}
              help={s.recStartHelp}
              value={fields.start}
              placeholder={s.recMonthPlaceholder}
              onInput={set('start')}
              error={message('start')}
            />
            <Field
              id="cal-horizon"
              label={s.recHorizon}
              help={s.recHorizonHelp}
              value={fields.horizon}
              placeholder="60"
              onInput={set('horizon')}
              error={message('horizon')}
            />
          </div>
          <label class="check">
            <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad((e.target as HTMLInputElement).checked)} />
            {s.recSkipBad}
          </label>
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? s.recWorking : s.recCalibrate}
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
  switch (answer.kind) {
    case 'calibrated':
      return (
        <>
          {answer.skipped > 0 && (
            <details class="card skipped">
              <summary>{s.recSkipped(fmt.count(answer.skipped))}</summary>
              <ProblemsTable problems={answer.dropped} name="skipped-rows" />
            </details>
          )}
          <FitReportView report={answer.report} curves={answer.curves} />
          <SavePanel model={answer.model} report={answer.report} />
        </>
      );
    default:
      return <Refusal answer={answer} />;
  }
}
