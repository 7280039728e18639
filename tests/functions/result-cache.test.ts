/**
 * What the routes keep of finished results: the LRU bounded by bytes, its single making of a missing value,
 * and probability tables, which answer exactly as probabilityAtMost does from the parsed text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProbabilityTables } from '../../functions/services/probability-tables.js';
import { LruCache } from '../../functions/services/result-cache.js';
import { finishRun, probabilityAtMost, type Distributions } from '../../functions/services/runs.js';
import { prepareRun, runTrials } from '../../simulation/index.js';
import { Histogram } from '../../simulation/sketch.js';

describe('LruCache', () => {
  it('drops the least recently used first once over its bytes, and never keeps a value larger than all of it', () => {
    const cache = new LruCache<string>(10, (v) => v.length);
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    expect(cache.get('a')).toBe('aaaa'); // a is now the most recent
    cache.set('c', 'cccc');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaa');
    expect(cache.get('c')).toBe('cccc');
    cache.set('big', 'x'.repeat(11));
    expect(cache.get('big')).toBeUndefined();
  });

  it('makes a missing value once for concurrent requests, and keeps nothing when making fails', async () => {
    const cache = new LruCache<string>(100, (v) => v.length);
    let made = 0;
    const make = async () => {
      made++;
      await new Promise((ok) => setTimeout(ok, 10));
      return 'value';
    };
    expect(await Promise.all([1, 2, 3].map(() => cache.getOrMake('k', make)))).toEqual(['value', 'value', 'value']);
    expect(await cache.getOrMake('k', make)).toBe('value');
    expect(made).toBe(1);
    await expect(cache.getOrMake('bad', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await cache.getOrMake('bad', async () => 'later')).toBe('later');
  });
});

describe('ProbabilityTables', () => {
  const model = JSON.parse(readFileSync(new URL('../../examples/small-municipality.json', import.meta.url), 'utf8')) as unknown;
  const prepared = prepareRun({ model, trials: 400, seed: 5 });
  const text = JSON.stringify(finishRun(prepared, runTrials(prepared, 0, 400).partial).distributions);
  const distributions = JSON.parse(text) as Distributions;

  it('answers as probabilityAtMost at every bin value, between them, outside them and at zero', () => {
    const tables = ProbabilityTables.parse(text, 'baseline');
    let asked = 0;
    for (const [scenario, periods] of Object.entries(distributions)) {
      for (const [period, h] of Object.entries(periods)) {
        const values = h.keys.map((k) => (h.exact ? k : Histogram.valueOfBin(k)));
        const thresholds = [
          0,
          -1,
          values[0] - 1,
          values.at(-1)! + 1,
          ...values,
          ...values.map((v) => v + 0.25),
          ...values.map((v) => v - 0.25),
        ];
        // A fresh parse per histogram for the reference, as the route made one per request before it cached.
        const reference = JSON.parse(text) as Distributions;
        for (const t of thresholds) {
          expect(tables.atMost(scenario, period, t), `${scenario} ${period} ${t}`).toBe(probabilityAtMost(reference, scenario, period, t));
          asked++;
        }
      }
    }
    expect(asked).toBeGreaterThan(1000);
  });

  it('counts the outcome to date in the start year, as the result does, and nowhere else', () => {
    const booked = 5_000_000;
    const start = (model as { start: string }).start.slice(0, 4);
    const withBooked = prepareRun({ model: { ...(model as object), outcomeToDate: { [start]: booked } }, trials: 400, seed: 5 });
    const finished = finishRun(withBooked, runTrials(withBooked, 0, 400).partial);
    const tables = ProbabilityTables.parse(JSON.stringify(finished.distributions), 'baseline');
    const plain = ProbabilityTables.parse(text, 'baseline');
    let asked = 0;
    for (const [scenario, periods] of Object.entries(distributions)) {
      for (const [period, h] of Object.entries(periods)) {
        const shift = period === start ? booked : 0;
        for (const v of h.keys.map((k) => (h.exact ? k : Histogram.valueOfBin(k)))) {
          expect(tables.atMost(scenario, period, v + shift), `${scenario} ${period} ${v}`).toBe(plain.atMost(scenario, period, v));
          asked++;
        }
      }
    }
    expect(asked).toBeGreaterThan(500);
    // The budget question asked of the distributions agrees with the result's own budget figure.
    const year = finished.result.scenarios[0].periods[start];
    expect(year.budget).toBeDefined();
    expect(1 - tables.atMost('baseline', start, year.budget!.amount)!).toBeCloseTo(year.budget!.probExceed, 2);
  });

  it('is null for a scenario or period the run does not have, inherited names included', () => {
    const tables = ProbabilityTables.parse(text, 'baseline');
    const [scenario, periods] = Object.entries(distributions)[0];
    expect(tables.atMost('no-such', Object.keys(periods)[0], 1)).toBeNull();
    expect(tables.atMost(scenario, '1999', 1)).toBeNull();
    expect(tables.atMost('constructor', 'toString', 1)).toBeNull();
    expect(tables.atMost(scenario, '__proto__', 1)).toBeNull();
  });
});
