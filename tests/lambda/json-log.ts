/** What the Lambdas log: Powertools' logger writes one JSON object per line to stdout. */
import { vi } from 'vitest';

/**
 * The JSON lines written to stdout while `body` runs, parsed; with `stderr`, those written to standard error too
 * (Powertools writes ERROR lines there).
 */
export async function jsonLogLines(body: () => Promise<unknown>, opts: { stderr?: boolean } = {}): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const writeErr = opts.stderr ? vi.spyOn(process.stderr, 'write').mockImplementation(capture) : null;
  try {
    await body();
  } finally {
    write.mockRestore();
    writeErr?.mockRestore();
  }
  return lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
