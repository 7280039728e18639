/**
 * The zod schema of the comparison result (model-spec section 5) types the API's answer and the page. It must
 * accept what the engine writes and drop nothing of it: a field the engine writes but the schema lacks would
 * vanish from every parsed result without an error, since the schema's objects are not strict (more fields may
 * be added to the contract).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ComparisonResultSchema, simulate } from '../../simulation/index.js';
import { validModel } from '../fixtures/models.js';

const golden = (name: string) => readFileSync(new URL(`../fixtures/golden/${name}.result.json`, import.meta.url), 'utf8');

describe('ComparisonResultSchema', () => {
  for (const name of ['reference-midsize', 'small-municipality']) {
    it(`parses the golden result of ${name} without dropping or reordering a field`, () => {
      const raw = golden(name);
      const parsed = ComparisonResultSchema.parse(JSON.parse(raw));
      expect(JSON.stringify(parsed) + '\n').toBe(raw);
    });
  }

  it('parses a freshly simulated result with options and break-even, dropping nothing', () => {
    const result = simulate({ model: validModel(), trials: 50, seed: 5 });
    expect(result.scenarios.some((s) => s.breakEven)).toBe(true);
    expect(JSON.stringify(ComparisonResultSchema.parse(result))).toBe(JSON.stringify(result));
  });

  it('would notice a field the engine writes but the schema lacks', () => {
    const result = JSON.parse(golden('small-municipality'));
    result.scenarios[0].periods.total.careDays.total.p95 = 1;
    expect(JSON.stringify(ComparisonResultSchema.parse(result))).not.toBe(JSON.stringify(result));
  });

  it('refuses a result that lacks a contract field or has one of the wrong type', () => {
    const missing = JSON.parse(golden('small-municipality'));
    delete missing.scenarios[1].periods['2026'].delta.probSaving;
    expect(ComparisonResultSchema.safeParse(missing).success).toBe(false);
    const wrong = JSON.parse(golden('small-municipality'));
    wrong.scenarios[0].periods.total.occupancy = { hvb: '0.9' };
    expect(ComparisonResultSchema.safeParse(wrong).success).toBe(false);
  });
});
