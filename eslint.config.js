// Lint rules and the boundaries between the project's parts (architecture.md): the engine runs in a browser's
// Web Worker, so it imports no Node module and nothing of the adapters; the presentation is shared by the
// functions and the page, so it imports nothing of the functions either; the page (web/src) runs in a browser and
// talks to the API, so it imports neither Node modules nor the functions.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeModules = { group: ['node:*'], message: 'runs in a browser Web Worker too: no Node modules here' };
const outward = (folder, ...names) => ({
  group: names.flatMap((n) => [`**/${n}`, `**/${n}/**`]),
  message: `${folder}/ must not depend on the adapters, the page or the stack`,
});
const NODE_BUILTINS = ['fs', 'path', 'os', 'crypto', 'worker_threads', 'child_process', 'util', 'url', 'stream', 'zlib', 'http', 'net'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'web/dist/', 'cdk.out/', '.data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(only|skip)$/][callee.object.name=/^(it|test|describe)$/]',
          message: 'no focused or skipped tests',
        },
      ],
    },
  },
  {
    // Tests build malformed input on purpose; typing every such value would say nothing.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['simulation/**/*.ts'],
    languageOptions: { globals: { ...globals.worker } },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: NODE_BUILTINS, patterns: [nodeModules, outward('simulation', 'functions', 'web', 'infra', 'presentation')] },
      ],
    },
  },
  {
    // The page runs in a browser: browser globals only, and it reaches the service through the API, never functions/.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS,
          patterns: [
            { group: ['node:*'], message: 'the page runs in a browser: no Node modules here' },
            {
              group: ['**/functions', '**/functions/**', '**/infra', '**/infra/**'],
              message: 'web/ talks to the API: never import functions/ or infra/',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename', 'global'],
    },
  },
  {
    files: ['presentation/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: NODE_BUILTINS, patterns: [nodeModules, outward('presentation', 'functions', 'web', 'infra')] },
      ],
    },
  },
);
