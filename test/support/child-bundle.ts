// Tests that run our TypeScript in a child process of its own (to kill it, or
// to measure its memory alone) bundle it first with esbuild. The bundle sits
// inside node_modules/.cache so the packages it leaves external (better-sqlite3,
// zod, ...) resolve as installed; the caller removes it when done.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Packages that ship only as ES modules: bundled in, as the app's bundles bundle them. Left external,
 * a CommonJS bundle would require() them and get a namespace where it expects their default export.
 */
const ESM_ONLY = new Set(['approx-string-match']);

/** Every package the project depends on, except the ES-module-only ones, stays external (and its subpaths). */
function externalPackages(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((name) => !ESM_ONLY.has(name));
  return names.flatMap((name) => [name, `${name}/*`]);
}

/** Bundles `entry` (a path from the repository's root) and returns the file to run with `node`. */
export async function bundleForChild(entry: string): Promise<string> {
  const outfile = path.join(ROOT, 'node_modules', '.cache', 'jfp-children', `${path.basename(entry, '.ts')}-${process.pid}.cjs`);
  await build({
    entryPoints: [path.join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    // CommonJS, as the shipped bundles are (scripts/build.mjs): a package that only a lazily imported module
    // needs is then required on first use. An ES module bundle hoists every package import to the top and
    // loads them all at start (35 MB more: the chart, PDF and Excel packages), which the app never does.
    format: 'cjs',
    banner: { js: 'const __jfp_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__jfp_import_meta_url' },
    target: 'node20',
    external: externalPackages(),
    logLevel: 'warning',
  });
  return outfile;
}
