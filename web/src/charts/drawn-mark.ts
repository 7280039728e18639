/**
 * Two performance marks for `npm run bench:web`: `pp:result-arrived` when a result has been parsed, and
 * `pp:result-drawn` once every chart on the page has drawn after that. Every PlotBox registers itself here, so
 * a chart added to the result view is counted without doing anything; nothing else on the page reads this.
 */
const ARRIVED = 'pp:result-arrived';
const DRAWN = 'pp:result-drawn';

/** The charts now in the document, and whether each has drawn since the last result arrived. */
const charts = new Map<object, boolean>();
let waiting = false;

export function resultArrived(): void {
  for (const key of charts.keys()) charts.set(key, false);
  waiting = true;
  performance.mark(ARRIVED);
}

/** A chart entered the document; returns what it calls when it has drawn, and when it leaves. */
export function registerChart(key: object = {}): { drawn(): void; gone(): void } {
  charts.set(key, false);
  return {
    drawn() {
      charts.set(key, true);
      if (waiting && [...charts.values()].every(Boolean)) {
        waiting = false;
        performance.mark(DRAWN);
      }
    },
    gone() {
      charts.delete(key);
    },
  };
}
