/**
 * "Hur troligt är det att kostnaden 2027 blir högst 85,5 mkr?": a year, an amount in mkr, and the answer from
 * the API's probability endpoint, which reads the run's whole distribution rather than the few percentiles the
 * page holds. What was typed stays in the field whatever goes wrong.
 */
import { useEffect, useState } from 'preact/hooks';
import { parseMsek, type AmountProblem } from '../../../presentation/parse-amount.js';
import type { ComparisonResult, ScenarioResult } from '../../../simulation/result.js';
import { getProbability } from '../api.js';
import { ErrorMessage } from '../errors.js';
import { fmt, t } from '../i18n/index.js';
import { firstFullYear, yearLabel } from './years.js';

interface Answer {
  probability: number;
  year: string;
  msek: number;
}

const PROBLEM_KEY: Record<AmountProblem, 'drvAmountEmpty' | 'drvAmountNotNumber' | 'drvAmountNegative'> = {
  empty: 'drvAmountEmpty',
  notNumber: 'drvAmountNotNumber',
  negative: 'drvAmountNegative',
};

export function ProbabilityQuestion({
  result,
  scenario,
  scenarioLabel,
  runId,
}: {
  result: ComparisonResult;
  scenario: ScenarioResult;
  scenarioLabel: string;
  runId: string;
}) {
  const s = t();
  const years = result.periods.filter((p) => p !== 'total');
  const [year, setYear] = useState(() => firstFullYear(years, result.months));
  const [text, setText] = useState('');
  const [edited, setEdited] = useState(false);
  const [problem, setProblem] = useState<AmountProblem | null>(null);
  const [apiError, setApiError] = useState<unknown>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [asking, setAsking] = useState(false);

  // Until the reader types, the field offers the median of the chosen year, rounded to a tenth of a mkr; the help
  // beneath keeps naming it as a point of reference once they have.
  const median = scenario.periods[year]?.cost.p50;
  useEffect(() => {
    if (!edited && median !== undefined) setText(fmt.msek(median));
  }, [median, edited]);
  // An answer is about one scenario and year; another choice makes it stale.
  useEffect(() => setAnswer(null), [scenario.id, year]);

  const ask = async (e: Event) => {
    e.preventDefault();
    setApiError(null);
    const parsed = parseMsek(text);
    if (!parsed.ok) {
      setProblem(parsed.problem);
      setAnswer(null);
      return;
    }
    setProblem(null);
    setAsking(true);
    try {
      const { probability } = await getProbability(runId, { scenario: scenario.id, period: year, thresholdSek: parsed.msek * 1e6 });
      setAnswer({ probability, year, msek: parsed.msek });
    } catch (err) {
      setAnswer(null);
      setApiError(err);
    } finally {
      setAsking(false);
    }
  };

  const described = [
    median !== undefined ? 'threshold-help' : null,
    problem ? 'threshold-error' : null,
    apiError ? 'probability-error' : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <section class="probability" aria-labelledby="probability-title">
      <h3 id="probability-title">{s.drvProbTitle}</h3>
      <p class="help">{s.drvProbIntro(scenarioLabel)}</p>
      <form class="probability-form" onSubmit={ask} noValidate>
        <div class="field">
          <label for="probability-year">{s.drvProbYear}</label>
          <select id="probability-year" value={year} onChange={(e) => setYear((e.target as HTMLSelectElement).value)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {yearLabel(y, result.months)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="probability-threshold">{s.drvProbThreshold}</label>
          <input
            id="probability-threshold"
            inputMode="decimal"
            autocomplete="off"
            value={text}
            aria-invalid={problem ? true : undefined}
            aria-describedby={described}
            onInput={(e) => {
              setText((e.target as HTMLInputElement).value);
              setEdited(true);
            }}
          />
          {median !== undefined && (
            <p class="help" id="threshold-help">
              {s.drvProbThresholdHelp(fmt.msek(median))}
            </p>
          )}
          {problem && (
            <p class="field-error" id="threshold-error">
              {s[PROBLEM_KEY[problem]]}
            </p>
          )}
        </div>
        <div class="field probability-ask">
          <button type="submit" disabled={asking}>
            {asking ? s.drvProbAsking : s.drvProbAsk}
          </button>
        </div>
      </form>
      <ErrorMessage error={apiError} id="probability-error" />
      <p class="probability-answer" aria-live="polite" data-field="probability-answer">
        {answer && s.drvProbAnswer(fmt.percent(answer.probability), answer.year, fmt.msek(answer.msek * 1e6))}
      </p>
    </section>
  );
}
