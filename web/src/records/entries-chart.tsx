/** One segment's new entries per year: observed as bars (light where the year is not in the fit), fitted as a line. */
import { useCallback } from 'preact/hooks';
import type { SegmentFit } from '../../../simulation/calibration/calibrate.js';
import { ChartTable } from '../charts/chart-table.js';
import { INK, seriesColor } from '../charts/palette.js';
import { PlotBox, type PlotModule } from '../charts/plot-box.js';
import { fmt, lang, t } from '../i18n/index.js';
import { RECORDS_PLOT } from './plot-frame.js';

export function EntriesChart({ segment }: { segment: SegmentFit }) {
  const s = t();
  const language = lang.value;
  const label = `${s.recEntriesTitle}: ${s.recSegment(segment.segment)}`;
  const draw = useCallback(
    (Plot: PlotModule, boxWidth: number) => {
      const rows = segment.entriesPerYear.map((y) => ({ ...y, label: String(y.year) }));
      return Plot.plot({
        ...RECORDS_PLOT,
        width: Math.max(300, Math.min(boxWidth, 640)),
        height: 220,
        marginLeft: 48,
        x: { type: 'band', label: null, domain: rows.map((r) => r.label), padding: 0.25 },
        y: { label: s.recEntriesAxis, grid: true, nice: true, zero: true },
        marks: [
          Plot.barY(rows, {
            x: 'label',
            y: 'observed',
            fill: seriesColor(0),
            fillOpacity: (r: { inFit: boolean }) => (r.inFit ? 0.75 : 0.25),
          }),
          Plot.lineY(rows, { x: 'label', y: 'fitted', stroke: INK, strokeWidth: 2 }),
          Plot.dot(rows, { x: 'label', y: 'fitted', fill: INK, r: 3 }),
          Plot.ruleY([0]),
        ],
        ariaLabel: label,
      });
    },
    [segment, label, language],
  );
  return (
    <>
      <PlotBox draw={draw} name={`entries-${segment.segment}`} />
      <p class="legend">
        <span class="legend-item">
          <span class="swatch observed" aria-hidden="true" /> {s.recObserved}
        </span>
        <span class="legend-item">
          <span class="swatch observed partial" aria-hidden="true" /> {s.recObservedPartial}
        </span>
        <span class="legend-item">
          <span class="swatch fitted-line" aria-hidden="true" /> {s.recFitted}
        </span>
      </p>
      <ChartTable
        caption={label}
        name={`entries-${segment.segment}`}
        columns={[
          { header: s.recColYear },
          { header: s.recColExposure, numeric: true },
          { header: s.recColObserved, numeric: true },
          { header: s.recColFitted, numeric: true },
          { header: s.recColInFit },
        ]}
        rows={segment.entriesPerYear.map((y) => [
          String(y.year),
          fmt.percent(y.exposure),
          fmt.count(y.observed),
          fmt.decimal(y.fitted),
          y.inFit ? s.recYes : s.recNo,
        ])}
      />
    </>
  );
}
