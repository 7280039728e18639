/**
 * The fan of the monthly cost: bands P5–P95, P10–P90, P25–P75 and the median, one panel per scenario on one
 * y scale. Observable Plot draws it; Plot adds a <style> element to its SVG, which the page's CSP (no inline
 * style) would refuse, so it is removed before the SVG enters the document and its rules live in styles.css.
 */
import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'preact/hooks';
import type { Fan } from '../../simulation/result.js';
import { fmt, lang, t } from './i18n.js';

export interface FanSeries {
  label: string;
  fan: Fan;
}

const BANDS = [
  { lo: 'p5', hi: 'p95', opacity: 0.18 },
  { lo: 'p10', hi: 'p90', opacity: 0.28 },
  { lo: 'p25', hi: 'p75', opacity: 0.42 },
] as const;

const COLORS = ['#1f5fa8', '#b35806'];

function monthDate(m: string): Date {
  const [y, mo] = m.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, 1));
}

export function FanChart({ months, series }: { months: string[]; series: FanSeries[] }) {
  const box = useRef<HTMLDivElement>(null);
  const s = t();
  const language = lang.value;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const rows = series.flatMap((sr, si) =>
      months.map((m, i) => ({
        series: sr.label,
        si,
        date: monthDate(m),
        p5: sr.fan.p5[i] / 1e6,
        p10: sr.fan.p10[i] / 1e6,
        p25: sr.fan.p25[i] / 1e6,
        p50: sr.fan.p50[i] / 1e6,
        p75: sr.fan.p75[i] / 1e6,
        p90: sr.fan.p90[i] / 1e6,
        p95: sr.fan.p95[i] / 1e6,
      })),
    );
    const width = Math.max(320, Math.min(el.clientWidth || 900, 1100));
    const numberFormat = (v: number) => fmt.msek(v * 1e6);
    const chart = Plot.plot({
      className: 'fan-plot',
      width,
      height: 180 + 200 * series.length,
      marginLeft: 56,
      marginRight: series.length > 1 ? 110 : 20,
      style: { fontSize: '13px' },
      x: { type: 'utc', label: null, tickFormat: (d: Date) => fmt.month(d) },
      y: { label: s.fanAxis, grid: true, zero: true, tickFormat: numberFormat },
      fy: series.length > 1 ? { label: null, domain: series.map((x) => x.label) } : undefined,
      marks: [
        ...BANDS.map((b) =>
          Plot.areaY(rows, {
            x: 'date',
            y1: b.lo,
            y2: b.hi,
            fy: series.length > 1 ? 'series' : undefined,
            fill: (r: { si: number }) => COLORS[r.si % COLORS.length],
            fillOpacity: b.opacity,
            curve: 'step-after',
          }),
        ),
        Plot.lineY(rows, {
          x: 'date',
          y: 'p50',
          fy: series.length > 1 ? 'series' : undefined,
          stroke: (r: { si: number }) => COLORS[r.si % COLORS.length],
          strokeWidth: 2,
          curve: 'step-after',
        }),
        Plot.ruleY([0]),
      ],
      ariaLabel: s.fanTitle,
    });
    for (const style of chart.querySelectorAll('style')) style.remove();
    el.replaceChildren(chart);
    return () => chart.remove();
  }, [months, series, language]);

  return (
    <figure class="fan">
      <div ref={box} class="chart" data-chart="fan" />
      <figcaption class="legend">
        <span class="swatch band90" aria-hidden="true" /> {s.band90}
        <span class="swatch band80" aria-hidden="true" /> {s.band80}
        <span class="swatch band50" aria-hidden="true" /> {s.band50}
        <span class="swatch median" aria-hidden="true" /> {s.median}
      </figcaption>
    </figure>
  );
}
