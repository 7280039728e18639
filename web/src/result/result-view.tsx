/**
 * A finished run: a headline per year in plain words, and the fan of the monthly cost. `model` is the version the
 * run used, for labels and assumptions; `run` names the run (downloads, the probability question) and dates it.
 */
import { useState } from 'preact/hooks';
import type { ComparisonResult } from '../../../simulation/result.js';
import type { ModelVersion, RunStatus } from '../api.js';
import { Downloads } from './downloads.js';
import { FanChart } from './fan-chart.js';
import { fmt, lang, t } from '../i18n/index.js';
import { costMcError } from '../../../presentation/option-summary.js';
import { McNote } from './mc-note.js';
import { OptionsSection } from './options-section.js';
import { assumptionsOf } from '../../../presentation/assumptions.js';
import { PaperAssumptions } from '../print/paper-assumptions.js';
import { PaperHeadlines } from '../print/paper-headlines.js';
import { PaperMethod } from '../print/paper-method.js';
import { PaperTitle } from '../print/paper-title.js';
import { PrintButton } from '../print/print-button.js';
import { ProbabilityQuestion } from './probability.js';
import { Tornado } from './tornado.js';
import { useFocusOnShow } from '../focus.js';
import { scenarioLabel, ScenarioPicker } from './scenario-picker.js';

export interface ResultViewProps {
  result: ComparisonResult;
  model: ModelVersion;
  run: RunStatus;
}

export function ResultView({ result, model, run }: ResultViewProps) {
  const s = t();
  // The printed paper's assumptions, in the language shown.
  const brief = assumptionsOf({ model: model.model, result }, lang.value);
  const [chosen, setChosen] = useState(result.scenarios.length > 1 ? 1 : 0);
  const scenario = result.scenarios[chosen] ?? result.scenarios[0];
  const years = result.periods.filter((p) => p !== 'total');
  // A new result takes the focus: a screen reader announces it, and the next Tab goes into it.
  const heading = useFocusOnShow<HTMLHeadingElement>([result]);

  return (
    <section class="result" aria-labelledby="result-title">
      <PaperTitle result={result} model={model} run={run} brief={brief} />
      <PaperAssumptions brief={brief} />
      <h2 id="result-title" ref={heading} tabIndex={-1}>
        {s.resultTitle}
      </h2>
      <p class="muted">{s.resultMeta(fmt.count(result.trials), result.seed)}</p>
      <PrintButton />
      <ScenarioPicker id="scenario" label={s.showScenario} result={result} chosen={chosen} onChoose={setChosen} />

      <h3>{s.headlinesTitle(scenarioLabel(scenario, chosen), chosen === 0)}</h3>
      <ul class="headlines">
        {years.map((year) => {
          const period = scenario.periods[year];
          if (!period) return null;
          const { cost, budget } = period;
          return (
            <li key={year} class="headline" data-year={year}>
              <p class="year">{year}</p>
              <p class="big">
                <span class="label">{s.expected}</span>{' '}
                <strong data-field="expected">
                  {fmt.msek(cost.mean)} {s.mkr}
                </strong>
              </p>
              <dl>
                <div>
                  <dt>{s.range80}</dt>
                  <dd data-field="range">
                    {fmt.msekRange(cost.p10, cost.p90)} {s.mkr}
                  </dd>
                </div>
                <div>
                  <dt>{s.budget}</dt>
                  <dd data-field="budget">{budget ? `${fmt.msek(budget.amount)} ${s.mkr}` : s.noBudget}</dd>
                </div>
                {budget && (
                  <div>
                    <dt>{s.probExceed}</dt>
                    <dd data-field="prob-exceed" class={budget.probExceed >= 0.5 ? 'risk high' : 'risk'}>
                      {fmt.percent(budget.probExceed)}
                    </dd>
                  </div>
                )}
              </dl>
              <McNote error={costMcError(cost)} />
            </li>
          );
        })}
      </ul>
      <PaperHeadlines result={result} chosen={chosen} />

      <FanChart
        months={result.months}
        years={years}
        series={[
          { label: scenarioLabel(result.scenarios[0], 0), fan: result.scenarios[0].monthly.cost, periods: result.scenarios[0].periods },
          ...(chosen > 0 ? [{ label: scenarioLabel(scenario, chosen), fan: scenario.monthly.cost, periods: scenario.periods }] : []),
        ]}
      />

      <OptionsSection result={result} model={model.model} />
      <ProbabilityQuestion result={result} scenario={scenario} scenarioLabel={scenarioLabel(scenario, chosen)} runId={run.id} />
      <Tornado scenario={scenario} scenarioLabel={scenarioLabel(scenario, chosen)} model={model.model} isBaseline={chosen === 0} />
      <Downloads runId={run.id} model={model} />
      <PaperMethod result={result} start={brief.start} end={brief.end} />
    </section>
  );
}
