/**
 * A card per option, best mean saving first: what it saves over the horizon and how sure that is, what it costs
 * itself, what it earns, how full its units are and when it pays back. An option that costs money carries a
 * word and a shape as well as the danger tone, so it stands out without colour.
 */
import {
  byMeanSaving,
  paybackOf,
  unclearAdvice,
  type OptionSummary,
  type PeriodSummary,
  type Verdict,
} from '../../../presentation/option-summary.js';
import { fmt, t } from '../i18n/index.js';
import { McNote } from './mc-note.js';

const ICON: Record<Verdict, string> = { saves: '✓', costs: '✕', unclear: '?' };

/**
 * "Sparar 12,3 mkr på fem år (95 % intervall 8,1–16,4)" or "Kostar 4,2 mkr mer …", by the sign of the mean. An
 * option whose interval spans zero and whose mean reads as zero at the decimals shown "costs about the same as
 * today": "Sparar 0,0 mkr" (or "Kostar 0,0 mkr mer") would give it the sign of a rounding.
 */
export function savingText(p: PeriodSummary, span: string): string {
  const s = t();
  const { mean, ci95 } = p.saving;
  const [amount, range] = fmt.msekWithRange(mean, ci95[0], ci95[1]);
  if (p.verdict === 'unclear' && !/[1-9]/.test(amount)) return s.optEven(span, range);
  if (mean >= 0) return s.optSaves(amount, span, range);
  const [cost, costRange] = fmt.msekWithRange(-mean, -ci95[1], -ci95[0]);
  return s.optCosts(cost, span, costRange);
}

export function OptionCards({ summaries, trials, months }: { summaries: OptionSummary[]; trials: number; months: number }) {
  return (
    <ul class="option-cards">
      {byMeanSaving(summaries).map((o) => (
        <OptionCard key={o.scenarioId} option={o} trials={trials} months={months} />
      ))}
    </ul>
  );
}

function OptionCard({ option: o, trials, months }: { option: OptionSummary; trials: number; months: number }) {
  const s = t();
  const { total } = o;
  const span = s.optSpan(months);
  const mark = { saves: s.optMarkSaves, costs: s.optMarkCosts, unclear: s.optMarkUnclear }[total.verdict];
  return (
    <li class={`option-card ${total.verdict}`} data-option={o.scenarioId} data-verdict={total.verdict}>
      <h4>{o.label}</h4>
      <p class="verdict-mark" data-field="mark">
        <span class="icon" aria-hidden="true">
          {ICON[total.verdict]}
        </span>
        {mark}
      </p>
      <p class="saving" data-field="saving">
        {savingText(total, span)}
      </p>
      <McNote error={total.saving.mcError} field="saving-mc-error" />
      {total.verdict === 'unclear' && (
        <p class="few-trials" data-field="unclear-warning">
          {unclearAdvice(trials) === 'moreTrials' ? s.optFewTrials : s.optTooSmall}
        </p>
      )}
      <dl>
        <div>
          <dt>{s.optProbSaving}</dt>
          <dd data-field="prob-saving">{fmt.percent(total.saving.probSaving)}</dd>
        </div>
        <div>
          <dt>
            {s.optOwnCost}
            {total.units.length > 0 && <span class="muted"> {s.optOwnCostHelp(span)}</span>}
          </dt>
          <dd data-field="own-cost" class="amount">
            {fmt.msek(total.ownCost)} {s.optMkr}
          </dd>
        </div>
        {o.sellsPlaces && (
          <div>
            <dt>{s.optRevenue}</dt>
            <dd data-field="revenue" class="amount">
              {fmt.msek(total.revenue)} {s.optMkr}
            </dd>
          </div>
        )}
        {total.units
          .filter((u) => u.occupancy !== undefined)
          .map((u) => (
            <div key={u.formId}>
              <dt>{s.optOccupancy(u.label)}</dt>
              <dd data-field="occupancy" data-form={u.formId}>
                {fmt.percent(u.occupancy ?? 0)}
                {u.capacity !== null && (
                  <span class="muted"> ({s.optOccupancyPlaces(fmt.decimal((u.occupancy ?? 0) * u.capacity), u.capacity)})</span>
                )}
              </dd>
            </div>
          ))}
        <div class="stack">
          <dt>{s.optPayback}</dt>
          <dd data-field="payback">{paybackText(o)}</dd>
        </div>
      </dl>
      <PerYear option={o} />
    </li>
  );
}

function paybackText(o: OptionSummary): string {
  const s = t();
  const kind = paybackOf(o.breakEven);
  if (kind === 'never' || !o.breakEven?.medianMonth) return s.optNoPayback;
  const chance = fmt.percent(o.breakEven.probWithinHorizon);
  if (kind === 'unlikely') return s.optPaysBackUnlikely(chance);
  if (kind === 'uncertain') return s.optPaysBackUncertain(chance);
  return s.optPaysBack(fmt.month(o.breakEven.medianMonth), chance);
}

function PerYear({ option: o }: { option: OptionSummary }) {
  const s = t();
  if (o.years.length < 2) return null;
  return (
    <details class="chart-table per-year">
      <summary>{s.optPerYear}</summary>
      <table>
        <caption>
          {s.optPerYear}: {o.label}
        </caption>
        <thead>
          <tr>
            <th scope="col">{s.optYear}</th>
            <th scope="col" class="num">
              {s.optColSaving}
            </th>
            <th scope="col" class="num">
              {s.optColOwnCost}
            </th>
          </tr>
        </thead>
        <tbody>
          {o.years.map((y) => (
            <tr key={y.period}>
              <th scope="row">{y.period}</th>
              <td class="num">{fmt.msek(y.saving.mean)}</td>
              <td class="num">{fmt.msek(y.ownCost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
