/**
 * `npm run backtest -- --records FILE --cutoff DATE [--years N]`: calibrates on the records as known at the cutoff,
 * simulates the following years and compares what really happened with the simulated P10–P90 band.
 * Exit 0 on success, 2 on invalid input (with the row/column or option on stderr), 1 on anything else.
 */
import { DecimalWhole } from '../decimal-text.js';
import { InputError, parseOptions, readTextFile, runCli } from './common.js';
import { z } from 'zod';
import { Seed, Trials } from '../../simulation/index.js';
import { linkEpisodes, parseRecords } from '../../simulation/calibration/records.js';
import { backtest, BACKTEST_DEFAULT_SEED, BACKTEST_DEFAULT_TRIALS, type BacktestResult } from '../../simulation/calibration/backtest.js';

const USAGE = `Användning / usage: npm run backtest -- --records FILE --cutoff DATE [options]

  --records FILE       placement records (CSV, model-spec section 6)        required
  --cutoff DATE        last day the calibration may see, YYYY-MM-DD         required
  --years N            years simulated and compared after the cutoff        default 3
  --trials N           number of trials, 1..1000000                         default ${BACKTEST_DEFAULT_TRIALS}
  --seed S             random seed, a whole number >= 0                     default ${BACKTEST_DEFAULT_SEED}
  --skip-bad-rows      drop bad rows (and say how many) instead of failing
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
  json: z.boolean().default(false),
});

const OPTIONS = {
  records: { type: 'string' },
  cutoff: { type: 'string' },
  years: { type: 'string' },
  trials: { type: 'string' },
  seed: { type: 'string' },
  'skip-bad-rows': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const int = (x: number): string =>
  Math.round(x)
    .toLocaleString('sv-SE')
    .replace(/\u00a0/g, ' ');
const kr = (x: number): string => `${(x / 1e6).toLocaleString('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} Mkr`;

function backtestTable(r: BacktestResult): string {
  const head = ['År / year', 'Form', 'Mått / measure', 'Utfall / observed', 'P10', 'P50', 'P90', 'Inom / inside'];
  const body = r.rows.map((x) => {
    const f = x.measure === 'cost' ? kr : int;
    return [
      String(x.year),
      x.form === 'total' ? 'totalt / total' : x.form,
      x.measure === 'cost' ? 'kostnad / cost' : 'vårddygn / care days',
      f(x.observed),
      f(x.p10),
      f(x.p50),
      f(x.p90),
      x.inside ? 'ja / yes' : x.observed < x.p10 ? 'NEJ / no (under)' : 'NEJ / no (över)',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const right = new Set([3, 4, 5, 6]);
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [
    `Backtest: kalibrerat t.o.m. / calibrated up to ${r.cutoff}, modellstart / model start ${r.modelStart}, ` +
      `${r.horizonMonths / 12} år / years, data t.o.m. / data up to ${r.dataEnd}, ${r.trials} försök / trials, seed ${r.seed}`,
    '',
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
    '',
  ];
  if (r.skippedYears.length > 0) {
    out.push(`Ej jämförda år / years not compared (after the data end or not fully observed): ${r.skippedYears.join(', ')}`);
  }
  out.push(
    r.compared === 0
      ? 'Täckning / coverage: – (no full year after the cutoff to compare)'
      : `Täckning / coverage: ${Math.round(r.coverage * 100)} % (${r.inside} of ${r.compared} figures inside P10–P90)`,
  );
  return out.join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
  const args = parseOptions(argv, OPTIONS, Args, USAGE);
  if (args === null) return 0;
  const text = readTextFile('records', args.records);
  const parsed = parseRecords(text, { skipBadRows: args['skip-bad-rows'] });
  if (parsed.problems.length > 0) {
    throw new InputError(
      `--records: ${args.records} has errors:\n${parsed.problems.map((p) => `  row ${p.row}, ${p.column}: ${p.message}`).join('\n')}`,
    );
  }
  if (parsed.skipped > 0) process.stderr.write(`${parsed.skipped} felaktiga rader hoppades över / bad rows skipped\n`);
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
  process.stdout.write(args.json ? JSON.stringify(result) + '\n' : backtestTable(result));
  return 0;
}

runCli(main);
