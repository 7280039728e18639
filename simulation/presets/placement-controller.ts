/** Preset 1. Placement controller (docs/options.md). */
import { type Dist } from '../dist.js';
import { type Effect, type Option } from '../schema.js';
import { type CommonConfig, DEFAULT_IDS, finish, pert, type PresetFormIds, uniform, withDefaults } from './common.js';

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
