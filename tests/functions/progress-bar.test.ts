/**
 * simulate's progress bar (functions/cli/progress-bar.ts) follows --lang: it always said "Simulerar … försök … kvar".
 * Drawn on a stand-in terminal; nothing is drawn where standard error is not one.
 */
import { describe, expect, it } from 'vitest';
import { progressBar } from '../../functions/cli/progress-bar.js';

function terminal(): { stream: NodeJS.WritableStream & { isTTY: boolean }; text: () => string } {
  let out = '';
  const stream = { isTTY: true, columns: 120, write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream & {
    isTTY: boolean;
  };
  // eslint-disable-next-line no-control-regex -- the cursor's escape sequences are not the text
  return { stream, text: () => out.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '') };
}

function draw(lang: 'sv' | 'en'): string {
  const t = terminal();
  const bar = progressBar(lang, t.stream);
  if (bar === null) throw new Error('no bar on a terminal');
  bar.start(400, 0);
  bar.update(200);
  bar.stop();
  return t.text();
}

describe('the progress bar', () => {
  it('speaks Swedish with --lang sv, calling trials simuleringar', () => {
    const text = draw('sv');
    expect(text).toMatch(/Simulerar \[.*\] 50 % · 200\/400 simuleringar · .* kvar/);
    expect(text).not.toContain('försök');
  });

  it('speaks English with --lang en', () => {
    const text = draw('en');
    expect(text).toMatch(/Simulating \[.*\] 50% · 200\/400 trials · .* left/);
    expect(text).not.toMatch(/Simulerar|försök|simuleringar|kvar/);
  });

  it('is not drawn where standard error is not a terminal', () => {
    expect(progressBar('en', { ...terminal().stream, isTTY: false })).toBeNull();
  });
});
