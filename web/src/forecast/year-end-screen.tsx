/**
 * The year-end forecast (årsprognos) of one model: the controller types what the year has booked so far, and the
 * page runs the model as it stands beside "no new placements start" in this browser (the preview's engine, so the
 * numbers equal `npm run simulate -- --year-end` for the same trials and seed). The figures come from
 * presentation/year-end.ts, as the command line's table does. The typed amount is kept in this browser until it is
 * saved in the model as `outcomeToDate`.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { yearEndForecast, type YearEndForecast } from '../../../presentation/year-end.js';
import { forecastYear, yearEndScenarios } from '../../../simulation/year-end.js';
import type { Model } from '../../../simulation/schema.js';
import { api, type ModelVersion } from '../api.js';
import { findDraft } from '../editor/draft-store.js';
import { IssueList } from '../editor/issue-list.js';
import { FieldNotes, fieldDescribedBy } from '../editor/messages.js';
import { formatNumberText, parseNumberText } from '../editor/number-text.js';
import { ErrorMessage } from '../errors.js';
import { fmt, lang, t } from '../i18n/index.js';
import { LoadProblem } from '../load-problem.js';
import { usePreview } from '../preview/use-preview.js';
import { save } from '../result/downloads.js';
import { slug } from '../result/file-names.js';
import { hrefOf } from '../router.js';
import { YearEndChart } from './year-end-chart.js';

const MSEK = -6;
const FIELD_ID = 'fc-booked';
const storageKey = (id: string) => `pp.forecast.${id}`;

type Loose = Partial<Model> & Record<string, unknown>;

export function YearEndScreen({ id }: { id: string }) {
  const s = t();
  const [saved, setSaved] = useState<ModelVersion | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const draft = useMemo(() => findDraft(id), [id]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => void api.getModel(id).then(setSaved, setLoadError), [id]);
  useEffect(() => heading.current?.focus(), [saved?.id]);

  if (loadError) return <LoadProblem error={loadError} what="model" />;
  if (!saved) return null;
  const base = (draft?.model ?? saved.model) as Loose;
  return (
    <section aria-labelledby="fc-title">
      <p>
        <a href={hrefOf({ screen: 'model', id })}>{s.fcBack}</a>
      </p>
      <h1 id="fc-title" ref={heading} tabIndex={-1}>
        {s.fcTitle(forecastYear(saved.model), String(base.name ?? saved.model.name))}
      </h1>
      {draft && <p class="notice">{s.fcUsesDraft}</p>}
      <Forecast id={id} base={base} saved={saved} onSaved={setSaved} fromDraft={draft !== null} />
    </section>
  );
}

function Forecast({
  id,
  base,
  saved,
  onSaved,
  fromDraft,
}: {
  id: string;
  base: Loose;
  saved: ModelVersion;
  onSaved: (m: ModelVersion) => void;
  fromDraft: boolean;
}) {
  const s = t();
  const start = String(base.start ?? saved.model.start);
  const year = start.slice(0, 4);
  const midYear = !start.endsWith('-01');
  const decimalComma = lang.value === 'sv';
  const inModel = base.outcomeToDate?.[year];
  const [text, setText] = useState(
    () => localStorage.getItem(storageKey(id)) ?? (inModel === undefined ? '' : formatNumberText(inModel, MSEK, decimalComma)),
  );
  const [saveError, setSaveError] = useState<unknown>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const typed = text.trim() === '' ? null : parseNumberText(text, MSEK, lang.value);
  const fieldMessage = typed && !typed.ok ? s.fcBookedInvalid : typed?.ok && typed.value < 0 ? s.fcBookedNegative : null;
  // Whole kronor, as the engine rounds them; an amount that does not parse leaves the forecast as it was.
  const booked = typed?.ok && typed.value >= 0 ? Math.round(typed.value) : typed === null ? 0 : null;
  const [lastBooked, setLastBooked] = useState(booked ?? 0);
  useEffect(() => void (booked !== null && setLastBooked(booked)), [booked]);
  const model = useMemo(
    () => (midYear ? { ...base, outcomeToDate: { [year]: booked ?? lastBooked } } : base),
    [base, midYear, year, booked, lastBooked],
  );
  const scenarios = useMemo(() => yearEndScenarios({ segments: Array.isArray(base.segments) ? base.segments : [] }), [base]);
  const p = usePreview(model, scenarios);
  const forecast = p.result ? yearEndForecast(p.result) : null;

  const change = (value: string) => {
    setText(value);
    setSavedNote(null);
    localStorage.setItem(storageKey(id), value);
  };

  const saveBooked = async () => {
    if (booked === null) return;
    setSaving(true);
    setSaveError(null);
    try {
      const next = { ...saved.model, outcomeToDate: { [year]: booked } };
      const done = await api.saveModel(id, saved.version, next);
      onSaved({ ...saved, version: done.version, model: next });
      localStorage.removeItem(storageKey(id));
      setSavedNote(s.fcSaved(done.version));
    } catch (e) {
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  const from = fmt.month(start);
  const monthsLeft = forecast?.monthsLeft ?? 13 - Number(start.slice(5, 7));
  const unchanged = booked !== null && booked === (saved.model.outcomeToDate?.[year] ?? null);
  return (
    <>
      <p class="description">{s.fcIntro(year, from, monthsLeft)}</p>
      {midYear ? (
        <div class="fc-booked">
          <label for={FIELD_ID}>{s.fcBooked(from)}</label>
          <div class="ed-input-unit">
            <input
              id={FIELD_ID}
              inputMode="decimal"
              value={text}
              aria-invalid={fieldMessage ? 'true' : undefined}
              aria-describedby={fieldDescribedBy(FIELD_ID, s.fcBookedHelp, fieldMessage ? [fieldMessage] : [])}
              onInput={(e) => change(e.currentTarget.value)}
            />
            <span class="unit">{s.mkr}</span>
          </div>
          <FieldNotes id={FIELD_ID} help={s.fcBookedHelp} messages={fieldMessage ? [fieldMessage] : []} />
          {!fromDraft && (
            <p>
              <button type="button" class="secondary" disabled={saving || booked === null || unchanged} onClick={() => void saveBooked()}>
                {s.fcSave}
              </button>
            </p>
          )}
          {!fromDraft && savedNote && <p class="notice">{savedNote}</p>}
          {!fromDraft && !savedNote && unchanged && <p class="help">{s.fcSavedAlready}</p>}
          <ErrorMessage error={saveError} model={saved.model} />
        </div>
      ) : (
        <p class="help">{s.fcNoYearLeft(year)}</p>
      )}
      <div class="card fc-card" data-state={p.state} data-current={String(p.current)}>
        <p class="preview-badge">{p.state === 'running' ? s.fcRunning : s.fcBadge(fmt.count(p.trials))}</p>
        {p.state === 'invalid' && (
          <IssueList class="issues preview-issues" role="alert" model={model} issues={p.issues} scenarios={scenarios} />
        )}
        {p.state === 'error' && <ErrorMessage error={p.error} />}
        {forecast && (
          <div class={p.current ? undefined : 'dimmed'}>
            <Figures f={forecast} />
            <YearEndChart f={forecast} />
            <p class="preview-download">
              <button
                type="button"
                class="secondary"
                onClick={() =>
                  save(
                    new Blob([JSON.stringify(p.result)], { type: 'application/json' }),
                    `arsprognos-${slug(String(base.name ?? ''))}-${p.trials}-${p.seed}.json`,
                  )
                }
              >
                {s.fcDownload}
              </button>
              <span class="help">{s.fcFullRun}</span>
            </p>
          </div>
        )}
      </div>
    </>
  );
}

function Figures({ f }: { f: YearEndForecast }) {
  const s = t();
  const signed = (x: number) => (x > 0 ? '+' : '') + fmt.msek(x);
  return (
    <div class="fc-figures">
      <dl class="fc-main" data-figure="full">
        <dt>{s.fcExpected}</dt>
        <dd class="fc-big" data-value="mean">
          {fmt.msek(f.full.mean)} <span class="unit">{s.mkr}</span>
        </dd>
        <dd data-value="range">{s.fcRange(fmt.msekRange(f.full.p10, f.full.p90))}</dd>
        <dd data-value="booked">{s.fcOfWhichBooked(fmt.msek(f.booked))}</dd>
      </dl>
      {f.budget ? (
        <dl class="fc-main" data-figure="budget">
          <dt>{s.fcDeviation}</dt>
          <dd class={f.budget.deviation < 0 ? 'fc-big fc-deficit' : 'fc-big'} data-value="deviation">
            {signed(f.budget.deviation)} <span class="unit">{s.mkr}</span>
          </dd>
          <dd>
            {s.fcBudget} {fmt.msek(f.budget.amount)} {s.mkr} · {s.fcDeviationHelp}
          </dd>
          <dd data-value="prob-deficit">
            {s.fcProbDeficit}: <strong>{fmt.percent(f.budget.probDeficit)}</strong>
          </dd>
          {f.budget.deficitIfAny !== null && (
            <dd>{s.fcExpectedDeficit(fmt.msek(f.budget.expectedDeficit), fmt.msek(f.budget.deficitIfAny))}</dd>
          )}
        </dl>
      ) : (
        <p class="help">{s.fcNoBudget(f.year)}</p>
      )}
      <dl class="fc-main fc-usual" data-figure="usual">
        <dt>{s.fcUsualTitle}</dt>
        <dd class="fc-big" data-value="mean">
          {fmt.msek(f.usual.mean)} <span class="unit">{s.mkr}</span>
        </dd>
        <dd>{s.fcUsualHelp}</dd>
        {f.usual.deviation !== null && (
          <dd data-value="deviation">
            {s.fcDeviation}: {signed(f.usual.deviation)} {s.mkr}
          </dd>
        )}
      </dl>
      <p class="fc-understates" data-value="understates">
        <strong>{s.fcUnderstates(...fmt.msekWithRange(f.understatement.mean, ...f.understatement.ci95))}</strong> {s.fcUnderstatesWhy}
      </p>
    </div>
  );
}
