/**
 * The option kinds' parameters (preset-param-table.ts) with the presets that make each kind's defaults: the default
 * beside a value is the preset's own output for its defaults.
 */
import type { Dist } from '../../../simulation/dist.js';
import {
  expandedOutpatientCare,
  fosterHomeRecruitment,
  inHouseHvb,
  inHouseSupportedHousing,
  interMunicipalAgreement,
  placementController,
} from '../../../simulation/presets/index.js';
import type { Option } from '../../../simulation/schema.js';
import { getAt } from './path.js';
import { PARAMS_OF_KIND, paramPath, type PresetParam } from './preset-param-table.js';

export { effectIndex, paramPath, type ParamUnit, type PresetParam } from './preset-param-table.js';

const DEFAULTS: Record<string, () => Option> = {
  placementController,
  inHouseHvb,
  inHouseSupportedHousing,
  interMunicipalAgreement,
  expandedOutpatientCare,
  fosterHomeRecruitment,
};

export const PRESET_PARAMS: Record<string, { params: PresetParam[]; defaults: () => Option }> = Object.fromEntries(
  Object.entries(PARAMS_OF_KIND).map(([kind, params]) => [kind, { params, defaults: () => DEFAULTS[kind]() }]),
);

const defaultsCache = new Map<string, Option>();

/** The preset's default for the parameter, as the preset itself makes it. */
export function presetDefault(kind: string, p: PresetParam): Dist | number | undefined {
  const spec = PRESET_PARAMS[kind];
  if (!spec) return undefined;
  let option = defaultsCache.get(kind);
  if (!option) {
    option = spec.defaults();
    defaultsCache.set(kind, option);
  }
  const path = paramPath(option, p);
  return path ? (getAt(option, path) as Dist | number | undefined) : undefined;
}
