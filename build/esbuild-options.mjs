// The one definition of how this project's TypeScript becomes JavaScript, for both of its consumers:
//  - our own build (build/build.mjs: `npm ci`'s prepare script, and bin/run.mjs when the build is missing or older
//    than the sources), which the command line and the server run from dist/;
//  - the Lambda bundles, which infra/constructs/entry-function.ts hands to CDK's NodejsFunction (it runs the same
//    esbuild from node_modules, locally). NodejsFunction takes its esbuild options as its own props, so the
//    construct copies LAMBDA's fields into them one by one rather than pointing the functions at dist/: a Lambda
//    bundle must contain its packages (there is no node_modules beside it), while the local build leaves most of
//    them in node_modules, so the two cannot be the same files.
// Plain JavaScript, so that the launcher can read it without tsx; its types are in esbuild-options.d.mts.

/** Gives the CommonJS code esbuild bundles into an ESM file the `require` that ESM lacks. */
const REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** What every bundle of ours is, local or Lambda. */
const SHARED = {
  bundle: true,
  platform: 'node',
  // ESM: the code uses import.meta.url (the page's and the workers' files, swagger-ui's files), which a CommonJS
  // bundle would leave undefined.
  format: 'esm',
  sourcemap: true,
  mainFields: ['module', 'main'],
  banner: { js: REQUIRE_BANNER },
};

/**
 * The local build's entries: output name (dist/<name>.js) -> source. The outputs sit side by side in one folder
 * (flat), one level below the project's root like functions/project-root.ts, so that the files found relative to
 * import.meta.url are found from the sources and from the build alike: the workers beside the module that starts
 * them (functions/executors/local.ts), the page and its Vite config from the root (functions/project-root.ts).
 */
export const ENTRIES = {
  server: 'functions/server.ts',
  simulate: 'functions/cli/simulate.ts',
  calibrate: 'functions/cli/calibrate.ts',
  backtest: 'functions/cli/backtest.ts',
  token: 'functions/cli/token.ts',
  'chunk-worker': 'functions/executors/chunk-worker.ts',
  'merge-worker': 'functions/executors/merge-worker.ts',
};

/** What a build is made from: when any of these is newer than the build, the launcher builds again. */
export const BUILD_INPUTS = {
  folders: ['simulation', 'functions', 'presentation', 'build'],
  files: ['package.json', 'tsconfig.json'],
};

/**
 * Every package stays an import from node_modules (esbuild's `packages: 'external'`), except the @stdlib
 * distributions, which are bundled: each is a tree of hundreds of tiny CommonJS files, and loading the six of them
 * from node_modules took 174 ms of the 0.45 s that `node dist/simulate.js --help` took (bundled: 0.25 s).
 */
const PACKAGES_EXTERNAL_BUT_STDLIB = {
  name: 'packages-external-but-stdlib',
  setup(build) {
    // A bare specifier (not ./, ../ or /) names a package (or node:…).
    build.onResolve({ filter: /^[^./]/ }, ({ path }) => (path.startsWith('@stdlib/') ? undefined : { path, external: true }));
  },
};

/** The local build (run on this machine's Node, 20 or later). */
export const LOCAL = {
  ...SHARED,
  target: 'node20',
  plugins: [PACKAGES_EXTERNAL_BUT_STDLIB],
  // Code shared by entries, and what an entry imports only when it needs it (`import()`: simulate.ts loads the
  // engine only past --help), in chunks beside them (dist/chunk-<hash>.js).
  splitting: true,
  logLevel: 'warning',
};

/** The Lambda bundles: the runtime is Node 24 (infra's RUNTIME); everything bundled and minified. */
export const LAMBDA = {
  ...SHARED,
  target: 'node22',
  minify: true,
  // Nothing external: the AWS SDK is bundled at the version the lockfile pins and the tests ran, rather than
  // whichever version the runtime happens to ship.
  external: [],
};
