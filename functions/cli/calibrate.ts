/**
 * `npm run calibrate -- --records FILE [...]`: turns placement records (model-spec section 6) into a model
 * (model-spec v1) and a fit report. The model goes to --out (default stdout), the report JSON to --report, and
 * the readable report table to stderr. Exit 0 on success, 2 on invalid input (every bad row with its row
 * number and column, or the option at fault), 1 on anything else.
 */
import { DecimalWhole } from '../decimal-text.js';
import { InputError, parseOptions, readTextFile, runCli } from './common.js';
import { checkDistinct, checkWritable, writeOutput } from './output-file.js';
import { badRowsMessage, skippedRowsLine } from './bad-rows.js';
import { z } from 'zod';
import { calibrate, CalibrationOptionError } from '../../simulation/calibration/calibrate.js';
import { linkEpisodes, parseRecords } from '../../simulation/calibration/records.js';
import { isRealDate } from '../../simulation/schema.js';
import { fitReportTable } from '../../presentation/fit-report.js';

const USAGE = `Användning / usage: npm run calibrate -- --records FILE [options]

  --records FILE       placement records (model-spec section 6, CSV)        required
  --from DATE          first day of the data window, YYYY-MM-DD            default: first start date
  --to DATE            last day of the data window, YYYY-MM-DD             default: the last start date, or a
                       later end date in its month (later end dates are planned ends: ongoing)
  --start YYYY-MM      model start month, not before --from's month        default: the month after --to
                       (inside the data: the caseload is those in care on its first day)
  --horizon MONTHS     model horizon, 1..240                               default 60
  --out FILE           write the model JSON to FILE instead of stdout
  --report FILE        also write the fit report as JSON to FILE
  --skip-bad-rows      drop bad rows (and say how many) instead of failing
  --lang L             report table language: sv | en                      default sv
  --help               this text
`;

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isRealDate, 'is not a real date');

const Args = z
  .object({
    records: z.string({ error: 'is required' }).min(1, 'is required'),
    from: Day.optional(),
    to: Day.optional(),
    start: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
      .optional(),
    horizon: DecimalWhole.pipe(z.number().min(1, 'must be at least 1').max(240, 'must be at most 240')).optional(),
    out: z.string().min(1, 'is empty: give a file name').optional(),
    report: z.string().min(1, 'is empty: give a file name').optional(),
    'skip-bad-rows': z.boolean().default(false),
    lang: z.enum(['sv', 'en'], { error: 'must be sv or en' }).default('sv'),
  })
  .refine((a) => a.from === undefined || a.to === undefined || a.from <= a.to, { path: ['to'], message: 'must not be before --from' });

const TEXT = {
  sv: {
    wrote: (what: string, file: string) => `Skrev ${what} till ${file}.`,
    model: 'modellen',
    report: 'rapporten',
  },
  en: {
    wrote: (what: string, file: string) => `Wrote ${what} to ${file}.`,
    model: 'the model',
    report: 'the report',
  },
} as const;

const OPTIONS = {
  records: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  start: { type: 'string' },
  horizon: { type: 'string' },
  out: { type: 'string' },
  report: { type: 'string' },
  'skip-bad-rows': { type: 'boolean' },
  lang: { type: 'string' },
} as const;

function main(argv: string[]): number {
  const args = parseOptions(argv, OPTIONS, Args, USAGE);
  if (args === null) return 0;
  const t = TEXT[args.lang];
  // Both files before any work, so that neither is written when the other cannot be.
  if (args.out) checkWritable('out', args.out);
  if (args.report) checkWritable('report', args.report);
  checkDistinct(['out', args.out], ['report', args.report]);
  const text = readTextFile('records', args.records);
  const parsed = parseRecords(text, { skipBadRows: args['skip-bad-rows'] });
  if (parsed.problems.length > 0) throw new InputError(badRowsMessage(parsed.problems, parsed.problemCount, args.lang));
  if (parsed.skipped > 0) process.stderr.write(skippedRowsLine(parsed.skipped, args.lang));

  let result: ReturnType<typeof calibrate>;
  try {
    result = calibrate(linkEpisodes(parsed.records), {
      from: args.from,
      to: args.to,
      start: args.start,
      horizonMonths: args.horizon,
    });
  } catch (e) {
    // What calibrate refuses (no episodes in the window, a window that does not fit) is the caller's input.
    if (e instanceof CalibrationOptionError) throw new InputError(`--${e.option}: ${e.message}`);
    if (e instanceof RangeError) throw new InputError(e.message);
    throw e;
  }
  const { model, report } = result;

  const modelJson = JSON.stringify(model, null, 2) + '\n';
  if (args.out) {
    writeOutput('out', args.out, modelJson);
  } else {
    process.stdout.write(modelJson);
  }
  if (args.report) writeOutput('report', args.report, JSON.stringify(report, null, 2) + '\n');
  process.stderr.write(fitReportTable(report, args.lang));
  if (args.out) process.stderr.write(`${t.wrote(t.model, args.out)}\n`);
  if (args.report) process.stderr.write(`${t.wrote(t.report, args.report)}\n`);
  return 0;
}

runCli(main);
