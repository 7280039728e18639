/** What the Lambdas log: Powertools' logger writes one JSON object per line to stdout. */
import { vi } from 'vitest';

/** The JSON lines written to stdout while `body` runs, parsed. */
export async function jsonLogLines(body: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await body();
  } finally {
    write.mockRestore();
  }
  return lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
