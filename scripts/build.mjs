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
/**
 * #11 A native module (the chart's SVG-to-PNG renderer): every bundle that exports loads it from node_modules.
 * So do the font files (Arimo for the PDF, #14; Open Sans for the charts): electron-builder.yml ships all three.
 */
export const NATIVE_FROM_NODE_MODULES = ['@resvg/resvg-js'];

/**
 * #14 pdfkit loads its standard fonts (Helvetica, which it sets up as every document's first font, and
 * the other 13) through `createRequire(its own file)('#standard-fonts/NAME')`, its package.json's
 * "imports": inside a bundle that resolves against the bundle's folder, finds nothing, and every PDF
 * export fails with "Cannot find module '#standard-fonts/Helvetica'". The call is rewritten here into a
 * plain relative require of the same file, which esbuild then bundles (about 6 KB a font).
 */
export const pdfkitStandardFonts = {
  name: 'pdfkit-standard-fonts',
  setup(build) {
    build.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit(\.node\.mjs|\.js)$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      let rewritten = 0;
      const contents = source.replace(/require\$1\((['"])#standard-fonts\/(\w+)\1\)/g, (_, _quote, name) => {
        rewritten++;
        return `require("./standard-fonts/${name}.cjs")`;
      });
      // A pdfkit that loads them differently must be looked at, not bundled half-working.
      if (rewritten < 14) throw new Error(`pdfkit: expected its 14 standard fonts loaded as #standard-fonts/NAME, found ${rewritten}; see scripts/build.mjs.`);
      return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

/** esbuild options per bundle, exported so tests can build the preload exactly as shipped. */
export function bundleOptions(root = ROOT) {
  const common = { bundle: true, format: 'cjs', sourcemap: true, logLevel: 'warning', legalComments: 'none' };
  // Sources are ES modules and may use import.meta.url; a CommonJS bundle has none, so supply the bundle's own URL.
  const nodeCjs = {
    plugins: [pdfkitStandardFonts],
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
      external: ['electron', 'better-sqlite3', ...NATIVE_FROM_NODE_MODULES],
    },
    exportWorker: {
      ...common,
      ...nodeCjs,
      entryPoints: [path.join(root, 'electron', 'services', 'export', 'export-worker-entry.ts')],
      outfile: path.join(root, 'dist', 'main', 'export-worker.cjs'),
      platform: 'node',
      target: ELECTRON_NODE_TARGET,
      external: ['better-sqlite3', ...NATIVE_FROM_NODE_MODULES],
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
      // #14 pdf: no browser any more (the PDF is drawn by pdfkit, bundled here like docx), so no
      // playwright-core: what the CLI loads from node_modules is what the app's bundles load.
      external: ['better-sqlite3', ...NATIVE_FROM_NODE_MODULES],
    },
  };
}

async function esbuild() {
  return import('esbuild');
}

/** Writes a file by renaming a finished copy over it, so a reader never loads half a file. */
function writeWhole(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const part = `${file}.${process.pid}.part`;
  fs.writeFileSync(part, contents);
  fs.renameSync(part, file);
}

/**
 * Bundles with esbuild, then puts each output in place whole: `jfp` (or the app)
 * may be loading the previous bundle while this one is built.
 */
async function bundle(options) {
  const { build } = await esbuild();
  const result = await build({ ...options, write: false });
  for (const output of result.outputFiles) writeWhole(output.path, output.contents);
  return result;
}

export async function buildMainAndPreload(root = ROOT) {
  const options = bundleOptions(root);
  await Promise.all([bundle(options.main), bundle(options.preload), bundle(options.exportWorker)]);
}

/** Returns false (with a note) when electron/cli.ts is not there yet. */
export async function buildCli(root = ROOT, log = console.error) {
  const options = bundleOptions(root).cli;
  if (!fs.existsSync(options.entryPoints[0])) {
    log('jfp: electron/cli.ts does not exist yet; skipped the command-line bundle.');
    return false;
  }
  await bundle(options);
  return true;
}

/** Templates are read at run time by the main process and the CLI from dist/templates. */
export function copyTemplates(root = ROOT) {
  const from = path.join(root, 'templates');
  const to = path.join(root, 'dist', 'templates');
  if (!fs.existsSync(from)) return fs.rmSync(to, { recursive: true, force: true });
  // File by file, each whole, and only then the ones no longer in templates/ removed: a running
  // `jfp` never finds the folder missing or a template half written.
  const wanted = new Set();
  for (const name of fs.readdirSync(from, { recursive: true })) {
    const source = path.join(from, name);
    if (!fs.statSync(source).isFile()) continue;
    wanted.add(path.join(to, name));
    writeWhole(path.join(to, name), fs.readFileSync(source));
  }
  for (const name of fs.existsSync(to) ? fs.readdirSync(to, { recursive: true }) : []) {
    const target = path.join(to, name);
    if (fs.statSync(target, { throwIfNoEntry: false })?.isFile() && !wanted.has(target)) fs.rmSync(target, { force: true });
  }
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
