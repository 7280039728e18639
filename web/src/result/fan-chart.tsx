/**
 * The fan of the monthly cost: bands P5–P95, P10–P90, P25–P75 and the median, one panel per scenario, all on
 * one y scale.
 */
import { useCallback } from 'preact/hooks';
import { FAN_KEYS, type Fan } from '../../../simulation/result.js';
import { seriesClass, seriesColor } from '../charts/palette.js';
import { PlotBox, type PlotModule } from '../charts/plot-box.js';
import { fmt, lang, t } from '../i18n/index.js';

export interface FanSeries {
  label: string;
  fan: Fan;
}

const BANDS = [
  { lo: 'p5', hi: 'p95', opacity: 0.18 },
  { lo: 'p10', hi: 'p90', opacity: 0.28 },
  { lo: 'p25', hi: 'p75', opacity: 0.42 },
] as const;

function monthDate(m: string): Date {
  const [y, mo] = m.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, 1));
}

export function FanChart({ months, series }: { months: string[]; series: FanSeries[] }) {
  const s = t();
  // One y scale for every panel, so the panels compare at a glance.
  const top = Math.max(...series.flatMap((sr) => sr.fan.p95)) / 1e6;
  return (
    <figure class="fan">
      {series.map((sr, i) => (
        // Each panel has its own legend in its own colour, so the swatches match the bands drawn above them.
        <div key={sr.label} class={`fan-panel ${seriesClass(i)}`}>
          {series.length > 1 && (
            <h4>
              <span class="swatch" aria-hidden="true" />
              {sr.label}
            </h4>
          )}
          <FanPanel months={months} fan={sr.fan} color={seriesColor(i)} top={top} label={`${s.fanTitle}: ${sr.label}`} />
          <p class="legend">
            <span class="swatch band90" aria-hidden="true" /> {s.band90}
            <span class="swatch band80" aria-hidden="true" /> {s.band80}
            <span class="swatch band50" aria-hidden="true" /> {s.band50}
            <span class="swatch median" aria-hidden="true" /> {s.median}
          </p>
        </div>
      ))}
    </figure>
  );
}

function FanPanel({ months, fan, color, top, label }: { months: string[]; fan: Fan; color: string; top: number; label: string }) {
  const s = t();
  const language = lang.value;
  const draw = useCallback(
    (Plot: PlotModule, boxWidth: number) => {
      const rows = months.map((m, i) => ({
        date: monthDate(m),
        ...Object.fromEntries(FAN_KEYS.map((k) => [k, fan[k][i] / 1e6])),
      }));
      const width = Math.max(320, Math.min(boxWidth, 1100));
      return Plot.plot({
        className: 'fan-plot',
        width,
        height: 260,
        marginLeft: 56,
        marginRight: 24,
        style: { fontSize: '13px' },
        // A tick a year on a tablet, a tick every six months on a wide screen.
        x: { type: 'utc', label: null, ticks: width < 800 ? 'year' : '6 months', tickFormat: (d: Date) => fmt.month(d) },
        y: { label: s.fanAxis, grid: true, domain: [0, top * 1.05], tickFormat: (v: number) => fmt.msek(v * 1e6) },
        marks: [
          ...BANDS.map((b) =>
            Plot.areaY(rows, { x: 'date', y1: b.lo, y2: b.hi, fill: color, fillOpacity: b.opacity, curve: 'step-after' }),
          ),
          Plot.lineY(rows, { x: 'date', y: 'p50', stroke: color, strokeWidth: 2, curve: 'step-after' }),
          Plot.ruleY([0]),
        ],
        ariaLabel: label,
      });
    },
    // The language is read by the formatters inside.
    [months, fan, color, top, label, language],
  );
  return <PlotBox draw={draw} name="fan" />;
}
