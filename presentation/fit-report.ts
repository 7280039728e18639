/**
 * The calibration's fit report as a plain-text table for a terminal: per segment the entries per year observed
 * against fitted, the level and the trend; per form the stays (fitted median and p90, Kaplan–Meier against the
 * fitted curve), step-downs and prices; then the warnings. Fixed-width columns, no colours.
 */
import type { FitReport } from '../simulation/calibration/calibrate.js';
import { STEP_DOWN_GAP_DAYS } from '../simulation/calibration/records.js';
import { formatCount, formatPercent, type Lang } from './numbers.js';

/** Every user-facing text of the table, one dictionary per language, for translators. */
const TEXT = {
  sv: {
    title: 'Kalibrering – anpassningsrapport',
    window: (from: string, to: string) => `Dataperiod: ${from} – ${to}`,
    model: (start: string, months: number) => `Modellstart: ${start}, horisont ${months} månader`,
    episodes: (n: string, ongoing: string) =>
      `Placeringar som började i dataperioden: ${n}. Startbestånd: ${ongoing} placeringar i vård vid modellstarten, oavsett när de började`,
    renamed: 'Namn i registret som blev andra id i modellen (namnet är etikett):',
    segment: (id: string) => `Segment: ${id}`,
    level: (level: string, sd: string) => `Inflöde vid modellstart: ${level} per år (sd ${sd})`,
    trend: (t: string, se: string | null) => `Trend: ${t} per år${se === null ? '' : ` (medelfel ${se})`}`,
    mix: 'Fördelning av nya placeringar',
    col: {
      year: 'År',
      exposure: 'Andel av året',
      observed: 'Observerat',
      fitted: 'Anpassat',
      inFit: 'I anpassningen',
      form: 'Insatsform',
      segment: 'Segment',
      finished: 'Avslutade',
      ongoing: 'Pågående',
      median: 'Median (d)',
      p90: 'P90 (d)',
      percentile: 'Percentil',
      km: 'Kaplan–Meier (d)',
      fittedDays: 'Anpassad (d)',
      stepDown: 'Övergång till',
      count: 'Antal',
      probability: 'Sannolikhet',
      price: 'Pris/dygn (median)',
      priceRange: 'P5–P95',
    },
    yes: 'ja',
    no: 'nej',
    stays: 'Vårdtider per insatsform',
    placeholder: 'platshållare',
    kmTitle: (form: string) => `Vårdtid, ${form}: Kaplan–Meier mot anpassad kurva`,
    stepDowns: (form: string, base: string, finished: string, gap: number) =>
      base === finished
        ? `Övergångar från ${form} (bas ${base} avslutade)`
        : `Övergångar från ${form} (bas ${base} av ${finished} avslutade: de som slutade minst ${gap} dagar före dataperiodens slut, så att en övergång hunnit synas)`,
    noStepDowns: 'inga övergångar',
    prices: 'Priser per dygn',
    noPrice: 'inga priser (platshållare 0)',
    lastYearOnly: 'senaste året',
    warnings: 'Varningar',
    noWarnings: 'Inga varningar.',
  },
  en: {
    title: 'Calibration – fit report',
    window: (from: string, to: string) => `Data window: ${from} – ${to}`,
    model: (start: string, months: number) => `Model start: ${start}, horizon ${months} months`,
    episodes: (n: string, ongoing: string) =>
      `Episodes that started in the data window: ${n}. Initial caseload: ${ongoing} placements in care at the model start, whenever they started`,
    renamed: 'Names in the records that became other ids in the model (the name is the label):',
    segment: (id: string) => `Segment: ${id}`,
    level: (level: string, sd: string) => `Inflow at the model start: ${level} per year (sd ${sd})`,
    trend: (t: string, se: string | null) => `Trend: ${t} per year${se === null ? '' : ` (standard error ${se})`}`,
    mix: 'Mix of new entries',
    col: {
      year: 'Year',
      exposure: 'Share of year',
      observed: 'Observed',
      fitted: 'Fitted',
      inFit: 'In fit',
      form: 'Form',
      segment: 'Segment',
      finished: 'Finished',
      ongoing: 'Ongoing',
      median: 'Median (d)',
      p90: 'P90 (d)',
      percentile: 'Percentile',
      km: 'Kaplan–Meier (d)',
      fittedDays: 'Fitted (d)',
      stepDown: 'Step-down to',
      count: 'Count',
      probability: 'Probability',
      price: 'Price/day (median)',
      priceRange: 'P5–P95',
    },
    yes: 'yes',
    no: 'no',
    stays: 'Stays per form',
    placeholder: 'placeholder',
    kmTitle: (form: string) => `Stay, ${form}: Kaplan–Meier against the fitted curve`,
    stepDowns: (form: string, base: string, finished: string, gap: number) =>
      base === finished
        ? `Step-downs from ${form} (base ${base} finished)`
        : `Step-downs from ${form} (base ${base} of ${finished} finished: those that ended at least ${gap} days before the data end, so that a step-down could show)`,
    noStepDowns: 'no step-downs',
    prices: 'Prices per day',
    noPrice: 'no prices (placeholder 0)',
    lastYearOnly: 'last year',
    warnings: 'Warnings',
    noWarnings: 'No warnings.',
  },
} as const;

/** A decimal with a fixed number of digits in the language's style. */
function dec(x: number, lang: Lang, digits = 1): string {
  if (!Number.isFinite(x)) return '–';
  return new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    x,
  );
}

/** Right-aligned columns except the first; a rule under the header. */
function grid(header: string[], rows: string[][], indent = '  '): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), indent + widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

/** A form or segment as the controller knows it: the records' name, and the model id when that differs. */
export function nameAndId(label: string | undefined, id: string): string {
  return label === undefined || label === id ? id : `${label} (${id})`;
}

export function fitReportTable(report: FitReport, lang: Lang): string {
  const t = TEXT[lang];
  const out: string[] = [];
  const ongoing = report.initialCaseload;
  out.push(t.title, '', t.window(report.window.from, report.window.to), t.model(report.window.start, report.window.horizonMonths));
  out.push(t.episodes(formatCount(report.episodes, lang), formatCount(ongoing, lang)));
  const renamed = [...report.segments.map((s) => [s.label, s.segment]), ...report.forms.map((f) => [f.label, f.form])].filter(
    ([label, id]) => label !== undefined && label !== id,
  );
  if (renamed.length > 0) out.push('', t.renamed, ...renamed.map(([label, id]) => `  ${JSON.stringify(label)} → ${id}`));

  for (const s of report.segments) {
    out.push('', t.segment(s.segment), '  ' + t.level(dec(s.level, lang), dec(s.levelSd, lang)));
    out.push('  ' + t.trend(formatPercent(s.trendPerYear, lang), s.trendSe === null ? null : formatPercent(s.trendSe, lang)));
    out.push('');
    out.push(
      ...grid(
        [t.col.year, t.col.exposure, t.col.observed, t.col.fitted, t.col.inFit],
        s.entriesPerYear.map((y) => [
          String(y.year),
          formatPercent(y.exposure, lang),
          formatCount(y.observed, lang),
          dec(y.fitted, lang),
          y.inFit ? t.yes : t.no,
        ]),
      ),
    );
    const mixRows = Object.entries(s.mix).map(([form, share]) => [
      form,
      formatCount(s.entriesByForm[form] ?? 0, lang),
      `${formatPercent(share, lang)} ± ${formatPercent(s.mixSe?.[form] ?? 0, lang)}`,
    ]);
    if (mixRows.length > 0) {
      out.push('', '  ' + t.mix, ...grid([t.col.form, t.col.count, t.col.probability], mixRows, '    '));
    }
  }

  out.push('', t.stays);
  out.push(
    ...grid(
      [t.col.form, t.col.segment, t.col.finished, t.col.ongoing, t.col.median, t.col.p90, t.col.price],
      report.forms.map((f) => [
        f.form,
        f.segment,
        formatCount(f.finished, lang),
        formatCount(f.ongoing, lang),
        dec(f.stay.median, lang, 0) + (f.stayPlaceholder ? ` (${t.placeholder})` : ''),
        dec(f.stay.p90, lang, 0),
        f.price === null ? t.noPrice : formatCount(f.price.median, lang),
      ]),
    ),
  );

  for (const f of report.forms) {
    out.push('', t.kmTitle(f.form));
    if (f.kmVsFit.length === 0) out.push(`  ${t.placeholder}`);
    else
      out.push(
        ...grid(
          [t.col.percentile, t.col.km, t.col.fittedDays],
          f.kmVsFit.map((r) => [`P${Math.round(r.p * 100)}`, r.km === null ? '–' : dec(r.km, lang, 0), dec(r.fitted, lang, 0)]),
        ),
      );
    out.push('  ' + t.stepDowns(f.form, formatCount(f.stepDownBase, lang), formatCount(f.finished, lang), STEP_DOWN_GAP_DAYS));
    if (f.stepDowns.length === 0) out.push(`    ${t.noStepDowns}`);
    else
      out.push(
        ...grid(
          [t.col.stepDown, t.col.count, t.col.probability],
          f.stepDowns.map((d) => [d.form, formatCount(d.count, lang), formatPercent(d.probability, lang)]),
          '    ',
        ),
      );
  }

  out.push('', t.prices);
  out.push(
    ...grid(
      [t.col.form, t.col.count, t.col.price, t.col.priceRange],
      report.forms.map((f) =>
        f.price === null
          ? [f.form, '0', t.noPrice, '']
          : [
              f.form + (f.price.lastYearOnly ? ` (${t.lastYearOnly})` : ''),
              formatCount(f.price.n, lang),
              formatCount(f.price.median, lang),
              `${formatCount(f.price.p5, lang)}–${formatCount(f.price.p95, lang)}`,
            ],
      ),
    ),
  );

  out.push('', t.warnings);
  if (report.warnings.length === 0) out.push(`  ${t.noWarnings}`);
  else out.push(...report.warnings.map((w) => `  • ${w}`));
  return out.join('\n') + '\n';
}
