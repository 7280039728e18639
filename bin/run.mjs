#!/usr/bin/env node
// `node bin/run.mjs <entry> [arguments]`: runs an entry of the build (dist/<entry>.js: server, simulate, calibrate,
// backtest, token), as `npm start` and `npm run simulate` etc. do, building it first (one line on standard error
// saying so) when the build is missing or older than any file it is made from. No tsx: the built JavaScript runs
// in this process, with the arguments after <entry> as its own.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, ROOT, staleReason } from '../build/build.mjs';
import { ENTRIES } from '../build/esbuild-options.mjs';

const COMMANDS = Object.keys(ENTRIES).filter((name) => !name.endsWith('-worker'));
const [entry, ...args] = process.argv.slice(2);
if (!COMMANDS.includes(entry)) {
  process.stderr.write(`Användning / usage: node bin/run.mjs <${COMMANDS.join('|')}> [argument …]\n`);
  process.exit(2);
}

const outdir = join(ROOT, 'dist');
const reason = staleReason(ROOT, outdir);
if (reason !== null) {
  process.stderr.write(`Bygger / building dist/ (${reason}) …\n`);
  await build(ROOT, outdir);
}

const file = join(outdir, `${entry}.js`);
process.argv = [process.argv[0], file, ...args];
// Stack traces that name the TypeScript sources (the bundles' .map files), as --enable-source-maps gives: for the
// server, whose log shows them, and for a command run with DEBUG set (only then does it print one). Not always:
// reading the maps made a command's --help a quarter slower.
if (entry === 'server' || process.env.DEBUG) process.setSourceMapsEnabled(true);
await import(pathToFileURL(file).href);
