/**
 * What every command line shares: options parsed with node's parseArgs and checked with zod, files read with a
 * message that names the option, and one mapping of errors to exit codes (0 done, 2 bad input, 1 anything else).
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { ValidationError } from '../../simulation/schema.js';
import { decodeUtf8, hexByte } from '../../simulation/utf8.js';
import { endQuietlyWhenOutputCloses } from './closed-output.js';

/** Bad input, reported with the option, field or row it concerns: exit 2. */
export class InputError extends Error {}

/** The checked options, or null when --help was asked for (the usage is then printed). */
export function parseOptions<S extends z.ZodType>(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  schema: S,
  usage: string,
): z.infer<S> | null {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { ...options, help: { type: 'boolean' } } }));
  } catch (e) {
    throw new InputError(`${(e as Error).message}\n\n${usage}`);
  }
  if (values.help) {
    process.stdout.write(usage);
    return null;
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new InputError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  return parsed.data;
}

/** A file's text, strictly UTF-8: any other encoding is refused (exit 2) with the first byte it trips on. */
export function readTextFile(option: string, file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new InputError(`--${option}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const at = hexByte(decoded.byte);
    // Records come from Excel, whose "CSV UTF-8" is the one of its CSV formats that is UTF-8.
    const excel = option === 'records';
    throw new InputError(
      `--${option}: ${file} är inte UTF-8 (byte ${at} på rad ${decoded.line}); spara filen som UTF-8${excel ? ' (i Excel: "CSV UTF-8")' : ''} och försök igen.\n` +
        `--${option}: ${file} is not UTF-8 (byte ${at} on line ${decoded.line}); save the file as UTF-8${excel ? ' (in Excel: "CSV UTF-8")' : ''} and try again.`,
    );
  }
  return decoded.text;
}

/**
 * Runs a command's main and sets the exit code from how it ended; never prints a stack trace unless DEBUG is set.
 * A standard output closed by its reader (`| head`) ends the process quietly (closed-output.ts).
 */
export function runCli(main: (argv: string[]) => number | Promise<number>): void {
  endQuietlyWhenOutputCloses();
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e: unknown) => {
        if (e instanceof ValidationError) {
          process.stderr.write(`Ogiltig indata / invalid input:\n${e.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}\n`);
          process.exitCode = 2;
        } else if (e instanceof InputError) {
          process.stderr.write(`${e.message}\n`);
          process.exitCode = 2;
        } else {
          process.stderr.write(`Fel / error: ${e instanceof Error ? e.message : String(e)}\n`);
          if (process.env.DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
          process.exitCode = 1;
        }
      },
    );
}
