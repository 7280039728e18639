/**
 * A backtest as a plain-text table for a terminal (`npm run backtest`): per year and form the observed care days,
 * and per year the total cost, against the simulated P10–P90 band, then the coverage. Wholly Swedish or wholly
 * English; amounts in mkr (MSEK), the unit named once on the row's measure, not in every cell.
 */
import type { BacktestResult, BacktestRow } from '../simulation/calibration/backtest.js';
import { formatCount, formatMsek, formatPercent, type Lang } from './numbers.js';

/** Every user-facing text of the table, one dictionary per language, for translators. */
export const BACKTEST_TEXT = {
  sv: {
    facts: (r: BacktestResult, trials: string) =>
      `Backtest: kalibrerat t.o.m. ${r.cutoff}, modellstart ${r.modelStart}, ${r.horizonMonths / 12} år, ` +
      `registret t.o.m. ${r.dataEnd}, ${trials} simuleringar, startvärde ${r.seed}`,
    col: ['År', 'Insatsform', 'Mått', 'Utfall', 'P10', 'P50', 'P90', 'Inom P10–P90'],
    total: 'totalt',
    careDays: 'vårddygn',
    cost: 'kostnad (mkr)',
    inside: 'ja',
    below: 'NEJ (under)',
    above: 'NEJ (över)',
    skippedYears: (years: string) => `Ej jämförda år (efter registrets slut eller inte hela året i registret): ${years}`,
    coverage: (share: string, inside: number, compared: number) => `Täckning: ${share} (${inside} av ${compared} värden inom P10–P90)`,
    coverageNone: 'Täckning: – (inget helt år efter brytdatumet att jämföra med)',
  },
  en: {
    facts: (r: BacktestResult, trials: string) =>
      `Backtest: calibrated up to ${r.cutoff}, model start ${r.modelStart}, ${r.horizonMonths / 12} years, ` +
      `records up to ${r.dataEnd}, ${trials} trials, seed ${r.seed}`,
    col: ['Year', 'Form', 'Measure', 'Outcome', 'P10', 'P50', 'P90', 'Inside P10–P90'],
    total: 'total',
    careDays: 'care days',
    cost: 'cost (MSEK)',
    inside: 'yes',
    below: 'NO (below)',
    above: 'NO (above)',
    skippedYears: (years: string) => `Years not compared (after the end of the records, or not the whole year in them): ${years}`,
    coverage: (share: string, inside: number, compared: number) => `Coverage: ${share} (${inside} of ${compared} figures inside P10–P90)`,
    coverageNone: 'Coverage: – (no full year after the cutoff to compare with)',
  },
} as const;

/** Code points, not UTF-16 units, so "å" and "–" count as one column each. */
const width = (s: string): number => [...s].length;
const RIGHT = new Set([3, 4, 5, 6]);

/** The whole table, ending in a newline. */
export function backtestTable(r: BacktestResult, lang: Lang): string {
  const t = BACKTEST_TEXT[lang];
  const value = (x: BacktestRow, n: number): string => (x.measure === 'cost' ? formatMsek(n, lang) : formatCount(n, lang));
  const body = r.rows.map((x) => [
    String(x.year),
    x.form === 'total' ? t.total : x.form,
    x.measure === 'cost' ? t.cost : t.careDays,
    value(x, x.observed),
    value(x, x.p10),
    value(x, x.p50),
    value(x, x.p90),
    x.inside ? t.inside : x.observed < x.p10 ? t.below : t.above,
  ]);
  const head: readonly string[] = t.col;
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]))));
  const pad = (c: string, i: number): string => {
    const fill = ' '.repeat(widths[i] - width(c));
    return RIGHT.has(i) ? fill + c : c + fill;
  };
  const line = (cells: readonly string[]): string => cells.map(pad).join('  ').trimEnd();
  const out = [t.facts(r, formatCount(r.trials, lang)), '', line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), ''];
  if (r.skippedYears.length > 0) out.push(t.skippedYears(r.skippedYears.join(', ')));
  out.push(r.compared === 0 ? t.coverageNone : t.coverage(formatPercent(r.coverage, lang), r.inside, r.compared));
  return out.join('\n') + '\n';
}
