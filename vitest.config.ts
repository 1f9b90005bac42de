import { defineConfig } from 'vitest/config';

// Two projects: unit tests call the services directly (and run the built bundles,
// built once by their global setup); e2e tests build the renderer once (global
// setup) and drive it in real Chromium.
export default defineConfig({
  test: {
    // After the run: the tests left out here and why (LibreOffice ones where it is missing), then the
    // figures the proofs record (test/support/proof-figures.ts).
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }], './test/support/skipped-reporter.ts', './test/support/proof-figures-reporter.ts'],
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 60_000,
          // The command line, main, preload and export worker bundles, built once for every file that runs them.
          globalSetup: ['test/unit/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          globalSetup: ['test/e2e/global-setup.ts'],
          setupFiles: ['test/e2e/close-apps.ts'],
        },
      },
    ],
  },
});
