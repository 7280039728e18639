/**
 * Option presets and the example models: every preset is a valid option for the reference model, refers only to
 * the form ids it is given, keeps the defaults that docs/options.md documents, and the shipped example files are
 * exactly what examples/generate.ts builds from the presets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileDist, type Dist } from '../../simulation/dist.js';
import { assertNever } from '../../simulation/effects/index.js';
import { parseModel, ValidationError, type Effect, type Model, type Option } from '../../simulation/schema.js';
import {
  allPresets,
  DEFAULT_IDS,
  expandedOutpatientCare,
  fosterHomeRecruitment,
  inHouseHvb,
  inHouseSupportedHousing,
  interMunicipalAgreement,
  placementController,
  scaleDist,
  type PresetIds,
} from '../../simulation/presets/index.js';
import { buildReferenceMidsize, buildSmallMunicipality, serializeModel } from '../../examples/generate.js';

const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));
const RECORDS_CSV = '/work/shared/data/placements-midsize.csv';

const mean = (d: Dist | undefined) => compileDist(d ?? 0).mean;

/** The reference model without its options: the canvas the presets are checked against. */
function referenceBase(): Model {
  return { ...buildReferenceMidsize(), options: [] };
}

function withOptions(model: Model, options: Option[]): Model {
  return { ...model, options };
}

/** Renames ids everywhere in a model (form ids, mix keys, step-downs, segments) by their exact quoted value. */
function renameIds(model: Model, map: Record<string, string>): Model {
  let json = JSON.stringify(model);
  for (const [from, to] of Object.entries(map)) json = json.split(JSON.stringify(from)).join(JSON.stringify(to));
  return JSON.parse(json) as Model;
}

/** Every form and segment id an option's effects refer to, apart from the forms it adds itself. */
function referencedIds(option: Option): { forms: Set<string>; segments: Set<string> } {
  const forms = new Set<string>();
  const segments = new Set<string>();
  const added = new Set(option.effects.flatMap((e) => (e.type === 'addForm' ? [e.form.id] : [])));
  for (const e of option.effects) {
    switch (e.type) {
      case 'lengthOfStay':
      case 'dailyCost':
        e.forms.forEach((f) => forms.add(f));
        break;
      case 'mixShift':
        forms.add(e.from).add(e.to);
        segments.add(e.segment);
        break;
      case 'inflow':
        segments.add(e.segment);
        break;
      case 'addForm':
        e.takes.from.forEach((f) => forms.add(f));
        if (e.form.overflowTo) forms.add(e.form.overflowTo);
        (e.form.next ?? []).forEach((n) => forms.add(n.form));
        segments.add(e.form.segment);
        break;
      case 'cost':
        break;
      default:
        assertNever(e, 'effect type');
    }
  }
  added.forEach((f) => forms.delete(f));
  return { forms, segments };
}

function effectOf<T extends Effect['type']>(option: Option, type: T): Extract<Effect, { type: T }> {
  const e = option.effects.find((x) => x.type === type);
  if (!e) throw new Error(`option ${option.id} has no ${type} effect`);
  return e as Extract<Effect, { type: T }>;
}

describe('presets with their defaults', () => {
  const presets = allPresets();

  it.each(presets.map((p) => [p.id, p] as const))('%s is a valid option for the reference model', (_id, option) => {
    const parsed = parseModel(withOptions(referenceBase(), [option]));
    expect(parsed.options).toEqual([option]);
  });

  it('all six fit in one model together (no clashing ids or added forms)', () => {
    expect(() => parseModel(withOptions(referenceBase(), presets))).not.toThrow();
  });

  it('gives one option of each kind, with the default option ids', () => {
    expect(presets.map((p) => p.kind)).toEqual([
      'placementController',
      'inHouseHvb',
      'inHouseSupportedHousing',
      'interMunicipalAgreement',
      'expandedOutpatientCare',
      'fosterHomeRecruitment',
    ]);
    expect(presets.map((p) => p.id)).toEqual([
      'controller',
      'hvb_egen',
      'stodboende_egen',
      'avtalssamverkan',
      'oppenvard',
      'familjehemsrekrytering',
    ]);
  });

  it('refers to the forms of the reference model by default', () => {
    const ids = new Set(referenceBase().forms.map((f) => f.id));
    for (const p of presets) for (const f of referencedIds(p).forms) expect(ids, `${p.id} refers to ${f}`).toContain(f);
  });
});

describe('presets use the form and segment ids they are given', () => {
  const custom: PresetIds = {
    segment: 'barn',
    hvb: 'hvb_kopt',
    agencyFosterHome: 'fh_konsulent',
    ownFosterHome: 'fh_egna',
    sis: 'sis_lvu',
    supportedHousing: 'stodboende_kopt',
  };
  const renamed = renameIds(referenceBase(), {
    bou: custom.segment,
    hvb: custom.hvb,
    familjehem_konsulent: custom.agencyFosterHome,
    familjehem_egna: custom.ownFosterHome,
    sis: custom.sis,
    stodboende: custom.supportedHousing,
  });
  const presets = allPresets(custom);
  const defaultIds = Object.values(DEFAULT_IDS);

  it('the renamed model rejects the presets built for the default ids', () => {
    expect(() => parseModel(withOptions(renamed, allPresets()))).toThrow(ValidationError);
  });

  it('the renamed model accepts the presets built for its ids', () => {
    expect(() => parseModel(withOptions(renamed, presets))).not.toThrow();
  });

  it.each(presets.map((p) => [p.id, p] as const))('%s refers to none of the default ids', (_id, option) => {
    const { forms, segments } = referencedIds(option);
    expect(forms.size).toBeGreaterThan(0);
    for (const id of [...forms, ...segments]) expect(defaultIds).not.toContain(id);
    for (const s of segments) expect(s).toBe(custom.segment);
  });

  it('places each id where its role says', () => {
    const [controller, hvb, supported, agreement, outpatient, recruitment] = presets;
    expect(effectOf(controller, 'lengthOfStay').forms).toEqual([custom.hvb, custom.agencyFosterHome, custom.sis]);
    expect(effectOf(controller, 'dailyCost').forms).toEqual([custom.hvb]);
    expect(effectOf(controller, 'mixShift')).toMatchObject({ segment: 'barn', from: custom.hvb, to: custom.ownFosterHome });
    expect(effectOf(hvb, 'addForm').takes.from).toEqual([custom.hvb]);
    expect(effectOf(hvb, 'addForm').form).toMatchObject({ segment: 'barn', overflowTo: custom.hvb });
    expect(effectOf(hvb, 'addForm').form.next).toEqual([{ form: custom.supportedHousing, probability: 0.25 }]);
    expect(effectOf(supported, 'addForm').takes.from).toEqual([custom.supportedHousing]);
    expect(effectOf(supported, 'addForm').form.overflowTo).toBe(custom.supportedHousing);
    expect(effectOf(agreement, 'addForm').takes.from).toEqual([custom.hvb]);
    expect(effectOf(agreement, 'addForm').form.overflowTo).toBe(custom.hvb);
    expect(effectOf(outpatient, 'inflow').segment).toBe('barn');
    expect(effectOf(outpatient, 'lengthOfStay').forms).toEqual([custom.hvb, custom.ownFosterHome, custom.agencyFosterHome]);
    expect(effectOf(recruitment, 'mixShift')).toMatchObject({
      segment: 'barn',
      from: custom.agencyFosterHome,
      to: custom.ownFosterHome,
    });
  });

  it('names the added forms by formId', () => {
    const o = inHouseHvb({ formId: 'vastgarden' });
    expect(effectOf(o, 'addForm').form.id).toBe('vastgarden');
    expect(effectOf(inHouseSupportedHousing({ formId: 'lyan' }), 'addForm').form.id).toBe('lyan');
    expect(effectOf(interMunicipalAgreement({ formId: 'fyrbylund' }), 'addForm').form.id).toBe('fyrbylund');
  });
});

describe('the defaults documented in docs/options.md', () => {
  it('placement controller: one salary of 0.7-1.0 MSEK, paid at once, effects ramped over 6 months', () => {
    const o = placementController();
    const cost = effectOf(o, 'cost');
    expect(mean(cost.perYear)).toBeGreaterThanOrEqual(700_000);
    expect(mean(cost.perYear)).toBeLessThanOrEqual(1_000_000);
    expect(cost.rampMonths ?? 0).toBe(0);
    expect(effectOf(o, 'lengthOfStay').multiplier).toEqual({ type: 'pert', min: 0.75, mode: 0.85, max: 0.97 });
    expect(effectOf(o, 'dailyCost').multiplier).toEqual({ type: 'pert', min: 0.92, mode: 0.97, max: 1 });
    expect(effectOf(o, 'mixShift').share).toEqual({ type: 'uniform', min: 0, max: 0.1 });
    for (const e of o.effects.filter((x) => x.type !== 'cost')) expect(e.rampMonths).toBe(6);
  });

  it('in-house HVB: 7 places at 8.5 MSEK a year (Linköping 2023) with adjustment factor 1', () => {
    const o = inHouseHvb();
    const add = effectOf(o, 'addForm');
    expect(add.form.capacity).toBe(7);
    expect(add.form.provider).toBe('internal');
    expect(add.form.overflowTo).toBe('hvb');
    expect(add.form.fixedCostPerYear).toMatchObject({ type: 'pert', mode: 8_500_000 });
    expect(add.fromMonth).toBe(6);
    // Sala: 2 of 8 HVB youths would have fitted.
    const share = compileDist(add.takes.share);
    expect(share.lower).toBeLessThanOrEqual(0.25);
    expect(share.upper).toBeGreaterThanOrEqual(0.25);
    expect(mean(add.form.dailyCost)).toBeLessThan(600);
    expect(add.sellFreePlaces).toBeDefined();
    expect(compileDist(add.sellFreePlaces!.utilisation).lower).toBe(0);
    const oneOff = mean(effectOf(o, 'cost').oneOff);
    expect(oneOff).toBeGreaterThanOrEqual(1_000_000);
    expect(oneOff).toBeLessThanOrEqual(2_000_000);
  });

  it('in-house HVB: the price adjustment moves the Linköping figure to the model year, and sales can be switched off', () => {
    const add = effectOf(inHouseHvb({ priceAdjustment: 1.1, sellFreePlaces: false }), 'addForm');
    expect(add.form.fixedCostPerYear).toEqual({ type: 'pert', min: 8_800_000, mode: 9_350_000, max: 10_450_000 });
    expect(add.sellFreePlaces).toBeUndefined();
  });

  it('in-house supported housing: 6 places at about half an HVB per place, ageing out at 21', () => {
    const add = effectOf(inHouseSupportedHousing(), 'addForm');
    expect(add.form.capacity).toBe(6);
    expect(add.form.maxAgeYears).toBe(21);
    expect(add.takes.from).toEqual(['stodboende']);
    expect(add.form.overflowTo).toBe('stodboende');
    const perPlace = mean(add.form.fixedCostPerYear) / 6;
    const hvbPerPlace = 8_500_000 / 7;
    expect(perPlace / hvbPerPlace).toBeGreaterThan(0.4);
    expect(perPlace / hvbPerPlace).toBeLessThan(0.6);
  });

  it('inter-municipal agreement: places at the member price, about 11% below the price to others', () => {
    const o = interMunicipalAgreement();
    const add = effectOf(o, 'addForm');
    expect(add.form.capacity).toBe(2);
    expect(add.form.dailyCost).toMatchObject({ type: 'pert', mode: 4219 });
    const discount = 1 - mean(add.form.dailyCost) / 4728;
    expect(discount).toBeGreaterThan(0.08);
    expect(discount).toBeLessThan(0.14);
    expect(add.fromMonth ?? 0).toBe(0);
    // The yearly share must stay below what the member price saves on its places, or the option never pays.
    const maxPriceSaving = 2 * 365 * (4728 - 4219);
    expect(mean(effectOf(o, 'cost').perYear)).toBeLessThan(maxPriceSaving);
  });

  it('inter-municipal agreement: the yearly share follows the number of places', () => {
    const one = mean(effectOf(interMunicipalAgreement({ places: 1 }), 'cost').perYear);
    const two = mean(effectOf(interMunicipalAgreement({ places: 2 }), 'cost').perYear);
    expect(two / one).toBeCloseTo(2, 2);
    expect(effectOf(interMunicipalAgreement({ places: 1 }), 'addForm').form.capacity).toBe(1);
  });

  it('expanded outpatient care: three staff for 2.0-2.6 MSEK, fewer new placements, ramped over a year', () => {
    const o = expandedOutpatientCare();
    const perYear = mean(effectOf(o, 'cost').perYear);
    expect(perYear).toBeGreaterThanOrEqual(2_000_000);
    expect(perYear).toBeLessThanOrEqual(2_600_000);
    expect(effectOf(o, 'inflow').multiplier).toEqual({ type: 'pert', min: 0.85, mode: 0.92, max: 1 });
    expect(compileDist(effectOf(o, 'lengthOfStay').multiplier).lower).toBeGreaterThanOrEqual(0.9);
    expect(effectOf(o, 'inflow').rampMonths).toBe(12);
    const oneStaff = mean(effectOf(expandedOutpatientCare({ staff: 1 }), 'cost').perYear);
    expect(perYear / oneStaff).toBeCloseTo(3, 2);
  });

  it('foster-home recruitment: 1.2-1.8 MSEK, a tenth to a third of agency placements go to own foster homes', () => {
    const o = fosterHomeRecruitment();
    const cost = compileDist(effectOf(o, 'cost').perYear!);
    expect(cost.lower).toBe(1_200_000);
    expect(cost.upper).toBe(1_800_000);
    expect(effectOf(o, 'mixShift')).toMatchObject({
      from: 'familjehem_konsulent',
      to: 'familjehem_egna',
      share: { type: 'uniform', min: 0.1, max: 0.3 },
      rampMonths: 12,
    });
  });

  it('rejects a bad config with the field named', () => {
    let thrown: unknown;
    try {
      inHouseHvb({ capacity: 0 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues.map((i) => i.path)).toContain('effects[1].form.capacity');
    expect(() => inHouseHvb({ priceAdjustment: 0 })).toThrow(ValidationError);
  });
});

describe('scaleDist', () => {
  it('scales every distribution type by the factor, keeping shape parameters', () => {
    const cases: [Dist, Dist][] = [
      [10, 20],
      [
        { type: 'fixed', value: 3 },
        { type: 'fixed', value: 6 },
      ],
      [
        { type: 'uniform', min: 1, max: 2 },
        { type: 'uniform', min: 2, max: 4 },
      ],
      [
        { type: 'triangular', min: 1, mode: 2, max: 3 },
        { type: 'triangular', min: 2, mode: 4, max: 6 },
      ],
      [
        { type: 'pert', min: 1, mode: 2, max: 3 },
        { type: 'pert', min: 2, mode: 4, max: 6 },
      ],
      [
        { type: 'normal', mean: 5, sd: 1, min: 2 },
        { type: 'normal', mean: 10, sd: 2, min: 4 },
      ],
      [
        { type: 'lognormal', median: 5, p90: 9 },
        { type: 'lognormal', median: 10, p90: 18 },
      ],
      [
        { type: 'lognormal', mean: 5, sd: 2 },
        { type: 'lognormal', mean: 10, sd: 4 },
      ],
      [
        { type: 'gamma', mean: 5, sd: 2 },
        { type: 'gamma', mean: 10, sd: 4 },
      ],
      [
        { type: 'weibull', shape: 1.5, scale: 3 },
        { type: 'weibull', shape: 1.5, scale: 6 },
      ],
      [
        { type: 'exponential', mean: 4 },
        { type: 'exponential', mean: 8 },
      ],
      [
        { type: 'empirical', values: [1, 2] },
        { type: 'empirical', values: [2, 4] },
      ],
    ];
    for (const [d, want] of cases) {
      expect(scaleDist(d, 2)).toEqual(want);
      expect(mean(scaleDist(d, 2))).toBeCloseTo(2 * mean(d), 6);
    }
  });

  it('rounds money to whole SEK and refuses a factor that is not positive', () => {
    expect(scaleDist({ type: 'pert', min: 4000, mode: 4219, max: 4500 }, 1.035, { round: true })).toEqual({
      type: 'pert',
      min: 4140,
      mode: 4367,
      max: 4658,
    });
    expect(() => scaleDist(1, 0)).toThrow(RangeError);
    expect(() => scaleDist(1, Number.NaN)).toThrow(RangeError);
  });
});

describe('example models', () => {
  const examples = [
    ['reference-midsize.json', buildReferenceMidsize],
    ['small-municipality.json', buildSmallMunicipality],
  ] as const;

  it.each(examples)('%s parses with parseModel', (file) => {
    const json = JSON.parse(readFileSync(EXAMPLES_DIR + file, 'utf8'));
    expect(() => parseModel(json)).not.toThrow();
  });

  it.each(examples)('%s is exactly what examples/generate.ts builds (run `npm run examples`)', (file, build) => {
    expect(readFileSync(EXAMPLES_DIR + file, 'utf8')).toBe(serializeModel(build()));
  });

  it('the reference model carries the six presets as the presets build them', () => {
    const file = JSON.parse(readFileSync(EXAMPLES_DIR + 'reference-midsize.json', 'utf8')) as Model;
    const hvb = file.forms.find((f) => f.id === 'hvb')!;
    const stodboende = file.forms.find((f) => f.id === 'stodboende')!;
    const likeHvb = { lengthOfStayDays: hvb.lengthOfStayDays, next: hvb.next, maxAgeYears: hvb.maxAgeYears };
    const expected = [
      placementController({ id: 'controller', label: 'Placeringscontroller' }),
      inHouseHvb({ id: 'hvb_egen', label: 'HVB i egen regi', priceAdjustment: 1.1, ...likeHvb }),
      inHouseSupportedHousing({
        id: 'stodboende_egen',
        label: 'Stödboende i egen regi',
        priceAdjustment: 1.1,
        lengthOfStayDays: stodboende.lengthOfStayDays,
      }),
      interMunicipalAgreement({ id: 'avtalssamverkan', label: 'Avtalssamverkan (gemensamt HVB)', priceAdjustment: 1.035, ...likeHvb }),
      expandedOutpatientCare({ id: 'oppenvard', label: 'Utökad öppenvård' }),
      fosterHomeRecruitment({ id: 'familjehemsrekrytering', label: 'Familjehemsrekrytering' }),
    ];
    expect(file.options).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('the small model carries the presets that fit a small municipality, scaled to its size', () => {
    const file = JSON.parse(readFileSync(EXAMPLES_DIR + 'small-municipality.json', 'utf8')) as Model;
    const hvb = file.forms.find((f) => f.id === 'hvb')!;
    const expected = [
      placementController({ id: 'controller', label: 'Placeringscontroller' }),
      interMunicipalAgreement({
        id: 'avtalssamverkan',
        label: 'Avtalssamverkan (gemensamt HVB)',
        places: 1,
        priceAdjustment: 1.035,
        lengthOfStayDays: hvb.lengthOfStayDays,
        next: hvb.next,
        maxAgeYears: hvb.maxAgeYears,
      }),
      expandedOutpatientCare({ id: 'oppenvard', label: 'Utökad öppenvård', staff: 1 }),
      fosterHomeRecruitment({ id: 'familjehemsrekrytering', label: 'Familjehemsrekrytering', recruiters: 1 }),
    ];
    expect(file.options).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('the reference model has a budget for every year of its horizon and two segments', () => {
    const m = buildReferenceMidsize();
    expect(Object.keys(m.budget ?? {})).toEqual(['2026', '2027', '2028', '2029', '2030']);
    expect(m.segments.map((s) => s.id)).toEqual(['bou', 'vuxen']);
    expect(m.initialCaseload!.some((c) => c.startDates !== undefined)).toBe(true);
    expect(m.initialCaseload!.some((c) => c.ageYears !== undefined)).toBe(true);
  });

  it('the small model is BoU only with about 20 new placements a year', () => {
    const m = buildSmallMunicipality();
    expect(m.segments.map((s) => s.id)).toEqual(['bou']);
    expect(mean(m.inflow[0].episodesPerYear)).toBeGreaterThanOrEqual(15);
    expect(mean(m.inflow[0].episodesPerYear)).toBeLessThanOrEqual(25);
    expect(Object.keys(m.budget ?? {})).toEqual(['2026', '2027', '2028', '2029', '2030']);
  });

  it.skipIf(!existsSync(RECORDS_CSV))('the reference model has exactly the forms of the placement records', () => {
    const rows = readFileSync(RECORDS_CSV, 'utf8').trim().split(/\r?\n/).slice(1);
    const recordForms = new Set(rows.map((r) => `${r.split(',')[2]}/${r.split(',')[3]}`));
    const modelForms = new Set(buildReferenceMidsize().forms.map((f) => `${f.segment}/${f.id}`));
    expect([...modelForms].sort()).toEqual([...recordForms].sort());
  });
});
