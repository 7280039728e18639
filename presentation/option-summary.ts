/**
 * What a committee needs to know about each option, read from a comparison result: the saving against the
 * baseline with its intervals, the chance it saves, what the option itself costs, what it earns, how full its
 * units are, when it pays back, and a verdict. Pure, and derived only from the result's fields (no
 * re-simulation), so the page, the CLI and the API can all show the same figures.
 *
 * Savings are the negated paired delta: a positive saving means the scenario costs less than the baseline.
 */
import type { Model, Option } from '../simulation/schema.js';
import type { ComparisonResult, CostStats, DeltaResult, PeriodResult, ScenarioResult } from '../simulation/result.js';

/** `saves`/`costs`: the 95 % interval of the mean delta lies on one side of zero; `unclear`: it spans zero. */
export type Verdict = 'saves' | 'costs' | 'unclear';

export interface Saving {
  /** Mean saving in SEK (−delta.mean). */
  mean: number;
  /** The 95 % interval of the mean saving, low to high. */
  ci95: [number, number];
  p10: number;
  p50: number;
  p90: number;
  probSaving: number;
  /** The Monte Carlo error of the mean saving in SEK: the half-width of its 95 % interval. */
  mcError: number;
}

/** A unit (a form) an option adds to the scenario, such as an in-house HVB. */
export interface AddedUnit {
  formId: string;
  label: string;
  capacity: number | null;
  /** Mean cost of the unit in the period, SEK: its fixed cost and its care days. */
  cost: number;
  /** Mean share of place-days used; only for a unit with a capacity. */
  occupancy: number | undefined;
}

export interface PeriodSummary {
  period: string;
  saving: Saving;
  verdict: Verdict;
  /** The option's own cost: its `cost` effects plus the running cost of every unit it adds. */
  ownCost: number;
  /** Only the `cost` effects (the result's `optionCost`, the CSV's "Insatskostnad"). */
  optionCost: number;
  /** Revenue from places sold to other municipalities, SEK. */
  revenue: number;
  units: AddedUnit[];
}

export interface OptionSummary {
  scenarioId: string;
  label: string;
  optionIds: string[];
  /** Over the whole horizon (period `total`). */
  total: PeriodSummary;
  /** One per calendar year, in the result's order. */
  years: PeriodSummary[];
  breakEven: { medianMonth: string | null; probWithinHorizon: number } | null;
  /** Whether any of its units sells free places (revenue is worth showing only then). */
  sellsPlaces: boolean;
}

const Z95 = 1.96;

export function verdictOf(delta: Pick<DeltaResult, 'ci95'>): Verdict {
  const [lo, hi] = delta.ci95;
  if (hi < 0) return 'saves';
  if (lo > 0) return 'costs';
  return 'unclear';
}

/** The Monte Carlo error of a mean cost in SEK, at 95 %: 1.96 × its standard error. */
export function costMcError(cost: Pick<CostStats, 'mcse'>): number {
  return Z95 * cost.mcse;
}

/** The Monte Carlo error of a mean delta in SEK: the half-width of its 95 % interval. */
export function deltaMcError(delta: Pick<DeltaResult, 'ci95'>): number {
  return (delta.ci95[1] - delta.ci95[0]) / 2;
}

/**
 * What to tell a reader of an unclear option: more trials could narrow the interval below 100,000 (the page's
 * largest choice); beyond that the difference is too small to tell.
 */
export function unclearAdvice(trials: number): 'moreTrials' | 'tooSmall' {
  return trials < 100_000 ? 'moreTrials' : 'tooSmall';
}

/**
 * How to speak of payback. The median month is that of the trials which pay back, so it is worth naming only
 * when most of them do; below an even chance the chance itself is the news.
 */
export type Payback = 'never' | 'unlikely' | 'uncertain' | 'likely';

export function paybackOf(breakEven: OptionSummary['breakEven']): Payback {
  if (!breakEven || breakEven.medianMonth === null || breakEven.probWithinHorizon === 0) return 'never';
  const p = breakEven.probWithinHorizon;
  if (p < 0.2) return 'unlikely';
  return p < 0.5 ? 'uncertain' : 'likely';
}

export function savingOf(delta: DeltaResult): Saving {
  return {
    mean: -delta.mean,
    ci95: [-delta.ci95[1], -delta.ci95[0]],
    p10: -delta.p90,
    p50: -delta.p50,
    p90: -delta.p10,
    probSaving: delta.probSaving,
    mcError: deltaMcError(delta),
  };
}

interface UnitSpec {
  formId: string;
  label: string;
  capacity: number | null;
  sells: boolean;
}

function unitsOf(options: Option[]): UnitSpec[] {
  return options.flatMap((o) =>
    o.effects.flatMap((e) => {
      // Matched by type rather than through the effect registry's addedForm(): the registry brings the engine's
      // distributions (stdlib) with it, which the page must not load to read a result.
      if (e.type !== 'addForm') return [];
      const sells = e.sellFreePlaces !== undefined;
      return [{ formId: e.form.id, label: e.form.label, capacity: e.form.capacity ?? null, sells }];
    }),
  );
}

function periodSummary(period: string, p: PeriodResult, units: UnitSpec[]): PeriodSummary | null {
  if (!p.delta) return null;
  const added = units.map((u) => ({
    formId: u.formId,
    label: u.label,
    capacity: u.capacity,
    cost: p.cost.byForm[u.formId] ?? 0,
    occupancy: p.occupancy[u.formId],
  }));
  return {
    period,
    saving: savingOf(p.delta),
    verdict: verdictOf(p.delta),
    ownCost: p.cost.optionCost + added.reduce((sum, u) => sum + u.cost, 0),
    optionCost: p.cost.optionCost,
    revenue: p.cost.revenue,
    units: added,
  };
}

function summarizeScenario(result: ComparisonResult, sc: ScenarioResult, byId: Map<string, Option>): OptionSummary | null {
  // Inline options of a scenario are not in the model; their units are then unknown and not shown.
  const units = unitsOf(sc.options.flatMap((id) => byId.get(id) ?? []));
  const total = sc.periods.total ? periodSummary('total', sc.periods.total, units) : null;
  if (!total) return null;
  const years = result.periods
    .filter((p) => p !== 'total')
    .flatMap((y) => {
      const p = sc.periods[y];
      const summary = p ? periodSummary(y, p, units) : null;
      return summary ? [summary] : [];
    });
  return {
    scenarioId: sc.id,
    label: sc.label,
    optionIds: sc.options,
    total,
    years,
    breakEven: sc.breakEven ?? null,
    sellsPlaces: units.some((u) => u.sells) || total.revenue > 0,
  };
}

/** One summary per scenario after the baseline, in the result's order. */
export function summarizeOptions(result: ComparisonResult, model: Model): OptionSummary[] {
  const byId = new Map((model.options ?? []).map((o) => [o.id, o]));
  return result.scenarios.slice(1).flatMap((sc) => summarizeScenario(result, sc, byId) ?? []);
}

/** Best first by mean saving over the horizon; ties keep the result's order. */
export function byMeanSaving(list: readonly OptionSummary[]): OptionSummary[] {
  return [...list].sort((a, b) => b.total.saving.mean - a.total.saving.mean);
}

/** Best first by median saving over the horizon, for the side-by-side chart. */
export function byMedianSaving(list: readonly OptionSummary[]): OptionSummary[] {
  return [...list].sort((a, b) => b.total.saving.p50 - a.total.saving.p50);
}
