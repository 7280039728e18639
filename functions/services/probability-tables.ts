/**
 * P(cost <= threshold) of a finished run, from its stored cost distributions, made once per run and kept: the
 * text is parsed once, and each (scenario, period) histogram becomes a table of ascending values and cumulative
 * counts the first time it is asked about, so a question is a binary search instead of a parse of the whole
 * text and a pass over every bin. Answers are the same bits as probabilityAtMost's (services/runs.ts): the
 * values are the histogram's own and whole-number counts add exactly in any order.
 */
import { Histogram } from '../../simulation/sketch.js';
import type { Distributions } from './runs.js';

interface CdfTable {
  values: Float64Array;
  /** cumulative[i]: the count of values at or below values[i]. */
  cumulative: Float64Array;
  n: number;
}

export class ProbabilityTables {
  private readonly tables = new Map<string, CdfTable | null>();

  private constructor(
    private readonly distributions: Distributions,
    /** Bytes of the text it was parsed from: what a cache counts it as. */
    readonly bytes: number,
    /** The run's first scenario: what a question without a scenario is about. */
    readonly baselineId: string,
  ) {}

  static parse(text: string, baselineId: string): ProbabilityTables {
    return new ProbabilityTables(JSON.parse(text) as Distributions, text.length * 2, baselineId);
  }

  /** P(cost <= threshold) for one scenario and period; null when the scenario or period does not exist. */
  atMost(scenario: string, period: string, threshold: number): number | null {
    const table = this.table(scenario, period);
    if (!table) return null;
    if (table.n === 0) return 0;
    // The number of values at or below the threshold: the first index whose value is above it.
    const { values, cumulative } = table;
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid] <= threshold) lo = mid + 1;
      else hi = mid;
    }
    return (lo === 0 ? 0 : cumulative[lo - 1]) / table.n;
  }

  private table(scenario: string, period: string): CdfTable | null {
    // A key that cannot be a scenario id followed by a period ("\n" is in neither).
    const key = `${scenario}\n${period}`;
    let table = this.tables.get(key);
    if (table === undefined) {
      table = makeTable(this.distributions, scenario, period);
      this.tables.set(key, table);
    }
    return table;
  }
}

function makeTable(distributions: Distributions, scenario: string, period: string): CdfTable | null {
  // Names come from the query string: only the run's own scenarios and periods count, never inherited keys.
  const byPeriod = Object.hasOwn(distributions, scenario) ? distributions[scenario] : undefined;
  const h = byPeriod && Object.hasOwn(byPeriod, period) ? byPeriod[period] : undefined;
  if (!h) return null;
  // Each histogram is made into a table once, so Histogram.fromJSON may take the parsed lists as its own.
  const { values, counts } = Histogram.fromJSON(h).sorted();
  // The booked amount is added to each value as the result's percentiles add it, so both round alike.
  const offset = h.offset ?? 0;
  const cumulative = new Float64Array(counts.length);
  let c = 0;
  for (let i = 0; i < counts.length; i++) cumulative[i] = c += counts[i];
  return { values: Float64Array.from(values, (v) => v + offset), cumulative, n: h.n };
}
