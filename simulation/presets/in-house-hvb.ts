/** Preset 2. In-house HVB (docs/options.md). */
import { type Dist } from '../dist.js';
import { type Form, type Option } from '../schema.js';
import { type CommonConfig, DEFAULT_IDS, finish, pert, positive, type PresetFormIds, scaleDist, uniform, withDefaults } from './common.js';
import { type SellFreePlaces, unitEffect } from './in-house-unit.js';

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
  const addForm = unitEffect({
    id: config.formId ?? 'hvb_egen',
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
    maxAgeYears: config.maxAgeYears,
    takesFrom: config.takesFrom ?? [forms.hvb],
    takesShare: config.takesShare ?? uniform(0.2, 0.35),
    sellFreePlaces:
      config.sellFreePlaces === false
        ? undefined
        : (config.sellFreePlaces ?? { pricePerDay: pert(4200, 4500, 4700), utilisation: uniform(0, 0.4) }),
    fromMonth,
  });
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
