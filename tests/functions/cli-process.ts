/** A command line of functions/cli/ run as a child process from the sources, with its exit code and output. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(script: string, args: string[]): Promise<CliOutcome> {
  return new Promise((resolve) => {
    execFile('node', ['--import', 'tsx', script, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
