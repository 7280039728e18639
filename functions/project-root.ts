/**
 * The project's folder, the same from the sources and from the build: this module is one folder below it
 * (functions/project-root.ts), and so is every file of the build, which esbuild writes side by side into dist/
 * (build/esbuild-options.mjs), where this module is inlined and import.meta.url is the bundle's own. Files that
 * are not code (the page, its Vite config) are found from here.
 */
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../', import.meta.url);

/** A path relative to the project's folder, made absolute. */
export function projectPath(relative: string): string {
  return fileURLToPath(new URL(relative, ROOT));
}
