/**
 * Builds the committee's page (web/) into web/dist with Vite, as `npm run build:web` does: `npm start` calls it
 * when the page is missing, and the tests call it once before they run (tests/web/global-setup.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_WEB_ROOT } from './http/page.js';
import { projectPath } from './project-root.js';

export function pageIsBuilt(root: string = DEFAULT_WEB_ROOT): boolean {
  return existsSync(join(root, 'index.html'));
}

export async function buildPage(): Promise<void> {
  // Vite is a build tool, needed only here: loaded when a build is asked for.
  const { build } = await import('vite');
  await build({ configFile: projectPath('web/vite.config.ts'), logLevel: 'warn' });
}
