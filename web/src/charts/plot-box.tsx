/**
 * A chart drawn by Observable Plot in a box that follows its own width. Plot is loaded on first use, in a chunk
 * of its own, so the page's first JavaScript stays small. Plot adds a <style> element to its SVG, which the
 * page's CSP (no inline style) would refuse, so it is removed before the chart enters the document; its rules
 * live in styles.css.
 */
import type * as PlotNamespace from '@observablehq/plot';
import { useEffect, useRef, useState } from 'preact/hooks';

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
    el.replaceChildren(chart);
    return () => chart.remove();
  }, [plot, width, draw]);

  return <div ref={box} class="chart" data-chart={name} />;
}
