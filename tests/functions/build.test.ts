/**
 * The build (build/build.mjs) and its launcher (bin/run.mjs), on a copy of the project in a temporary folder (its
 * node_modules a link to this one's), so that the tree's own dist/ and sources are never touched: the first start
 * builds and says so, a second does not, a source newer than the build makes the next start build again, and the
 * built command line prints what the TypeScript sources print, byte for byte, its worker threads the build's.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRIES } from '../../build/esbuild-options.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODEL = join(ROOT, 'examples/small-municipality.json');
const RUN_ARGS = ['--model', MODEL, '--trials', '200', '--seed', '3', '--format', 'json', '--workers', '2'];
const BUILDING = /^Bygger \/ building dist\//m;

let copy: string;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const built = (args: string[]): Promise<Ran> => run(['bin/run.mjs', ...args], copy);
const source = (args: string[]): Promise<Ran> => run(['--import', 'tsx', 'functions/cli/simulate.ts', ...args], ROOT);

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'pp-build-'));
  for (const part of ['simulation', 'functions', 'presentation', 'build', 'bin', 'package.json', 'tsconfig.json'])
    cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('the build and its launcher', () => {
  it('builds at the first start, saying so, and not at the second; --help as the sources print it', async () => {
    expect(existsSync(join(copy, 'dist'))).toBe(false);
    const first = await built(['simulate', '--help']);
    expect(first.stderr).toMatch(BUILDING);
    expect(first.stderr.trim().split('\n')).toHaveLength(1);
    const files = readdirSync(join(copy, 'dist'));
    for (const name of Object.keys(ENTRIES)) expect(files).toEqual(expect.arrayContaining([`${name}.js`, `${name}.js.map`]));

    const second = await built(['simulate', '--help']);
    const fromSource = await source(['--help']);
    expect(second).toEqual({ code: 0, stdout: fromSource.stdout, stderr: '' });
    expect(fromSource.code).toBe(0);
    expect(first.stdout).toBe(fromSource.stdout);
  });

  it('gives the JSON the sources give, byte for byte, with the worker threads of the build', async () => {
    const [fromBuild, fromSource] = [await built(['simulate', ...RUN_ARGS]), await source(RUN_ARGS)];
    expect(fromBuild.code).toBe(0);
    expect(fromBuild.stderr).toBe('');
    expect(fromBuild.stdout.length).toBeGreaterThan(1000);
    expect(fromBuild.stdout).toBe(fromSource.stdout);
  });

  it('reports bad options as the sources do (exit 2)', async () => {
    for (const args of [['--trials', '1e4', '--model', MODEL], ['--bogus', '--help'], []]) {
      const [fromBuild, fromSource] = [await built(['simulate', ...args]), await source(args)];
      expect(fromBuild.code, args.join(' ')).toBe(2);
      expect(fromBuild).toEqual(fromSource);
    }
  });

  it('builds again when a source is newer than the build, and only then', async () => {
    await built(['simulate', '--help']); // up to date from here on
    const stamp = join(copy, 'dist', '.build-stamp');
    expect((await built(['simulate', '--help'])).stderr).toBe('');

    // A source saved after the build (its time set a minute past the stamp's).
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(copy, 'presentation', 'numbers.ts'), later, later);
    const rebuilt = await built(['simulate', '--help']);
    expect(rebuilt.stderr).toMatch(BUILDING);
    expect(rebuilt.code).toBe(0);
    // The stamp carries the time that build began, so the source dated a minute ahead is still newer: set it back.
    utimesSync(join(copy, 'presentation', 'numbers.ts'), new Date(0), new Date(0));
    utimesSync(join(copy, 'presentation'), new Date(0), new Date(0));
    expect((await built(['simulate', '--help'])).stderr).toBe('');

    // A file added to a source folder; then the build's config itself.
    cpSync(join(copy, 'presentation', 'numbers.ts'), join(copy, 'functions', 'added.ts'));
    expect((await built(['simulate', '--help'])).stderr).toMatch(BUILDING);
    utimesSync(join(copy, 'build', 'esbuild-options.mjs'), later, later);
    expect((await built(['simulate', '--help'])).stderr).toMatch(BUILDING);

    // A build without its stamp (an interrupted one) is built again.
    rmSync(stamp);
    const again = await built(['simulate', ...RUN_ARGS]);
    expect(again.stderr).toMatch(BUILDING);
    expect(again.stdout).toBe((await source(RUN_ARGS)).stdout);
  });

  it('refuses an entry it does not have', async () => {
    const { code, stderr } = await built(['chunk-worker']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage: node bin\/run.mjs <server\|simulate\|calibrate\|backtest\|token>/);
  });
});
