/**
 * `npm run simulate`'s work, loaded by simulate.ts for anything but `--help`: the options checked, the comparison
 * run on this machine's cores and printed. Exit 0 on success, 2 on invalid input (with the field path on stderr),
 * 1 on anything else.
 */
import { DecimalWhole } from '../decimal-text.js';
import { InputError, parseOptions, readTextFile, runCli } from './common.js';
import { z } from 'zod';
import { DEFAULT_SEED, DEFAULT_TRIALS, Seed, Trials } from '../../simulation/index.js';
import { runLocally } from '../executors/local.js';
import { OPTIONS, USAGE } from './simulate-usage.js';
import { checkWritable, writeOutput } from './output-file.js';
import { progressBar } from './progress-bar.js';
import { toCsv } from '../../presentation/csv.js';
import { parameterLabel } from '../../presentation/parameter-labels.js';
import { toTable } from '../../presentation/table.js';
import { Model, parseWith, ValidationError } from '../../simulation/schema.js';
import { forecastYear, lacksOutcomeToDate, yearEndScenarios } from '../../simulation/year-end.js';

const Args = z.object({
  model: z.string({ error: 'is required' }).min(1, 'is required'),
  scenarios: z.string().optional(),
  'year-end': z.boolean().default(false),
  trials: DecimalWhole.pipe(Trials).default(DEFAULT_TRIALS),
  seed: DecimalWhole.pipe(Seed).default(DEFAULT_SEED),
  format: z.enum(['table', 'json', 'csv'], { error: 'must be table, json or csv' }).default('table'),
  out: z.string().min(1, 'is empty: give a file name').optional(),
  workers: DecimalWhole.pipe(z.number().min(1, 'must be at least 1').max(256, 'must be at most 256')).optional(),
  'chunk-size': DecimalWhole.pipe(z.number().min(1, 'must be at least 1')).optional(),
  lang: z.enum(['sv', 'en'], { error: 'must be sv or en' }).default('sv'),
  locale: z.enum(['sv', 'en'], { error: 'must be sv or en' }).default('sv'),
  'csv-table': z.enum(['periods', 'monthly', 'delta'], { error: 'must be periods, monthly or delta' }).default('periods'),
});

function readJson(option: string, file: string): unknown {
  const text = readTextFile(option, file);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`--${option}: ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * The model of a year-end forecast, parsed (its field paths under `model.`, as the run reports them), refused when
 * it starts after January without what the year booked before: the page's year-end screen asks for that amount
 * before it forecasts, and without it the year would read as costing only its last months.
 */
function yearEndModel(input: unknown): Model {
  const model = parseWith(Model, input, ['model']);
  if (lacksOutcomeToDate(model)) {
    const year = forecastYear(model);
    throw new ValidationError([
      {
        path: 'model.outcomeToDate',
        message:
          `--year-end behöver det som är bokfört ${year} före ${model.start}, eftersom modellen börjar efter januari ` +
          `/ --year-end needs what ${year} booked before ${model.start}, as the model starts after January: ` +
          `"outcomeToDate": { "${year}": <SEK> } (0 if nothing is booked)`,
      },
    ]);
  }
  return model;
}

async function main(argv: string[]): Promise<number> {
  const args = parseOptions(argv, OPTIONS, Args, USAGE);
  if (args === null) return 0;
  // Before the simulation, not after it: a path that cannot be written is refused at once.
  if (args.out) checkWritable('out', args.out);
  const model = readJson('model', args.model);
  if (args['year-end'] && args.scenarios !== undefined) {
    throw new InputError('--year-end: makes its own two scenarios (the model, and no new placements); leave out --scenarios');
  }
  // The year-end scenarios are built from the model's segments, so a model that does not parse stops here with its fields.
  const scenarios = args['year-end']
    ? yearEndScenarios(yearEndModel(model))
    : args.scenarios === undefined
      ? undefined
      : readJson('scenarios', args.scenarios);

  const bar = progressBar(args.lang, process.stderr);
  bar?.start(args.trials, 0);
  let output: string;
  try {
    const { result } = await runLocally(
      { model, scenarios, trials: args.trials, seed: args.seed },
      { workers: args.workers, chunkSize: args['chunk-size'], onProgress: (done) => bar?.update(done) },
    );
    bar?.stop();
    const name = (model as { name?: string }).name;
    // The run has accepted the model: parsing it again only gives the table's parameters the model's words.
    const checked = parseWith(Model, model);
    output =
      args.format === 'json'
        ? JSON.stringify(result) + '\n'
        : args.format === 'csv'
          ? toCsv(result, { table: args['csv-table'], locale: args.locale })
          : toTable(result, {
              lang: args.lang,
              modelName: name,
              parameterLabel: (path) => parameterLabel(path, checked, args.lang),
            });
  } finally {
    bar?.stop();
  }
  if (args.out) {
    writeOutput('out', args.out, output);
  } else {
    process.stdout.write(output);
  }
  return 0;
}

runCli(main);
