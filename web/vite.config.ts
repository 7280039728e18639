// The committee's page: `npm run build:web` builds web/ into web/dist, which the Hono app serves at `/`
// (functions/http/page.ts). Everything is bundled from the project: no CDN, no outside fonts.
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // dist/.vite/manifest.json: which chunks the entry loads up front, for `npm run bench:web`.
    manifest: true,
    rollupOptions: {
      output: {
        // Plot's lazily loaded chunk would otherwise be called "src-…"; a clear name for the bench and the reader.
        chunkFileNames: (chunk) =>
          chunk.facadeModuleId?.includes('/@observablehq/plot/') ? 'assets/plot-[hash].js' : 'assets/[name]-[hash].js',
      },
      // zod's sources carry /* @__PURE__ */ comments in places Rollup cannot use; it drops them, harmlessly.
      // (A log, not a warning: Vite passes these through onLog, never onwarn.)
      onLog(level, log, handler) {
        if (log.code !== 'INVALID_ANNOTATION') handler(level, log);
      },
    },
  },
  // The preview's workers (web/src/engine/worker.ts) are module workers: ES output, like the page.
  worker: { format: 'es' },
  // The page imports simulation/ and presentation/ (and the examples) from the repository root.
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
