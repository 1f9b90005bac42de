// `npm run lint`: the recommended JavaScript and TypeScript checks, React's
// rules of hooks, and the house rules that keep the design as architecture.md
// draws it: the layering (scripts/eslint-layers.mjs) and SQL only in the store.
// test/unit/lint-rules.test.ts proves each house rule still fails a file that
// breaks it.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './scripts/eslint-layers.mjs';

/** Calls that run SQL, on a database handle however it is reached (`db`, `store.db`, `this.database`). */
const SQL_METHODS = '/^(prepare|exec|pragma|transaction)$/';
const DB_NAMES = '/^(db|database)$/';
const SQL_MESSAGE = 'SQL belongs in electron/services/store/: add a repository method there and call that.';

export default defineConfig(
  globalIgnores(['dist/', 'release/', '.native/', 'test-results/', 'test/fixtures/']),
  {
    files: ['**/*.{ts,tsx,mjs,cjs,js}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter a signature needs but this body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Every control character in a pattern here is meant: stripping C0 characters from untrusted
      // text, and reading terminal escapes (\x1b) in the CLI and its tests.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['electron/**', 'scripts/**', 'test/**', 'bin/**', '*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    rules: {
      'react-hooks/exhaustive-deps': 'error',
      // The React Compiler's checks: no state set synchronously in effects, no refs read or written
      // while rendering, nothing used before it is declared.
      'react-hooks/set-state-in-effect': 'error',
      'react-hooks/refs': 'error',
      'react-hooks/immutability': 'error',
    },
  },
  {
    files: ['electron/**', 'shared/**', 'renderer/**'],
    plugins: { jfp: layers },
    rules: { 'jfp/layers': 'error' },
  },
  {
    // Only the store talks to SQLite: everything else asks a repository.
    files: ['electron/**', 'shared/**'],
    ignores: ['electron/services/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `CallExpression[callee.property.name=${SQL_METHODS}][callee.object.name=${DB_NAMES}]`, message: SQL_MESSAGE },
        { selector: `CallExpression[callee.property.name=${SQL_METHODS}][callee.object.property.name=${DB_NAMES}]`, message: SQL_MESSAGE },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'better-sqlite3', message: 'Only electron/services/store/ opens SQLite; elsewhere use the Store.', allowTypeImports: true }] },
      ],
    },
  },
);
