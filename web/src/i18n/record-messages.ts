/**
 * The records parser's messages (simulation/calibration/records.ts) are English, as the command line prints them;
 * on the Swedish page the bad-row table shows them in Swedish. Column names stay as the file has them.
 */
import type { Lang } from '../../../presentation/numbers.js';
import { translated, type Rule } from './api-messages.js';

// Quoted values are JSON strings (quoteValue): `".*"` takes one with escaped quotes inside whole.
const SV_RULES: Rule[] = [
  [/^a quoted field is never closed \(missing "\)$/, () => 'ett fält inom citattecken avslutas aldrig (" saknas)'],
  [/^(\w+) is empty$/, (c) => `${c} är tom`],
  [
    /^(".*") is not a date \(expected a real calendar date as YYYY-MM-DD\)$/,
    (v) => `${v} är inget datum (ett verkligt datum ÅÅÅÅ-MM-DD väntades)`,
  ],
  [
    /^(".*") is not a date \(expected a real calendar date as YYYY-MM-DD, or empty if ongoing\)$/,
    (v) => `${v} är inget datum (ett verkligt datum ÅÅÅÅ-MM-DD väntades, eller tomt om placeringen pågår)`,
  ],
  [/^end_date (\S+) is before start_date (\S+)$/, (e, b) => `end_date ${e} är före start_date ${b}`],
  [/^(".*") is not a number$/, (v) => `${v} är inget tal`],
  [/^daily_cost (\S+) is negative$/, (v) => `daily_cost ${v} är negativt`],
  [
    /^daily_cost (.+) is more than the model allows \(1000000000 kr per day\)$/,
    (v) => `daily_cost ${v} är mer än modellen tillåter (1000000000 kr per dygn)`,
  ],
  [/^unknown segment (".*") \(known: (.*)\)$/, (v, known) => `okänd målgrupp ${v} (kända: ${known})`],
  [/^unknown form (".*") \(known: (.*)\)$/, (v, known) => `okänd placeringsform ${v} (kända: ${known})`],
  [
    /^form (".*") belongs to segment (".*"), not (".*")$/,
    (f, owner, seg) => `placeringsformen ${f} hör till målgruppen ${owner}, inte ${seg}`,
  ],
  [/^duplicate episode_id (".*") \(first on row (\d+)\)$/, (v, row) => `episode_id ${v} finns redan (först på rad ${row})`],
  [/^column (".*") appears more than once in the header$/, (c) => `kolumnen ${c} står mer än en gång i rubrikraden`],
  [
    /^missing required column "(\w+)" \(header has: (.*); separator "(.)"\)$/,
    (c, has, sep) => `kolumnen "${c}" saknas (rubrikraden har: ${has.replace(/^nothing$/, 'inget')}; avgränsare "${sep}")`,
  ],
  [/^the file is empty: expected a header line and placement records$/, () => 'filen är tom: en rubrikrad och placeringar väntades'],
  [/^the file is empty$/, () => 'filen är tom'],
  [
    /^(\d+) fields but the header has (\d+)( \(a decimal comma in a comma-separated file must be in quotes, "842,15"\))?$/,
    (n, h, hint) =>
      `${n} fält men rubriken har ${h}` + (hint ? ' (ett decimalkomma i en kommaavgränsad fil måste stå inom citattecken, "842,15")' : ''),
  ],
  [/^… and (\d+) more problems$/, (n) => `… och ${n} fel till`],
  [/^the 1 record is bad; nothing left after skipping it$/, () => 'den enda raden är felaktig; inget finns kvar när den hoppas över'],
  [
    /^all (\d+) records are bad; nothing left after skipping them$/,
    (n) => `alla ${n} rader är felaktiga; inget finns kvar när de hoppas över`,
  ],
];

export function recordMessage(message: string, lang: Lang): { text: string; lang: Lang } {
  return translated(SV_RULES, message, lang);
}
