/**
 * `--out` and `--report` that cannot be written: refused before the work with exit 2 naming the option (simulate
 * used to run the whole simulation and then print a raw ENOENT or EISDIR with exit 1; calibrate wrote --out and then
 * failed on --report); a write that still fails at the end names the option, exit 1, no stack trace.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process.js';

const SHARED = fileURLToPath(new URL('../../../shared/data/placements-midsize.csv', import.meta.url));
const MODEL = 'examples/reference-midsize.json';
const dir = mkdtempSync(join(tmpdir(), 'pp-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const simulate = (args: string[]) => runCli('functions/cli/simulate.ts', args);
const calibrate = (args: string[]) => runCli('functions/cli/calibrate.ts', args);
const small = ['--trials', '20', '--workers', '1'];

describe('simulate --out', () => {
  it('a path in a directory where no file can be made: exit 2 naming --out, checked before the model is even read', async () => {
    const r = await simulate(['--model', join(dir, 'no-such-model.json'), '--out', '/proc/x.txt', ...small]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--out: kan inte skriva till \/ cannot write \/proc\/x\.txt \(ENOENT/);
    expect(r.stderr).not.toContain('--model');
  });

  it('a directory: exit 2 naming --out and saying it is a directory', async () => {
    const r = await simulate(['--model', MODEL, '--out', dir, ...small]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out: kan inte skriva till / cannot write ${dir} (EISDIR`);
    expect(r.stderr).toContain('is a directory');
    expect(r.stdout).toBe('');
  });

  it('a file under a file: exit 2, ENOTDIR, nothing created', async () => {
    const r = await simulate(['--model', MODEL, '--out', `${MODEL}/sub/out.txt`, ...small]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out: kan inte skriva till / cannot write');
    expect(r.stderr).toContain('ENOTDIR');
  });

  it('a new file in new directories is still written, and the check leaves nothing behind when the model is bad', async () => {
    const out = join(dir, 'a', 'b', 'result.json');
    const bad = await simulate(['--model', join(dir, 'no-such-model.json'), '--out', out, ...small]);
    expect(bad.code).toBe(2);
    expect(existsSync(join(dir, 'a'))).toBe(false);
    const good = await simulate(['--model', MODEL, '--out', out, '--format', 'json', ...small]);
    expect(good.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('a write that fails at the end (a full device) names --out, exit 1, no stack trace', async () => {
    const r = await simulate(['--model', MODEL, '--out', '/dev/full', ...small]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Fel / error: --out: kan inte skriva till / cannot write /dev/full (ENOSPC: disken är full / no space left on the device)\n',
    );
  });
});

describe('calibrate --out and --report', () => {
  it('an unwritable --report is refused before --out is written', async () => {
    const out = join(dir, 'model.json');
    const r = await calibrate(['--records', SHARED, '--out', out, '--report', '/proc/x.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--report: kan inte skriva till \/ cannot write \/proc\/x\.json \(ENOENT/);
    expect(existsSync(out)).toBe(false);
  });

  it('an unwritable --out: exit 2 naming --out', async () => {
    const r = await calibrate(['--records', SHARED, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--out: kan inte skriva till/);
  });

  it('--out and --report naming one file: exit 2', async () => {
    const file = join(dir, 'same.json');
    const r = await calibrate(['--records', SHARED, '--out', file, '--report', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--report: samma fil som / the same file as --out');
    expect(existsSync(file)).toBe(false);
  });

  it('a --report that fails at the end names --report, exit 1, no stack trace', async () => {
    const r = await calibrate(['--records', SHARED, '--out', join(dir, 'm2.json'), '--report', '/dev/full']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Fel / error: --report: kan inte skriva till / cannot write /dev/full (ENOSPC');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
