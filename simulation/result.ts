/**
 * The comparison result (model-spec section 5) as a zod schema: the contract the API's OpenAPI answer and the
 * page are typed by, and the TypeScript types the engine builds it with. Field names are fixed by the contract;
 * more may be added, so the objects are not strict: a client holding an older schema keeps working when a
 * field is added (tests/simulation/result-schema.test.ts checks that this schema drops nothing the engine
 * writes). Key order here is the order the engine writes, so a parsed golden result stringifies to its bytes.
 */
import { z } from 'zod';

export const FAN_KEYS = ['p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95'] as const;
export type FanKey = (typeof FAN_KEYS)[number];

const byFormId = <T extends z.ZodType>(value: T) => z.record(z.string(), value);

export const StatsSchema = z.object({ mean: z.number(), p10: z.number(), p50: z.number(), p90: z.number() });

export const CostStatsSchema = z.object({
  mean: z.number(),
  sd: z.number(),
  mcse: z.number().describe('Monte Carlo standard error of the mean: sd / sqrt(trials)'),
  p5: z.number(),
  p10: z.number(),
  p25: z.number(),
  p50: z.number(),
  p75: z.number(),
  p90: z.number(),
  p95: z.number(),
  byForm: byFormId(z.number()).describe('mean cost of each form in the scenario, SEK'),
  optionCost: z.number(),
  revenue: z.number().describe('mean revenue from places sold to other municipalities, SEK'),
  outcomeToDate: z
    .number()
    .optional()
    .describe('SEK already booked in the year of start, before start; only in that year and when the model has one'),
});

export const BreakdownSchema = z.object({ total: StatsSchema, byForm: byFormId(StatsSchema) });

export const BudgetResultSchema = z.object({ amount: z.number(), probExceed: z.number(), expectedOverrun: z.number() });

export const DeltaResultSchema = z.object({
  mean: z.number(),
  ci95: z.tuple([z.number(), z.number()]),
  p10: z.number(),
  p50: z.number(),
  p90: z.number(),
  probSaving: z.number(),
});

export const PeriodResultSchema = z.object({
  cost: CostStatsSchema,
  careDays: BreakdownSchema,
  admissions: BreakdownSchema.describe('episodes started, step-downs included'),
  overflows: BreakdownSchema.describe('keyed by the full form that turned the episode away'),
  censusAtPeriodEnd: BreakdownSchema,
  occupancy: byFormId(z.number()).describe('mean share of place-days used, forms with a capacity'),
  agedOut: StatsSchema.describe('placements ended by maxAgeYears in the period (an addition to the contract)'),
  budget: BudgetResultSchema.optional().describe('when the model has a budget for the year'),
  delta: DeltaResultSchema.optional().describe('scenario minus baseline in the same trial; not on the baseline'),
});

const FanSchema = z.object(Object.fromEntries(FAN_KEYS.map((k) => [k, z.array(z.number())])) as Record<FanKey, z.ZodArray<z.ZodNumber>>);

export const SensitivityEntrySchema = z.object({ parameter: z.string(), onCost: z.number(), onDelta: z.number().nullable() });

export const ScenarioResultSchema = z.object({
  id: z.string(),
  label: z.string(),
  options: z.array(z.string()),
  periods: z.record(z.string(), PeriodResultSchema),
  breakEven: z.object({ probWithinHorizon: z.number(), medianMonth: z.string().nullable() }).optional().describe('not on the baseline'),
  monthly: z.object({ cost: FanSchema, census: FanSchema }),
  sensitivity: z.array(SensitivityEntrySchema),
});

export const ComparisonResultSchema = z.object({
  version: z.literal(1),
  trials: z.number().int(),
  seed: z.number().int(),
  periods: z.array(z.string()).describe('calendar years touched by the horizon, then "total"'),
  months: z.array(z.string()),
  scenarios: z.array(ScenarioResultSchema).describe('the first scenario is the baseline'),
});

export type Stats = z.infer<typeof StatsSchema>;
export type CostStats = z.infer<typeof CostStatsSchema>;
export type Breakdown = z.infer<typeof BreakdownSchema>;
export type BudgetResult = z.infer<typeof BudgetResultSchema>;
export type DeltaResult = z.infer<typeof DeltaResultSchema>;
export type PeriodResult = z.infer<typeof PeriodResultSchema>;
export type Fan = z.infer<typeof FanSchema>;
export type SensitivityEntry = z.infer<typeof SensitivityEntrySchema>;
export type ScenarioResult = z.infer<typeof ScenarioResultSchema>;
export type ComparisonResult = z.infer<typeof ComparisonResultSchema>;
