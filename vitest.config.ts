import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The page (web/dist) is built once, before any file runs: the browser tests and the home page need it.
    globalSetup: ['tests/web/global-setup.ts'],
    // Hang detectors, not speed checks: generous, so that a busy machine (CI beside a benchmark) still passes.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Two cores: run files in parallel but keep the CPU-heavy statistical suites from starving each other.
    maxWorkers: 2,
  },
});
