import { type Option } from '../schema.js';
import { DEFAULT_IDS, type PresetIds, withDefaults } from './common.js';
import { expandedOutpatientCare } from './expanded-outpatient-care.js';
import { fosterHomeRecruitment } from './foster-home-recruitment.js';
import { inHouseHvb } from './in-house-hvb.js';
import { inHouseSupportedHousing } from './in-house-supported-housing.js';
import { interMunicipalAgreement } from './inter-municipal-agreement.js';
import { placementController } from './placement-controller.js';

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
