/**
 * Every string the page shows, in Swedish and English, from this one place. Numbers are formatted by the shared
 * presentation (presentation/numbers.ts), so a figure on the page reads as it does in the API's CSV and the CLI.
 */
import { signal } from '@preact/signals';
import { formatCount, formatMsek, formatMsekRange, formatPercent, type Lang } from '../../presentation/numbers.js';

export type { Lang };

const LANG_KEY = 'pp.lang';

function initialLang(): Lang {
  return sessionStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'sv';
}

export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang): void {
  lang.value = next;
  sessionStorage.setItem(LANG_KEY, next);
  document.documentElement.lang = next;
}

const sv = {
  appTitle: 'Placeringsprognos',
  appTagline: 'Kostnader för placeringar: jämför åtgärder och se risken',
  otherLanguage: 'English',
  otherLanguageName: 'Switch to English',
  signInTitle: 'Logga in',
  signInIntro: 'Logga in med den token du fått av administratören (den skapas med npm run token).',
  tokenLabel: 'Token',
  tokenHelp: 'Token sparas bara i den här fliken och glöms när du stänger den.',
  signIn: 'Logga in',
  signingIn: 'Loggar in …',
  signOut: 'Logga ut',
  badToken: 'Token godtogs inte. Kontrollera att den är rätt inskriven och inte återkallad, eller be administratören om en ny.',
  tokenEmpty: 'Skriv in din token.',
  signedInAs: (tenant: string) => `Inloggad: ${tenant}`,
  networkError: 'Tjänsten svarar inte. Kontrollera anslutningen och försök igen.',
  modelsTitle: 'Modeller',
  modelsIntro: 'Kommunens sparade modeller. Öppna en för att jämföra åtgärder.',
  noModels: 'Det finns inga modeller än. Lägg till en nedan.',
  colName: 'Namn',
  colVersion: 'Version',
  colDate: 'Senast ändrad',
  colAction: 'Åtgärd',
  open: 'Öppna',
  openModel: (name: string) => `Öppna ${name}`,
  addTitle: 'Lägg till en modell',
  addFromFile: 'Från en JSON-fil',
  fileLabel: 'Modellfil (JSON)',
  upload: 'Ladda upp',
  addFromExample: 'Från ett exempel',
  exampleSmall: 'Liten kommun (exempel)',
  exampleReference: 'Medelstor kommun (referensmodell)',
  added: (name: string) => `Modellen ”${name}” är sparad.`,
  notJson: 'Filen är inte giltig JSON.',
  chooseFile: 'Välj en fil först.',
  invalidModel: 'Modellen godtogs inte:',
  forbidden: 'Din roll får inte göra detta. Be en redaktör eller administratör.',
  back: '← Alla modeller',
  modelVersion: (v: number) => `version ${v}`,
  optionsLegend: 'Åtgärder att jämföra med nuläget',
  optionsHelp: 'Varje vald åtgärd räknas som ett eget alternativ och jämförs med nuläget.',
  noOptions: 'Modellen har inga åtgärder; bara nuläget räknas.',
  trialsLabel: 'Antal simuleringar',
  trialsHelp: 'Fler simuleringar ger säkrare siffror men tar längre tid.',
  seedLabel: 'Startvärde (seed)',
  seedHelp: 'Samma startvärde ger samma resultat.',
  start: 'Starta beräkningen',
  starting: 'Startar …',
  progressLabel: 'Beräkning',
  progressText: (done: string, all: string) => `${done} av ${all} simuleringar`,
  queued: 'I kö …',
  runFailed: (reason: string) => `Beräkningen misslyckades: ${reason}`,
  resultTitle: 'Resultat',
  resultMeta: (trials: string, seed: number) => `${trials} simuleringar, startvärde ${seed}`,
  showScenario: 'Visa alternativ',
  baseline: 'Nuläge',
  headlinesTitle: (label: string, baseline: boolean) =>
    baseline ? 'Kostnad per år i nuläget, utan åtgärd' : `Kostnad per år med åtgärden ${label}`,
  expected: 'Väntad kostnad',
  range80: '80 % sannolikt intervall',
  budget: 'Budget',
  probExceed: 'Risk att budgeten överskrids',
  noBudget: 'ingen budget i modellen',
  fanTitle: 'Kostnad per månad',
  fanIntro: 'Den mörka linjen är medianen. De skuggade banden visar var kostnaden hamnar med 50 %, 80 % och 90 % sannolikhet.',
  fanAxis: 'mkr per månad',
  band90: '90 % (P5–P95)',
  band80: '80 % (P10–P90)',
  band50: '50 % (P25–P75)',
  median: 'Median',
  mkr: 'mkr',
};

type Strings = typeof sv;

const en: Strings = {
  appTitle: 'Placement Planner',
  appTagline: 'Placement costs: compare options and see the risk',
  otherLanguage: 'Svenska',
  otherLanguageName: 'Byt till svenska',
  signInTitle: 'Sign in',
  signInIntro: 'Sign in with the token your administrator gave you (made with npm run token).',
  tokenLabel: 'Token',
  tokenHelp: 'The token is kept in this tab only and forgotten when you close it.',
  signIn: 'Sign in',
  signingIn: 'Signing in …',
  signOut: 'Sign out',
  badToken: 'The token was not accepted. Check that it is typed correctly and not revoked, or ask your administrator for a new one.',
  tokenEmpty: 'Enter your token.',
  signedInAs: (tenant: string) => `Signed in: ${tenant}`,
  networkError: 'The service does not answer. Check the connection and try again.',
  modelsTitle: 'Models',
  modelsIntro: "The municipality's saved models. Open one to compare options.",
  noModels: 'There are no models yet. Add one below.',
  colName: 'Name',
  colVersion: 'Version',
  colDate: 'Last changed',
  colAction: 'Action',
  open: 'Open',
  openModel: (name: string) => `Open ${name}`,
  addTitle: 'Add a model',
  addFromFile: 'From a JSON file',
  fileLabel: 'Model file (JSON)',
  upload: 'Upload',
  addFromExample: 'From an example',
  exampleSmall: 'Small municipality (example)',
  exampleReference: 'Mid-size municipality (reference model)',
  added: (name: string) => `The model "${name}" is saved.`,
  notJson: 'The file is not valid JSON.',
  chooseFile: 'Choose a file first.',
  invalidModel: 'The model was not accepted:',
  forbidden: 'Your role may not do this. Ask an editor or an administrator.',
  back: '← All models',
  modelVersion: (v: number) => `version ${v}`,
  optionsLegend: 'Options to compare with today',
  optionsHelp: 'Each ticked option is a scenario of its own, compared with today.',
  noOptions: 'The model has no options; only today is computed.',
  trialsLabel: 'Number of trials',
  trialsHelp: 'More trials give surer figures but take longer.',
  seedLabel: 'Seed',
  seedHelp: 'The same seed gives the same result.',
  start: 'Start the run',
  starting: 'Starting …',
  progressLabel: 'Run',
  progressText: (done: string, all: string) => `${done} of ${all} trials`,
  queued: 'Queued …',
  runFailed: (reason: string) => `The run failed: ${reason}`,
  resultTitle: 'Result',
  resultMeta: (trials: string, seed: number) => `${trials} trials, seed ${seed}`,
  showScenario: 'Show option',
  baseline: 'Today',
  headlinesTitle: (label: string, baseline: boolean) =>
    baseline ? 'Cost per year today, without an option' : `Cost per year with the option ${label}`,
  expected: 'Expected cost',
  range80: '80 % likely range',
  budget: 'Budget',
  probExceed: 'Chance the budget is exceeded',
  noBudget: 'no budget in the model',
  fanTitle: 'Cost per month',
  fanIntro: 'The dark line is the median. The shaded bands show where the cost lands with 50 %, 80 % and 90 % probability.',
  fanAxis: 'MSEK per month',
  band90: '90 % (P5–P95)',
  band80: '80 % (P10–P90)',
  band50: '50 % (P25–P75)',
  median: 'Median',
  mkr: 'MSEK',
};

const STRINGS: Record<Lang, Strings> = { sv, en };

/** The strings of the current language; reading it inside a component re-renders that component on a switch. */
export function t(): Strings {
  return STRINGS[lang.value];
}

export const fmt = {
  msek: (sek: number) => formatMsek(sek, lang.value),
  msekRange: (lo: number, hi: number) => formatMsekRange(lo, hi, lang.value),
  percent: (share: number) => formatPercent(share, lang.value),
  count: (n: number) => formatCount(n, lang.value),
  date: (iso: string) => new Intl.DateTimeFormat(lang.value === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium' }).format(new Date(iso)),
  month: (d: Date) => new Intl.DateTimeFormat(lang.value === 'sv' ? 'sv-SE' : 'en-GB', { month: 'short', year: 'numeric' }).format(d),
};
