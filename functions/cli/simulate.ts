/**
 * `npm run simulate -- --model FILE [...]`: runs a comparison on this machine's cores and prints it.
 * Exit 0 on success, 2 on invalid input (with the field path on stderr), 1 on anything else.
 *
 * This entry answers `--help` itself, from node:util alone, and otherwise loads simulate-run.ts (the engine, zod,
 * the thread pool), which parses and checks the options again and reports any problem with them: loading those
 * took most of the time a `--help` took (in the build, dist/simulate.js, the import becomes a chunk of its own).
 */
import { parseArgs } from 'node:util';
import { OPTIONS, USAGE } from './simulate-usage.js';
import { endQuietlyWhenOutputCloses } from './closed-output.js';

function asksForHelp(argv: string[]): boolean {
  try {
    return (
      parseArgs({ args: argv, strict: true, allowPositionals: false, options: { ...OPTIONS, help: { type: 'boolean' } } }).values.help ===
      true
    );
  } catch {
    return false; // a bad option: simulate-run.ts reports it, with the usage
  }
}

if (asksForHelp(process.argv.slice(2))) {
  endQuietlyWhenOutputCloses();
  process.stdout.write(USAGE);
} else await import('./simulate-run.js');
