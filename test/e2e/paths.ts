// Where the e2e harness finds the built renderer and the bridge init script.
// The repo root is found by walking up to package.json, so the harness also
// works when bundled elsewhere (benchmarks, scripts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'renderer'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));
/**
 * The renderer the harness serves: the app's Vite build, with React's profiling
 * build so tests can count commits per region (renderer/app/commit-regions.tsx).
 * Kept apart from dist/renderer, which is what the app ships.
 */
export const RENDERER_DIR = path.join(REPO_ROOT, 'dist', 'e2e', 'renderer');
export const BRIDGE_INIT_FILE = path.join(REPO_ROOT, 'dist', 'e2e', 'bridge-init.js');
