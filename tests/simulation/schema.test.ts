/**
 * One test per validation rule of the model contract (model-spec sections 1-3). Every test mutates a fresh copy
 * of the valid fixture in exactly one way and asserts that `parseModel` throws a `ValidationError` whose issues
 * include the exact field path (and, where the wording is the contract's, a fragment of the message).
 */
import { describe, expect, it } from 'vitest';
import { parseModel, Scenario, toFieldIssues, ValidationError, type FieldIssue } from '../../simulation/schema.js';
import { compileDist } from '../../simulation/dist.js';
import { validModel } from '../fixtures/models.js';

/** Parses and returns the issues; fails the test if the input parses or anything but a ValidationError is thrown. */
function issuesOf(input: unknown): FieldIssue[] {
  let thrown: unknown;
  try {
    parseModel(input);
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error('expected a ValidationError, but the model parsed');
  expect(thrown).toBeInstanceOf(ValidationError);
  const issues = (thrown as ValidationError).issues;
  expect(issues.length).toBeGreaterThan(0);
  return issues;
}

/** Asserts that mutating the fixture yields an issue at exactly `path` (message containing `fragment`, if given). */
function expectIssue(mutate: (m: any) => void, path: string, fragment?: string | RegExp): FieldIssue[] {
  const m = validModel();
  mutate(m);
  const issues = issuesOf(m);
  const atPath = issues.filter((i) => i.path === path);
  expect(atPath, `no issue at "${path}"; got ${JSON.stringify(issues)}`).not.toHaveLength(0);
  if (fragment !== undefined) {
    const ok = atPath.some((i) => (typeof fragment === 'string' ? i.message.includes(fragment) : fragment.test(i.message)));
    expect(ok, `no issue at "${path}" mentions ${String(fragment)}; got ${JSON.stringify(atPath)}`).toBe(true);
  }
  // Every issue names a field (spec: "a message that names the field path").
  for (const i of issues) expect(typeof i.message).toBe('string');
  return issues;
}

/** Index of the first effect of `type` in option `o` of the fixture, so paths are exact without hard-coding order. */
function effectIndex(m: any, o: number, type: string): number {
  const j = m.options[o].effects.findIndex((e: any) => e.type === type);
  if (j < 0) throw new Error(`fixture option ${o} has no ${type} effect`);
  return j;
}
function optionWith(m: any, type: string): number {
  const o = m.options.findIndex((op: any) => op.effects.some((e: any) => e.type === type));
  if (o < 0) throw new Error(`fixture has no option with a ${type} effect`);
  return o;
}

describe('fixture', () => {
  it('the valid base model parses and keeps its content', () => {
    const m = validModel();
    const parsed = parseModel(m);
    expect(parsed.forms.map((f) => f.id)).toEqual(['hvb', 'familjehem', 'egen_hvb', 'stodboende', 'vuxen_hvb', 'vuxen_boende']);
    expect(parsed.segments).toHaveLength(2);
    expect(parsed.horizonMonths).toBe(60);
    expect(parsed.budget).toEqual({ '2026': 52_000_000, '2027': 54_000_000 });
    const types = new Set(parsed.options!.flatMap((o) => o.effects.map((e) => e.type)));
    expect([...types].sort()).toEqual(['addForm', 'cost', 'dailyCost', 'inflow', 'lengthOfStay', 'mixShift']);
  });

  it('validModel() returns independent deep copies', () => {
    const a = validModel();
    a.forms[0].lengthOfStayDays.p90 = 1;
    a.segments.pop();
    const b = validModel();
    expect(b.forms[0].lengthOfStayDays.p90).toBe(600);
    expect(b.segments).toHaveLength(2);
  });
});

describe('Dist rules', () => {
  it('uniform: min > max', () => {
    expectIssue((m) => (m.forms[3].dailyCost = { type: 'uniform', min: 2000, max: 1500 }), 'forms[3].dailyCost.max', 'at least min');
  });

  it('uniform: min == max is allowed (a fixed value)', () => {
    const m = validModel();
    m.forms[3].dailyCost = { type: 'uniform', min: 1500, max: 1500 };
    expect(() => parseModel(m)).not.toThrow();
  });

  it('triangular: mode < min', () => {
    expectIssue((m) => (m.forms[1].dailyCost = { type: 'triangular', min: 900, mode: 800, max: 1500 }), 'forms[1].dailyCost.mode');
  });

  it('triangular: mode > max', () => {
    expectIssue((m) => (m.forms[1].dailyCost = { type: 'triangular', min: 900, mode: 1600, max: 1500 }), 'forms[1].dailyCost.max');
  });

  it('pert: mode < min', () => {
    expectIssue((m) => (m.forms[0].dailyCost = { type: 'pert', min: 3800, mode: 3000, max: 6500 }), 'forms[0].dailyCost.mode');
  });

  it('pert: mode > max', () => {
    expectIssue((m) => (m.forms[0].dailyCost = { type: 'pert', min: 3800, mode: 7000, max: 6500 }), 'forms[0].dailyCost.max');
  });

  it('pert: min == max (degenerate beta) is rejected', () => {
    expectIssue((m) => (m.forms[0].dailyCost = { type: 'pert', min: 4000, mode: 4000, max: 4000 }), 'forms[0].dailyCost.max');
  });

  it('lognormal: p90 <= median, path ends .p90', () => {
    expectIssue((m) => (m.forms[0].lengthOfStayDays.p90 = 180), 'forms[0].lengthOfStayDays.p90', 'greater than median');
    expectIssue((m) => (m.forms[0].lengthOfStayDays.p90 = 100), 'forms[0].lengthOfStayDays.p90', 'greater than median');
  });

  it('lognormal: both median/p90 and mean/sd', () => {
    const issues = expectIssue(
      (m) => Object.assign(m.forms[0].lengthOfStayDays, { mean: 250, sd: 200 }),
      'forms[0].lengthOfStayDays.type',
      'not both',
    );
    expect(issues.every((i) => i.path.startsWith('forms[0].lengthOfStayDays'))).toBe(true);
  });

  it('lognormal: median without p90', () => {
    expectIssue((m) => delete m.forms[0].lengthOfStayDays.p90, 'forms[0].lengthOfStayDays.p90', 'required');
  });

  it('lognormal: median <= 0', () => {
    expectIssue((m) => (m.forms[0].lengthOfStayDays = { type: 'lognormal', median: 0, p90: 10 }), 'forms[0].lengthOfStayDays.median');
  });

  it('lognormal: mean/sd with sd <= 0', () => {
    expectIssue((m) => (m.forms[5].lengthOfStayDays.sd = 0), 'forms[5].lengthOfStayDays.sd');
  });

  it('gamma: sd <= 0', () => {
    expectIssue((m) => (m.forms[1].lengthOfStayDays.sd = 0), 'forms[1].lengthOfStayDays.sd', 'greater than 0');
    expectIssue((m) => (m.forms[1].lengthOfStayDays.sd = -5), 'forms[1].lengthOfStayDays.sd', 'greater than 0');
  });

  it('gamma: mean <= 0', () => {
    expectIssue((m) => (m.inflow[0].episodesPerYear.mean = 0), 'inflow[0].episodesPerYear.mean');
  });

  it('weibull: shape and scale must be positive', () => {
    expectIssue((m) => (m.forms[2].lengthOfStayDays.shape = 0), 'forms[2].lengthOfStayDays.shape');
    expectIssue((m) => (m.forms[2].lengthOfStayDays.scale = -1), 'forms[2].lengthOfStayDays.scale');
  });

  it('exponential: mean <= 0', () => {
    expectIssue((m) => (m.forms[3].lengthOfStayDays.mean = 0), 'forms[3].lengthOfStayDays.mean');
  });

  it('empirical: empty values', () => {
    expectIssue((m) => (m.forms[4].lengthOfStayDays.values = []), 'forms[4].lengthOfStayDays.values');
  });

  it('normal: negative sd', () => {
    expectIssue((m) => (m.forms[4].dailyCost.sd = -1), 'forms[4].dailyCost.sd');
  });

  it('normal: bounds that leave no probability mass', () => {
    // mean 3500, sd 10, min 5000: P(X > 5000) = Phi(-150) = 0.
    expectIssue((m) => (m.forms[4].dailyCost = { type: 'normal', mean: 3500, sd: 10, min: 5000 }), 'forms[4].dailyCost.min', 'probability');
  });

  it('normal: min >= max', () => {
    expectIssue((m) => (m.forms[4].dailyCost = { type: 'normal', mean: 3500, sd: 300, min: 4000, max: 3000 }), 'forms[4].dailyCost.max');
  });

  it('unknown dist type is rejected at the field path', () => {
    expectIssue((m) => (m.forms[0].dailyCost = { type: 'beta', a: 1, b: 2 }), 'forms[0].dailyCost');
  });

  it('a wrong type inside a Dist names the inner field, not just "Invalid input" for the whole Dist', () => {
    // Spreadsheets send numbers as text. The contract's example message is
    // `forms[2].lengthOfStayDays.p90: must be greater than median`: the user must learn WHICH field is wrong.
    // The path must reach into the Dist, like the contract's `forms[2].lengthOfStayDays.p90`.
    const namesField = (issues: FieldIssue[], dist: string, field: string) => issues.some((i) => i.path === `${dist}.${field}`);
    const m1 = validModel();
    m1.forms[0].dailyCost.min = '3800';
    const i1 = issuesOf(m1);
    expect(namesField(i1, 'forms[0].dailyCost', 'min'), JSON.stringify(i1)).toBe(true);
    const m2 = validModel();
    delete m2.forms[0].dailyCost.mode;
    const i2 = issuesOf(m2);
    expect(namesField(i2, 'forms[0].dailyCost', 'mode'), JSON.stringify(i2)).toBe(true);
  });

  it('non-finite numbers are not numbers', () => {
    // JSON cannot carry them, but a JS caller can.
    expectIssue((m) => (m.forms[0].dailyCost = Number.POSITIVE_INFINITY), 'forms[0].dailyCost');
    expectIssue((m) => (m.forms[0].dailyCost = Number.NaN), 'forms[0].dailyCost');
  });
});

describe('form rules', () => {
  it('unknown segment', () => {
    expectIssue((m) => (m.forms[1].segment = 'aldre'), 'forms[1].segment', 'unknown segment');
  });

  it('capacity without overflowTo', () => {
    expectIssue((m) => (m.forms[2].overflowTo = null), 'forms[2].overflowTo', 'required');
    expectIssue((m) => delete m.forms[2].overflowTo, 'forms[2].overflowTo', 'required');
  });

  it('overflowTo an unknown form', () => {
    expectIssue((m) => (m.forms[2].overflowTo = 'sis'), 'forms[2].overflowTo', 'unknown form');
  });

  it('overflowTo itself', () => {
    expectIssue((m) => (m.forms[2].overflowTo = 'egen_hvb'), 'forms[2].overflowTo', 'another form');
  });

  it('overflow chain loop A -> B -> A, both with capacity', () => {
    // egen_hvb (capacity 6) already overflows to hvb; give hvb a capacity and overflow back.
    expectIssue(
      (m) => {
        m.forms[0].capacity = 10;
        m.forms[0].overflowTo = 'egen_hvb';
      },
      'forms[0].overflowTo',
      'loops',
    );
  });

  it('a chain A -> B -> A where B has no capacity is not a loop', () => {
    const m = validModel();
    m.forms[0].overflowTo = 'egen_hvb'; // hvb has no capacity, so it never overflows
    expect(() => parseModel(m)).not.toThrow();
  });

  it('longer overflow loop A -> B -> C -> A', () => {
    expectIssue(
      (m) => {
        m.forms[0].capacity = 10;
        m.forms[0].overflowTo = 'stodboende';
        m.forms[3].capacity = 3;
        m.forms[3].overflowTo = 'egen_hvb';
      },
      'forms[2].overflowTo',
      'loops',
    );
  });

  it('next names an unknown form', () => {
    expectIssue((m) => (m.forms[0].next[1].form = 'sis'), 'forms[0].next[1].form', 'unknown form');
  });

  it('next probabilities sum to more than 1', () => {
    expectIssue((m) => (m.forms[0].next[0].probability = 0.9), 'forms[0].next', 'sum');
  });

  it('next probability outside [0, 1]', () => {
    expectIssue((m) => (m.forms[0].next[0].probability = 1.2), 'forms[0].next[0].probability');
  });

  it('duplicate form ids', () => {
    expectIssue((m) => (m.forms[3].id = 'hvb'), 'forms', 'more than once');
  });

  it('duplicate segment ids', () => {
    expectIssue((m) => (m.segments[1].id = 'bou'), 'segments', 'more than once');
  });

  it('capacity must be a whole number of at least 1', () => {
    expectIssue((m) => (m.forms[2].capacity = 0), 'forms[2].capacity');
    expectIssue((m) => (m.forms[2].capacity = 2.5), 'forms[2].capacity');
  });

  it('provider must be external or internal', () => {
    expectIssue((m) => (m.forms[0].provider = 'kommunal'), 'forms[0].provider');
  });

  it('names the bound that leaves the range, or the fixed value; the distribution as a whole where no field is to blame', () => {
    expectIssue((m) => (m.forms[1].dailyCost = { type: 'pert', min: -100, mode: 4000, max: 5000 }), 'forms[1].dailyCost.min', 'SEK');
    expectIssue((m) => (m.forms[1].dailyCost = { type: 'triangular', min: 0, mode: 1, max: 2e9 }), 'forms[1].dailyCost.max', 'SEK');
    expectIssue((m) => (m.forms[1].dailyCost = { type: 'fixed', value: -1 }), 'forms[1].dailyCost.value', 'SEK');
    expectIssue((m) => (m.forms[1].dailyCost = -1), 'forms[1].dailyCost', 'SEK');
    expectIssue((m) => (m.forms[1].dailyCost = { type: 'normal', mean: 4000, sd: 500, min: -1 }), 'forms[1].dailyCost.min', 'SEK');
    expectIssue((m) => (m.forms[1].dailyCost = { type: 'normal', mean: 4000, sd: 1000 }), 'forms[1].dailyCost', 'min and max');
  });

  it('length of stay must be a number of days (not negative)', () => {
    expectIssue((m) => (m.forms[3].lengthOfStayDays = { type: 'uniform', min: -10, max: 100 }), 'forms[3].lengthOfStayDays.min', 'days');
  });
});

describe('inflow rules', () => {
  it('unknown segment', () => {
    expectIssue((m) => (m.inflow[1].segment = 'aldre'), 'inflow[1].segment', 'unknown segment');
  });

  it('mix names an unknown form', () => {
    expectIssue(
      (m) => {
        delete m.inflow[0].mix.stodboende;
        m.inflow[0].mix.sis = 0.1;
      },
      'inflow[0].mix.sis',
      'unknown form',
    );
  });

  it('mix names a form of another segment', () => {
    expectIssue(
      (m) => {
        m.inflow[1].mix = { vuxen_hvb: 0.6, vuxen_boende: 0.3, hvb: 0.1 };
      },
      'inflow[1].mix.hvb',
      'not in segment',
    );
  });

  it('mix shares not summing to 1', () => {
    expectIssue((m) => (m.inflow[0].mix.hvb = 0.35), 'inflow[0].mix', 'sum to 1');
    expectIssue((m) => (m.inflow[1].mix.vuxen_boende = 0.2), 'inflow[1].mix', 'sum to 1');
  });

  it('empty mix', () => {
    expectIssue((m) => (m.inflow[1].mix = {}), 'inflow[1].mix');
  });

  it('seasonality not averaging 1', () => {
    expectIssue((m) => (m.inflow[0].seasonality = Array(12).fill(1.1)), 'inflow[0].seasonality', 'average 1');
  });

  it('seasonality of the wrong length', () => {
    expectIssue((m) => (m.inflow[0].seasonality = Array(11).fill(1)), 'inflow[0].seasonality', '12');
    expectIssue((m) => (m.inflow[0].seasonality = Array(13).fill(1)), 'inflow[0].seasonality', '12');
  });

  it('two inflows for the same segment', () => {
    expectIssue((m) => (m.inflow[1].segment = 'bou'), 'inflow');
  });

  it('episodesPerYear must not be negative', () => {
    expectIssue((m) => (m.inflow[1].episodesPerYear = { type: 'normal', mean: 12, sd: 6 }), 'inflow[1].episodesPerYear');
  });

  it('ageAtEntry must be an age', () => {
    expectIssue((m) => (m.inflow[0].ageAtEntry = { type: 'uniform', min: -1, max: 17 }), 'inflow[0].ageAtEntry.min', 'age');
  });
});

describe('initial caseload rules', () => {
  it('unknown form', () => {
    expectIssue((m) => (m.initialCaseload[0].form = 'sis'), 'initialCaseload[0].form', 'unknown form');
  });

  it('both count and startDates', () => {
    expectIssue((m) => (m.initialCaseload[1].count = 2), 'initialCaseload[1].startDates', 'not both');
    expectIssue((m) => (m.initialCaseload[0].startDates = ['2025-06-01']), 'initialCaseload[0].startDates', 'not both');
  });

  it('neither count nor startDates', () => {
    expectIssue((m) => delete m.initialCaseload[1].startDates, 'initialCaseload[1].count');
  });

  it('startDates on or after the model start', () => {
    expectIssue((m) => (m.initialCaseload[1].startDates = ['2025-03-14', '2026-02-01']), 'initialCaseload[1].startDates[1]', 'before');
    expectIssue((m) => (m.initialCaseload[1].startDates = ['2026-01-01']), 'initialCaseload[1].startDates[0]', 'before');
  });

  it('a date that is not in the calendar', () => {
    expectIssue((m) => (m.initialCaseload[1].startDates[0] = '2025-02-30'), 'initialCaseload[1].startDates[0]', 'calendar');
    expectIssue((m) => (m.initialCaseload[1].startDates[1] = '2025-13-01'), 'initialCaseload[1].startDates[1]');
    expectIssue((m) => (m.initialCaseload[1].startDates[1] = '2025-3-1'), 'initialCaseload[1].startDates[1]', 'YYYY-MM-DD');
  });

  it('29 February exists in a leap year', () => {
    const m = validModel();
    m.initialCaseload[1].startDates = ['2024-02-29'];
    expect(() => parseModel(m)).not.toThrow();
  });

  it('count must be a whole number and elapsedDays not negative', () => {
    expectIssue((m) => (m.initialCaseload[0].count = 2.5), 'initialCaseload[0].count');
    expectIssue((m) => (m.initialCaseload[0].elapsedDays = -1), 'initialCaseload[0].elapsedDays');
  });
});

describe('horizon and start', () => {
  it.each([0, 241, 12.5, -12])('horizonMonths %s is rejected', (h) => {
    expectIssue((m) => (m.horizonMonths = h), 'horizonMonths');
  });

  it.each([1, 240])('horizonMonths %s is accepted', (h) => {
    const m = validModel();
    m.horizonMonths = h;
    expect(() => parseModel(m)).not.toThrow();
  });

  it.each(['2026-13', '2026-1', '2026-00', '26-01', '2026-01-01', '2026/01'])('start %s is rejected', (s) => {
    expectIssue((m) => (m.start = s), 'start', 'YYYY-MM');
  });

  it('version must be 1', () => {
    expectIssue((m) => (m.version = 2), 'version');
  });

  it('budget years must be YYYY and amounts not negative', () => {
    expectIssue((m) => (m.budget['2028'] = -1), 'budget.2028');
    // The issue names the offending key. (The schema's own message 'budget years must be YYYY' is not what
    // zod reports for a bad record key, so only the path is asserted here.)
    expectIssue((m) => (m.budget['år 2028'] = 1), 'budget.år 2028');
  });
});

describe('the start month', () => {
  it('is a month of a calendar the engine covers, so that no period is named "10000"', () => {
    expectIssue((m) => (m.start = '9999-06'), 'start', 'must be a month between 1900-01 and 2200-12');
    expectIssue((m) => (m.start = '1899-12'), 'start', 'must be a month between 1900-01 and 2200-12');
    const m = validModel();
    m.start = '2200-12';
    expect(() => parseModel(m)).not.toThrow();
  });
});

describe('an effect or an inline option that matches no shape', () => {
  it('names the effect types for an unknown or missing type, not the distributions', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'lengthOfStay');
    const j = effectIndex(m0, o, 'lengthOfStay');
    const list = '"cost", "inflow", "lengthOfStay", "dailyCost", "mixShift", "addForm"';
    expectIssue((m) => (m.options[o].effects[j].type = 'teleport'), `options[${o}].effects[${j}].type`, `must be one of ${list}`);
    expectIssue((m) => delete m.options[o].effects[j].type, `options[${o}].effects[${j}].type`, `must be one of ${list}`);
  });

  it("reaches into a scenario's inline option down to the field", () => {
    const issues = (options: unknown[]) => {
      const r = Scenario.safeParse({ id: 's', label: 'S', options });
      return r.success ? [] : toFieldIssues(r.error);
    };
    const effect = { type: 'lengthOfStay', forms: ['hvb'], multiplier: '0,9' };
    expect(issues([{ id: 'o', label: 'O', effects: [effect] }])).toEqual([
      { path: 'options[0].effects[0].multiplier', message: expect.stringContaining('must be a number or a distribution') },
    ]);
    expect(issues([{ id: 'o', label: 'O', effects: [{ type: 'teleport' }] }])).toEqual([
      { path: 'options[0].effects[0].type', message: expect.stringContaining('must be one of "cost"') },
    ]);
    expect(issues([5])).toEqual([
      { path: 'options[0]', message: expect.stringContaining('must be the id of a model option or an option object') },
    ]);
  });
});

describe('option effects referencing unknown forms and segments', () => {
  it('lengthOfStay.forms', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'lengthOfStay');
    const j = effectIndex(m0, o, 'lengthOfStay');
    expectIssue((m) => (m.options[o].effects[j].forms = ['hvb', 'sis']), `options[${o}].effects[${j}].forms[1]`, 'unknown form');
  });

  it('dailyCost.forms', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'dailyCost');
    const j = effectIndex(m0, o, 'dailyCost');
    expectIssue((m) => (m.options[o].effects[j].forms = ['sis']), `options[${o}].effects[${j}].forms[0]`, 'unknown form');
  });

  it('inflow.segment', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'inflow');
    const j = effectIndex(m0, o, 'inflow');
    expectIssue((m) => (m.options[o].effects[j].segment = 'aldre'), `options[${o}].effects[${j}].segment`, 'unknown segment');
  });

  it('mixShift.from', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'mixShift');
    const j = effectIndex(m0, o, 'mixShift');
    expectIssue((m) => (m.options[o].effects[j].from = 'sis'), `options[${o}].effects[${j}].from`, 'unknown form');
  });

  it('mixShift.to', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'mixShift');
    const j = effectIndex(m0, o, 'mixShift');
    expectIssue((m) => (m.options[o].effects[j].to = 'sis'), `options[${o}].effects[${j}].to`, 'unknown form');
  });

  it('mixShift to a form of another segment', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'mixShift');
    const j = effectIndex(m0, o, 'mixShift');
    expectIssue((m) => (m.options[o].effects[j].to = 'vuxen_hvb'), `options[${o}].effects[${j}].to`, 'not in segment');
  });

  it('mixShift.segment unknown', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'mixShift');
    const j = effectIndex(m0, o, 'mixShift');
    expectIssue((m) => (m.options[o].effects[j].segment = 'aldre'), `options[${o}].effects[${j}].segment`, 'unknown segment');
  });

  it('addForm.takes.from', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'addForm');
    const j = effectIndex(m0, o, 'addForm');
    expectIssue((m) => (m.options[o].effects[j].takes.from = ['hvb', 'sis']), `options[${o}].effects[${j}].takes.from[1]`, 'unknown form');
  });

  it('addForm.form.overflowTo', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'addForm');
    const j = effectIndex(m0, o, 'addForm');
    expectIssue((m) => (m.options[o].effects[j].form.overflowTo = 'sis'), `options[${o}].effects[${j}].form.overflowTo`, 'unknown form');
  });

  it('addForm.form.segment unknown', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'addForm');
    const j = effectIndex(m0, o, 'addForm');
    expectIssue((m) => (m.options[o].effects[j].form.segment = 'aldre'), `options[${o}].effects[${j}].form.segment`, 'unknown segment');
  });

  it('addForm form id colliding with a base form', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'addForm');
    const j = effectIndex(m0, o, 'addForm');
    expectIssue((m) => (m.options[o].effects[j].form.id = 'familjehem'), `options[${o}].effects[${j}].form.id`, 'already used');
  });

  it('addForm form without overflowTo although it has a capacity', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'addForm');
    const j = effectIndex(m0, o, 'addForm');
    expectIssue((m) => (m.options[o].effects[j].form.overflowTo = null), `options[${o}].effects[${j}].form.overflowTo`, 'required');
  });

  it('sellFreePlaces needs a capacity', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'addForm');
    const j = effectIndex(m0, o, 'addForm');
    expectIssue(
      (m) => {
        m.options[o].effects[j].form.capacity = null;
        m.options[o].effects[j].form.overflowTo = null;
      },
      `options[${o}].effects[${j}].sellFreePlaces`,
      'capacity',
    );
  });

  it('unknown effect type', () => {
    expectIssue((m) => (m.options[1].effects[0] = { type: 'magic', perYear: 1 }), 'options[1].effects[0].type');
  });

  it('duplicate option ids', () => {
    expectIssue((m) => (m.options[1].id = 'controller'), 'options', 'more than once');
  });

  it('fromMonth must be a whole month inside the horizon range', () => {
    expectIssue((m) => (m.options[1].effects[1].fromMonth = 2.5), 'options[1].effects[1].fromMonth');
    expectIssue((m) => (m.options[1].effects[1].fromMonth = -1), 'options[1].effects[1].fromMonth');
  });
});

describe('value ranges of effect magnitudes and prices', () => {
  it('share outside [0, 1]: mixShift share uniform 0..1.5', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'mixShift');
    const j = effectIndex(m0, o, 'mixShift');
    expectIssue(
      (m) => (m.options[o].effects[j].share = { type: 'uniform', min: 0, max: 1.5 }),
      `options[${o}].effects[${j}].share.max`,
      'share between 0 and 1',
    );
  });

  it('share outside [0, 1]: addForm takes.share and sellFreePlaces.utilisation', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'addForm');
    const j = effectIndex(m0, o, 'addForm');
    expectIssue((m) => (m.options[o].effects[j].takes.share = 1.2), `options[${o}].effects[${j}].takes.share`, 'share');
    expectIssue(
      (m) => (m.options[o].effects[j].sellFreePlaces.utilisation = { type: 'uniform', min: -0.1, max: 0.5 }),
      `options[${o}].effects[${j}].sellFreePlaces.utilisation.min`,
      'share',
    );
  });

  it('negative multiplier', () => {
    const m0 = validModel();
    const o = optionWith(m0, 'lengthOfStay');
    const j = effectIndex(m0, o, 'lengthOfStay');
    expectIssue((m) => (m.options[o].effects[j].multiplier = -0.5), `options[${o}].effects[${j}].multiplier`, 'multiplier');
  });

  it('unbounded normal used for a price, clearly able to go negative: path names dailyCost', () => {
    // mean 1000, sd 500: P(price < 0) = Phi(-2) = 2.3%.
    expectIssue((m) => (m.forms[0].dailyCost = { type: 'normal', mean: 1000, sd: 500 }), 'forms[0].dailyCost', 'SEK');
  });

  it('the same normal bounded below at 0 is accepted', () => {
    const m = validModel();
    m.forms[0].dailyCost = { type: 'normal', mean: 1000, sd: 500, min: 0 };
    expect(() => parseModel(m)).not.toThrow();
  });

  it('unbounded normal price whose negative draws are rare but reachable by the sampler is rejected', () => {
    // mean 3500, sd 800, no min: P(price < 0) = Phi(-4.375) = 6.1e-6 per trial draw. The stream's smallest
    // uniform is 2^-33, i.e. z = -6.4, so the sampler does produce negative prices (about once in 165,000
    // draws; 10,000 trials x 20 forms is 200,000 draws). Validation must not accept a price that can go negative.
    const price = { type: 'normal' as const, mean: 3500, sd: 800 };
    expect(compileDist(price).quantile(2 ** -33)).toBeLessThan(0); // the premise: negative values are reachable
    expectIssue((m) => (m.forms[0].dailyCost = price), 'forms[0].dailyCost');
  });

  it('negative fixedCostPerYear', () => {
    expectIssue((m) => (m.forms[2].fixedCostPerYear = -1), 'forms[2].fixedCostPerYear');
  });

  it('negative option cost', () => {
    expectIssue((m) => (m.options[1].effects[0].perYear = -5), 'options[1].effects[0].perYear');
  });

  it('annualPriceIncrease outside a plausible yearly change', () => {
    expectIssue((m) => (m.annualPriceIncrease = 3), 'annualPriceIncrease');
  });
});

describe('unknown keys are rejected, not ignored', () => {
  it('a typo in a form field (lenghtOfStayDays)', () => {
    const issues = expectIssue(
      (m) => {
        m.forms[0].lenghtOfStayDays = m.forms[0].lengthOfStayDays;
        delete m.forms[0].lengthOfStayDays;
      },
      'forms[0]',
      'lenghtOfStayDays',
    );
    // the missing real field is reported too
    expect(issues.some((i) => i.path === 'forms[0].lengthOfStayDays')).toBe(true);
  });

  it('an extra key alongside a correct one', () => {
    expectIssue((m) => (m.forms[1].lenghtOfStayDays = 10), 'forms[1]', 'lenghtOfStayDays');
  });

  it('a typo inside a Dist', () => {
    expectIssue((m) => {
      m.forms[0].lengthOfStayDays = { type: 'lognormal', median: 180, p09: 600 };
    }, 'forms[0].lengthOfStayDays');
  });

  it('a typo at the top level', () => {
    expectIssue((m) => (m.horizonMonth = 12), '', 'horizonMonth');
  });

  it('a typo in an effect', () => {
    expectIssue((m) => (m.options[1].effects[1].rampMonth = 3), 'options[1].effects[1]', 'rampMonth');
  });
});

describe('non-objects', () => {
  it.each([null, 42, 'model', [], true])('%s is a ValidationError', (input) => {
    expect(issuesOf(input).length).toBeGreaterThan(0);
  });
});
