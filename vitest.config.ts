import { configDefaults, defineConfig } from 'vitest/config';

// Unit files that keep vitest's isolation, a fresh process and module graph each: the two that replace a module
// for the whole file (vi.mock of 'electron'), so the fake cannot reach another file's imports or theirs another's;
// and the two proofs, which show what a fresh main process does (no prototype pollution, crash recovery) and are
// the longest unit files, their project named to start before the unit files.
const ISOLATED_UNIT_FILES = [
  'test/unit/electron-main.test.ts',
  'test/unit/electron-preload.test.ts',
  'test/unit/proofs/contract-fuzz.test.ts',
  'test/unit/proofs/crash-safety.test.ts',
];

// Three projects: unit tests call the services directly (and run the built bundles,
// built once by their global setup); e2e tests build the renderer once (global
// setup) and drive it in real Chromium.
//
// The unit and e2e files run without isolation (`isolate: false`): each of the two workers imports the services,
// docx, zod, Lexical, playwright-core… once and keeps them for every file it runs, instead of a fresh process and
// module graph per file (that import was 120 s of the run's 1,230 s, and the e2e set-up file's import another
// 43 s). Each test file still makes its own databases, apps and folders; none changes a module's state for the
// next (the few that set an environment variable or fake timers put them back in afterEach/finally).
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
          exclude: [...configDefaults.exclude, ...ISOLATED_UNIT_FILES],
          isolate: false,
          testTimeout: 60_000,
          // The command line, main, preload and export worker bundles, built once for every file that runs them.
          globalSetup: ['test/unit/global-setup.ts'],
        },
      },
      {
        test: {
          // Projects run in the order of their names: e2e, isolated, unit.
          name: 'isolated',
          include: ISOLATED_UNIT_FILES,
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          globalSetup: ['test/e2e/global-setup.ts'],
          setupFiles: ['test/e2e/close-apps.ts'],
        },
      },
    ],
  },
});
