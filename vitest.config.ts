import { defineConfig } from 'vitest/config';

// Two projects: unit tests call the services directly; e2e tests build the
// renderer once (global setup) and drive it in real Chromium.
export default defineConfig({
  test: {
    // The skipped-tests list names every test left out here (LibreOffice ones where it is missing) and why.
    reporters: ['default', './test/support/skipped-reporter.ts', ['json', { outputFile: 'test-results/vitest.json' }]],
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 60_000,
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
