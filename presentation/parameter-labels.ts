/**
 * Plain labels for the per-trial parameters that the sensitivity ranking names by path
 * (`options.controller.effects[1].multiplier`): a politician reads "Placeringscontroller: effekt på vårdtid".
 * Labels are made from the model's own segment, form and option labels, so they speak the municipality's words.
 * Every path the compiler gives a parameter (simulation/compile.ts and the effects' `c.param` calls) has a
 * label here; anything else falls back to words made from the path, never the path itself.
 */
import type { Effect, Model, Option } from '../simulation/schema.js';
import type { Lang } from './numbers.js';

interface Words {
  priceIncrease: string;
  dailyCost: (form: string) => string;
  fixedCost: (form: string) => string;
  inflowRate: (segment: string) => string;
  inflowTrend: (segment: string) => string;
  lengthOfStay: string;
  dailyCostEffect: string;
  inflowEffect: string;
  perYear: string;
  oneOff: string;
  mixShift: (from: string, to: string) => string;
  takesShare: string;
  sellPrice: string;
  sellUtilisation: string;
  addedFixedCost: (form: string) => string;
  addedDailyCost: (form: string) => string;
  fixedCostOfUnit: string;
  dailyCostOfUnit: string;
  forForms: (forms: string) => string;
  unknownOption: string;
}

const WORDS: Record<Lang, Words> = {
  sv: {
    priceIncrease: 'Årlig prisökning',
    dailyCost: (form) => `Dygnskostnad ${form}`,
    fixedCost: (form) => `Fast kostnad per år för ${form}`,
    inflowRate: (segment) => `Inflöde ${segment}, placeringar per år`,
    inflowTrend: (segment) => `Inflöde ${segment}, förändring per år`,
    lengthOfStay: 'effekt på vårdtid',
    dailyCostEffect: 'effekt på dygnskostnad',
    inflowEffect: 'effekt på inflöde',
    perYear: 'kostnad per år',
    oneOff: 'startkostnad',
    mixShift: (from, to) => `andel som flyttas från ${from} till ${to}`,
    takesShare: 'andel av nya placeringar som tas emot',
    sellPrice: 'pris per såld plats',
    sellUtilisation: 'andel lediga platser som säljs',
    addedFixedCost: (form) => `fast kostnad per år för ${form}`,
    addedDailyCost: (form) => `dygnskostnad ${form}`,
    fixedCostOfUnit: 'fast kostnad per år',
    dailyCostOfUnit: 'dygnskostnad',
    forForms: (forms) => `(${forms})`,
    unknownOption: 'Åtgärd',
  },
  en: {
    priceIncrease: 'Annual price increase',
    dailyCost: (form) => `Price per care day, ${form}`,
    fixedCost: (form) => `Fixed cost per year of ${form}`,
    inflowRate: (segment) => `Inflow ${segment}, placements per year`,
    inflowTrend: (segment) => `Inflow ${segment}, change per year`,
    lengthOfStay: 'effect on length of stay',
    dailyCostEffect: 'effect on price per care day',
    inflowEffect: 'effect on inflow',
    perYear: 'cost per year',
    oneOff: 'start-up cost',
    mixShift: (from, to) => `share moved from ${from} to ${to}`,
    takesShare: 'share of new placements taken in',
    sellPrice: 'price per place sold',
    sellUtilisation: 'share of free places sold',
    addedFixedCost: (form) => `fixed cost per year of ${form}`,
    addedDailyCost: (form) => `price per care day, ${form}`,
    fixedCostOfUnit: 'fixed cost per year',
    dailyCostOfUnit: 'price per care day',
    forForms: (forms) => `(${forms})`,
    unknownOption: 'Option',
  },
};

/**
 * A label inside a sentence: "Barn och unga" becomes "barn och unga", but a first word with capitals of its
 * own ("HVB", "SiS") is a name or an abbreviation and stays as it is.
 */
function inSentence(label: string): string {
  const first = label.split(/[\s/]/, 1)[0];
  return /\p{Lu}/u.test(first.slice(1)) ? label : label.charAt(0).toLocaleLowerCase('sv') + label.slice(1);
}

function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase('sv') + text.slice(1);
}

/** Every form the model knows, its own and those its options add, by id. */
function formLabels(model: Model): Map<string, string> {
  const labels = new Map(model.forms.map((f) => [f.id, f.label]));
  for (const o of model.options ?? []) for (const e of o.effects) if (e.type === 'addForm') labels.set(e.form.id, e.form.label);
  return labels;
}

const OPTION_PATH = /^options\.([^.]+)\.effects\[(\d+)\]\.(.+)$/;

/** The plain label of a sensitivity parameter, in `lang`, made from the model's labels. */
export function parameterLabel(path: string, model: Model, lang: Lang): string {
  const w = WORDS[lang];
  const forms = formLabels(model);
  const form = (id: string) => inSentence(forms.get(id) ?? id);
  const segment = (id: string) => inSentence(model.segments.find((s) => s.id === id)?.label ?? id);

  if (path === 'annualPriceIncrease') return w.priceIncrease;
  const base = /^(forms|inflow)\.([^.]+)\.(\w+)$/.exec(path);
  if (base) {
    const [, kind, id, field] = base;
    if (kind === 'forms' && forms.has(id) && field === 'dailyCost') return w.dailyCost(form(id));
    if (kind === 'forms' && forms.has(id) && field === 'fixedCostPerYear') return w.fixedCost(form(id));
    if (kind === 'inflow' && field === 'episodesPerYear') return w.inflowRate(segment(id));
    if (kind === 'inflow' && field === 'trendPerYear') return w.inflowTrend(segment(id));
  }
  const opt = OPTION_PATH.exec(path);
  if (opt) {
    const [, optionId, index, field] = opt;
    const option = model.options?.find((o) => o.id === optionId);
    const effect = option?.effects[Number(index)];
    const part = effect && option ? effectPart(effect, field, option, w, form) : undefined;
    return `${option?.label ?? w.unknownOption}: ${part ?? words(field, forms)}`;
  }
  return capitalised(words(path, forms));
}

/** What one effect's parameter is about, or undefined for a field this module does not know. */
function effectPart(effect: Effect, field: string, option: Option, w: Words, form: (id: string) => string): string | undefined {
  switch (effect.type) {
    case 'cost':
      return field === 'perYear' ? w.perYear : field === 'oneOff' ? w.oneOff : undefined;
    case 'lengthOfStay':
    case 'dailyCost': {
      if (field !== 'multiplier') return undefined;
      const what = effect.type === 'lengthOfStay' ? w.lengthOfStay : w.dailyCostEffect;
      // Two effects of one type in one option would read alike: then the forms tell them apart.
      const alike = option.effects.filter((e) => e.type === effect.type).length > 1;
      return alike ? `${what} ${w.forForms(effect.forms.map(form).join(', '))}` : what;
    }
    case 'inflow':
      return field === 'multiplier' ? w.inflowEffect : undefined;
    case 'mixShift':
      return field === 'share' ? w.mixShift(form(effect.from), form(effect.to)) : undefined;
    case 'addForm': {
      // "HVB i egen regi: dygnskostnad", not "HVB i egen regi: dygnskostnad HVB i egen regi".
      const sameName = effect.form.label.toLocaleLowerCase('sv') === option.label.toLocaleLowerCase('sv');
      if (field === 'form.fixedCostPerYear') return sameName ? w.fixedCostOfUnit : w.addedFixedCost(inSentence(effect.form.label));
      if (field === 'form.dailyCost') return sameName ? w.dailyCostOfUnit : w.addedDailyCost(inSentence(effect.form.label));
      if (field === 'takes.share') return w.takesShare;
      if (field === 'sellFreePlaces.pricePerDay') return w.sellPrice;
      if (field === 'sellFreePlaces.utilisation') return w.sellUtilisation;
      return undefined;
    }
  }
}

/**
 * Words from a path the module does not know: ids become the model's labels, camelCase becomes words and
 * indices go, so "forms.hvb.newThing" reads "HVB (köpt plats), new thing".
 */
function words(path: string, forms: Map<string, string>): string {
  return path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter((p) => p !== '' && p !== 'options' && p !== 'effects' && p !== 'forms')
    .map((p) => {
      const known = forms.get(p);
      if (known) return inSentence(known);
      return p
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/[_-]+/g, ' ')
        .toLowerCase();
    })
    .join(', ');
}
