/**
 * The assumptions in brief, printed only: the period and price increase, inflow and mix per segment, price and
 * stay per form, and the yearly budgets, as presentation/assumptions.ts gives them.
 */
import type { Assumptions } from '../../../presentation/assumptions.js';
import { fmt, t } from '../i18n/index.js';

export function PaperAssumptions({ brief }: { brief: Assumptions }) {
  const s = t();
  return (
    <section class="paper-only paper-section" data-paper="assumptions" aria-labelledby="paper-assumptions-title">
      <h3 id="paper-assumptions-title">{s.paperAssumptionsTitle}</h3>
      <p class="paper-intro">{s.paperAssumptionsIntro}</p>
      <dl class="paper-facts two">
        <div>
          <dt>{s.paperPeriod}</dt>
          <dd>{s.paperPeriodValue(fmt.month(brief.start), fmt.month(brief.end), fmt.count(brief.horizonMonths))}</dd>
        </div>
        <div>
          <dt>{s.paperPriceIncrease}</dt>
          <dd>{brief.priceIncrease ?? s.paperNone}</dd>
        </div>
      </dl>

      <table class="paper-table" data-paper="inflow">
        <caption>{s.paperInflowTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{s.paperSegment}</th>
            <th scope="col">{s.paperEpisodes}</th>
            <th scope="col">{s.paperTrend}</th>
            <th scope="col">{s.paperMix}</th>
          </tr>
        </thead>
        <tbody>
          {brief.inflow.map((row) => (
            <tr key={row.segment}>
              <th scope="row">{row.segment}</th>
              <td>{row.episodesPerYear}</td>
              <td>{row.trendPerYear ?? s.paperNone}</td>
              <td>{row.mix.map((m) => `${m.form} ${fmt.percent(m.share)}`).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table class="paper-table" data-paper="forms">
        <caption>{s.paperFormsTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{s.paperForm}</th>
            <th scope="col">{s.paperSegment}</th>
            <th scope="col">{s.paperDailyCost}</th>
            <th scope="col">{s.paperStay}</th>
            <th scope="col" class="num">
              {s.paperPlaces}
            </th>
          </tr>
        </thead>
        <tbody>
          {brief.forms.map((f) => (
            <tr key={f.id}>
              <th scope="row">
                {f.label}
                {f.addedBy !== null && <span class="paper-note"> ({s.paperAddedBy(f.addedBy)})</span>}
              </th>
              <td>{f.segment}</td>
              <td>
                {f.dailyCost}
                {f.fixedCostPerYear !== null && <span class="paper-note">; {s.paperFixedCost(f.fixedCostPerYear)}</span>}
              </td>
              <td>{f.lengthOfStay}</td>
              <td class="num">{f.capacity === null ? '–' : fmt.count(f.capacity)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {brief.budget.length === 0 ? (
        <p>{s.paperNoBudget}</p>
      ) : (
        <table class="paper-table paper-budget" data-paper="budget">
          <caption>{s.paperBudgetTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{s.paperYear}</th>
              {brief.budget.map((b) => (
                <th key={b.year} scope="col" class="num">
                  {b.year}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{s.paperBudget}</th>
              {brief.budget.map((b) => (
                <td key={b.year} class="num">
                  {fmt.msek(b.amount)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
