/**
 * Option presets (model-spec section 3): the six option kinds of the domain notes (/work/shared/domain.md,
 * "The options that committees weigh"), each a plain function from a config object to an `Option` of effects.
 * The engine knows only effects; these functions only fill them in with defaults grounded in the domain notes,
 * and every default can be overridden. See docs/options.md for the table of defaults and their sources.
 */
export {
  DEFAULT_IDS,
  FEDERATION_MEMBER_PRICE_2025,
  PAYROLL_OVERHEAD,
  pert,
  scaleDist,
  uniform,
  type CommonConfig,
  type PresetFormIds,
  type PresetIds,
} from './common.js';
export type { SellFreePlaces } from './in-house-unit.js';
export * from './placement-controller.js';
export * from './in-house-hvb.js';
export * from './in-house-supported-housing.js';
export * from './inter-municipal-agreement.js';
export * from './expanded-outpatient-care.js';
export * from './foster-home-recruitment.js';
export * from './all.js';
