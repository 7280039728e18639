/**
 * The year on one axis: for the full forecast and the usual method, the P10–P90 band and the expected outcome,
 * with the budget as a dashed line. Late in the year most of it is booked, so an axis from zero would squeeze what
 * the forecasts disagree about into a sliver: the axis spans the bands and the budget, and the caption says so.
 */
import { useCallback } from 'preact/hooks';
import type { YearEndForecast } from '../../../presentation/year-end.js';
import { ChartTable } from '../charts/chart-table.js';
import { INK, seriesColor } from '../charts/palette.js';
import { PlotBox, type PlotModule } from '../charts/plot-box.js';
import { fmt, lang, t } from '../i18n/index.js';

export function YearEndChart({ f }: { f: YearEndForecast }) {
  const s = t();
  const rows = [
    { what: s.fcChartFull, ...f.full, color: seriesColor(0) },
    { what: s.fcChartUsual, ...f.usual, color: seriesColor(1) },
  ];
  const budget = f.budget?.amount ?? null;
  const language = lang.value;
  const draw = useCallback(
    (Plot: PlotModule, width: number) => {
      const mkr = (x: number) => x / 1e6;
      const ends = [...rows.flatMap((r) => [r.p10, r.p90]), ...(budget === null ? [] : [budget])];
      const [lo, hi] = [Math.min(...ends), Math.max(...ends)];
      const pad = (hi - lo) * 0.08;
      return Plot.plot({
        width,
        height: 196,
        ariaLabel: s.fcChartTitle(f.year),
        // The page's other charts' size of text, with room above the bars for the budget's label and below the
        // ticks for the axis' (the options chart's layout).
        style: { fontSize: '13px' },
        marginTop: 26,
        marginBottom: 48,
        marginLeft: Math.min(150, width / 4),
        x: {
          domain: [mkr(lo - pad), mkr(hi + pad)],
          tickFormat: (d: number) => fmt.decimal(d),
          label: language === 'sv' ? 'mkr' : 'MSEK',
          labelAnchor: 'center',
          labelOffset: 40,
          grid: true,
        },
        y: { domain: rows.map((r) => r.what), label: null },
        marks: [
          Plot.barX(rows, { y: 'what', x1: (r) => mkr(r.p10), x2: (r) => mkr(r.p90), fill: (r) => r.color, fillOpacity: 0.45 }),
          Plot.tickX(rows, { y: 'what', x: (r) => mkr(r.mean), stroke: INK, strokeWidth: 3 }),
          ...(budget === null ? [] : [Plot.ruleX([mkr(budget)], { stroke: INK, strokeDasharray: '6,4' })]),
          ...(budget === null
            ? []
            : [Plot.text([s.fcChartBudget], { x: mkr(budget), frameAnchor: 'top', dy: -2, textAnchor: 'end', dx: -4 })]),
        ],
      });
    },
    [f, budget, language],
  );
  return (
    <figure class="year-end-chart">
      <figcaption>
        {s.fcChartTitle(f.year)} <span class="help">{s.fcChartAxis(fmt.msek(f.booked))}</span>
      </figcaption>
      <PlotBox draw={draw} name="year-end" />
      <ChartTable
        name="year-end"
        caption={s.fcChartTitle(f.year)}
        columns={[
          { header: s.fcColWhat },
          { header: s.fcColMean, numeric: true },
          { header: s.fcColP10, numeric: true },
          { header: s.fcColP90, numeric: true },
        ]}
        rows={rows.map((r) => [r.what, fmt.msek(r.mean), fmt.msek(r.p10), fmt.msek(r.p90)])}
      />
    </figure>
  );
}
