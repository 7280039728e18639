/**
 * The live preview on the model screen: the fan chart and the option cards of the scenarios on screen, computed in
 * this browser (usePreview) and marked as a preview. `model` is plain JSON, validated here: the stored model now,
 * the editor's draft later.
 */
import { useState } from 'preact/hooks';
import type { ComparisonResult } from '../../../simulation/result.js';
import type { Scenario } from '../api.js';
import { IssueList } from '../editor/issue-list.js';
import { fmt, t } from '../i18n/index.js';
import { save } from '../result/downloads.js';
import { FanChart } from '../result/fan-chart.js';
import { slug } from '../result/file-names.js';
import { OptionsSection } from '../result/options-section.js';
import { scenarioLabel, ScenarioPicker } from '../result/scenario-picker.js';
import { yearLabel } from '../result/years.js';
import { usePreview, type PreviewOptions } from './use-preview.js';

export interface PreviewPanelProps extends PreviewOptions {
  /** The model to preview, as JSON (need not be valid: an invalid one keeps the last good preview, dimmed). */
  model: unknown;
  /** The scenarios on screen besides the baseline, as a run would be started with them. */
  scenarios: Scenario[];
}

export function PreviewPanel({ model, scenarios, trials, seed }: PreviewPanelProps) {
  const s = t();
  const p = usePreview(model, scenarios, { trials, seed });
  const [chosenId, setChosenId] = useState<string | null>(null);
  const result = p.result;
  const dimmed = !p.current;

  return (
    <section class="preview card" aria-labelledby="preview-title" data-state={p.state} data-current={String(p.current)}>
      <div class="preview-head">
        <h2 id="preview-title">{s.pvTitle}</h2>
        <p class="preview-badge">{s.pvBadge(fmt.count(p.trials))}</p>
      </div>
      <p class="help">{s.pvIntro}</p>
      <Status p={p} model={model} scenarios={scenarios} />
      {result && p.model && (
        <div class={dimmed ? 'preview-body dimmed' : 'preview-body'} aria-busy={p.state === 'running' || p.state === 'refining'}>
          <Body result={result} model={p.model} chosenId={chosenId} onChoose={setChosenId} />
          <p class="preview-download">
            <button
              type="button"
              class="secondary"
              data-download="preview-json"
              onClick={() =>
                save(
                  new Blob([JSON.stringify(result)], { type: 'application/json' }),
                  `placeringsprognos-${slug(p.model?.name ?? '')}-forhandsvisning-${result.trials}-${result.seed}.json`,
                )
              }
            >
              {s.pvDownload}
            </button>
            <span class="help">{s.pvDownloadHelp}</span>
          </p>
        </div>
      )}
    </section>
  );
}

function Status({ p, model, scenarios }: { p: ReturnType<typeof usePreview>; model: unknown; scenarios: Scenario[] }) {
  const s = t();
  let text: string;
  if (p.state === 'running') text = s.pvRunning;
  else if (p.state === 'refining') text = s.pvRefining(fmt.count(p.trials), fmt.count(p.fullTrials));
  else if (p.state === 'done') text = s.pvDone(fmt.decimal(Math.round((p.elapsedMs ?? 0) / 100) / 10));
  else if (p.state === 'invalid') text = p.result ? s.pvInvalid : s.pvInvalidNoResult;
  else text = s.pvError(p.error instanceof Error ? p.error.message : String(p.error));
  return (
    <div class={`preview-status ${p.state}`}>
      <p role="status" data-field="preview-status" data-elapsed-ms={p.elapsedMs === null ? undefined : Math.round(p.elapsedMs)}>
        {text}
      </p>
      {p.state === 'invalid' && <IssueList class="issues preview-issues" model={model} issues={p.issues} scenarios={scenarios} />}
      {p.state === 'running' && p.result && <p class="help">{s.pvStale}</p>}
    </div>
  );
}

function Body({
  result,
  model,
  chosenId,
  onChoose,
}: {
  result: ComparisonResult;
  model: NonNullable<ReturnType<typeof usePreview>['model']>;
  chosenId: string | null;
  onChoose: (id: string) => void;
}) {
  const s = t();
  // The option last chosen while it is still on screen, else the first option, else the baseline.
  const found = result.scenarios.findIndex((sc) => sc.id === chosenId);
  const chosen = found >= 0 ? found : result.scenarios.length > 1 ? 1 : 0;
  const scenario = result.scenarios[chosen];
  const years = result.periods.filter((y) => y !== 'total');
  const label = scenarioLabel(scenario, chosen);
  return (
    <>
      <ScenarioPicker
        id="preview-scenario"
        label={s.pvShow}
        result={result}
        chosen={chosen}
        onChoose={(i) => onChoose(result.scenarios[i].id)}
      />
      <h3>{s.pvYearsTitle(label)}</h3>
      <ul class="preview-years" data-scenario={scenario.id}>
        {[...years, 'total'].map((year) => {
          const cost = scenario.periods[year]?.cost;
          if (!cost) return null;
          // Beside an option's own cost, what it changes against the baseline in the same trials.
          const delta = chosen > 0 ? scenario.periods[year]?.delta : undefined;
          return (
            <li key={year} data-year={year}>
              <span class="year">{year === 'total' ? s.pvTotal : yearLabel(year, result.months)}</span>
              <strong data-field="expected">
                {fmt.msek(cost.mean)} {s.mkr}
              </strong>
              <span class="muted" data-field="range">
                {s.range80}: {fmt.msekRange(cost.p10, cost.p90)} {s.mkr}
              </span>
              {delta && <span data-field="delta">{s.pvAgainstBaseline(fmt.msek(Math.abs(delta.mean)), delta.mean < 0)}</span>}
            </li>
          );
        })}
      </ul>
      <FanChart
        months={result.months}
        years={years}
        series={[
          { label: scenarioLabel(result.scenarios[0], 0), fan: result.scenarios[0].monthly.cost, periods: result.scenarios[0].periods },
          ...(chosen > 0 ? [{ label, fan: scenario.monthly.cost, periods: scenario.periods }] : []),
        ]}
      />
      <OptionsSection result={result} model={model} />
    </>
  );
}
