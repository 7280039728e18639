/** What a shown run used: when it started, the model version, and the options it compared. */
import type { ModelVersion, RunStatus } from '../api.js';
import { t } from '../i18n/index.js';
import { optionLabels, runWhen } from './run-text.js';

export function RunFacts({ run, model }: { run: RunStatus; model: ModelVersion }) {
  const s = t();
  const labels = optionLabels(run, model);
  return (
    <div class="run-facts" data-run-id={run.id}>
      <p>{s.runsFacts(runWhen(run.timings.createdAt), run.modelVersion)}</p>
      <p>
        {s.runsFactsOptions} {labels.length > 0 ? labels.join(', ') : s.runsOnlyBaseline}
      </p>
    </div>
  );
}
