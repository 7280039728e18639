/** One form's stays: the Kaplan–Meier staircase of the records against the survival of the model's lognormal. */
import { useCallback } from 'preact/hooks';
import type { FormFit } from '../../../simulation/calibration/calibrate.js';
import { ChartTable } from '../charts/chart-table.js';
import { INK, seriesColor } from '../charts/palette.js';
import { PlotBox, type PlotModule } from '../charts/plot-box.js';
import { fmt, lang, t } from '../i18n/index.js';
import type { StayCurve } from './stay-curves.js';
import { RECORDS_PLOT } from './plot-frame.js';

export function StayChart({ curve, fit }: { curve: StayCurve; fit: FormFit }) {
  const s = t();
  const language = lang.value;
  const label = `${s.recStaysTitle}: ${curve.form}`;
  const draw = useCallback(
    (Plot: PlotModule, boxWidth: number) =>
      Plot.plot({
        ...RECORDS_PLOT,
        width: Math.max(300, Math.min(boxWidth, 640)),
        height: 220,
        marginLeft: 48,
        // Room for the x axis's label centred under the ticks: at the right end it sat on the last tick's label.
        marginBottom: 42,
        x: {
          label: s.recStayAxisX,
          labelAnchor: 'center',
          labelOffset: 36,
          grid: true,
          zero: true,
          tickFormat: (v: number) => fmt.count(v),
        },
        y: { label: s.recStayAxisY, domain: [0, 1], grid: true, tickFormat: (v: number) => fmt.percent(v) },
        marks: [
          Plot.lineY(curve.fitted, { x: 'days', y: 'share', stroke: INK, strokeWidth: 1.5 }),
          Plot.lineY(curve.km, { x: 'days', y: 'share', stroke: seriesColor(0), strokeWidth: 2, curve: 'step-after' }),
          Plot.ruleY([0]),
        ],
        ariaLabel: label,
      }),
    [curve, label, language],
  );
  return (
    <>
      <PlotBox draw={draw} name={`stay-${curve.form}`} />
      <ChartTable
        caption={label}
        name={`stay-${curve.form}`}
        columns={[{ header: s.recColPercentile }, { header: s.recColKmDays, numeric: true }, { header: s.recColFittedDays, numeric: true }]}
        rows={fit.kmVsFit.map((r) => [fmt.percent(r.p), r.km === null ? s.recNotReached : fmt.count(r.km), fmt.count(r.fitted)])}
      />
    </>
  );
}
