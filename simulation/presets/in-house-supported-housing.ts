/** Preset 3. In-house supported housing (docs/options.md). */
import { type Dist } from '../dist.js';
import { type Form, type Option } from '../schema.js';
import { type CommonConfig, DEFAULT_IDS, finish, pert, positive, type PresetFormIds, scaleDist, uniform, withDefaults } from './common.js';
import { type SellFreePlaces, unitEffect } from './in-house-unit.js';

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
  const addForm = unitEffect({
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
    next: config.next,
    maxAgeYears: config.maxAgeYears ?? 21,
    takesFrom: config.takesFrom ?? [forms.supportedHousing],
    takesShare: config.takesShare ?? uniform(0.5, 0.8),
    sellFreePlaces: config.sellFreePlaces,
    fromMonth,
  });
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
