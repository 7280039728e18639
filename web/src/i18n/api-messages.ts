/**
 * The API's field messages are English (the engine's validation speaks one language to every client). On the
 * Swedish page the common ones are put into Swedish here; a message no pattern knows is shown as the API wrote
 * it, marked as English so a screen reader reads it as such.
 */
import type { Lang } from '../../../presentation/numbers.js';

export type Rule = [RegExp, (...groups: string[]) => string];

const TYPE_SV: Record<string, string> = {
  'a number': 'ett tal',
  'a string': 'en text',
  'a list': 'en lista',
  'an object': 'ett objekt',
  'true or false': 'true eller false',
  'a whole number': 'ett heltal',
  'a positive number': 'ett positivt tal',
  'greater than 0': 'större än 0',
};

const SV_RULES: Rule[] = [
  [/^is required$/, () => 'saknas'],
  [/^is required \(or give startDates\)$/, () => 'saknas (eller ange startDates)'],
  [/^must not be empty$/, () => 'får inte vara tomt'],
  [/^must be at most (\d+) characters$/, (n) => `får vara högst ${n} tecken`],
  [/^must be between (\S+) and (\S+)$/, (a, b) => `måste vara mellan ${a} och ${b}`],
  [/^must be at least (\S+)$/, (a) => `måste vara minst ${a}`],
  [/^must be at most (\S+)$/, (a) => `får vara högst ${a}`],
  [/^must be less than (\S+)$/, (a) => `måste vara mindre än ${a}`],
  [/^must be at least (\d+) characters$/, (n) => `måste vara minst ${n} tecken`],
  [/^must have at least (\d+) items$/, (n) => `måste ha minst ${n} poster`],
  [/^must have at most (\d+) items$/, (n) => `får ha högst ${n} poster`],
  [/^budget years must be YYYY$/, () => 'budgetåren skrivs ÅÅÅÅ'],
  [/^must be greater than (\S+)$/, (a) => `måste vara större än ${a}`],
  [/^must be (YYYY-MM(?:-DD)?)$/, (f) => `måste skrivas ${f}`],
  [/^must be a month between (\S+) and (\S+)$/, (a, b) => `måste vara en månad mellan ${a} och ${b}`],
  [
    /^must be (a number|a string|a list|an object|true or false|a whole number|a positive number)$/,
    (what) => `måste vara ${TYPE_SV[what]}`,
  ],
  [/^must be a number or a distribution such as (.+)$/, (ex) => `måste vara ett tal eller en fördelning som ${ex}`],
  [/^must be one of (.+)$/, (list) => `måste vara en av ${list}`],
  [/^matches none of the allowed forms$/, () => 'passar ingen av de tillåtna formerna'],
  [
    /^must be the id of a model option or an option object (.+)$/,
    (shape) => `måste vara id för en av modellens åtgärder eller en åtgärd som objekt ${shape}`,
  ],
  [/^unknown fields? (.+)$/, (keys) => `okänt fält ${keys}`],
  [/^unknown form "([^"]+)"$/, (id) => `okänd placeringsform "${id}"`],
  [/^unknown segment "([^"]+)"$/, (id) => `okänd målgrupp "${id}"`],
  [/^unknown option "([^"]+)"$/, (id) => `okänd åtgärd "${id}"`],
  [/^shares must sum to 1 \(they sum to ([^)]+)\)$/, (sum) => `andelarna måste bli 1 tillsammans (de blir ${sum})`],
  [
    /^probabilities must sum to at most 1 \(they sum to ([^)]+)\)$/,
    (sum) => `sannolikheterna får bli högst 1 tillsammans (de blir ${sum})`,
  ],
  [/^(form|segment|option) id "([^"]+)" is used more than once$/, (kind, id) => `${KIND_SV[kind]} "${id}" används mer än en gång`],
];

/** What a value must be (simulation/schema-parts.ts, RANGES), in Swedish. */
const WHAT_SV: Record<string, string> = {
  'an amount in SEK between 0 and 1,000,000,000': 'ett belopp i kronor mellan 0 och 1 000 000 000',
  'a number of days, not negative': 'ett antal dygn, inte negativt',
  'a number of episodes per year between 0 and 20,000': 'ett antal placeringar per år mellan 0 och 20 000',
  'a share between 0 and 1': 'en andel mellan 0 och 100 %',
  'a multiplier between 0 and 10': 'en faktor mellan 0 och 10',
  'a yearly change between -0.5 and 1': 'en förändring per år mellan −50 % och +100 %',
  'an age in years between 0 and 120': 'en ålder mellan 0 och 120 år',
};
const HINT_SV: Record<string, string> = {
  ' (give it min and max bounds)': ' (ge den en lägsta och högsta gräns)',
  ' (pick a distribution whose values stay in that range, e.g. pert or uniform)':
    ' (välj en fördelning vars värden håller sig inom det, t.ex. lägsta – troligast – högsta)',
};
SV_RULES.unshift(
  [/^must not be negative$/, () => 'får inte vara negativt'],
  [/^must be at least (min|mode)$/, (f) => `måste vara minst ${f === 'min' ? 'lägsta' : 'troligast'}`],
  [/^must be greater than (min|median)$/, (f) => `måste vara större än ${f === 'min' ? 'lägsta' : 'medianen'}`],
  [
    new RegExp(
      `^must be (${Object.keys(WHAT_SV)
        .join('|')
        .replace(/[().,-]/g, '\\$&')})(.*)$`,
    ),
    (what, hint) => `måste vara ${WHAT_SV[what]}${HINT_SV[hint] ?? hint}`,
  ],
  [/^monthly factors must average 1 \(they average ([^)]+)\)$/, (m) => `månadsfaktorerna måste ha medelvärdet 1 (nu ${m})`],
);

const KIND_SV: Record<string, string> = { form: 'placeringsformens id', segment: 'målgruppens id', option: 'åtgärdens id' };

/** A message by the first rule that matches it, in Swedish; as written, marked English, when none does. */
export function translated(rules: readonly Rule[], message: string, lang: Lang): { text: string; lang: Lang } {
  if (lang === 'en') return { text: message, lang: 'en' };
  for (const [pattern, say] of rules) {
    const m = pattern.exec(message);
    if (m) return { text: say(...m.slice(1)), lang: 'sv' };
  }
  return { text: message, lang: 'en' };
}

/** The message in the page's language where it is known, with the language it is in. */
export function apiMessage(message: string, lang: Lang): { text: string; lang: Lang } {
  return translated(SV_RULES, message, lang);
}
