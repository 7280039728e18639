/**
 * The headline per year as a real table, printed only (the screen has cards): expected cost, the 80 % range,
 * the budget and the chance of exceeding it, for today and for the option shown in the fan chart.
 */
import type { ComparisonResult } from '../../../simulation/result.js';
import { fmt, t } from '../i18n/index.js';

export function PaperHeadlines({ result, chosen }: { result: ComparisonResult; chosen: number }) {
  const s = t();
  const years = result.periods.filter((p) => p !== 'total');
  const shown = chosen > 0 ? [0, chosen] : [0];
  return (
    <section class="paper-only paper-section" data-paper="headlines" aria-labelledby="paper-headlines-title">
      <h3 id="paper-headlines-title">{s.paperHeadlinesTitle}</h3>
      <p class="paper-intro">{s.paperHeadlinesIntro}</p>
      {shown.map((index) => {
        const sc = result.scenarios[index];
        if (!sc) return null;
        return (
          <table key={sc.id} class="paper-table paper-headlines" data-scenario={sc.id}>
            <caption>{s.paperHeadlinesCaption(sc.label, index === 0)}</caption>
            <thead>
              <tr>
                <th scope="col">{s.paperYear}</th>
                <th scope="col" class="num">
                  {s.paperExpected}
                </th>
                <th scope="col" class="num">
                  {s.paperRange}
                </th>
                <th scope="col" class="num">
                  {s.paperBudget}
                </th>
                <th scope="col" class="num">
                  {s.paperProbExceed}
                </th>
              </tr>
            </thead>
            <tbody>
              {years.map((year) => {
                const period = sc.periods[year];
                if (!period) return null;
                const { cost, budget } = period;
                return (
                  <tr key={year} data-year={year}>
                    <th scope="row">{year}</th>
                    <td class="num" data-field="expected">
                      {fmt.msek(cost.mean)}
                    </td>
                    <td class="num">{fmt.msekRange(cost.p10, cost.p90)}</td>
                    <td class="num">{budget ? fmt.msek(budget.amount) : '–'}</td>
                    <td class="num">{budget ? fmt.percent(budget.probExceed) : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      })}
    </section>
  );
}
