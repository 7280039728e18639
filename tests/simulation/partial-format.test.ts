/**
 * Stored partials outlive the code that wrote them. One of another format version is refused with
 * PartialFormatError, and so is one that claims this version but lacks a field or has one of the wrong
 * shape (a chunk stored before a field was added): never a crash deep inside a merge.
 */
import { describe, expect, it } from 'vitest';
import { finalize, mergePartials, PARTIAL_FORMAT, PartialFormatError, prepareRun, RunPartial, runTrials } from '../../simulation/index.js';
import { PERIOD_FIELDS } from '../../simulation/period-fields.js';
import { Summary } from '../../simulation/sketch.js';
import { validModel } from '../fixtures/models.js';
import { form, tinyModel } from '../fixtures/tiny.js';

const run = prepareRun({ model: validModel(), trials: 40, seed: 9 });
const stored = (from = 0, to = 20) => JSON.parse(JSON.stringify(runTrials(run, from, to).partial));

function refusal(json: unknown): PartialFormatError {
  try {
    RunPartial.fromJSON(json);
  } catch (e) {
    expect(e).toBeInstanceOf(PartialFormatError);
    return e as PartialFormatError;
  }
  throw new Error('the partial was accepted');
}

describe('stored partials', () => {
  it('reads back what it wrote, merging to the same result', () => {
    const whole = finalize(run, mergePartials(run, [runTrials(run, 0, 20).partial, runTrials(run, 20, 40).partial]));
    const read = mergePartials(run, [RunPartial.fromJSON(stored(0, 20)), RunPartial.fromJSON(stored(20, 40))]);
    expect(JSON.stringify(finalize(run, read))).toBe(JSON.stringify(whole));
    expect(RunPartial.fromJSON(stored()).toJSON()).toEqual(stored());
  });

  it('refuses a partial of another format version, naming both versions', () => {
    expect(PARTIAL_FORMAT).toBe(3);
    for (const [format, shown] of [
      [undefined, 1],
      [1, 1],
      [2, 2],
      [4, 4],
    ] as const) {
      const json = stored();
      if (format === undefined) delete json.format;
      else json.format = format;
      const e = refusal(json);
      expect(e.found).toBe(format);
      expect(e.problem).toBeUndefined();
      expect(e.message).toContain(`format ${shown}, this version reads format 3`);
    }
    expect(refusal(null).found).toBeUndefined();
  });

  for (const field of PERIOD_FIELDS) {
    it(`refuses a partial of this version whose periods lack "${field.name}", saying where`, () => {
      const json = stored();
      for (const s of json.scenarios) for (const p of s.periods) delete p[field.name];
      const e = refusal(json);
      expect(e.found).toBe(PARTIAL_FORMAT);
      expect(e.message).toContain(`scenarios.0.periods.0.${field.name}`);
    });
  }

  it('refuses accumulators of the wrong shape or encoding', () => {
    const corruptions: ((j: any) => void)[] = [
      (j) => (j.scenarios[0].periods[0].optionCost = 12),
      (j) => (j.scenarios[0].periods[0].revenue = '12.5'),
      (j) => (j.scenarios[1].periods[2].cost.sum = 'abc'),
      (j) => (j.scenarios[0].periods[0].careDays.byForm[0].hist.packed = [1, 2]),
      (j) => (j.scenarios[0].periods[0].careDays.byForm[0].hist.n += 1),
      (j) => (j.scenarios[0].monthlyCost[3].packed += '!'),
      // An amount summary where a count summary belongs: same keys, other encoding.
      (j) => (j.scenarios[0].periods[0].agedOut = j.scenarios[0].periods[0].cost),
      (j) => (j.scenarios[0].periods[0].occupancy = { sums: [[0.5]], trials: [] }),
      (j) => (j.scenarios[0].periods[0].saving = -1),
      (j) => delete j.scenarios[0].monthlyCost,
      (j) => (j.scenarios[0].breakEven = null),
      (j) => (j.ranges = [[20, 0]]),
      (j) => (j.trials = '40'),
      (j) => delete j.sensitivity[0].delta,
      (j) => (j.scenarios = {}),
    ];
    for (const corrupt of corruptions) {
      const json = stored();
      corrupt(json);
      expect(refusal(json).problem).toMatch(/\S/);
    }
  });

  it('refuses a damaged packed histogram, saying where and what is wrong', () => {
    const damages: [(j: any) => void, RegExp][] = [
      [
        (j) => (j.scenarios[1].periods[2].careDays.byForm[0].hist.packed += '*'),
        /^scenarios\.1\.periods\.2\.careDays: .*"\*" .* not base64url/,
      ],
      [(j) => (j.scenarios[0].monthlyCost[5].packed += 'g'), /^scenarios\.0\.monthlyCost\.5: .*cut off/],
      [(j) => (j.scenarios[2].monthlyCensus[0].n += 1), /^scenarios\.2\.monthlyCensus\.0: the counts add up to \d+, not to n = \d+/],
      [(j) => (j.scenarios[0].breakEven.packed = 'ABAB'), /^scenarios\.0\.breakEven: key delta at character 2 is 0/],
      [(j) => (j.scenarios[0].periods[0].cost.hist.packed = 'AA'), /^scenarios\.0\.periods\.0\.cost: count at character 1 is 0/],
    ];
    for (const [damage, problem] of damages) {
      const json = stored();
      damage(json);
      expect(refusal(json).problem).toMatch(problem);
    }
  });

  it('refuses to merge partials of different runs with a clear error', () => {
    const other = prepareRun({ model: tinyModel({ forms: [form('a')] }), trials: 40, seed: 9 });
    const foreign = RunPartial.fromJSON(JSON.parse(JSON.stringify(runTrials(other, 20, 40).partial)));
    expect(() => mergePartials(run, [RunPartial.fromJSON(stored()), foreign])).toThrow(/partial results of different runs/);
    const fewer = prepareRun({ model: validModel(), trials: 30, seed: 9 });
    expect(() => mergePartials(run, [runTrials(fewer, 0, 20).partial])).toThrow(/40 trials in one, 30 in the other/);
  });
});

describe('a played chunk read back from its JSON', () => {
  it('has the same histograms, and merges to the same partial, bit for bit', () => {
    const plain = [runTrials(run, 0, 20).partial, runTrials(run, 20, 40).partial];
    const read = [RunPartial.fromJSON(stored(0, 20)), RunPartial.fromJSON(stored(20, 40))];
    const histograms = (p: RunPartial) =>
      p.scenarios.flatMap((s) => [
        ...s.monthlyCost,
        ...s.monthlyCensus,
        s.breakEven,
        ...s.periods.flatMap((pp) => pp.acc.flatMap((a) => summaries(a).map((x) => x.hist))),
      ]);
    plain.forEach((p, i) => {
      const [mine, theirs] = [histograms(p), histograms(read[i])];
      expect(theirs.length).toBe(mine.length);
      expect(mine.filter((h) => h.n > 0).length).toBeGreaterThan(100);
      mine.forEach((h, k) => expect(theirs[k].toJSON()).toEqual(h.toJSON()));
    });
    const merged = (ps: RunPartial[]) => mergePartials(run, ps).scenarios.map((s) => JSON.stringify(s.toJSON()));
    expect(merged(read)).toEqual(merged(plain));
  });
});

/** The summaries in a period field's accumulator, whatever its kind. */
function summaries(acc: unknown): Summary[] {
  if (acc instanceof Summary) return [acc];
  if (acc !== null && typeof acc === 'object' && 'byForm' in acc) {
    const b = acc as { total: Summary; byForm: Summary[] };
    return [b.total, ...b.byForm];
  }
  return [];
}

describe('merged partials', () => {
  it("expose each period's cost summary, whose histogram the service reads for P(cost <= x)", () => {
    const merged = mergePartials(run, [RunPartial.fromJSON(stored(0, 20)), RunPartial.fromJSON(stored(20, 40))]);
    const cost = merged.scenarios[1].periods[0].cost;
    expect(cost.hist.n).toBe(40);
    expect(cost.mean()).toBe(finalize(run, merged).scenarios[1].periods[run.compiled.cal.periods[0]].cost.mean);
  });
});
