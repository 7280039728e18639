/**
 * The comparison result as a plain-text summary for a terminal: fixed-width columns, no colours, amounts in
 * MSEK. Written for a politician or controller reading it once, so it states what the numbers are (prices,
 * the sign of a difference, how sure the payback is) rather than leaving it to be guessed.
 */
import type { ComparisonResult, PeriodResult, ScenarioResult, SensitivityEntry } from '../simulation/result.js';
import {
  formatCount,
  formatMsek,
  formatMsekError,
  formatMsekRange,
  formatMsekWithRange,
  formatPercent,
  rangeDigits,
  type Lang,
} from './numbers.js';
import { yearEndForecast, type YearEndForecast } from './year-end.js';
import { NO_NEW_PLACEMENTS_ID } from '../simulation/year-end.js';
import { scenarioLabel } from './scenario-label.js';

export interface TableOptions {
  lang: Lang;
  modelName?: string;
  /** A per-trial parameter in the model's words ("Inflöde barn och unga, placeringar per år"); its path without. */
  parameterLabel?: (path: string) => string;
}

/**
 * Every user-facing text of the summary, one dictionary per language, for translators. The workbook's column
 * labels (labels.ts) take the words they share with it from here.
 */
export const TEXT = {
  sv: {
    product: 'Placeringsprognos',
    trials: 'simuleringar',
    seed: 'startvärde',
    unit: 'mkr',
    amounts: 'Belopp i mkr, löpande priser.',
    horizon: (from: string, to: string, months: number) => `Period: ${from} – ${to} (${months} månader).`,
    deltaNote: 'Skillnad = alternativet minus nuläget i samma simulering; negativ skillnad = besparing.',
    vsBaseline: '(jämfört med nuläge)',
    total: 'Totalt',
    partialYear: (months: number) => `(${months} mån)`,
    col: {
      period: 'Period',
      mean: 'Medel',
      range: 'P10–P90',
      budget: 'Budget',
      probExceed: 'P(över budget)',
      delta: 'Skillnad',
      ci: '95 % KI',
      probSaving: 'P(besparing)',
      optionCost: 'Insatskostnad',
      units: 'Egna enheter',
      revenue: 'Intäkter',
      booked: 'Varav bokfört',
    },
    yearEnd: {
      title: (year: string, months: number) => `Årsprognos ${year} (bokfört hittills och ${months} månader simulerade)`,
      expected: 'Förväntat utfall för året',
      booked: 'varav bokfört hittills',
      budget: 'Budget',
      deviation: 'Avvikelse mot budget (negativ = underskott)',
      probDeficit: 'Sannolikhet för underskott',
      expectedDeficit: 'Förväntat underskott (medel över alla simuleringar)',
      deficitIfAny: 'Underskott när det blir ett (medel)',
      usual: 'Vanlig metod: pågående placeringar avslutas som planerat, inga nya börjar',
      understates: 'Den vanliga metoden underskattar året med',
    },
    paysBack: (month: string, prob: string) => `Återbetald: ${month} (median), ${prob} sannolikhet inom perioden`,
    paysBackOften: (prob: string, month: string) => `Återbetald inom perioden i ${prob} av simuleringarna (i dem median ${month})`,
    paysBackRarely: (prob: string, month: string) =>
      `Betalar sig inte inom perioden i de flesta simuleringar: bara ${prob} gör det (i dem median ${month})`,
    neverPaysBack: 'Betalar sig inte inom perioden i någon simulering',
    driversCost: 'Viktigaste osäkerheter för total kostnad (rangkorrelation ρ):',
    driversDelta: 'Viktigaste osäkerheter för skillnaden (rangkorrelation ρ):',
    mcError: (amount: string) => `Monte Carlo-fel (medel, totalt): ±${amount} mkr`,
  },
  en: {
    product: 'Placement forecast',
    trials: 'trials',
    seed: 'seed',
    unit: 'MSEK',
    amounts: 'Amounts in MSEK, current prices.',
    horizon: (from: string, to: string, months: number) => `Horizon: ${from} – ${to} (${months} months).`,
    deltaNote: 'Difference = option minus baseline in the same trial; a negative difference is a saving.',
    vsBaseline: '(compared with baseline)',
    total: 'Total',
    partialYear: (months: number) => `(${months} mo)`,
    col: {
      period: 'Period',
      mean: 'Mean',
      range: 'P10–P90',
      budget: 'Budget',
      probExceed: 'P(over budget)',
      delta: 'Difference',
      ci: '95% CI',
      probSaving: 'P(saving)',
      optionCost: 'Option cost',
      units: 'Own units',
      revenue: 'Revenue',
      booked: 'Of which booked',
    },
    yearEnd: {
      title: (year: string, months: number) => `Year-end forecast ${year} (booked to date and ${months} months simulated)`,
      expected: 'Expected outcome for the year',
      booked: 'of which booked to date',
      budget: 'Budget',
      deviation: 'Deviation from budget (negative = deficit)',
      probDeficit: 'Probability of a deficit',
      expectedDeficit: 'Expected deficit (mean over all trials)',
      deficitIfAny: 'Deficit when there is one (mean)',
      usual: 'Usual method: current placements end as planned, no new ones start',
      understates: 'The usual method understates the year by',
    },
    paysBack: (month: string, prob: string) => `Pays back: ${month} (median), ${prob} probability within the horizon`,
    paysBackOften: (prob: string, month: string) => `Pays back within the horizon in ${prob} of trials (median among them ${month})`,
    paysBackRarely: (prob: string, month: string) =>
      `Does not pay back within the horizon in most trials: only ${prob} do (median among them ${month})`,
    neverPaysBack: 'Does not pay back within the horizon in any trial',
    driversCost: 'Largest uncertainties for the total cost (rank correlation ρ):',
    driversDelta: 'Largest uncertainties for the difference (rank correlation ρ):',
    mcError: (amount: string) => `Monte Carlo error (mean, total): ±${amount} MSEK`,
  },
} as const;

type Text = (typeof TEXT)[Lang];

const TOTAL = 'total';
const TOP_DRIVERS = 3;
const INDENT = '  ';
const GAP = '  ';

/** Code points, not UTF-16 units, so "å" and "−" count as one column each. */
const width = (s: string): number => [...s].length;
const padEnd = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - width(s)));
const padStart = (s: string, w: number): string => ' '.repeat(Math.max(0, w - width(s))) + s;

/** Labels are user text and may hold line breaks or tabs, which would tear a fixed-width layout. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const oneLine = (s: string): string => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();

interface Column {
  header: string;
  align: 'left' | 'right';
  cells: string[];
}

function renderColumns(columns: Column[]): string[] {
  const widths = columns.map((c) => Math.max(width(c.header), ...c.cells.map(width)));
  const line = (pick: (c: Column) => string): string =>
    INDENT +
    columns
      .map((c, i) => (c.align === 'left' ? padEnd(pick(c), widths[i]) : padStart(pick(c), widths[i])))
      .join(GAP)
      .trimEnd();
  const rows = columns[0].cells.length;
  return [line((c) => c.header), ...Array.from({ length: rows }, (_, r) => line((c) => c.cells[r]))];
}

function periodLabel(result: ComparisonResult, period: string, t: Text): string {
  if (period === TOTAL) return t.total;
  // A horizon that starts or ends mid-year gives a short year; saying so keeps it from being compared
  // with a full year's budget unawares.
  const months = result.months.filter((m) => m.startsWith(`${period}-`)).length;
  return months > 0 && months < 12 ? `${period} ${t.partialYear(months)}` : period;
}

function scenarioBlock(
  result: ComparisonResult,
  s: ScenarioResult,
  isBaseline: boolean,
  lang: Lang,
  label: (path: string) => string,
): string[] {
  const t = TEXT[lang];
  const periods = result.periods.filter((p) => s.periods[p] !== undefined);
  const rows: PeriodResult[] = periods.map((p) => s.periods[p]);
  const msek = (x: number | undefined): string => (x === undefined ? '' : formatMsek(x, lang));

  const columns: Column[] = [
    { header: t.col.period, align: 'left', cells: periods.map((p) => periodLabel(result, p, t)) },
    { header: t.col.mean, align: 'right', cells: rows.map((r) => msek(r.cost.mean)) },
    { header: t.col.range, align: 'right', cells: rows.map((r) => formatMsekRange(r.cost.p10, r.cost.p90, lang)) },
  ];
  // A year-end forecast's year includes what is already booked; the column says how much of it that is.
  if (rows.some((r) => r.cost.outcomeToDate !== undefined)) {
    columns.push({ header: t.col.booked, align: 'right', cells: rows.map((r) => msek(r.cost.outcomeToDate)) });
  }
  if (rows.some((r) => r.budget)) {
    columns.push(
      { header: t.col.budget, align: 'right', cells: rows.map((r) => msek(r.budget?.amount)) },
      {
        header: t.col.probExceed,
        align: 'right',
        cells: rows.map((r) => (r.budget ? formatPercent(r.budget.probExceed, lang) : '')),
      },
    );
  }
  if (!isBaseline) {
    // One number of decimals for the difference and its interval, the most any row's interval needs: "+0,03" beside
    // "0,02–0,05", where "0,0" would lie outside it, and the column's decimal commas still in line.
    const digits = Math.max(...rows.map((r) => (r.delta ? rangeDigits(r.delta.ci95[0], r.delta.ci95[1], lang) : 1)));
    columns.push(
      {
        header: t.col.delta,
        align: 'right',
        cells: rows.map((r) => (r.delta ? formatMsek(r.delta.mean, lang, { signed: true, digits }) : '')),
      },
      {
        header: t.col.ci,
        align: 'right',
        cells: rows.map((r) => (r.delta ? formatMsekRange(r.delta.ci95[0], r.delta.ci95[1], lang, digits) : '')),
      },
      {
        header: t.col.probSaving,
        align: 'right',
        cells: rows.map((r) => (r.delta ? formatPercent(r.delta.probSaving, lang) : '')),
      },
      { header: t.col.optionCost, align: 'right', cells: rows.map((r) => msek(r.cost.optionCost)) },
    );
    // The units an option adds (an in-house HVB) are forms the baseline lacks; their running cost is most of what
    // such an option costs, and without it the difference would not add up from the columns beside it.
    const baselineForms = result.scenarios[0].periods[periods[0]]?.cost.byForm ?? {};
    const units = Object.keys(rows[0]?.cost.byForm ?? {}).filter((form) => !(form in baselineForms));
    if (units.length > 0) {
      const unitCost = (r: PeriodResult): number => units.reduce((sum, form) => sum + r.cost.byForm[form], 0);
      columns.push({ header: t.col.units, align: 'right', cells: rows.map((r) => msek(unitCost(r))) });
    }
    // Revenue (sold places) is part of the difference; show it where it exists so the difference adds up.
    if (rows.some((r) => r.cost.revenue !== 0)) {
      columns.push({ header: t.col.revenue, align: 'right', cells: rows.map((r) => msek(r.cost.revenue)) });
    }
  }

  const title = oneLine(scenarioLabel(s, lang)) + (isBaseline ? '' : ` ${t.vsBaseline}`);
  const lines = [title, ...renderColumns(columns)];
  // The usual method's scenario has nothing to pay back: "no new placements" is a way of counting, not an option.
  if (!isBaseline && s.breakEven && s.id !== NO_NEW_PLACEMENTS_ID) lines.push(INDENT + breakEvenLine(s.breakEven, lang));
  lines.push(...driverLines(s.sensitivity, isBaseline, lang, label));
  return lines;
}

/**
 * The result's medianMonth is the median among the trials that pay back (and stay paid back) within the
 * horizon, not over all trials. It is called "the median" outright only when nearly every trial pays back,
 * where the two agree; otherwise the line says whose median it is, so a long shot does not read as a plan.
 */
const NEARLY_ALL = 0.9;

function breakEvenLine(be: NonNullable<ScenarioResult['breakEven']>, lang: Lang): string {
  const t = TEXT[lang];
  const prob = formatPercent(be.probWithinHorizon, lang);
  if (be.medianMonth === null || be.probWithinHorizon === 0) return t.neverPaysBack;
  if (be.probWithinHorizon >= NEARLY_ALL) return t.paysBack(be.medianMonth, prob);
  // Just below an even chance the share reads "50 %", which "only 50 % do, not most" would contradict.
  if (be.probWithinHorizon >= 0.5 || prob === formatPercent(0.5, lang)) return t.paysBackOften(prob, be.medianMonth);
  return t.paysBackRarely(prob, be.medianMonth);
}

function driverLines(sensitivity: SensitivityEntry[], isBaseline: boolean, lang: Lang, label: (path: string) => string): string[] {
  const t = TEXT[lang];
  // For an option the question is what its difference hinges on; for the baseline, what its cost does.
  const rho = (e: SensitivityEntry): number | null => (isBaseline ? e.onCost : e.onDelta);
  const top = sensitivity
    .filter((e) => {
      const r = rho(e);
      return r !== null && Number.isFinite(r);
    })
    .sort((a, b) => Math.abs(rho(b) as number) - Math.abs(rho(a) as number))
    .slice(0, TOP_DRIVERS);
  if (top.length === 0) return [];
  const rhoFormat = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: 'exceptZero',
  });
  const names = top.map((e) => label(e.parameter));
  const nameWidth = Math.max(...names.map(width));
  return [
    INDENT + (isBaseline ? t.driversCost : t.driversDelta),
    ...top.map((e, i) => INDENT + INDENT + padEnd(names[i], nameWidth) + GAP + padStart(rhoFormat.format(rho(e) as number), 5)),
  ];
}

/** The year-end forecast first, as the committee's question: what the year ends at, against the budget. */
function yearEndLines(f: YearEndForecast, lang: Lang): string[] {
  const t = TEXT[lang].yearEnd;
  const msek = (x: number, signed = false) => formatMsek(x, lang, { signed });
  const range = (s: { p10: number; p90: number }) => `(P10–P90 ${formatMsekRange(s.p10, s.p90, lang)})`;
  const rows: [string, string][] = [
    [t.expected, `${msek(f.full.mean)}  ${range(f.full)}`],
    [INDENT + t.booked, msek(f.booked)],
  ];
  if (f.budget) {
    rows.push(
      [t.budget, msek(f.budget.amount)],
      [t.deviation, msek(f.budget.deviation, true)],
      [t.probDeficit, formatPercent(f.budget.probDeficit, lang)],
      [t.expectedDeficit, msek(f.budget.expectedDeficit)],
    );
    if (f.budget.deficitIfAny !== null) rows.push([t.deficitIfAny, msek(f.budget.deficitIfAny)]);
  }
  const usual: [string, string][] = [[INDENT + t.expected, `${msek(f.usual.mean)}  ${range(f.usual)}`]];
  if (f.usual.deviation !== null) usual.push([INDENT + t.deviation, msek(f.usual.deviation, true)]);
  if (f.usual.probDeficit !== null) usual.push([INDENT + t.probDeficit, formatPercent(f.usual.probDeficit, lang)]);
  const [amount, ci] = formatMsekWithRange(f.understatement.mean, ...f.understatement.ci95, lang);
  // A sentence, not a cell under the amounts heading: it says its unit, as the page's does.
  const understates = `${amount} ${TEXT[lang].unit} (${TEXT[lang].col.ci} ${ci})`;
  const labelWidth = Math.max(...[...rows, ...usual].map(([label]) => width(label)));
  const line = ([label, value]: [string, string]) => INDENT + padEnd(label, labelWidth) + GAP + value;
  return [
    t.title(f.year, f.monthsLeft),
    ...rows.map(line),
    INDENT + t.usual,
    ...usual.map(line),
    INDENT + `${t.understates} ${understates}`,
  ];
}

/** The whole summary, ending in a newline. */
export function toTable(result: ComparisonResult, opts: TableOptions): string {
  const { lang } = opts;
  const t = TEXT[lang];
  const name = opts.modelName ? oneLine(opts.modelName) : '';
  const title = [
    name ? `${t.product} – ${name}` : t.product,
    `${formatCount(result.trials, lang)} ${t.trials}`,
    `${t.seed} ${result.seed}`,
  ].join(' · ');

  const lines = [title, t.amounts];
  if (result.months.length > 0) {
    lines.push(t.horizon(result.months[0], result.months[result.months.length - 1], result.months.length));
  }
  if (result.scenarios.length > 1) lines.push(t.deltaNote);

  const forecast = yearEndForecast(result);
  if (forecast) lines.push('', ...yearEndLines(forecast, lang));

  result.scenarios.forEach((s, i) => {
    lines.push('', ...scenarioBlock(result, s, i === 0, lang, opts.parameterLabel ?? ((path) => path)));
  });

  const baselineTotal = result.scenarios[0]?.periods[TOTAL];
  if (baselineTotal) {
    lines.push('', t.mcError(formatMsekError(baselineTotal.cost.mcse, lang)));
  }
  return lines.join('\n') + '\n';
}
