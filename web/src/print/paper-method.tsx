/**
 * A short note on method and uncertainty, printed only, in plain words: what a trial is, that every option meets
 * the same random courses, what the bands and the risk mean, how large the Monte Carlo error of the yearly
 * means is, and that the figures are estimates from the assumptions.
 */
import { costMcError } from '../../../presentation/option-summary.js';
import type { ComparisonResult } from '../../../simulation/result.js';
import { fmt, t } from '../i18n/index.js';

/** The largest Monte Carlo error (95 %) of any scenario's yearly expected cost, in SEK. */
export function largestYearlyError(result: ComparisonResult): number {
  const years = result.periods.filter((p) => p !== 'total');
  return Math.max(0, ...result.scenarios.flatMap((sc) => years.map((y) => costMcError(sc.periods[y]?.cost ?? { mcse: 0 }))));
}

export function PaperMethod({ result, start, end }: { result: ComparisonResult; start: string; end: string }) {
  const s = t();
  const trials = fmt.count(result.trials);
  return (
    <section class="paper-only paper-section paper-method" data-paper="method" aria-labelledby="paper-method-title">
      <h3 id="paper-method-title">{s.paperMethodTitle}</h3>
      <p>{s.paperMethodEstimates}</p>
      <p>{s.paperMethodTrials(trials, fmt.month(start), fmt.month(end))}</p>
      <p>{s.paperMethodBands}</p>
      <p data-field="mc-error">{s.paperMethodError(trials, fmt.msekError(largestYearlyError(result)))}</p>
      <p>
        {s.paperMethodSeed(result.seed)} {s.paperMethodLimits}
      </p>
    </section>
  );
}
