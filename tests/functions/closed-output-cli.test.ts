/**
 * A command whose standard output is closed by its reader (`npm run simulate -- … | head -3`) ends quietly: exit 0,
 * nothing on standard error, where it used to die on the stream's unhandled EPIPE with a stack trace and exit 1.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliWithClosedStdout } from './cli-process.js';

const SHARED = fileURLToPath(new URL('../../../shared/data/placements-midsize.csv', import.meta.url));
const MODEL = 'examples/reference-midsize.json';

const cases: [string, string, string[]][] = [
  ['simulate, JSON', 'functions/cli/simulate.ts', ['--model', MODEL, '--trials', '50', '--workers', '1', '--format', 'json']],
  [
    'simulate, monthly CSV',
    'functions/cli/simulate.ts',
    ['--model', MODEL, '--trials', '50', '--workers', '1', '--format', 'csv', '--csv-table', 'monthly'],
  ],
  ['simulate --help', 'functions/cli/simulate.ts', ['--help']],
  ['calibrate', 'functions/cli/calibrate.ts', ['--records', SHARED]],
  ['backtest', 'functions/cli/backtest.ts', ['--records', SHARED, '--cutoff', '2022-12-31', '--trials', '20', '--json']],
  ['token --help', 'functions/cli/token.ts', ['--help']],
];

describe('a closed standard output', () => {
  it.each(cases)(
    '%s: ends quietly with exit 0',
    async (_name, script, args) => {
      const r = await runCliWithClosedStdout(script, args);
      // calibrate's fit report goes to stderr on purpose; what must not be there is the stream's error.
      expect(r.stderr).not.toMatch(/EPIPE|node:events|Unhandled/);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(0);
    },
    60_000,
  );
});
