/**
 * The example models, defined in TypeScript and written as JSON by `npm run examples`. The JSON files are build
 * output: edit this file and regenerate, never the JSON. Tests rebuild the models in memory and compare them with
 * the files, so the files, the presets and docs/options.md cannot drift apart.
 *
 * Figures: the reference model is calibrated on /work/shared/data/placements-midsize.csv (ten years of placement
 * records, 2016-2025); the small one scales it down and takes its prices from the small municipalities named in
 * /work/shared/domain.md. docs/options.md explains both.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Form, type InitialCaseloadEntry, type Model, parseModel } from '../simulation/schema.js';
import {
  expandedOutpatientCare,
  fosterHomeRecruitment,
  inHouseHvb,
  inHouseSupportedHousing,
  interMunicipalAgreement,
  pert,
  placementController,
} from '../simulation/presets/index.js';

/**
 * Price adjustments to the 2026 start: Linköping's in-house figures are 2023 prices, the federation's member price
 * 2025 prices. 3.5% a year is the mode of the models' annualPriceIncrease (domain.md: costs rise 2-6% a year);
 * 1.035^3 = 1.109, rounded to 1.1.
 */
export const PRICES_2023_TO_2026 = 1.1;
export const PRICES_2025_TO_2026 = 1.035;

/** Youth care ends at 21 at the latest (LVU; supported housing is for ages 16-20 in domain.md). */
const YOUTH_MAX_AGE = 21;

// ---------------------------------------------------------------------------------------------------------------
// Forms of children and youth, shared by both models; prices are per care day at 2026 prices and drawn per trial,
// so their ranges describe the uncertain average price level, narrower than the spread of single placements.

/** Stays and step-downs: censored lognormal fits to placements-midsize.csv (ongoing episodes as right-censored). */
function youthForms(prices: Record<'familjehem_egna' | 'familjehem_konsulent' | 'hvb' | 'sis' | 'stodboende', Form['dailyCost']>): Form[] {
  return [
    {
      id: 'familjehem_egna',
      label: 'Egna familjehem',
      segment: 'bou',
      // Recruited and paid by the municipality itself, but per day and without a fixed cost.
      provider: 'internal',
      dailyCost: prices.familjehem_egna,
      // The fit is median 407, p90 1,625; the schema rejects a lognormal whose 99.999% quantile passes 100 years
      // (36,500 days), which p90 1,600 does, so the tail is trimmed a little. Ageing out at 21 cuts it anyway.
      lengthOfStayDays: { type: 'lognormal', median: 400, p90: 1500 },
      maxAgeYears: YOUTH_MAX_AGE,
    },
    {
      id: 'familjehem_konsulent',
      label: 'Konsulentstödda familjehem',
      segment: 'bou',
      provider: 'external',
      dailyCost: prices.familjehem_konsulent,
      lengthOfStayDays: { type: 'lognormal', median: 300, p90: 1250 },
      // 17 of 165 ended agency placements continued in an own foster home within a week.
      next: [{ form: 'familjehem_egna', probability: 0.1 }],
      maxAgeYears: YOUTH_MAX_AGE,
    },
    {
      id: 'hvb',
      label: 'HVB (köpt plats)',
      segment: 'bou',
      provider: 'external',
      dailyCost: prices.hvb,
      lengthOfStayDays: { type: 'lognormal', median: 150, p90: 550 },
      // Of 129 ended HVB placements, 24 stepped down to supported housing and 15 to an agency foster home.
      next: [
        { form: 'stodboende', probability: 0.2 },
        { form: 'familjehem_konsulent', probability: 0.12 },
      ],
      maxAgeYears: YOUTH_MAX_AGE,
    },
    {
      id: 'sis',
      label: 'SiS särskilt ungdomshem',
      segment: 'bou',
      provider: 'external',
      dailyCost: prices.sis,
      lengthOfStayDays: { type: 'lognormal', median: 110, p90: 280 },
      // 7 of 16 ended SiS placements continued in an HVB.
      next: [{ form: 'hvb', probability: 0.45 }],
      maxAgeYears: YOUTH_MAX_AGE,
    },
    {
      id: 'stodboende',
      label: 'Stödboende (köpt plats)',
      segment: 'bou',
      provider: 'external',
      dailyCost: prices.stodboende,
      lengthOfStayDays: { type: 'lognormal', median: 230, p90: 620 },
      maxAgeYears: YOUTH_MAX_AGE,
    },
  ];
}

function form(forms: Form[], id: string): Form {
  const f = forms.find((x) => x.id === id);
  if (!f) throw new Error(`example model has no form "${id}"`);
  return f;
}

/** Entries of BoU are skewed towards teenagers (HVB, SiS and supported housing take almost only teenagers). */
const YOUTH_AGE_AT_ENTRY = { type: 'triangular', min: 0, mode: 15, max: 19 } as const;

// ---------------------------------------------------------------------------------------------------------------

/**
 * Referenskommun: about 60,000 inhabitants, children and youth plus adults. Prices are the 2025 care-day-weighted
 * averages of the records (own foster homes 861, agency 2,276, HVB 4,513, supported housing 2,435, institution
 * 2,780, protected housing 1,984 SEK) raised 3.5% to 2026, inside the domain.md ranges.
 */
export function buildReferenceMidsize(): Model {
  const bou = youthForms({
    familjehem_egna: pert(720, 890, 1030),
    familjehem_konsulent: pert(1800, 2300, 3200),
    hvb: pert(3800, 4500, 6500),
    sis: pert(7000, 8800, 13000),
    stodboende: pert(1900, 2400, 3200),
  });
  const adult: Form[] = [
    {
      id: 'institution',
      label: 'Institution/HVB missbruk',
      segment: 'vuxen',
      provider: 'external',
      dailyCost: pert(2000, 2800, 3600),
      lengthOfStayDays: { type: 'lognormal', median: 90, p90: 250 },
    },
    {
      id: 'skyddat_boende',
      label: 'Skyddat boende',
      segment: 'vuxen',
      provider: 'external',
      dailyCost: pert(1500, 2000, 2900),
      lengthOfStayDays: { type: 'lognormal', median: 60, p90: 230 },
    },
    {
      id: 'familjehem_vuxen',
      label: 'Familjehem vuxna',
      segment: 'vuxen',
      provider: 'external',
      dailyCost: pert(1000, 1400, 2200),
      lengthOfStayDays: { type: 'lognormal', median: 140, p90: 390 },
    },
  ];
  const hvb = form(bou, 'hvb');
  const model: Model = {
    version: 1,
    name: 'Referenskommun',
    description:
      'Exempelmodell: en kommun med cirka 60 000 invånare, barn och unga samt vuxna. Inflöde, fördelning på ' +
      'placeringsformer, vårdtider och dygnskostnader är skattade från tio års placeringsregister (2016–2025); ' +
      'pågående placeringar vid årsskiftet 2025/2026 är startläget. Priser i 2026 års nivå.',
    start: '2026-01',
    horizonMonths: 60,
    annualPriceIncrease: { type: 'triangular', min: 0.02, mode: 0.035, max: 0.06 },
    budget: REFERENCE_BUDGET,
    segments: [
      { id: 'bou', label: 'Barn och unga' },
      { id: 'vuxen', label: 'Vuxna' },
    ],
    forms: [...bou, ...adult],
    inflow: [
      {
        segment: 'bou',
        // New entries (step-downs excluded) 2016-2025: 55, 74, 66, 48, 59, 61, 39, 60, 52, 38; the last five
        // years average 50. The sd is the uncertainty of the level over the horizon, not the year-to-year spread.
        episodesPerYear: { type: 'gamma', mean: 52, sd: 6 },
        // The records fall about 4% a year but with wide noise; centred on no trend.
        trendPerYear: { type: 'normal', mean: 0, sd: 0.02, min: -0.05, max: 0.05 },
        mix: { familjehem_egna: 0.33, familjehem_konsulent: 0.31, hvb: 0.24, stodboende: 0.09, sis: 0.03 },
        ageAtEntry: YOUTH_AGE_AT_ENTRY,
      },
      {
        segment: 'vuxen',
        // 24, 20, 28, 26, 34, 26, 30, 26, 25, 27 a year; slightly rising (domain.md: protected housing a growing need).
        episodesPerYear: { type: 'gamma', mean: 27, sd: 3 },
        trendPerYear: { type: 'normal', mean: 0.02, sd: 0.02, min: -0.03, max: 0.07 },
        mix: { institution: 0.55, skyddat_boende: 0.36, familjehem_vuxen: 0.09 },
      },
    ],
    // The 77 placements open on 2025-12-31 in the records, grouped by elapsed days (group means).
    initialCaseload: [
      { form: 'familjehem_egna', count: 12, elapsedDays: 420, ageYears: { type: 'uniform', min: 1, max: 17 } },
      { form: 'familjehem_egna', count: 10, elapsedDays: 850, ageYears: { type: 'uniform', min: 3, max: 17 } },
      { form: 'familjehem_egna', count: 9, elapsedDays: 2000, ageYears: { type: 'uniform', min: 6, max: 18 } },
      { form: 'familjehem_konsulent', count: 8, elapsedDays: 175, ageYears: { type: 'uniform', min: 1, max: 17 } },
      { form: 'familjehem_konsulent', count: 5, elapsedDays: 670, ageYears: { type: 'uniform', min: 3, max: 17 } },
      { form: 'familjehem_konsulent', count: 7, elapsedDays: 2000, ageYears: { type: 'uniform', min: 6, max: 18 } },
      {
        form: 'hvb',
        startDates: [
          '2024-04-14',
          '2024-12-22',
          '2025-01-22',
          '2025-02-02',
          '2025-03-29',
          '2025-04-12',
          '2025-05-15',
          '2025-05-25',
          '2025-07-27',
          '2025-08-25',
          '2025-08-29',
          '2025-12-10',
        ],
        ageYears: { type: 'uniform', min: 14, max: 18 },
      },
      { form: 'sis', count: 1, elapsedDays: 130, ageYears: 16 },
      { form: 'stodboende', count: 4, elapsedDays: 200, ageYears: { type: 'uniform', min: 17, max: 20 } },
      { form: 'institution', count: 5, elapsedDays: 75 },
      { form: 'skyddat_boende', count: 4, elapsedDays: 100 },
    ],
    options: [
      placementController({ id: 'controller', label: 'Placeringscontroller' }),
      inHouseHvb({
        id: 'hvb_egen',
        label: 'HVB i egen regi',
        priceAdjustment: PRICES_2023_TO_2026,
        lengthOfStayDays: hvb.lengthOfStayDays,
        next: hvb.next,
        maxAgeYears: hvb.maxAgeYears,
      }),
      inHouseSupportedHousing({
        id: 'stodboende_egen',
        label: 'Stödboende i egen regi',
        priceAdjustment: PRICES_2023_TO_2026,
        lengthOfStayDays: form(bou, 'stodboende').lengthOfStayDays,
      }),
      interMunicipalAgreement({
        id: 'avtalssamverkan',
        label: 'Avtalssamverkan (gemensamt HVB)',
        priceAdjustment: PRICES_2025_TO_2026,
        lengthOfStayDays: hvb.lengthOfStayDays,
        next: hvb.next,
        maxAgeYears: hvb.maxAgeYears,
      }),
      expandedOutpatientCare({ id: 'oppenvard', label: 'Utökad öppenvård' }),
      fosterHomeRecruitment({ id: 'familjehemsrekrytering', label: 'Familjehemsrekrytering' }),
    ],
  };
  return parseModel(model);
}

/**
 * Budget per year, SEK. 2026 is set at the expected baseline cost, about 64 MSEK (the records' 2025 cost was 66 MSEK
 * at 2025 prices; the caseload open at the turn of the year is a little below the steady state). Later years add
 * 3% a year, less than prices and inflow are expected to add (about 5% a year), so the chance of exceeding the
 * budget grows from about a half to about 60%: a committee's usual situation. Checked with the engine (2,000
 * trials): probExceed 47% in 2026, 62% in 2030.
 */
const REFERENCE_BUDGET: Record<string, number> = {
  '2026': 64_000_000,
  '2027': 66_000_000,
  '2028': 68_000_000,
  '2029': 70_000_000,
  '2030': 72_000_000,
};

/**
 * Småkommun: about 20,000 inhabitants, children and youth only. Inflow, mix, stays and the starting caseload are
 * the reference model's scaled to a third (domain.md: about 20 new placements a year in a municipality of 20,000);
 * foster-home prices are those of the small municipalities in domain.md (Hallstahammar ~705 and ~1,570, Mönsterås
 * ~1,380 SEK a day) raised to 2026.
 */
export function buildSmallMunicipality(): Model {
  const bou = youthForms({
    familjehem_egna: pert(680, 760, 1030),
    familjehem_konsulent: pert(1400, 1650, 3200),
    hvb: pert(3800, 4500, 6500),
    sis: pert(7000, 8800, 13000),
    stodboende: pert(1900, 2400, 3200),
  });
  const hvb = form(bou, 'hvb');
  const model: Model = {
    version: 1,
    name: 'Småkommun',
    description:
      'Exempelmodell: en kommun med cirka 20 000 invånare, bara barn och unga (cirka 20 nya placeringar om året). ' +
      'Vårdtider och fördelning som i referenskommunen, familjehemspriser från mindre kommuner. Priser i 2026 års nivå.',
    start: '2026-01',
    horizonMonths: 60,
    annualPriceIncrease: { type: 'triangular', min: 0.02, mode: 0.035, max: 0.06 },
    budget: SMALL_BUDGET,
    segments: [{ id: 'bou', label: 'Barn och unga' }],
    forms: bou,
    inflow: [
      {
        segment: 'bou',
        // A small count is known less precisely: the same 12% level uncertainty plus more room in a few cases.
        episodesPerYear: { type: 'gamma', mean: 20, sd: 3.5 },
        trendPerYear: { type: 'normal', mean: 0, sd: 0.02, min: -0.05, max: 0.05 },
        mix: { familjehem_egna: 0.33, familjehem_konsulent: 0.31, hvb: 0.24, stodboende: 0.09, sis: 0.03 },
        ageAtEntry: YOUTH_AGE_AT_ENTRY,
      },
    ],
    initialCaseload: [
      { form: 'familjehem_egna', count: 7, elapsedDays: 500, ageYears: { type: 'uniform', min: 1, max: 17 } },
      { form: 'familjehem_egna', count: 5, elapsedDays: 1800, ageYears: { type: 'uniform', min: 6, max: 18 } },
      { form: 'familjehem_konsulent', count: 4, elapsedDays: 200, ageYears: { type: 'uniform', min: 1, max: 17 } },
      { form: 'familjehem_konsulent', count: 4, elapsedDays: 1400, ageYears: { type: 'uniform', min: 5, max: 18 } },
      {
        form: 'hvb',
        startDates: ['2025-02-17', '2025-06-02', '2025-09-15', '2025-11-20'],
        ageYears: { type: 'uniform', min: 14, max: 18 },
      },
      { form: 'stodboende', count: 2, elapsedDays: 200, ageYears: { type: 'uniform', min: 17, max: 20 } },
    ],
    // Too few HVB youths for a unit of 7 or 6 places: the in-house presets are left out.
    options: [
      placementController({ id: 'controller', label: 'Placeringscontroller' }),
      interMunicipalAgreement({
        id: 'avtalssamverkan',
        label: 'Avtalssamverkan (gemensamt HVB)',
        places: 1,
        priceAdjustment: PRICES_2025_TO_2026,
        lengthOfStayDays: hvb.lengthOfStayDays,
        next: hvb.next,
        maxAgeYears: hvb.maxAgeYears,
      }),
      expandedOutpatientCare({ id: 'oppenvard', label: 'Utökad öppenvård', staff: 1 }),
      fosterHomeRecruitment({ id: 'familjehemsrekrytering', label: 'Familjehemsrekrytering', recruiters: 1 }),
    ],
  };
  return parseModel(model);
}

/** Budget per year, SEK, set the same way as the reference budget (expected 2026 cost about 18.5 MSEK). */
const SMALL_BUDGET: Record<string, number> = {
  '2026': 18_500_000,
  '2027': 19_100_000,
  '2028': 19_700_000,
  '2029': 20_300_000,
  '2030': 20_900_000,
};

/**
 * Årsprognos i november: the reference municipality's model as a controller would set it up for the committee's
 * November meeting, to answer "what will 2026 end at?". It starts on 1 November 2026 from the placements in care
 * that day, with January–October's booked cost as outcomeToDate, and runs to the end of 2027 so next year shows too.
 * Illustrative figures: the caseload is about the reference model's expected census for late 2026 (a little above
 * the 77 of the turn of the year), and 53.0 MSEK booked over ten months is just inside the 64 MSEK budget's pace
 * (53.3 MSEK): with more placements in care now than on average, the year can still end either side of the budget.
 */
export function buildYearEndNovember(): Model {
  const reference = buildReferenceMidsize();
  const caseload = (form: string, count: number, elapsedDays: number, ageYears?: InitialCaseloadEntry['ageYears']) => ({
    form,
    count,
    elapsedDays,
    ...(ageYears === undefined ? {} : { ageYears }),
  });
  return parseModel({
    ...reference,
    name: 'Referenskommun – årsprognos november 2026',
    description:
      'Årsprognos inför nämndens novembersammanträde: referensmodellen från den 1 november 2026, med de placeringar ' +
      'som pågår den dagen som startläge och januari–oktobers bokförda kostnad (53,0 mkr) som utfall hittills. ' +
      'Startläget och utfallet är påhittade exempel i nivå med referensmodellen. Priser i 2026 års nivå.',
    start: '2026-11',
    horizonMonths: 14,
    budget: { '2026': REFERENCE_BUDGET['2026'], '2027': REFERENCE_BUDGET['2027'] },
    outcomeToDate: { '2026': 53_000_000 },
    initialCaseload: [
      caseload('familjehem_egna', 12, 300, { type: 'uniform', min: 1, max: 17 }),
      caseload('familjehem_egna', 10, 900, { type: 'uniform', min: 3, max: 17 }),
      caseload('familjehem_egna', 9, 2100, { type: 'uniform', min: 6, max: 18 }),
      caseload('familjehem_konsulent', 9, 150, { type: 'uniform', min: 1, max: 17 }),
      caseload('familjehem_konsulent', 6, 700, { type: 'uniform', min: 3, max: 17 }),
      caseload('familjehem_konsulent', 6, 2000, { type: 'uniform', min: 6, max: 18 }),
      caseload('hvb', 9, 90, { type: 'uniform', min: 13, max: 18 }),
      caseload('hvb', 4, 330, { type: 'uniform', min: 14, max: 18 }),
      caseload('sis', 2, 80, { type: 'uniform', min: 15, max: 18 }),
      caseload('stodboende', 5, 180, { type: 'uniform', min: 17, max: 20 }),
      caseload('institution', 5, 60),
      caseload('skyddat_boende', 4, 80),
      caseload('familjehem_vuxen', 1, 200),
    ],
  });
}

/** Two-space JSON with a trailing newline: the form the files are committed in. */
export function serializeModel(model: Model): string {
  return JSON.stringify(model, null, 2) + '\n';
}

export const EXAMPLES: Record<string, () => Model> = {
  'reference-midsize.json': buildReferenceMidsize,
  'small-municipality.json': buildSmallMunicipality,
  'arsprognos-november.json': buildYearEndNovember,
};

function main(): void {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  for (const [file, build] of Object.entries(EXAMPLES)) {
    const path = resolve(dir, file);
    writeFileSync(path, serializeModel(build()));
    console.log(`wrote ${path}`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
