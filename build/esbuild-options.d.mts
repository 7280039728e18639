// Types of esbuild-options.mjs, for the TypeScript that reads it (infra/constructs/entry-function.ts, tests).
import type { BuildOptions } from 'esbuild';

type Shared = BuildOptions & {
  bundle: true;
  platform: 'node';
  format: 'esm';
  sourcemap: true;
  mainFields: string[];
  banner: { js: string };
  target: string;
};

export declare const ENTRIES: Readonly<Record<string, string>>;
export declare const BUILD_INPUTS: { folders: string[]; files: string[] };
export declare const LOCAL: Shared;
export declare const LAMBDA: Shared & { minify: boolean; external: string[] };
