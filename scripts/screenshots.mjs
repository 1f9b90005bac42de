// Bundles scripts/screenshots.ts (TypeScript, importing the e2e harness) and runs it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist', 'scripts', 'screenshots.mjs');
await build({
  entryPoints: [path.join(root, 'scripts', 'screenshots.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
execFileSync(process.execPath, [outfile], { stdio: 'inherit', cwd: root });
