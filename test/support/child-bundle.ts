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
  const outfile = path.join(ROOT, 'node_modules', '.cache', 'jfp-children', `${path.basename(entry, '.ts')}-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
