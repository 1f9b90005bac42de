// Builds what the unit tests run as shipped, once per run: the command line,
// the main process, the preload and the export worker (`node scripts/build.mjs
// --no-renderer`, as `npm run build` makes them, without the renderer the e2e
// tests serve meanwhile). The files that run the built bundles (cli-bundle,
// cli-backups-import, versions-cli, export-io, electron-bundle) then share one
// build instead of each making its own. Skipped when every bundle is newer
// than the sources it is built from, as bin/jfp.cjs decides for itself.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The bundles `scripts/build.mjs --no-renderer` writes. */
export const UNIT_BUNDLES = ['dist/cli/jfp.cjs', 'dist/main/main.cjs', 'dist/main/preload.cjs', 'dist/main/export-worker.cjs'].map((file) => path.join(ROOT, file));

/** What the build made of this run, for the tests that check the build itself (inject('unitBuild')). */
export interface UnitBuild {
  /** False when the bundles were already newer than every source. */
  ran: boolean;
  code: number | null;
  stderr: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    unitBuild: UnitBuild;
  }
}

/** Newest modification time of the files under `dir` (0 when it is missing). */
function newest(dir: string): number {
  let time = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return fs.statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return time;
}

/** True when a bundle is missing or a source it is built from (or the build itself) changed since. */
export function bundlesStale(): boolean {
  const built = UNIT_BUNDLES.map((file) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  if (built.some((time) => time === 0)) return true;
  const sources = ['electron', 'shared', 'templates', 'scripts/build.mjs', 'package.json', 'package-lock.json'].map((entry) => newest(path.join(ROOT, entry)));
  return Math.max(...sources) > Math.min(...built);
}

export default function setup(project: TestProject): void {
  let unitBuild: UnitBuild = { ran: false, code: 0, stderr: '' };
  if (bundlesStale()) {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--no-renderer'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    unitBuild = { ran: true, code: run.status, stderr: run.stderr };
    // Every file that runs a bundle would fail on it; one sentence here says why.
    if (run.status !== 0) throw new Error(`unit tests: node scripts/build.mjs --no-renderer failed (exit ${run.status}):\n${run.stderr}`);
  }
  project.provide('unitBuild', unitBuild);
}
