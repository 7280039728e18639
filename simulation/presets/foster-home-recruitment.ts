/** Preset 6. Foster-home recruitment (docs/options.md). */
import { type Dist } from '../dist.js';
import { type Option } from '../schema.js';
import { type CommonConfig, DEFAULT_IDS, finish, pert, positive, type PresetFormIds, scaleDist, uniform, withDefaults } from './common.js';

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
