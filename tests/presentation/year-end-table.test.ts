/**
 * The year-end forecast at the head of the table (presentation/table.ts): the line on the usual method says its
 * unit, as the page's sentence does; it read "underskattar året med 1,02 (95 % KI 1,00–1,04)".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toTable } from '../../presentation/table.js';
import { simulate } from '../../simulation/index.js';
import { parseModel } from '../../simulation/schema.js';
import { yearEndScenarios } from '../../simulation/year-end.js';

const model = parseModel(JSON.parse(readFileSync(new URL('../../examples/arsprognos-november.json', import.meta.url), 'utf8')));
const result = simulate({ model, scenarios: yearEndScenarios(model), trials: 50, seed: 2 });

describe('the year-end table', () => {
  it('gives the understatement in mkr (Swedish) and MSEK (English)', () => {
    expect(toTable(result, { lang: 'sv' })).toMatch(
      /^ {2}Den vanliga metoden underskattar året med \d+,\d+ mkr \(95 % KI \d+,\d+–\d+,\d+\)$/m,
    );
    expect(toTable(result, { lang: 'en' })).toMatch(
      /^ {2}The usual method understates the year by \d+\.\d+ MSEK \(95% CI \d+\.\d+–\d+\.\d+\)$/m,
    );
  });
});
