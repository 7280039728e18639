/**
 * The backtest as small multiples: per form (and in total) the forecast's P10–P90 per year as a bar with its
 * median, and the outcome as a dot (filled inside the band, a ring outside); the yearly total cost the same
 * way. One table holds every figure.
 */
import { useCallback } from 'preact/hooks';
import type { BacktestResult, BacktestRow } from '../../../simulation/calibration/backtest.js';
import { ChartTable } from '../charts/chart-table.js';
import { INK, seriesColor, STATUS } from '../charts/palette.js';
import { PlotBox, type PlotModule } from '../charts/plot-box.js';
import { fmt, lang, t } from '../i18n/index.js';
import { RECORDS_PLOT } from './plot-frame.js';

function Panel({ rows, title, cost, name }: { rows: BacktestRow[]; title: string; cost: boolean; name: string }) {
  const s = t();
  const language = lang.value;
  const draw = useCallback(
    (Plot: PlotModule, boxWidth: number) => {
      const scale = cost ? 1e-6 : 1;
      const data = rows.map((r) => ({
        label: String(r.year),
        p10: r.p10 * scale,
        p50: r.p50 * scale,
        p90: r.p90 * scale,
        observed: r.observed * scale,
        inside: r.inside,
      }));
      const top = Math.max(...data.map((d) => Math.max(d.p90, d.observed)), 1);
      return Plot.plot({
        ...RECORDS_PLOT,
        width: Math.max(260, Math.min(boxWidth, 520)),
        height: 200,
        marginLeft: 56,
        x: { type: 'band', label: null, domain: data.map((d) => d.label), padding: 0.4 },
        y: {
          label: cost ? s.recCostAxis : s.recCareDaysAxis,
          grid: true,
          domain: [0, top * 1.1],
          tickFormat: (v: number) => fmt.count(v),
        },
        marks: [
          Plot.barY(data, { x: 'label', y1: 'p10', y2: 'p90', fill: seriesColor(0), fillOpacity: 0.3 }),
          Plot.tickY(data, { x: 'label', y: 'p50', stroke: seriesColor(0), strokeWidth: 3 }),
          Plot.dot(
            data.filter((d) => d.inside),
            { x: 'label', y: 'observed', r: 5, fill: INK, stroke: INK },
          ),
          Plot.dot(
            data.filter((d) => !d.inside),
            { x: 'label', y: 'observed', r: 5, fill: 'white', stroke: STATUS.danger, strokeWidth: 2.5 },
          ),
          Plot.ruleY([0]),
        ],
        ariaLabel: title,
      });
    },
    [rows, title, cost, language],
  );
  return (
    <div class="multiple" data-form={name}>
      <h4>{title}</h4>
      <PlotBox draw={draw} name={`backtest-${name}`} />
    </div>
  );
}

export function BacktestCharts({ result, formLabel }: { result: BacktestResult; formLabel: (form: string) => string }) {
  const s = t();
  const care = result.rows.filter((r) => r.measure === 'careDays');
  const forms = [...new Set(care.map((r) => r.form))];
  const cost = result.rows.filter((r) => r.measure === 'cost');
  const value = (r: BacktestRow, x: number): string => (r.measure === 'cost' ? fmt.msek(x) : fmt.count(x));
  return (
    <>
      <h3>{s.recCareDaysTitle}</h3>
      <p class="help">{s.recCareDaysIntro}</p>
      <p class="legend">
        <span class="legend-item">
          <span class="swatch bt-band" aria-hidden="true" /> {s.recBand}
        </span>
        <span class="legend-item">
          <span class="swatch bt-median" aria-hidden="true" /> {s.recMedian}
        </span>
        <span class="legend-item">
          <span class="swatch bt-inside" aria-hidden="true" /> {s.recOutcomeInside}
        </span>
        <span class="legend-item">
          <span class="swatch bt-outside" aria-hidden="true" /> {s.recOutcomeOutside}
        </span>
      </p>
      <div class="small-multiples backtest">
        {forms.map((f) => (
          <Panel key={f} rows={care.filter((r) => r.form === f)} title={formLabel(f)} cost={false} name={f} />
        ))}
        {cost.length > 0 && <Panel rows={cost} title={`${s.recCostTitle} (${s.recCostAxis})`} cost name="cost" />}
      </div>
      <ChartTable
        caption={s.recBacktestTable}
        name="backtest"
        columns={[
          { header: s.recColYear },
          { header: s.recColForm },
          { header: s.recColMeasure },
          { header: s.recColOutcome, numeric: true },
          { header: s.recColP10, numeric: true },
          { header: s.recColP50, numeric: true },
          { header: s.recColP90, numeric: true },
          { header: s.recColInside },
        ]}
        rows={result.rows.map((r) => [
          String(r.year),
          formLabel(r.form),
          r.measure === 'cost' ? s.recMeasureCost : s.recMeasureCareDays,
          value(r, r.observed),
          value(r, r.p10),
          value(r, r.p50),
          value(r, r.p90),
          r.inside ? s.recYes : s.recInsideNo(r.observed < r.p10 ? s.recBelow : s.recAbove),
        ])}
      />
    </>
  );
}
