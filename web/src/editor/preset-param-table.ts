/**
 * Each option kind's own parameters (simulation/presets, docs/options.md) and where each lives among the
 * option's effects, so a controller edits "lönekostnad per år" rather than `effects[0].perYear`. A parameter that
 * the preset multiplies (staff × cost per person) is edited as the product the model stores, and both its
 * documented defaults are shown. No engine code here: issue-place.ts names an issue by these parameters, and it is
 * in the page's first chunk (the presets themselves, for the defaults, are in preset-params.ts).
 */
import type { DistUnit } from '../../../presentation/dist-text.js';
import { getAt } from './get-at.js';
import type { Path } from './path.js';

export type ParamUnit = DistUnit | 'months' | 'places' | 'years' | 'factor';

export interface PresetParam {
  /** The preset config's field name(s), as docs/options.md's tables name them. */
  names: string[];
  /** The effect (first of its type in the option) and the path inside it. */
  effect: string;
  path: Path;
  unit: ParamUnit;
  /** A whole number (months, places) rather than a distribution. */
  plain?: boolean;
  /** The same value is written to these other effects too (a start month that every effect shares). */
  alsoIn?: string[];
}

const timing = (effects: string[], ramp: boolean): PresetParam[] => [
  { names: ['fromMonth'], effect: effects[0], path: ['fromMonth'], unit: 'months', plain: true, alsoIn: effects.slice(1) },
  ...(ramp
    ? [{ names: ['rampMonths'], effect: effects[1], path: ['rampMonths'], unit: 'months' as const, plain: true, alsoIn: effects.slice(2) }]
    : []),
];

const unit = (kind: 'hvb' | 'supported' | 'agreement'): PresetParam[] => [
  {
    names: kind === 'agreement' ? ['places'] : ['capacity'],
    effect: 'addForm',
    path: ['form', 'capacity'],
    unit: 'places',
    plain: true,
  },
  ...(kind === 'agreement'
    ? [
        { names: ['memberPricePerDay'], effect: 'addForm', path: ['form', 'dailyCost'], unit: 'sek' as const },
        { names: ['membershipPerYear'], effect: 'cost', path: ['perYear'], unit: 'sek' as const },
      ]
    : [
        { names: ['fixedCostPerYear', 'priceAdjustment'], effect: 'addForm', path: ['form', 'fixedCostPerYear'], unit: 'sek' as const },
        { names: ['dailyCost'], effect: 'addForm', path: ['form', 'dailyCost'], unit: 'sek' as const },
      ]),
  { names: ['lengthOfStayDays'], effect: 'addForm', path: ['form', 'lengthOfStayDays'], unit: 'days' },
  { names: ['maxAgeYears'], effect: 'addForm', path: ['form', 'maxAgeYears'], unit: 'years', plain: true },
  { names: ['takesShare'], effect: 'addForm', path: ['takes', 'share'], unit: 'percent' },
  ...(kind === 'hvb'
    ? [
        { names: ['sellFreePlaces.pricePerDay'], effect: 'addForm', path: ['sellFreePlaces', 'pricePerDay'], unit: 'sek' as const },
        { names: ['sellFreePlaces.utilisation'], effect: 'addForm', path: ['sellFreePlaces', 'utilisation'], unit: 'percent' as const },
      ]
    : []),
  ...(kind === 'agreement' ? [] : [{ names: ['startUpCost'], effect: 'cost', path: ['oneOff'], unit: 'sek' as const }]),
  {
    names: ['fromMonth'],
    effect: 'addForm',
    path: ['fromMonth'],
    unit: 'months',
    plain: true,
    ...(kind === 'agreement' ? { alsoIn: ['cost'] } : {}),
  },
];

export const PARAMS_OF_KIND: Record<string, PresetParam[]> = {
  placementController: [
    { names: ['salaryPerYear'], effect: 'cost', path: ['perYear'], unit: 'sek' },
    { names: ['lengthOfStayMultiplier'], effect: 'lengthOfStay', path: ['multiplier'], unit: 'factor' },
    { names: ['dailyCostMultiplier'], effect: 'dailyCost', path: ['multiplier'], unit: 'factor' },
    { names: ['mixShiftShare'], effect: 'mixShift', path: ['share'], unit: 'percent' },
    ...timing(['cost', 'lengthOfStay', 'dailyCost', 'mixShift'], true),
  ],
  inHouseHvb: unit('hvb'),
  inHouseSupportedHousing: unit('supported'),
  interMunicipalAgreement: unit('agreement'),
  expandedOutpatientCare: [
    { names: ['staff', 'costPerStaffPerYear'], effect: 'cost', path: ['perYear'], unit: 'sek' },
    { names: ['inflowMultiplier'], effect: 'inflow', path: ['multiplier'], unit: 'factor' },
    { names: ['lengthOfStayMultiplier'], effect: 'lengthOfStay', path: ['multiplier'], unit: 'factor' },
    ...timing(['cost', 'inflow', 'lengthOfStay'], true),
  ],
  fosterHomeRecruitment: [
    { names: ['recruiters', 'costPerRecruiterPerYear'], effect: 'cost', path: ['perYear'], unit: 'sek' },
    { names: ['shiftShare'], effect: 'mixShift', path: ['share'], unit: 'percent' },
    ...timing(['cost', 'mixShift'], true),
  ],
};

/** The index of the first effect of a type in an option (draft or preset), or -1. */
export function effectIndex(option: unknown, type: string): number {
  const effects = getAt(option, ['effects']);
  return Array.isArray(effects) ? effects.findIndex((e) => getAt(e, ['type']) === type) : -1;
}

/** Where a parameter lives in the option, or null when the option has no such effect (edited by hand). */
export function paramPath(option: unknown, p: PresetParam, effect = p.effect): Path | null {
  const i = effectIndex(option, effect);
  return i < 0 ? null : ['effects', i, ...p.path];
}
