// Builds everything the app and the `jfp` command line run from, into dist/:
//   dist/main/main.cjs      Electron main process (esbuild; electron and better-sqlite3 stay external)
//   dist/main/preload.cjs   sandboxed preload: ONE CommonJS file that requires nothing but 'electron'
//   dist/main/export-worker.cjs  the export worker thread (its own read-only database connection)
//   dist/cli/jfp.cjs        the command line (bin/jfp.cjs requires it)
//   dist/templates/         copy of templates/, found by services/templates.ts from either bundle
//   dist/renderer/          the React app (Vite, vite.config.ts)
// Usage: node scripts/build.mjs [--cli] [--no-renderer]
//   --cli          only the command line and templates (what postinstall runs; a few seconds)
//   --no-renderer  everything except the Vite build
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Electron 45 runs Chromium 140 and Node 22; the CLI must run on the Node 20.19 we support.
const ELECTRON_NODE_TARGET = 'node22';
const ELECTRON_CHROME_TARGET = 'chrome140';
const CLI_NODE_TARGET = 'node20.19';
/** Packages the command line loads from node_modules at run time rather than from its bundle. */
export const CLI_FROM_NODE_MODULES = ['playwright-core', '@sparticuz/chromium'];

/** esbuild options per bundle, exported so tests can build the preload exactly as shipped. */
export function bundleOptions(root = ROOT) {
  const common = { bundle: true, format: 'cjs', sourcemap: true, logLevel: 'warning', legalComments: 'none' };
  // Sources are ES modules and may use import.meta.url; a CommonJS bundle has none, so supply the bundle's own URL.
  const nodeCjs = {
    banner: { js: '"use strict";\nconst __jfp_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__jfp_import_meta_url' },
  };
  return {
    main: {
      ...common,
      ...nodeCjs,
      entryPoints: [path.join(root, 'electron', 'main.ts')],
      outfile: path.join(root, 'dist', 'main', 'main.cjs'),
      platform: 'node',
      target: ELECTRON_NODE_TARGET,
      external: ['electron', 'better-sqlite3'],
    },
    exportWorker: {
      ...common,
      ...nodeCjs,
      entryPoints: [path.join(root, 'electron', 'services', 'export', 'export-worker-entry.ts')],
      outfile: path.join(root, 'dist', 'main', 'export-worker.cjs'),
      platform: 'node',
      target: ELECTRON_NODE_TARGET,
      external: ['better-sqlite3'],
    },
    preload: {
      ...common,
      entryPoints: [path.join(root, 'electron', 'preload.ts')],
      outfile: path.join(root, 'dist', 'main', 'preload.cjs'),
      // 'browser' makes esbuild refuse any Node built-in: a sandboxed preload has none.
      platform: 'browser',
      // Parsed on every window load; most of it is zod, pulled in by the contract.
      minify: true,
      target: ELECTRON_CHROME_TARGET,
      external: ['electron'],
    },
    cli: {
      ...common,
      ...nodeCjs,
      entryPoints: [path.join(root, 'electron', 'cli.ts')],
      outfile: path.join(root, 'dist', 'cli', 'jfp.cjs'),
      platform: 'node',
      target: CLI_NODE_TARGET,
      // playwright-core reads its own package.json and browsers.json at run time, so a copy bundled
      // here fails to load; @sparticuz/chromium finds its packed browser beside its own files.
      // Both load from node_modules instead (they are dev dependencies: PDF export from a checkout).
      external: ['better-sqlite3', ...CLI_FROM_NODE_MODULES],
    },
  };
}

async function esbuild() {
  return import('esbuild');
}

export async function buildMainAndPreload(root = ROOT) {
  const { build } = await esbuild();
  const options = bundleOptions(root);
  await Promise.all([build(options.main), build(options.preload), build(options.exportWorker)]);
}

/** Returns false (with a note) when electron/cli.ts is not there yet. */
export async function buildCli(root = ROOT, log = console.error) {
  const options = bundleOptions(root).cli;
  if (!fs.existsSync(options.entryPoints[0])) {
    log('jfp: electron/cli.ts does not exist yet; skipped the command-line bundle.');
    return false;
  }
  const { build } = await esbuild();
  await build(options);
  return true;
}

/** Templates are read at run time by the main process and the CLI from dist/templates. */
export function copyTemplates(root = ROOT) {
  const from = path.join(root, 'templates');
  const to = path.join(root, 'dist', 'templates');
  fs.rmSync(to, { recursive: true, force: true });
  if (fs.existsSync(from)) fs.cpSync(from, to, { recursive: true });
}

export async function buildRenderer(root = ROOT, extra = {}) {
  const { build } = await import('vite');
  return build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', ...extra });
}

async function main(argv) {
  const started = Date.now();
  const cliOnly = argv.includes('--cli');
  const withRenderer = !cliOnly && !argv.includes('--no-renderer');
  copyTemplates();
  await buildCli();
  if (!cliOnly) await buildMainAndPreload();
  if (withRenderer) await buildRenderer();
  const what = cliOnly ? 'command line' : withRenderer ? 'main, preload, command line and renderer' : 'main, preload and command line';
  console.error(`build: ${what} built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`jfp: the build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
