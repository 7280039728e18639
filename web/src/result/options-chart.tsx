/**
 * The options side by side: for each, where its saving over the horizon lands with 80 % probability (P10–P90)
 * and its median, best median first, against a zero line. An option left of zero costs more than it saves; the
 * position says so, the danger tone only repeats it.
 */
import { useCallback } from 'preact/hooks';
import { byMedianSaving, type OptionSummary, type Verdict } from '../../../presentation/option-summary.js';
import { ChartTable } from '../charts/chart-table.js';
import { PlotBox, type PlotModule } from '../charts/plot-box.js';
import { fmt, lang, t } from '../i18n/index.js';

interface Row {
  id: string;
  label: string;
  p10: number;
  p50: number;
  p90: number;
  title: string;
  verdict: Verdict;
}

// The same tones as the cards, so a bar and its card agree; the bar's place against zero carries the meaning.
const FILL: Record<Verdict, string> = { saves: 'var(--accent)', costs: 'var(--danger)', unclear: 'var(--muted)' };

const ROW_HEIGHT = 34;

export function OptionsChart({ summaries }: { summaries: OptionSummary[] }) {
  const s = t();
  const language = lang.value;
  const sorted = byMedianSaving(summaries);

  const draw = useCallback(
    (Plot: PlotModule, boxWidth: number) => {
      const rows: Row[] = byMedianSaving(summaries).map((o) => {
        const { p10, p50, p90 } = o.total.saving;
        return {
          id: o.scenarioId,
          label: o.label,
          p10: p10 / 1e6,
          p50: p50 / 1e6,
          p90: p90 / 1e6,
          verdict: o.total.verdict,
          title: `${o.label}: ${s.optMedian} ${fmt.msek(p50)}, P10–P90 ${fmt.msekRange(p10, p90)} ${s.optMkr}`,
        };
      });
      const labels = new Map(rows.map((r) => [r.id, r.label]));
      const width = Math.max(320, Math.min(boxWidth, 1100));
      // Room for the longest label, within reason on a tablet.
      const longest = Math.max(...rows.map((r) => r.label.length));
      const marginLeft = Math.min(Math.max(120, longest * 8 + 16), width * 0.4);
      return Plot.plot({
        className: 'options-plot',
        width,
        height: rows.length * ROW_HEIGHT + 70,
        marginBottom: 48,
        marginLeft,
        marginRight: 24,
        style: { fontSize: '13px' },
        x: { label: s.optChartAxis, labelAnchor: 'center', labelOffset: 40, grid: true, tickFormat: (v: number) => fmt.msek(v * 1e6) },
        // Keyed by scenario id, so two options with the same label keep a bar each.
        y: { label: null, domain: rows.map((r) => r.id), tickFormat: (id: string) => truncate(labels.get(id) ?? id, marginLeft / 7) },
        marks: [
          Plot.barX(rows, {
            y: 'id',
            x1: 'p10',
            x2: 'p90',
            fill: (r: Row) => FILL[r.verdict],
            fillOpacity: 0.45,
            insetTop: 6,
            insetBottom: 6,
            title: 'title',
          }),
          Plot.tickX(rows, { y: 'id', x: 'p50', stroke: 'var(--ink)', strokeWidth: 3, insetTop: 3, insetBottom: 3 }),
          Plot.ruleX([0], { stroke: 'var(--ink)', strokeWidth: 1.5 }),
        ],
        ariaLabel: s.optChartLabel,
      });
    },
    // The language is read by the formatters inside.
    [summaries, language],
  );

  return (
    <figure class="options-chart">
      <PlotBox draw={draw} name="options" />
      <figcaption class="legend">
        <span class="swatch option-band saves" aria-hidden="true" /> {s.optBand80}: {s.optMarkSaves.toLowerCase()}
        <span class="swatch option-band costs" aria-hidden="true" /> {s.optMarkCosts.toLowerCase()}
        <span class="swatch option-band unclear" aria-hidden="true" /> {s.optMarkUnclear.toLowerCase()}
        <span class="swatch median" aria-hidden="true" /> {s.optMedian}
      </figcaption>
      <ChartTable
        name="options"
        caption={s.optTableCaption}
        columns={[
          { header: s.optColOption },
          { header: s.optColMedian, numeric: true },
          { header: s.optColP10, numeric: true },
          { header: s.optColP90, numeric: true },
          { header: s.optColProb, numeric: true },
        ]}
        rows={sorted.map((o) => [
          o.label,
          fmt.msek(o.total.saving.p50),
          fmt.msek(o.total.saving.p10),
          fmt.msek(o.total.saving.p90),
          fmt.percent(o.total.saving.probSaving),
        ])}
      />
    </figure>
  );
}

function truncate(label: string, chars: number): string {
  const max = Math.floor(chars);
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1))}…`;
}
