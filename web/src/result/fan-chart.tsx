/**
 * The fan of the cost: per month, bands P5–P95, P10–P90, P25–P75 and the median with the budget per month as a
 * dashed step; per year, the same bands as bars with the year's budget as a dashed mark. One panel per
 * scenario, all on one y scale, each with its table.
 */
import { useCallback, useMemo, useState } from 'preact/hooks';
import { FAN_KEYS, type Fan, type ScenarioResult } from '../../../simulation/result.js';
import { ChartTable } from '../charts/chart-table.js';
import { seriesClass, seriesColor } from '../charts/palette.js';
import { PlotBox, type PlotModule } from '../charts/plot-box.js';
import { fmt, lang, t } from '../i18n/index.js';
import { yearLabel } from './years.js';

export interface FanSeries {
  label: string;
  fan: Fan;
  periods: ScenarioResult['periods'];
}

type View = 'month' | 'year';

const BANDS = [
  { lo: 'p5', hi: 'p95', opacity: 0.18 },
  { lo: 'p10', hi: 'p90', opacity: 0.28 },
  { lo: 'p25', hi: 'p75', opacity: 0.42 },
] as const;

const BUDGET_STROKE = 'var(--ink)';
const BUDGET_DASH = '6,4';

function monthDate(m: string): Date {
  const [y, mo] = m.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, 1));
}

/** The model's budget per year (the same in every scenario), from the result. */
function budgetsOf(periods: ScenarioResult['periods']): Map<string, number> {
  const out = new Map<string, number>();
  for (const [year, p] of Object.entries(periods)) if (p.budget) out.set(year, p.budget.amount);
  return out;
}

interface YearRow {
  year: string;
  label: string;
  p5: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  budget: number | null;
}

function yearRows(years: string[], months: string[], periods: ScenarioResult['periods'], budgets: Map<string, number>): YearRow[] {
  return years.flatMap((year) => {
    const c = periods[year]?.cost;
    if (!c) return [];
    const { p5, p10, p25, p50, p75, p90, p95 } = c;
    return [{ year, label: yearLabel(year, months), p5, p10, p25, p50, p75, p90, p95, budget: budgets.get(year) ?? null }];
  });
}

export function FanChart({ months, years, series }: { months: string[]; years: string[]; series: FanSeries[] }) {
  const s = t();
  const [view, setView] = useState<View>('month');
  const baseline = series[0].periods;
  const budgets = useMemo(() => budgetsOf(baseline), [baseline]);
  // Kept between renders, so a panel is drawn again only when what it shows changes.
  const monthlyBudget = useMemo(
    () =>
      months.map((m) => {
        const b = budgets.get(m.slice(0, 4));
        return b === undefined ? null : b / 12;
      }),
    [months, budgets],
  );
  // One y scale for every panel, so the panels compare at a glance; the budget must fit too.
  const top =
    view === 'month'
      ? Math.max(...series.flatMap((sr) => sr.fan.p95), ...monthlyBudget.map((b) => b ?? 0))
      : Math.max(...series.flatMap((sr) => years.map((y) => sr.periods[y]?.cost.p95 ?? 0)), ...budgets.values());
  const budgetShown = budgets.size > 0;

  return (
    <>
      <h3>{view === 'month' ? s.drvFanTitleMonth : s.drvFanTitleYear}</h3>
      <p class="help">{view === 'month' ? s.fanIntro : s.drvFanIntroYear}</p>
      <fieldset class="view-switch">
        <legend>{s.drvFanView}</legend>
        <div class="radios">
          {(['month', 'year'] as const).map((v) => (
            <label key={v}>
              <input type="radio" name="fan-view" value={v} checked={view === v} onChange={() => setView(v)} />
              {v === 'month' ? s.drvPerMonth : s.drvPerYear}
            </label>
          ))}
        </div>
      </fieldset>
      <figure class="fan" data-view={view}>
        {series.map((sr, i) => (
          // Each panel has its own legend in its own colour, so the swatches match the bands drawn above them.
          <div key={sr.label} class={`fan-panel ${seriesClass(i)}`}>
            {series.length > 1 && (
              <h4>
                <span class="swatch" aria-hidden="true" />
                {sr.label}
              </h4>
            )}
            {view === 'month' ? (
              <>
                <FanPanel
                  months={months}
                  fan={sr.fan}
                  budget={monthlyBudget}
                  color={seriesColor(i)}
                  top={top / 1e6}
                  label={`${s.drvFanTitleMonth}: ${sr.label}`}
                />
                <MonthTable months={months} fan={sr.fan} budget={monthlyBudget} label={sr.label} name={`fan-month-${i}`} />
              </>
            ) : (
              <>
                <YearView
                  years={years}
                  months={months}
                  periods={sr.periods}
                  budgets={budgets}
                  color={seriesColor(i)}
                  top={top / 1e6}
                  label={sr.label}
                  name={`fan-year-${i}`}
                />
              </>
            )}
            <p class="legend">
              <span class="swatch band90" aria-hidden="true" /> {s.band90}
              <span class="swatch band80" aria-hidden="true" /> {s.band80}
              <span class="swatch band50" aria-hidden="true" /> {s.band50}
              <span class="swatch median" aria-hidden="true" /> {s.median}
            </p>
          </div>
        ))}
        {budgetShown && (
          <p class="budget-key">
            <span class="budget-dash" aria-hidden="true" /> {view === 'month' ? s.drvBudgetPerMonth : s.drvBudgetOfYear}
          </p>
        )}
      </figure>
    </>
  );
}

function FanPanel({
  months,
  fan,
  budget,
  color,
  top,
  label,
}: {
  months: string[];
  fan: Fan;
  budget: (number | null)[];
  color: string;
  top: number;
  label: string;
}) {
  const s = t();
  const language = lang.value;
  const draw = useCallback(
    (Plot: PlotModule, boxWidth: number) => {
      const rows = months.map((m, i) => ({
        date: monthDate(m),
        budget: budget[i] === null ? NaN : (budget[i] as number) / 1e6,
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
        x: { type: 'utc', label: null },
        y: { label: s.fanAxis, grid: true, domain: [0, top * 1.1], tickFormat: (v: number) => fmt.msek(v * 1e6) },
        marks: [
          // A tick a year on a tablet, a tick every six months on a wide screen. Each month's label starts at its
          // tick, as its step of the fan does: centred, the first ran into the y axis's "0,0".
          Plot.axisX({ ticks: width < 800 ? 'year' : '6 months', tickFormat: (d: Date) => fmt.month(d), textAnchor: 'start' }),
          ...BANDS.map((b) =>
            Plot.areaY(rows, { x: 'date', y1: b.lo, y2: b.hi, fill: color, fillOpacity: b.opacity, curve: 'step-after' }),
          ),
          // The median on a white halo: in the bands' own colour it would all but vanish into the P25–P75 band.
          Plot.lineY(rows, { x: 'date', y: 'p50', stroke: 'white', strokeWidth: 4, curve: 'step-after', className: 'halo' }),
          Plot.lineY(rows, { x: 'date', y: 'p50', stroke: color, strokeWidth: 2.5, curve: 'step-after' }),
          // A year without a budget is a gap in the line (NaN), not a drop to zero.
          Plot.lineY(rows, {
            x: 'date',
            y: 'budget',
            stroke: BUDGET_STROKE,
            strokeWidth: 1.5,
            strokeDasharray: BUDGET_DASH,
            curve: 'step-after',
          }),
          Plot.ruleY([0]),
        ],
        ariaLabel: label,
      });
    },
    // The language is read by the formatters inside.
    [months, fan, budget, color, top, label, language],
  );
  return <PlotBox draw={draw} name="fan" />;
}

function YearView({
  years,
  months,
  periods,
  budgets,
  color,
  top,
  label,
  name,
}: {
  years: string[];
  months: string[];
  periods: ScenarioResult['periods'];
  budgets: Map<string, number>;
  color: string;
  top: number;
  label: string;
  name: string;
}) {
  const s = t();
  const language = lang.value;
  // The language names a partial year.
  const rows = useMemo(() => yearRows(years, months, periods, budgets), [years, months, periods, budgets, language]);
  return (
    <>
      <YearPanel rows={rows} color={color} top={top} label={`${s.drvFanTitleYear}: ${label}`} />
      <YearTable rows={rows} label={label} name={name} />
    </>
  );
}

function YearPanel({ rows, color, top, label }: { rows: YearRow[]; color: string; top: number; label: string }) {
  const s = t();
  const language = lang.value;
  const draw = useCallback(
    (Plot: PlotModule, boxWidth: number) => {
      const data = rows.map((r) => ({
        ...r,
        ...Object.fromEntries(FAN_KEYS.map((k) => [k, r[k] / 1e6])),
        budget: r.budget === null ? NaN : r.budget / 1e6,
      }));
      const withBudget = data.filter((r) => Number.isFinite(r.budget));
      const width = Math.max(320, Math.min(boxWidth, 1100));
      return Plot.plot({
        className: 'fan-plot',
        width,
        height: 260,
        marginLeft: 56,
        marginRight: 24,
        style: { fontSize: '13px' },
        x: { type: 'band', label: null, domain: data.map((r) => r.label), padding: 0.45 },
        y: { label: s.drvYearAxis, grid: true, domain: [0, top * 1.1], tickFormat: (v: number) => fmt.msek(v * 1e6) },
        marks: [
          ...BANDS.map((b) => Plot.barY(data, { x: 'label', y1: b.lo, y2: b.hi, fill: color, fillOpacity: b.opacity })),
          // The median on a white halo, as in the month view.
          Plot.tickY(data, { x: 'label', y: 'p50', stroke: 'white', strokeWidth: 6, className: 'halo' }),
          Plot.tickY(data, { x: 'label', y: 'p50', stroke: color, strokeWidth: 3 }),
          // Wider than the bar, so the budget reads as a line to measure the bar against.
          Plot.tickY(withBudget, {
            x: 'label',
            y: 'budget',
            stroke: BUDGET_STROKE,
            strokeWidth: 2,
            strokeDasharray: '5,3',
            insetLeft: -14,
            insetRight: -14,
          }),
          Plot.ruleY([0]),
        ],
        ariaLabel: label,
      });
    },
    [rows, color, top, label, language],
  );
  return <PlotBox draw={draw} name="fan-year" />;
}

function MonthTable({
  months,
  fan,
  budget,
  label,
  name,
}: {
  months: string[];
  fan: Fan;
  budget: (number | null)[];
  label: string;
  name: string;
}) {
  const s = t();
  return (
    <ChartTable
      name={name}
      caption={s.drvFanTableCaption(label, false)}
      columns={[
        { header: s.drvMonth },
        { header: s.median, numeric: true },
        { header: s.band80, numeric: true },
        { header: s.band90, numeric: true },
        { header: s.drvBudgetPerMonth, numeric: true },
      ]}
      rows={months.map((m, i) => [
        fmt.month(m),
        fmt.msek(fan.p50[i]),
        fmt.msekRange(fan.p10[i], fan.p90[i]),
        fmt.msekRange(fan.p5[i], fan.p95[i]),
        budget[i] === null ? '–' : fmt.msek(budget[i] as number),
      ])}
    />
  );
}

function YearTable({ rows, label, name }: { rows: YearRow[]; label: string; name: string }) {
  const s = t();
  return (
    <ChartTable
      name={name}
      caption={s.drvFanTableCaption(label, true)}
      columns={[
        { header: s.drvYear },
        { header: s.median, numeric: true },
        { header: s.band80, numeric: true },
        { header: s.band90, numeric: true },
        { header: s.budget, numeric: true },
      ]}
      rows={rows.map((r) => [
        r.label,
        fmt.msek(r.p50),
        fmt.msekRange(r.p10, r.p90),
        fmt.msekRange(r.p5, r.p95),
        r.budget === null ? '–' : fmt.msek(r.budget),
      ])}
    />
  );
}
