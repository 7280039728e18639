/**
 * A chart drawn by Observable Plot in a box that follows its own width. Plot is loaded on first use, in a chunk
 * of its own, so the page's first JavaScript stays small. Plot adds a <style> element to its SVG, which the
 * page's CSP (no inline style) would refuse, so it is removed before the chart enters the document; its rules
 * live in styles.css.
 */
import type * as PlotNamespace from '@observablehq/plot';
import { useEffect, useRef, useState } from 'preact/hooks';
import { registerChart } from './drawn-mark.js';

export type PlotModule = typeof PlotNamespace;

let loading: Promise<PlotModule> | null = null;

export function loadPlot(): Promise<PlotModule> {
  loading ??= import('@observablehq/plot');
  return loading;
}

/** Draws one chart; called again when the box's width, or the function itself, changes. */
export type DrawChart = (plot: PlotModule, width: number) => SVGSVGElement | HTMLElement;

export function PlotBox({ draw, name }: { draw: DrawChart; name: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [plot, setPlot] = useState<PlotModule | null>(null);
  // Counted among the charts the bench waits for (drawn-mark.ts); registered before it can draw.
  const tracker = useRef<ReturnType<typeof registerChart>>(null);
  useEffect(() => {
    tracker.current = registerChart();
    return tracker.current.gone;
  }, []);

  useEffect(() => {
    let live = true;
    void loadPlot().then((p) => live && setPlot(() => p));
    return () => {
      live = false;
    };
  }, []);

  // Drawn again when its box changes width (a tablet turned, a window resized).
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver((entries) => setWidth(Math.round(entries[0].contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = box.current;
    if (!el || !plot || width === 0) return;
    const chart = draw(plot, width);
    for (const style of chart.querySelectorAll('style')) style.remove();
    markAsImage(chart);
    el.replaceChildren(chart);
    tracker.current?.drawn();
    return () => chart.remove();
  }, [plot, width, draw]);

  return <div ref={box} class="chart" data-chart={name} />;
}

/**
 * A chart is one image to assistive technology, named by its ariaLabel; its numbers are in its ChartTable. Plot
 * names each mark's <g> with aria-label ("area", "rule"), which ARIA forbids on an element without a role (axe:
 * aria-prohibited-attr), so the name moves to data-mark, where a test can still find it.
 */
function markAsImage(chart: Element): void {
  for (const svg of [chart, ...chart.querySelectorAll('svg')]) if (svg instanceof SVGSVGElement) svg.setAttribute('role', 'img');
  for (const g of chart.querySelectorAll('g[aria-label]')) {
    g.setAttribute('data-mark', g.getAttribute('aria-label') ?? '');
    g.removeAttribute('aria-label');
  }
}
