/**
 * Spreadsheets read the CSV by column name and by value: the same result must give the same bytes after any
 * refactoring of the presentation. The golden results (tests/fixtures/golden) are rendered in every table and
 * locale and compared with the CSV recorded before; the long monthly tables by digest.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toCsv, type CsvTable } from '../../presentation/csv.js';
import type { ComparisonResult } from '../../simulation/index.js';

const golden = (name: string): ComparisonResult =>
  JSON.parse(readFileSync(new URL(`../fixtures/golden/${name}.result.json`, import.meta.url), 'utf8'));

describe('CSV of the golden results', () => {
  for (const name of ['reference-midsize', 'small-municipality']) {
    const result = golden(name);
    for (const table of ['periods', 'delta', 'monthly'] as CsvTable[]) {
      for (const locale of ['sv', 'en'] as const) {
        it(`gives the recorded ${table} table of ${name} in ${locale}`, () => {
          const text = toCsv(result, { table, locale });
          if (table === 'monthly') expect(createHash('sha256').update(text).digest('hex')).toMatchSnapshot();
          else expect(text).toMatchSnapshot();
        });
      }
    }
  }
});
