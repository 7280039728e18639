// The local build: every entry of ENTRIES bundled by esbuild into dist/<name>.js (with its source map), then a
// stamp (dist/.build-stamp) dated when the build began. `npm ci` and `npm install` run it (the prepare script,
// `node build/build.mjs`); bin/run.mjs runs it when staleReason() says the build is missing or older than a file
// it is made from. Plain JavaScript: it must run before anything is built, without tsx.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILD_INPUTS, ENTRIES, LOCAL } from './esbuild-options.mjs';

/** The project's folder (this file is build/build.mjs). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const STAMP = '.build-stamp';

/** Whether any file or folder under `folder` was changed after `since` (ms), stopping at the first. */
function changedSince(folder, since) {
  let entries;
  try {
    if (statSync(folder).mtimeMs > since) return true; // a file added, removed or renamed in it
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return false; // a folder that does not exist has nothing to build
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() ? changedSince(path, since) : statSync(path).mtimeMs > since) return true;
  }
  return false;
}

/**
 * Why `outdir` must be built (again), in words, or null when it is up to date: it lacks the stamp or an entry, or
 * a file it is made from (BUILD_INPUTS) is newer than the stamp. Stats about 150 files: a few milliseconds.
 */
export function staleReason(root = ROOT, outdir = join(root, 'dist')) {
  let built;
  try {
    built = statSync(join(outdir, STAMP)).mtimeMs;
    for (const name of Object.keys(ENTRIES)) statSync(join(outdir, `${name}.js`));
  } catch {
    return 'ingen bygge ännu / no build yet';
  }
  const newer =
    BUILD_INPUTS.folders.some((folder) => changedSince(join(root, folder), built)) ||
    BUILD_INPUTS.files.some((file) => statSync(join(root, file), { throwIfNoEntry: false })?.mtimeMs > built);
  return newer ? 'källorna har ändrats / the sources changed' : null;
}

/**
 * Builds every entry into `outdir`. Each output replaces its old file by a rename, so that a process starting
 * meanwhile reads either the old file or the new one, never half of one; the stamp comes last and carries the
 * time the build began, so that a source saved during the build makes the next start build again.
 */
export async function build(root = ROOT, outdir = join(root, 'dist')) {
  const began = new Date();
  const esbuild = await import('esbuild');
  const entryPoints = Object.fromEntries(Object.entries(ENTRIES).map(([name, source]) => [name, join(root, source)]));
  const result = await esbuild.build({ ...LOCAL, absWorkingDir: root, entryPoints, outdir, write: false });
  const written = new Set();
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const partial = `${file.path}.${process.pid}.tmp`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
    written.add(basename(file.path));
  }
  // The chunks of earlier builds (their names are hashes of their contents), and outputs of entries since removed.
  for (const name of readdirSync(outdir)) if (/\.js(\.map)?$/.test(name) && !written.has(name)) rmSync(join(outdir, name), { force: true });
  const stamp = join(outdir, STAMP);
  writeFileSync(stamp, `${began.toISOString()}\n`);
  utimesSync(stamp, began, began);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await build();
