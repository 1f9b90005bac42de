// Tests that run our TypeScript in a child process of its own (to kill it, or
// to measure its memory alone) bundle it first with esbuild. The bundle sits
// inside node_modules/.cache so the packages it leaves external (better-sqlite3,
// zod, ...) resolve as installed; the caller removes it when done.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

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
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
