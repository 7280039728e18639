/**
 * Option presets (model-spec section 3): the six option kinds of the domain notes (/work/shared/domain.md,
 * "The options that committees weigh"), each a plain function from a config object to an `Option` of effects.
 * The engine knows only effects; these functions only fill them in with defaults grounded in the domain notes,
 * and every default can be overridden. See docs/options.md for the table of defaults and their sources.
 *
 * Money is in SEK at the model's start-year prices. Where a default comes from a figure of another year (Linköping
 * 2023, the federation prices of 2025), the preset takes a `priceAdjustment` factor that the caller sets from the
 * model's start year; it defaults to 1 so that the documented figure appears unchanged.
 */
import { type Dist } from './dist.js';
import { type Effect, type Form, Option, parseWith, ValidationError } from './schema.js';

type AddFormEffect = Extract<Effect, { type: 'addForm' }>;
type NormalDist = Extract<Dist, { type: 'normal' }>;

/** The ids of the model's forms that the presets refer to. Defaults match examples/reference-midsize.json. */
export interface PresetFormIds {
  /** External (bought) residential care home, HVB. */
  hvb: string;
  /** Foster home through a private agency (konsulentstött familjehem). */
  agencyFosterHome: string;
  /** The municipality's own foster homes (egna/arvoderade familjehem). */
  ownFosterHome: string;
  /** Secure unit for youth (SiS särskilt ungdomshem). */
  sis: string;
  /** External supported housing for ages 16-20 (stödboende). */
  supportedHousing: string;
}

/** Form ids plus the segment (children and youth) the presets act on. */
export interface PresetIds extends PresetFormIds {
  segment: string;
}

export const DEFAULT_IDS: Readonly<PresetIds> = Object.freeze({
  segment: 'bou',
  hvb: 'hvb',
  agencyFosterHome: 'familjehem_konsulent',
  ownFosterHome: 'familjehem_egna',
  sis: 'sis',
  supportedHousing: 'stodboende',
});

/** Payroll overhead on salaries (domain.md: "about 44-45%"). */
export const PAYROLL_OVERHEAD = 0.445;

/** Member price of a municipal federation in 2025 (domain.md: 4,219 against 4,728 SEK a day for others). */
export const FEDERATION_MEMBER_PRICE_2025 = 4219;

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

export function pert(min: number, mode: number, max: number): Dist {
  return { type: 'pert', min, mode, max };
}

export function uniform(min: number, max: number): Dist {
  return { type: 'uniform', min, max };
}

/**
 * A distribution of `k` times the variable (k > 0): used to move a figure from its source year to the model's
 * prices and to multiply a salary by a head count. Money is rounded to whole SEK so the JSON stays readable.
 */
export function scaleDist(d: Dist, k: number, opts: { round?: boolean } = {}): Dist {
  if (!(k > 0) || !Number.isFinite(k)) throw new RangeError(`scale factor must be a positive number (got ${k})`);
  const s = (x: number) => (opts.round ? Math.round(x * k) : x * k);
  if (typeof d === 'number') return s(d);
  switch (d.type) {
    case 'fixed':
      return { type: 'fixed', value: s(d.value) };
    case 'uniform':
      return { type: 'uniform', min: s(d.min), max: s(d.max) };
    case 'triangular':
      return { type: 'triangular', min: s(d.min), mode: s(d.mode), max: s(d.max) };
    case 'pert':
      return { type: 'pert', min: s(d.min), mode: s(d.mode), max: s(d.max) };
    case 'normal': {
      const out: NormalDist = { type: 'normal', mean: s(d.mean), sd: d.sd * k };
      if (d.min !== undefined) out.min = s(d.min);
      if (d.max !== undefined) out.max = s(d.max);
      return out;
    }
    case 'lognormal':
      return d.median !== undefined
        ? { type: 'lognormal', median: s(d.median), p90: s(d.p90 as number) }
        : { type: 'lognormal', mean: s(d.mean as number), sd: (d.sd as number) * k };
    case 'gamma':
      return { type: 'gamma', mean: s(d.mean), sd: d.sd * k };
    case 'weibull':
      return { type: 'weibull', shape: d.shape, scale: s(d.scale) };
    case 'exponential':
      return { type: 'exponential', mean: s(d.mean) };
    case 'empirical':
      return { type: 'empirical', values: d.values.map(s) };
  }
}

/** Defaults merged with the caller's values, where an explicit `undefined` also means "use the default". */
function withDefaults<T extends object>(defaults: T, given: Partial<T> | undefined): T {
  const out = { ...defaults };
  for (const [k, v] of Object.entries(given ?? {})) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function positive(name: string, x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new ValidationError([{ path: name, message: 'must be a positive number' }]);
  return x;
}

/**
 * Validates the shape of the option (field types, ranges of distributions) so that a bad config fails here, with
 * the field named, instead of deep inside a model. References to forms are checked when a model is parsed.
 */
function finish(option: Option): Option {
  return parseWith(Option, option);
}

/** Fields every preset takes. */
export interface CommonConfig {
  /** Option id, unique within the model. */
  id?: string;
  /** Name shown to the committee (Swedish). */
  label?: string;
  /** Longer text shown with the option (Swedish). */
  description?: string;
  /** The segment the option acts on. Default "bou": every option in domain.md is a children-and-youth measure. */
  segment?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Placement controller

export interface PlacementControllerConfig extends CommonConfig {
  /** Default "controller". */
  id?: string;
  /** Default "Placeringscontroller". */
  label?: string;
  /** The forms the controller works on. Defaults: DEFAULT_IDS. */
  forms?: Partial<Pick<PresetFormIds, 'hvb' | 'agencyFosterHome' | 'sis' | 'ownFosterHome'>>;
  /**
   * Cost of the post, SEK a year. Default pert 700,000 / 800,000 / 900,000: domain.md, "a placement controller at
   * 40,000-50,000 SEK a month costs about 0.7-0.9 MSEK a year" with 44-45% payroll overhead.
   */
  salaryPerYear?: Dist;
  /**
   * Multiplier on the length of new stays in HVB, agency foster homes and SiS. Default pert 0.75 / 0.85 / 0.97
   * (the model-spec example): Växjö's HVB care days fell about 24% in the year after the post was created (19,700
   * to under 15,000; January-September 15,333 to 11,499) and Luleå's care days fell 17% in three years; part of
   * those falls came from mix and prices, so the stay effect is centred on -15%, not -24%.
   */
  lengthOfStayMultiplier?: Dist;
  /** Forms whose stays shorten. Default [hvb, agencyFosterHome, sis] of `forms`. */
  lengthOfStayForms?: string[];
  /**
   * Multiplier on the HVB price per day. Default pert 0.92 / 0.97 / 1.0: domain.md, prices inside framework
   * agreements are lower and one municipality had 9 of 20 external placements outside them; moving those inside
   * and disputing invoices saves a few per cent, possibly nothing.
   */
  dailyCostMultiplier?: Dist;
  /** Forms whose price falls. Default [hvb]. */
  dailyCostForms?: string[];
  /**
   * Share of new HVB episodes placed in an own foster home instead. Default uniform 0 to 0.1: domain.md lists
   * "more use of own foster homes" among the mechanisms without a figure, so a small, uncertain shift.
   */
  mixShiftShare?: Dist;
  /** Month the post is filled (0 = model start). Default 0. */
  fromMonth?: number;
  /**
   * Months until the effects are fully felt. Default 6: Växjö's post started in April 2019 and the fall showed in
   * the 2019 figures, within the first year; stays that already run are not shortened.
   */
  rampMonths?: number;
}

export function placementController(config: PlacementControllerConfig = {}): Option {
  const segment = config.segment ?? DEFAULT_IDS.segment;
  const forms = withDefaults(
    {
      hvb: DEFAULT_IDS.hvb,
      agencyFosterHome: DEFAULT_IDS.agencyFosterHome,
      sis: DEFAULT_IDS.sis,
      ownFosterHome: DEFAULT_IDS.ownFosterHome,
    },
    config.forms,
  );
  const fromMonth = config.fromMonth ?? 0;
  const rampMonths = config.rampMonths ?? 6;
  const timing = { fromMonth, rampMonths };
  const effects: Effect[] = [
    // A salary is paid in full from the first month; only the effects build up.
    { type: 'cost', perYear: config.salaryPerYear ?? pert(700_000, 800_000, 900_000), fromMonth },
    {
      type: 'lengthOfStay',
      forms: config.lengthOfStayForms ?? [forms.hvb, forms.agencyFosterHome, forms.sis],
      multiplier: config.lengthOfStayMultiplier ?? pert(0.75, 0.85, 0.97),
      ...timing,
    },
    {
      type: 'dailyCost',
      forms: config.dailyCostForms ?? [forms.hvb],
      multiplier: config.dailyCostMultiplier ?? pert(0.92, 0.97, 1.0),
      ...timing,
    },
    {
      type: 'mixShift',
      segment,
      from: forms.hvb,
      to: forms.ownFosterHome,
      share: config.mixShiftShare ?? uniform(0, 0.1),
      ...timing,
    },
  ];
  return finish({
    id: config.id ?? 'controller',
    label: config.label ?? 'Placeringscontroller',
    kind: 'placementController',
    description:
      config.description ??
      'En tjänst som planerar, följer upp och förhandlar varje placering: kortare vårdtider, priser inom ramavtal ' +
        'och fler placeringar i egna familjehem. Effekten byggs upp under ett halvår. Underlag: Växjö (HVB-vårddygn ' +
        'från cirka 19 700 till under 15 000 på ett år), Luleå (17 % färre vårddygn på tre år).',
    effects,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 2. In-house HVB

export interface SellFreePlaces {
  /** Price per sold place-day, SEK. */
  pricePerDay: Dist;
  /** Share of free place-days that are sold. */
  utilisation: Dist;
}

export interface InHouseHvbConfig extends CommonConfig {
  /** Default "hvb_egen". */
  id?: string;
  /** Default "HVB i egen regi". */
  label?: string;
  /** Id of the new form. Default "hvb_egen". */
  formId?: string;
  /** Label of the new form. Default "HVB i egen regi". */
  formLabel?: string;
  /** `hvb`: the external HVB it takes from and overflows to; `supportedHousing`: the default step-down. */
  forms?: Partial<Pick<PresetFormIds, 'hvb' | 'supportedHousing'>>;
  /** Places. Default 7: Linköping's calculation (domain.md). */
  capacity?: number;
  /**
   * Running cost, SEK a year, paid whether the beds are full or not. Default pert 8.0 / 8.5 / 9.5 MSEK at 2023
   * prices: Linköping, "7 places at 3,375 SEK per day, 8.5 MSEK a year (2023 prices)". Skewed upwards because a
   * planned unit more often costs more than its calculation than less (Motala).
   */
  fixedCostPerYear?: Dist;
  /**
   * Factor from 2023 prices (Linköping) to the model's start-year prices; multiplies `fixedCostPerYear`. Default 1
   * (figures as published). For a 2026 start, about 1.1 (domain.md: costs rise 2-6% a year).
   */
  priceAdjustment?: number;
  /**
   * Variable cost per occupied place-day, SEK (food, activities, pocket money). Default pert 300 / 400 / 500:
   * not in domain.md; Linköping's 3,375 SEK a day is all fixed cost at full occupancy, so the variable part is small.
   */
  dailyCost?: Dist;
  /**
   * Length of stay in the unit. Default lognormal median 180, p90 600 days (the model-spec example for an external
   * HVB; domain.md: treatment "normally lasts 6-12 months"). Pass the external HVB's distribution of your model.
   */
  lengthOfStayDays?: Dist;
  /** Step-down on exit. Default 25% to `supportedHousing` (domain.md: HVB steps down to supported housing). */
  next?: Form['next'];
  /** Age at which a stay ends. Default none; pass the external HVB's (e.g. 21) when the model uses ages. */
  maxAgeYears?: number;
  /** Forms whose new episodes are eligible. Default [hvb]. */
  takesFrom?: string[];
  /**
   * Share of their new episodes that fit the unit. Default uniform 0.2-0.35: Sala judged 2 of its 8 HVB youths
   * (25%) could have been placed in an own HVB (domain.md).
   */
  takesShare?: Dist;
  /**
   * Sale of free places to other municipalities, or false for none. Default: price pert 4,200 / 4,500 / 4,700 SEK a
   * day (what buyers pay elsewhere: federation 4,219-4,728 in 2025, Motala's bought places ~4,500) and utilisation
   * uniform 0-0.4 of free place-days (Karlstad sells free places; Motala shows they often stand empty).
   */
  sellFreePlaces?: SellFreePlaces | false;
  /**
   * One-off start-up cost, SEK (recruitment, premises, licence), paid at month 0. Default pert 1.0 / 1.5 / 2.0 MSEK:
   * not in domain.md; a few months of staff before the first youth arrives, at Linköping's running cost of about
   * 0.7 MSEK a month.
   */
  startUpCost?: Dist;
  /**
   * Month the unit opens. Default 6: not a figure of domain.md; a unit needs premises, a licence and a staff group
   * (Karlstad runs 12 places with 18 full-time staff) before the first youth arrives.
   */
  fromMonth?: number;
}

export function inHouseHvb(config: InHouseHvbConfig = {}): Option {
  const segment = config.segment ?? DEFAULT_IDS.segment;
  const forms = withDefaults({ hvb: DEFAULT_IDS.hvb, supportedHousing: DEFAULT_IDS.supportedHousing }, config.forms);
  const priceAdjustment = positive('priceAdjustment', config.priceAdjustment ?? 1);
  const fromMonth = config.fromMonth ?? 6;
  const formId = config.formId ?? 'hvb_egen';
  const form: Form = {
    id: formId,
    label: config.formLabel ?? 'HVB i egen regi',
    segment,
    provider: 'internal',
    dailyCost: config.dailyCost ?? pert(300, 400, 500),
    lengthOfStayDays: config.lengthOfStayDays ?? { type: 'lognormal', median: 180, p90: 600 },
    capacity: config.capacity ?? 7,
    overflowTo: forms.hvb,
    fixedCostPerYear: scaleDist(config.fixedCostPerYear ?? pert(8_000_000, 8_500_000, 9_500_000), priceAdjustment, {
      round: true,
    }),
    next: config.next ?? [{ form: forms.supportedHousing, probability: 0.25 }],
  };
  if (config.maxAgeYears !== undefined) form.maxAgeYears = config.maxAgeYears;
  const sell =
    config.sellFreePlaces === false
      ? undefined
      : (config.sellFreePlaces ?? { pricePerDay: pert(4200, 4500, 4700), utilisation: uniform(0, 0.4) });
  const addForm: AddFormEffect = {
    type: 'addForm',
    form,
    takes: { from: config.takesFrom ?? [forms.hvb], share: config.takesShare ?? uniform(0.2, 0.35) },
    fromMonth,
  };
  if (sell) addForm.sellFreePlaces = sell;
  return finish({
    id: config.id ?? 'hvb_egen',
    label: config.label ?? 'HVB i egen regi',
    kind: 'inHouseHvb',
    description:
      config.description ??
      'Kommunen driver ett eget HVB med 7 platser (Linköpings kalkyl: 8,5 mkr om året i 2023 års priser, fullt eller ' +
        'tomt). Bara en del av ungdomarna passar (Sala: 2 av 8); lediga platser kan säljas. Beläggningen avgör om ' +
        'enheten sparar pengar (Motala: ofta bara 3 av 6 platser använda).',
    effects: [{ type: 'cost', oneOff: config.startUpCost ?? pert(1_000_000, 1_500_000, 2_000_000), fromMonth: 0 }, addForm],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 3. In-house supported housing

export interface InHouseSupportedHousingConfig extends CommonConfig {
  /** Default "stodboende_egen". */
  id?: string;
  /** Default "Stödboende i egen regi". */
  label?: string;
  /** Id of the new form. Default "stodboende_egen". */
  formId?: string;
  /** Label of the new form. Default "Stödboende i egen regi". */
  formLabel?: string;
  /** `supportedHousing`: the external supported housing it takes from and overflows to. */
  forms?: Partial<Pick<PresetFormIds, 'supportedHousing'>>;
  /** Places (flats). Default 6: not in domain.md; a unit of the size of Motala's own HVB. */
  capacity?: number;
  /**
   * Running cost, SEK a year at 2023 prices. Default pert 3.2 / 3.6 / 4.2 MSEK: domain.md, supported housing costs
   * "roughly half an HVB"; half of Linköping's 8.5 MSEK for 7 places, for 6 places, is 3.6 MSEK.
   */
  fixedCostPerYear?: Dist;
  /** Factor from 2023 prices to the model's start-year prices; multiplies `fixedCostPerYear`. Default 1. */
  priceAdjustment?: number;
  /** Variable cost per occupied place-day, SEK. Default pert 200 / 300 / 400: not in domain.md; food and allowance. */
  dailyCost?: Dist;
  /**
   * Length of stay. Default lognormal median 230, p90 620 days: not in domain.md; fitted to the supported-housing
   * episodes of the reference records (placements-midsize.csv). Pass your model's external supported housing.
   */
  lengthOfStayDays?: Dist;
  /** Step-down on exit. Default none: supported housing is the last step before home (domain.md). */
  next?: Form['next'];
  /** Age at which a stay ends. Default 21: domain.md, supported housing is for ages 16-20. */
  maxAgeYears?: number;
  /** Forms whose new episodes are eligible. Default [supportedHousing]. */
  takesFrom?: string[];
  /**
   * Share of their new episodes that fit. Default uniform 0.5-0.8: not in domain.md; supported housing is the need
   * the units themselves name most often, and its residents are a less varied group than an HVB's.
   */
  takesShare?: Dist;
  /** Sale of free places. Default none: domain.md names no market for supported-housing places. */
  sellFreePlaces?: SellFreePlaces;
  /** One-off start-up cost, SEK, at month 0. Default pert 200,000 / 400,000 / 800,000: not in domain.md (furnishing flats, recruiting). */
  startUpCost?: Dist;
  /** Month the unit opens. Default 6, as for an in-house HVB. */
  fromMonth?: number;
}

export function inHouseSupportedHousing(config: InHouseSupportedHousingConfig = {}): Option {
  const segment = config.segment ?? DEFAULT_IDS.segment;
  const forms = withDefaults({ supportedHousing: DEFAULT_IDS.supportedHousing }, config.forms);
  const priceAdjustment = positive('priceAdjustment', config.priceAdjustment ?? 1);
  const fromMonth = config.fromMonth ?? 6;
  const form: Form = {
    id: config.formId ?? 'stodboende_egen',
    label: config.formLabel ?? 'Stödboende i egen regi',
    segment,
    provider: 'internal',
    dailyCost: config.dailyCost ?? pert(200, 300, 400),
    lengthOfStayDays: config.lengthOfStayDays ?? { type: 'lognormal', median: 230, p90: 620 },
    capacity: config.capacity ?? 6,
    overflowTo: forms.supportedHousing,
    fixedCostPerYear: scaleDist(config.fixedCostPerYear ?? pert(3_200_000, 3_600_000, 4_200_000), priceAdjustment, {
      round: true,
    }),
    maxAgeYears: config.maxAgeYears ?? 21,
  };
  if (config.next !== undefined) form.next = config.next;
  const addForm: AddFormEffect = {
    type: 'addForm',
    form,
    takes: { from: config.takesFrom ?? [forms.supportedHousing], share: config.takesShare ?? uniform(0.5, 0.8) },
    fromMonth,
  };
  if (config.sellFreePlaces) addForm.sellFreePlaces = config.sellFreePlaces;
  return finish({
    id: config.id ?? 'stodboende_egen',
    label: config.label ?? 'Stödboende i egen regi',
    kind: 'inHouseSupportedHousing',
    description:
      config.description ??
      'Kommunen driver ett eget stödboende för unga 16–20 år med 6 platser, som steg ned från HVB och komplement ' +
        'till öppenvården. Kostar ungefär hälften av ett HVB per plats och betalas fullt eller tomt.',
    effects: [{ type: 'cost', oneOff: config.startUpCost ?? pert(200_000, 400_000, 800_000), fromMonth: 0 }, addForm],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Inter-municipal agreement

export interface InterMunicipalAgreementConfig extends CommonConfig {
  /** Default "avtalssamverkan". */
  id?: string;
  /** Default "Avtalssamverkan (gemensamt HVB)". */
  label?: string;
  /** Id of the shared unit's form. Default "hvb_samverkan". */
  formId?: string;
  /** Label of the shared unit's form. Default "HVB i avtalssamverkan". */
  formLabel?: string;
  /** `hvb`: the external HVB it takes from and overflows to; `supportedHousing`: the default step-down. */
  forms?: Partial<Pick<PresetFormIds, 'hvb' | 'supportedHousing'>>;
  /**
   * Places of the shared unit open to this municipality at a time. Default 2: domain.md, Fyrbylund has 8 places
   * for 13 municipalities and the region, so a member has on average well under one; 2 for one of the larger
   * members (a 60,000-inhabitant municipality) is an assumption. Use 1 for a small municipality.
   */
  places?: number;
  /**
   * Member price per care day, SEK at 2025 prices. Default pert 4,000 / 4,219 / 4,500: domain.md, a federation's
   * member price 4,219 against 4,728 for others (2025), about 11% lower; the federation sets it each year, so a
   * few per cent either way. A deficit is not put on the price but on `membershipPerYear`.
   */
  memberPricePerDay?: Dist;
  /** Factor from 2025 prices to the model's start-year prices; multiplies the member price and the yearly share. Default 1. */
  priceAdjustment?: number;
  /**
   * The member's yearly share of what day fees do not cover, SEK: administration and the deficit when the unit is
   * emptier than its price assumed. Default `places` x 365 x 4,219 x pert 0 / 0.03 / 0.15, i.e. for 2 places
   * pert 0 / 92,000 / 462,000 a year: not a figure of domain.md. The member price covers the unit at its planned
   * occupancy; a unit pooled among 14 members rarely falls far below it (Motala's own unit, unpooled, used half
   * its places). Sized per place because a member's share follows its use of the unit.
   */
  membershipPerYear?: Dist;
  /** Length of stay in the shared unit. Default lognormal median 180, p90 600, like an external HVB. */
  lengthOfStayDays?: Dist;
  /** Step-down on exit. Default 25% to `supportedHousing`, like an external HVB. */
  next?: Form['next'];
  /** Age at which a stay ends. Default none; pass the external HVB's when the model uses ages. */
  maxAgeYears?: number;
  /**
   * Share of new HVB episodes that fit the shared unit's profile. Default uniform 0.2-0.35, as for an own HVB
   * (Sala: 2 of 8); a shared unit has one profile too.
   */
  takesShare?: Dist;
  /** Month the agreement starts. Default 0: the unit already runs, so there is no start-up time. */
  fromMonth?: number;
}

/**
 * A quota of places in a federation's shared HVB, paid per day at the member price, plus a small yearly share of
 * what the day fees do not cover. Not a price multiplier on all HVB: the shared unit has few places and one
 * profile, so most HVB youths still go to bought places. Not a large fixed fee on top of day fees either: the
 * member price saves at most 509 SEK a day per place, so such a fee could never pay (docs/options.md, section 4).
 */
export function interMunicipalAgreement(config: InterMunicipalAgreementConfig = {}): Option {
  const segment = config.segment ?? DEFAULT_IDS.segment;
  const forms = withDefaults({ hvb: DEFAULT_IDS.hvb, supportedHousing: DEFAULT_IDS.supportedHousing }, config.forms);
  const priceAdjustment = positive('priceAdjustment', config.priceAdjustment ?? 1);
  const places = config.places ?? 2;
  const fromMonth = config.fromMonth ?? 0;
  // The uncovered share is counted in empty place-days at the member price, scaled to this member's places.
  const membership =
    config.membershipPerYear ?? scaleDist(pert(0, 0.03, 0.15), places * 365 * FEDERATION_MEMBER_PRICE_2025, { round: true });
  const form: Form = {
    id: config.formId ?? 'hvb_samverkan',
    label: config.formLabel ?? 'HVB i avtalssamverkan',
    segment,
    // Run by the federation and paid per day used: to the member it behaves like a bought place with a quota.
    provider: 'external',
    dailyCost: scaleDist(config.memberPricePerDay ?? pert(4000, FEDERATION_MEMBER_PRICE_2025, 4500), priceAdjustment, { round: true }),
    lengthOfStayDays: config.lengthOfStayDays ?? { type: 'lognormal', median: 180, p90: 600 },
    capacity: places,
    overflowTo: forms.hvb,
    fixedCostPerYear: 0,
    next: config.next ?? [{ form: forms.supportedHousing, probability: 0.25 }],
  };
  if (config.maxAgeYears !== undefined) form.maxAgeYears = config.maxAgeYears;
  return finish({
    id: config.id ?? 'avtalssamverkan',
    label: config.label ?? 'Avtalssamverkan (gemensamt HVB)',
    kind: 'interMunicipalAgreement',
    description:
      config.description ??
      'Kommunen går med i ett kommunalförbund med ett gemensamt HVB (som Fyrbylund: 8 platser, 13 kommuner och ' +
        'regionen) och får tillgång till platser till medlemspris, cirka 11 % under priset för andra (4 219 mot ' +
        '4 728 kr per dygn 2025). Medlemmen betalar sin andel av förbundets kostnader som dygnsavgifterna inte täcker.',
    effects: [
      { type: 'cost', perYear: scaleDist(membership, priceAdjustment, { round: true }), fromMonth },
      {
        type: 'addForm',
        form,
        takes: { from: [forms.hvb], share: config.takesShare ?? uniform(0.2, 0.35) },
        fromMonth,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Expanded outpatient care

export interface ExpandedOutpatientCareConfig extends CommonConfig {
  /** Default "oppenvard". */
  id?: string;
  /** Default "Utökad öppenvård". */
  label?: string;
  /** The forms whose stays shorten. Defaults: DEFAULT_IDS. */
  forms?: Partial<Pick<PresetFormIds, 'hvb' | 'ownFosterHome' | 'agencyFosterHome'>>;
  /**
   * Extra outpatient staff. Default 3: not a figure of domain.md; a team large enough to take on a tenth of a
   * mid-size municipality's ~50 new youth placements a year. The effect sizes below belong to this team size;
   * scale them with it.
   */
  staff?: number;
  /**
   * Cost of one extra staff member, SEK a year. Default pert 660,000 / 770,000 / 870,000: a treatment worker at
   * about 38,000-50,000 SEK a month with 44-45% payroll overhead (domain.md), so 3 staff cost 2.0-2.6 MSEK.
   */
  costPerStaffPerYear?: Dist;
  /**
   * Multiplier on new episodes of the segment (fewer placements). Default pert 0.85 / 0.92 / 1.0: domain.md,
   * Västerås spends more on outpatient care per inhabitant and less on institutions and foster care; Luleå's 17%
   * fewer care days in three years came with home-based solutions. Up to 15% fewer, possibly none.
   */
  inflowMultiplier?: Dist;
  /**
   * Multiplier on length of new stays (earlier return home with support). Default pert 0.9 / 0.96 / 1.0: mild,
   * domain.md gives no figure of its own for this mechanism.
   */
  lengthOfStayMultiplier?: Dist;
  /** Forms whose stays shorten. Default [hvb, ownFosterHome, agencyFosterHome] of `forms`. */
  lengthOfStayForms?: string[];
  /** Month the team starts. Default 0. */
  fromMonth?: number;
  /** Months until the effects are fully felt. Default 12: a new team must build its caseload and referral routes. */
  rampMonths?: number;
}

export function expandedOutpatientCare(config: ExpandedOutpatientCareConfig = {}): Option {
  const segment = config.segment ?? DEFAULT_IDS.segment;
  const forms = withDefaults(
    { hvb: DEFAULT_IDS.hvb, ownFosterHome: DEFAULT_IDS.ownFosterHome, agencyFosterHome: DEFAULT_IDS.agencyFosterHome },
    config.forms,
  );
  const staff = positive('staff', config.staff ?? 3);
  const fromMonth = config.fromMonth ?? 0;
  const timing = { fromMonth, rampMonths: config.rampMonths ?? 12 };
  return finish({
    id: config.id ?? 'oppenvard',
    label: config.label ?? 'Utökad öppenvård',
    kind: 'expandedOutpatientCare',
    description:
      config.description ??
      'Fler behandlare i öppenvården på hemmaplan: färre nya placeringar och något kortare vårdtider. Effekten ' +
        'byggs upp under ett år. Underlag: Västerås (högre kostnad för öppenvård, lägre för institutions- och ' +
        'familjehemsvård), Luleå (färre vårddygn med hemmaplanslösningar).',
    effects: [
      {
        type: 'cost',
        perYear: scaleDist(config.costPerStaffPerYear ?? pert(660_000, 770_000, 870_000), staff, { round: true }),
        fromMonth,
      },
      { type: 'inflow', segment, multiplier: config.inflowMultiplier ?? pert(0.85, 0.92, 1.0), ...timing },
      {
        type: 'lengthOfStay',
        forms: config.lengthOfStayForms ?? [forms.hvb, forms.ownFosterHome, forms.agencyFosterHome],
        multiplier: config.lengthOfStayMultiplier ?? pert(0.9, 0.96, 1.0),
        ...timing,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 6. Foster-home recruitment

export interface FosterHomeRecruitmentConfig extends CommonConfig {
  /** Default "familjehemsrekrytering". */
  id?: string;
  /** Default "Familjehemsrekrytering". */
  label?: string;
  /** The agency and own foster-home forms. Defaults: DEFAULT_IDS. */
  forms?: Partial<Pick<PresetFormIds, 'agencyFosterHome' | 'ownFosterHome'>>;
  /**
   * Recruiters. Default 2: domain.md, Örebro had three; Örebro has about 160,000 inhabitants (not in domain.md),
   * well over twice the reference municipality. The shift below belongs to this number; scale it with it.
   */
  recruiters?: number;
  /**
   * Cost of one recruiter, SEK a year. Default pert 600,000 / 750,000 / 900,000: one salary at 35,000-50,000 SEK a
   * month with 44-45% payroll overhead (domain.md: 0.7-0.9 MSEK at 40,000-50,000), so 2 cost 1.2-1.8 MSEK.
   */
  costPerRecruiterPerYear?: Dist;
  /**
   * Share of new agency foster-home episodes placed in an own foster home instead. Default uniform 0.1-0.3:
   * Örebro's three recruiters cut agency foster-home spending by almost 5 MSEK in one year (domain.md).
   */
  shiftShare?: Dist;
  /** Month the recruiters start. Default 0. */
  fromMonth?: number;
  /** Months until fully felt. Default 12: a recruited family needs assessment and training before a placement. */
  rampMonths?: number;
}

export function fosterHomeRecruitment(config: FosterHomeRecruitmentConfig = {}): Option {
  const segment = config.segment ?? DEFAULT_IDS.segment;
  const forms = withDefaults({ agencyFosterHome: DEFAULT_IDS.agencyFosterHome, ownFosterHome: DEFAULT_IDS.ownFosterHome }, config.forms);
  const recruiters = positive('recruiters', config.recruiters ?? 2);
  const fromMonth = config.fromMonth ?? 0;
  return finish({
    id: config.id ?? 'familjehemsrekrytering',
    label: config.label ?? 'Familjehemsrekrytering',
    kind: 'fosterHomeRecruitment',
    description:
      config.description ??
      'Rekryterare som tar fram fler egna familjehem, så att färre barn placeras i konsulentstödda familjehem. ' +
        'Underlag: Örebros tre rekryterare minskade kostnaden för konsulentstödda familjehem med nästan 5 mkr på ett år.',
    effects: [
      {
        type: 'cost',
        perYear: scaleDist(config.costPerRecruiterPerYear ?? pert(600_000, 750_000, 900_000), recruiters, { round: true }),
        fromMonth,
      },
      {
        type: 'mixShift',
        segment,
        from: forms.agencyFosterHome,
        to: forms.ownFosterHome,
        share: config.shiftShare ?? uniform(0.1, 0.3),
        fromMonth,
        rampMonths: config.rampMonths ?? 12,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------------------------------

/** The six presets with their defaults, for a model whose form and segment ids may differ from the defaults. */
export function allPresets(ids: Partial<PresetIds> = {}): Option[] {
  const { segment, ...forms } = withDefaults({ ...DEFAULT_IDS }, ids);
  return [
    placementController({ segment, forms }),
    inHouseHvb({ segment, forms }),
    inHouseSupportedHousing({ segment, forms }),
    interMunicipalAgreement({ segment, forms }),
    expandedOutpatientCare({ segment, forms }),
    fosterHomeRecruitment({ segment, forms }),
  ];
}
