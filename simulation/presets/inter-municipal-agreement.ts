/** Preset 4. Inter-municipal agreement (docs/options.md). */
import { type Dist } from '../dist.js';
import { type Form, type Option } from '../schema.js';
import {
  type CommonConfig,
  DEFAULT_IDS,
  FEDERATION_MEMBER_PRICE_2025,
  finish,
  pert,
  positive,
  type PresetFormIds,
  scaleDist,
  uniform,
  withDefaults,
} from './common.js';
import { unitEffect } from './in-house-unit.js';

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
  const addForm = unitEffect({
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
    maxAgeYears: config.maxAgeYears,
    takesFrom: [forms.hvb],
    takesShare: config.takesShare ?? uniform(0.2, 0.35),
    fromMonth,
  });
  return finish({
    id: config.id ?? 'avtalssamverkan',
    label: config.label ?? 'Avtalssamverkan (gemensamt HVB)',
    kind: 'interMunicipalAgreement',
    description:
      config.description ??
      'Kommunen går med i ett kommunalförbund med ett gemensamt HVB (som Fyrbylund: 8 platser, 13 kommuner och ' +
        'regionen) och får tillgång till platser till medlemspris, cirka 11 % under priset för andra (4 219 mot ' +
        '4 728 kr per dygn 2025). Medlemmen betalar sin andel av förbundets kostnader som dygnsavgifterna inte täcker.',
    effects: [{ type: 'cost', perYear: scaleDist(membership, priceAdjustment, { round: true }), fromMonth }, addForm],
  });
}
