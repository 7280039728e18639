/**
 * The calibration's warnings in the page's language. calibrate() writes them in English for the command line;
 * each known shape is matched here and said in the controller's words, without the "form x:" lead, since the
 * page shows it next to that form. A warning of a shape not known here is shown as written, marked English.
 */
import type { records } from '../i18n/records.js';

type Strings = (typeof records)['sv'];

const SHAPES: [RegExp, (s: Strings, m: RegExpExecArray) => string][] = [
  [/^form [^:]+: records name (\d+) segments \((.*)\); using (.+)$/, (s, m) => s.recWarnSegments(m[1], m[2], m[3])],
  [
    /^form [^:]+: only (\d+) finished stays?; placeholder lognormal median ([\d.]+), p90 ([\d.]+) days$/,
    (s, m) => s.recWarnFewStays(m[1], m[2], m[3]),
  ],
  [
    /^form [^:]+: the stay fit failed \((.*)\); placeholder lognormal median ([\d.]+), p90 ([\d.]+) days$/,
    (s, m) => s.recWarnFitFailed(m[2], m[3]),
  ],
  [/^form [^:]+: thin data, (\d+) finished stays \(fewer than (\d+)\); the stay is uncertain$/, (s, m) => s.recWarnThinStays(m[1], m[2])],
  [/^form [^:]+: thin data, only (\d+) recorded prices?$/, (s, m) => s.recWarnThinPrices(m[1])],
  [/^form [^:]+: no prices in the last year of the data; using (\d+) older prices?$/, (s, m) => s.recWarnOldPrices(m[1])],
  [/^form [^:]+: no prices recorded; dailyCost is a placeholder 0 and must be filled in$/, (s) => s.recWarnNoPrices],
  [/^segment [^:]+: only (\d+) years? with at least half a year of data; no trend fitted \(0\)$/, (s, m) => s.recWarnNoTrend(m[1])],
  [/^segment [^:]+: no new entries into care in the window; no inflow in the model$/, (s) => s.recWarnNoEntries],
  [/^segment [^:]+: thin data, only (\d+) entr(?:y|ies) into care$/, (s, m) => s.recWarnThinEntries(m[1])],
  [
    /^the model starts (\S+), before the data end (\S+): the initial caseload is the placements in care on \S+, and the months after it are simulated rather than taken from the records$/,
    (s, m) => s.recWarnStartInData(m[1], m[2]),
  ],
  [
    /^end_date after (\S+) \(the end of the last month with a new placement\) on (\d+) of the placements: taken as planned ends, they count as ongoing at the data end (\S+) \(first: row (\d+), end_date (\S+)\); set the data window's last day \(to\) if they have really ended$/,
    (s, m) => s.recWarnPlannedEnds(m[1], m[2], m[3], m[4], m[5]),
  ],
  [/^annualPriceIncrease is a default triangular/, (s) => s.recWarnPriceIncrease],
  [/^the mix of new entries by form is fixed at the observed shares/, (s) => s.recWarnMixFixed],
];

export function warningText(warning: string, s: Strings): { text: string; lang?: 'en' } {
  for (const [re, say] of SHAPES) {
    const m = re.exec(warning);
    if (m) return { text: say(s, m) };
  }
  return { text: warning, lang: 'en' };
}
