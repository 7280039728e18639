/**
 * axe-core on the page as it is now: `await expectAccessible(page, 'models')` fails with one readable line per
 * serious or critical WCAG 2.1 A/AA violation (rule, impact, what to fix, the elements). axe comes from
 * node_modules, never a CDN. It is evaluated through the DevTools protocol rather than added as a <script>
 * tag, because the page's CSP (script-src 'self') rightly refuses an inline script, and a refused script would
 * be a console error. AXE_ALL=1 prints every finding of every check, minor ones too.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** Every violation of WCAG 2.1 A/AA that axe finds on the page now, of any impact. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  // A string, evaluated in the page: the tests are compiled without the DOM's types.
  const options = JSON.stringify({ runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations'] });
  return page.evaluate<AxeViolation[]>(`axe.run(document, ${options}).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
  })))`);
}

/** A violation as one line a reader can act on, with at most five of the elements it was found on. */
export function describeViolation(v: AxeViolation): string {
  const where = v.nodes
    .slice(0, 5)
    .map((n) => `    ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ').trim()}` : ''}`)
    .join('\n');
  const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
  return `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${where}${more}`;
}

/** Fails when axe finds a serious or critical WCAG 2.1 A/AA violation on the screen the page shows now. */
export async function expectAccessible(page: Page, screenName: string): Promise<void> {
  const all = await axeViolations(page);
  if (process.env.AXE_ALL) console.log(screenName, all.map(describeViolation));
  const blocking = all.filter((v) => v.impact !== null && BLOCKING.has(v.impact));
  expect(blocking.map(describeViolation), `axe on the screen "${screenName}"`).toEqual([]);
}
