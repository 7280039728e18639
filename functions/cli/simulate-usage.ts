/**
 * `npm run simulate`'s options and usage text, in a module that imports nothing heavy (node:util's option types
 * and node:os, no zod, engine or thread pool), so that `--help` is answered without loading them (simulate.ts).
 */
import { DEFAULT_SEED, DEFAULT_TRIALS, MAX_TRIALS } from '../../simulation/run-defaults.js';
import { defaultWorkers } from '../executors/default-workers.js';

export const USAGE = `Användning / usage: npm run simulate -- --model FILE [options]

  --model FILE         model (model-spec v1, JSON)                          required
  --scenarios FILE     JSON list of {id, label, options: [id | option]}     default: baseline + one per option
  --year-end           year-end forecast (årsprognos): the model as it stands beside
                       "no new placements start" (instead of --scenarios)
  --trials N           number of trials, 1..${MAX_TRIALS}                         default ${DEFAULT_TRIALS}
  --seed S             random seed, a whole number >= 0                     default ${DEFAULT_SEED}
  --format F           table | json | csv                                   default table
  --out PATH           write the output to PATH instead of stdout
  --workers N          worker threads                                       default: number of cores (${defaultWorkers()})
  --chunk-size K       trials per chunk                                     default: 2 per worker, 1 on one
  --lang L             table language: sv | en                             default sv
  --locale L           csv: sv (; and decimal comma, BOM) | en (, and .)    default sv
  --csv-table T        csv table: periods | monthly | delta                 default periods
  --help               this text
`;

export const OPTIONS = {
  model: { type: 'string' },
  scenarios: { type: 'string' },
  'year-end': { type: 'boolean' },
  trials: { type: 'string' },
  seed: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  workers: { type: 'string' },
  'chunk-size': { type: 'string' },
  lang: { type: 'string' },
  locale: { type: 'string' },
  'csv-table': { type: 'string' },
} as const;
