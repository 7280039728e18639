/**
 * The boundaries between the project's parts are enforced by ESLint (eslint.config.js), which `npm test` runs:
 * these tests show that the rules are there and bite, so a config edit cannot quietly drop them.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('refuse Node modules in the engine, with or without the node: prefix', async () => {
    const found = await restrictedImports(
      'simulation/probe.ts',
      "import { readFileSync } from 'node:fs';\nimport os from 'os';\nexport const x = [readFileSync, os];\n",
    );
    expect(found).toHaveLength(2);
  });

  it('refuse the adapters, the page and the stack in the engine', async () => {
    const code = [
      "import { a } from '../functions/app.js';",
      "import { b } from '../web/main.js';",
      "import { c } from '../infra/stack.js';",
      'export const x = [a, b, c];',
      '',
    ].join('\n');
    expect(await restrictedImports('simulation/calibration/probe.ts', code)).toHaveLength(3);
  });

  it('refuse the adapters in the shared presentation, and allow it the engine', async () => {
    const code = [
      "import { a } from '../functions/app.js';",
      "import { b } from '../simulation/index.js';",
      'export const x = [a, b];',
      '',
    ].join('\n');
    const found = await restrictedImports('presentation/probe.ts', code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/functions/);
  });

  it('let the adapters use Node and the engine', async () => {
    const code =
      "import { readFileSync } from 'node:fs';\nimport { simulate } from '../simulation/index.js';\nexport const x = [readFileSync, simulate];\n";
    expect(await restrictedImports('functions/probe.ts', code)).toEqual([]);
  });

  it('refuse Node modules, Node globals and the adapters in the page, and allow it the engine and the presentation', async () => {
    const code = [
      "import { a } from '../../functions/app.js';",
      "import { readFileSync } from 'node:fs';",
      "import path from 'path';",
      "import { ComparisonResultSchema } from '../../simulation/result.js';",
      "import { formatMsek } from '../../presentation/numbers.js';",
      'export const x = [a, readFileSync, path, ComparisonResultSchema, formatMsek, process.env];',
      '',
    ].join('\n');
    const [result] = await eslint.lintText(code, { filePath: 'web/src/probe.tsx' });
    const rules = result.messages.map((m) => m.ruleId);
    expect(rules.filter((r) => r === 'no-restricted-imports')).toHaveLength(3);
    expect(rules).toContain('no-restricted-globals');
  });
});
