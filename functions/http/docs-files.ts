/**
 * Swagger UI's files that /docs serves from swagger-ui-dist, and where they are found. A module of its own, free
 * of Hono, because the CDK app needs the same list: esbuild bundles code, not files a module reads at runtime,
 * so the stack copies these beside the API Lambda's bundle (infra/stack.ts) and docs.ts reads them there first.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The folder beside the bundled API Lambda (its index.mjs) that holds the copies. */
export const BUNDLED_DOCS_FOLDER = 'swagger-ui';

/** Served name (the file's name in swagger-ui-dist too) -> its type. */
export const DOCS_FILES: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

/** The file in the installed package. Resolved on each call, so a bundle without the package still starts. */
export function installedDocsFile(name: string): string {
  return join(dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json')), name);
}

/**
 * The copy beside the running file when there is one (the Lambda bundle: import.meta.url is its index.mjs),
 * else the installed package (the sources, where no such folder exists beside this module).
 */
export async function readDocsFile(name: string, besideUrl: string = import.meta.url): Promise<Buffer> {
  try {
    return await readFile(new URL(`./${BUNDLED_DOCS_FOLDER}/${name}`, besideUrl));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return readFile(installedDocsFile(name));
  }
}
