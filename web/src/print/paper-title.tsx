/**
 * The paper's title block, printed only: what the committee is looking at (model, version), when it was
 * computed, with how many trials and which seed, and the options compared.
 */
import type { Assumptions } from '../../../presentation/assumptions.js';
import type { ComparisonResult } from '../../../simulation/result.js';
import type { ModelVersion, RunStatus } from '../api.js';
import { fmt, t } from '../i18n/index.js';

export function PaperTitle({
  result,
  model,
  run,
  brief,
}: {
  result: ComparisonResult;
  model: ModelVersion;
  run: RunStatus;
  brief: Assumptions;
}) {
  const s = t();
  const runDate = run.timings.finishedAt ?? run.timings.createdAt;
  const [baseline, ...options] = brief.scenarios;

  return (
    <header class="paper-only paper-title" data-paper="title">
      <h2>{s.paperTitle}</h2>
      <p class="paper-model">
        {model.model.name} <span>{s.modelVersion(model.version)}</span>
      </p>
      <dl class="paper-facts">
        <div>
          <dt>{s.paperRunDate}</dt>
          <dd data-field="run-date">{fmt.date(runDate)}</dd>
        </div>
        <div>
          <dt>{s.paperTrials}</dt>
          <dd>{fmt.count(result.trials)}</dd>
        </div>
        <div>
          <dt>{s.paperSeed}</dt>
          <dd>{result.seed}</dd>
        </div>
        <div class="wide">
          <dt>{s.paperCompared}</dt>
          <dd>
            <ul>
              {baseline && (
                <li>
                  {s.baseline} ({s.paperBaselineNote})
                </li>
              )}
              {options.map((sc) => (
                <li key={sc.id}>
                  {sc.options.length > 1 || sc.options[0] !== sc.label ? `${sc.label} (${sc.options.join(', ')})` : sc.label}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
    </header>
  );
}
