/**
 * `npm run backtest -- --records FILE --cutoff DATE [--years N] [--lang sv|en]`: calibrates on the records as known at the cutoff,
 * simulates the following years and compares what really happened with the simulated P10–P90 band.
 * Exit 0 on success, 2 on invalid input (with the row/column or option on stderr), 1 on anything else.
 */
import { DecimalWhole } from '../decimal-text.js';
import { InputError, parseOptions, readTextFile, runCli } from './common.js';
import { z } from 'zod';
import { Seed, Trials } from '../../simulation/index.js';
import { linkEpisodes, parseRecords } from '../../simulation/calibration/records.js';
import { backtest, BACKTEST_DEFAULT_SEED, BACKTEST_DEFAULT_TRIALS, type BacktestResult } from '../../simulation/calibration/backtest.js';
import { backtestTable } from '../../presentation/backtest-table.js';
import { badRowsMessage, skippedRowsLine } from './bad-rows.js';

const USAGE = `Användning / usage: npm run backtest -- --records FILE --cutoff DATE [options]

  --records FILE       placement records (CSV, model-spec section 6)        required
  --cutoff DATE        last day the calibration may see, YYYY-MM-DD         required
  --years N            years simulated and compared after the cutoff        default 3
  --trials N           number of trials, 1..1000000                         default ${BACKTEST_DEFAULT_TRIALS}
  --seed S             random seed, a whole number >= 0                     default ${BACKTEST_DEFAULT_SEED}
  --skip-bad-rows      drop bad rows (and say how many) instead of failing
  --lang L             table and messages language: sv | en                 default sv
  --json               print the result as JSON instead of a table
  --help               this text
`;

const Args = z.object({
  records: z.string({ error: 'is required' }).min(1, 'is required'),
  cutoff: z.string({ error: 'is required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  years: DecimalWhole.pipe(z.number().min(1, 'must be at least 1').max(50, 'must be at most 50')).default(3),
  trials: DecimalWhole.pipe(Trials).default(BACKTEST_DEFAULT_TRIALS),
  seed: DecimalWhole.pipe(Seed).default(BACKTEST_DEFAULT_SEED),
  'skip-bad-rows': z.boolean().default(false),
  lang: z.enum(['sv', 'en'], { error: 'must be sv or en' }).default('sv'),
  json: z.boolean().default(false),
});

const OPTIONS = {
  records: { type: 'string' },
  cutoff: { type: 'string' },
  years: { type: 'string' },
  trials: { type: 'string' },
  seed: { type: 'string' },
  'skip-bad-rows': { type: 'boolean' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
} as const;

async function main(argv: string[]): Promise<number> {
  const args = parseOptions(argv, OPTIONS, Args, USAGE);
  if (args === null) return 0;
  const text = readTextFile('records', args.records);
  const parsed = parseRecords(text, { skipBadRows: args['skip-bad-rows'] });
  if (parsed.problems.length > 0) throw new InputError(badRowsMessage(parsed.problems, parsed.problemCount, args.lang));
  if (parsed.skipped > 0) process.stderr.write(skippedRowsLine(parsed.skipped, args.lang));
  let result: BacktestResult;
  try {
    result = backtest(linkEpisodes(parsed.records), {
      cutoff: args.cutoff,
      years: args.years,
      trials: args.trials,
      seed: args.seed,
    });
  } catch (e) {
    // The backtest and calibration throw RangeError for input that cannot be used (bad cutoff, no data before it).
    if (e instanceof RangeError) throw new InputError(`${e.message}`);
    throw e;
  }
  process.stdout.write(args.json ? JSON.stringify(result) + '\n' : backtestTable(result, args.lang));
  return 0;
}

runCli(main);
