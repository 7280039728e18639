/**
 * The labels a summary shows for scenarios (presentation/scenario-label.ts): the product's own two, the baseline
 * and the year-end forecast's usual method, in the summary's language; anything the user named, as the user wrote
 * it. An English table said "Nuläge" and "Inga nya placeringar (vanlig prognosmetod)".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioLabel } from '../../presentation/scenario-label.js';
import { toTable } from '../../presentation/table.js';
import { simulate } from '../../simulation/index.js';
import { parseModel } from '../../simulation/schema.js';
import { yearEndScenarios } from '../../simulation/year-end.js';

describe('scenarioLabel', () => {
  it('names the product’s own scenarios in the language asked for', () => {
    expect(scenarioLabel({ id: 'baseline', label: 'Nuläge' }, 'sv')).toBe('Nuläge');
    expect(scenarioLabel({ id: 'baseline', label: 'Nuläge' }, 'en')).toBe('Today');
    const usual = { id: 'inga-nya-placeringar', label: 'Inga nya placeringar (vanlig prognosmetod)' };
    expect(scenarioLabel(usual, 'sv')).toBe('Inga nya placeringar (vanlig prognosmetod)');
    expect(scenarioLabel(usual, 'en')).toBe('No new placements (usual forecasting method)');
  });

  it('keeps the user’s own labels, also on a baseline the user named', () => {
    expect(scenarioLabel({ id: 'baseline', label: 'Vårt nuläge 2026' }, 'en')).toBe('Vårt nuläge 2026');
    expect(scenarioLabel({ id: 'hvb_egen', label: 'Egen HVB' }, 'en')).toBe('Egen HVB');
    expect(scenarioLabel({ id: 'inga-nya-placeringar', label: 'Stopp' }, 'en')).toBe('Stopp');
  });
});

describe('the year-end table in English', () => {
  const model = parseModel(JSON.parse(readFileSync(new URL('../../examples/arsprognos-november.json', import.meta.url), 'utf8')));
  const result = simulate({ model, scenarios: yearEndScenarios(model), trials: 50, seed: 2 });

  it('names both blocks in English, while the result keeps the engine’s labels', () => {
    expect(result.scenarios.map((s) => s.label)).toEqual(['Nuläge', 'Inga nya placeringar (vanlig prognosmetod)']);
    const en = toTable(result, { lang: 'en' });
    expect(en).toMatch(/^Today$/m);
    expect(en).toMatch(/^No new placements \(usual forecasting method\) \(compared with baseline\)$/m);
    expect(en).not.toMatch(/Nuläge|Inga nya|vanlig/);
    const sv = toTable(result, { lang: 'sv' });
    expect(sv).toMatch(/^Nuläge$/m);
    expect(sv).toMatch(/^Inga nya placeringar \(vanlig prognosmetod\) \(jämfört med nuläge\)$/m);
  });
});
