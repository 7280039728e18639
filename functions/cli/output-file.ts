/**
 * Files a command writes (`--out`, `--report`): checked before the work, so that a path that cannot be written is
 * refused at once (exit 2, naming the option) and not after a whole simulation; and written at the end with a
 * message that names the option when that still fails (a full disk). Missing directories on the way are created,
 * as they always were.
 */
import { closeSync, constants, existsSync, mkdirSync, openSync, statSync, accessSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from './common.js';

/** The usual reasons in words; anything else shows its code alone. */
const REASONS: Record<string, string> = {
  ENOENT: 'ingen sådan fil eller katalog / no such file or directory',
  EISDIR: 'det är en katalog / it is a directory',
  ENOTDIR: 'en del av sökvägen är ingen katalog / a part of the path is not a directory',
  EACCES: 'behörighet saknas / permission denied',
  EPERM: 'behörighet saknas / permission denied',
  EROFS: 'skrivskyddat filsystem / read-only file system',
  ENOSPC: 'disken är full / no space left on the device',
};

export function cannotWrite(option: string, file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === undefined ? String(e) : REASONS[code] ? `${code}: ${REASONS[code]}` : code;
  return `--${option}: kan inte skriva till / cannot write ${file} (${why})`;
}

/** The nearest directory on the path that exists (the file's own when it exists). */
function nearestExisting(dir: string): string {
  let d = resolve(dir);
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  return d;
}

/**
 * Throws an InputError naming the option unless `file` can be written, leaving nothing behind: an existing file is
 * opened for appending and closed untouched; a new one in an existing directory is created and removed again; one in
 * a directory still to be made needs the nearest existing directory to be one this process may write in.
 */
export function checkWritable(option: string, file: string): void {
  try {
    if (existsSync(file)) {
      closeSync(openSync(file, 'a'));
    } else if (existsSync(dirname(file))) {
      closeSync(openSync(file, 'wx'));
      unlinkSync(file);
    } else {
      const dir = nearestExisting(dirname(file));
      if (!statSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} is not a directory`), { code: 'ENOTDIR' });
      accessSync(dir, constants.W_OK | constants.X_OK);
    }
  } catch (e) {
    throw new InputError(cannotWrite(option, file, e));
  }
}

/** Writes `text` to `file`, making its directory; a failure names the option (exit 1, it is not the input's fault). */
export function writeOutput(option: string, file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (e) {
    throw new Error(cannotWrite(option, file, e), { cause: e });
  }
}

/** Two options that would write the same file: the second would overwrite the first. */
export function checkDistinct(a: [string, string | undefined], b: [string, string | undefined]): void {
  if (a[1] !== undefined && b[1] !== undefined && resolve(a[1]) === resolve(b[1])) {
    throw new InputError(`--${b[0]}: samma fil som / the same file as --${a[0]} (${b[1]})`);
  }
}
