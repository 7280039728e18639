/** "The options compared": the cards and the side-by-side chart, shown only when the run has options. */
import { useMemo } from 'preact/hooks';
import { summarizeOptions } from '../../../presentation/option-summary.js';
import type { ComparisonResult } from '../../../simulation/result.js';
import type { Model } from '../../../simulation/schema.js';
import { t } from '../i18n/index.js';
import { OptionCards } from './option-cards.js';
import { OptionsChart } from './options-chart.js';

export function OptionsSection({ result, model }: { result: ComparisonResult; model: Model }) {
  const s = t();
  const summaries = useMemo(() => summarizeOptions(result, model), [result, model]);
  if (summaries.length === 0) return null;
  return (
    <section class="options-compared" aria-labelledby="options-title">
      <h3 id="options-title">{s.optTitle}</h3>
      <p class="help">{s.optIntro}</p>
      <OptionCards summaries={summaries} trials={result.trials} months={result.months.length} />
      <h4>{s.optChartTitle}</h4>
      <p class="help">{s.optChartIntro}</p>
      <OptionsChart summaries={summaries} />
    </section>
  );
}
