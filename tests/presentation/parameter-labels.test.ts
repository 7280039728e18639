/**
 * Plain labels of the sensitivity parameters: every parameter the engine compiles for the two example models
 * gets a label made from the model's words, in both languages, and never a path or an id.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parameterLabel } from '../../presentation/parameter-labels.js';
import { parseModel, prepareRun, type Model } from '../../simulation/index.js';

const example = (name: string): Model =>
  parseModel(JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')));
const small = example('small-municipality');
const reference = example('reference-midsize');

/** Every per-trial parameter the compiler makes for the model with all its options. */
const paths = (model: Model) => prepareRun({ model, trials: 1 }).compiled.params.map((p) => p.path);

/** Ids that are not also words of some label (the id "institution" is the word of "Institution/HVB missbruk"). */
function idsOf(model: Model): string[] {
  const labels = [
    ...model.segments.map((s) => s.label),
    ...model.forms.map((f) => f.label),
    ...(model.options ?? []).flatMap((o) => [o.label, ...o.effects.flatMap((e) => (e.type === 'addForm' ? [e.form.label] : []))]),
  ].join(' ');
  const ids = [
    ...model.segments.map((s) => s.id),
    ...model.forms.map((f) => f.id),
    ...(model.options ?? []).flatMap((o) => [o.id, ...o.effects.flatMap((e) => (e.type === 'addForm' ? [e.form.id] : []))]),
  ];
  return ids.filter((id) => !new RegExp(`\\b${id}\\b`, 'iu').test(labels));
}

describe('parameterLabel', () => {
  it('names the parameters of the reference model as the committee would', () => {
    const sv = (p: string) => parameterLabel(p, reference, 'sv');
    expect(sv('inflow.bou.episodesPerYear')).toBe('Inflöde barn och unga, placeringar per år');
    expect(sv('inflow.bou.trendPerYear')).toBe('Inflöde barn och unga, förändring per år');
    expect(sv('inflow.vuxen.episodesPerYear')).toBe('Inflöde vuxna, placeringar per år');
    expect(sv('forms.hvb.dailyCost')).toBe('Dygnskostnad HVB (köpt plats)');
    expect(sv('forms.familjehem_egna.dailyCost')).toBe('Dygnskostnad egna familjehem');
    expect(sv('forms.sis.dailyCost')).toBe('Dygnskostnad SiS särskilt ungdomshem');
    expect(sv('annualPriceIncrease')).toBe('Årlig prisökning');
    expect(sv('options.controller.effects[0].perYear')).toBe('Placeringscontroller: kostnad per år');
    expect(sv('options.controller.effects[1].multiplier')).toBe('Placeringscontroller: effekt på vårdtid');
    expect(sv('options.controller.effects[2].multiplier')).toBe('Placeringscontroller: effekt på dygnskostnad');
    expect(sv('options.controller.effects[3].share')).toBe(
      'Placeringscontroller: andel som flyttas från HVB (köpt plats) till egna familjehem',
    );
    expect(sv('options.hvb_egen.effects[0].oneOff')).toBe('HVB i egen regi: startkostnad');
    expect(sv('options.hvb_egen.effects[1].form.fixedCostPerYear')).toBe('HVB i egen regi: fast kostnad per år');
    expect(sv('options.hvb_egen.effects[1].form.dailyCost')).toBe('HVB i egen regi: dygnskostnad');
    expect(sv('options.avtalssamverkan.effects[1].form.dailyCost')).toBe(
      'Avtalssamverkan (gemensamt HVB): dygnskostnad HVB i avtalssamverkan',
    );
    expect(sv('forms.institution.dailyCost')).toBe('Dygnskostnad institution/HVB missbruk');
    expect(sv('options.hvb_egen.effects[1].takes.share')).toBe('HVB i egen regi: andel av nya placeringar som tas emot');
    expect(sv('options.oppenvard.effects[1].multiplier')).toBe('Utökad öppenvård: effekt på inflöde');
    expect(parameterLabel('options.controller.effects[1].multiplier', reference, 'en')).toBe(
      'Placeringscontroller: effect on length of stay',
    );
    expect(parameterLabel('annualPriceIncrease', reference, 'en')).toBe('Annual price increase');
  });

  it('labels the selling of free places where an option sells them', () => {
    const selling = (reference.options ?? []).find((o) => o.effects.some((e) => e.type === 'addForm' && e.sellFreePlaces));
    expect(selling).toBeDefined();
    const i = selling!.effects.findIndex((e) => e.type === 'addForm' && e.sellFreePlaces);
    const at = (field: string) => parameterLabel(`options.${selling!.id}.effects[${i}].${field}`, reference, 'sv');
    expect(at('sellFreePlaces.pricePerDay')).toBe(`${selling!.label}: pris per såld plats`);
    expect(at('sellFreePlaces.utilisation')).toBe(`${selling!.label}: andel lediga platser som säljs`);
  });

  for (const [name, model] of [
    ['small example', small],
    ['reference model', reference],
  ] as const) {
    it(`gives every parameter of the ${name} a distinct plain label in both languages`, () => {
      const all = paths(model);
      expect(all.length).toBeGreaterThan(10);
      const ids = idsOf(model);
      for (const lang of ['sv', 'en'] as const) {
        const labels = all.map((p) => parameterLabel(p, model, lang));
        for (const label of labels) {
          expect(label).not.toMatch(/[[\]]|\w\.\w|effects|options\./);
          expect(label).not.toMatch(/[a-z][A-Z][a-z]/); // no camelCase field names ("SiS" is a word)
          for (const id of ids) expect(label).not.toMatch(new RegExp(`\\b${id}\\b`));
        }
        expect(new Set(labels).size).toBe(labels.length);
      }
    });
  }

  it('tells apart two effects of one type in one option by their forms', () => {
    const controller = (small.options ?? []).find((o) => o.id === 'controller')!;
    const twice: Model = {
      ...small,
      options: [{ ...controller, effects: [...controller.effects, { type: 'lengthOfStay', forms: ['stodboende'], multiplier: 0.9 }] }],
    };
    const a = parameterLabel('options.controller.effects[1].multiplier', twice, 'sv');
    const b = parameterLabel(`options.controller.effects[${controller.effects.length}].multiplier`, twice, 'sv');
    expect(a).not.toBe(b);
    expect(b).toBe('Placeringscontroller: effekt på vårdtid (stödboende (köpt plats))');
  });

  it('makes words of a path it does not know, never showing the path', () => {
    expect(parameterLabel('forms.hvb.someNewField', small, 'sv')).toBe('HVB (köpt plats), some new field');
    expect(parameterLabel('options.controller.effects[9].newThing', small, 'sv')).toBe('Placeringscontroller: new thing');
    expect(parameterLabel('options.gone.effects[0].perYear', small, 'en')).toBe('Option: per year');
  });
});
