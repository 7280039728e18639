/** Preset 5. Expanded outpatient care (docs/options.md). */
import { type Dist } from '../dist.js';
import { type Option } from '../schema.js';
import { type CommonConfig, DEFAULT_IDS, finish, pert, positive, type PresetFormIds, scaleDist, withDefaults } from './common.js';

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
