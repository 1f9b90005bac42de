#!/usr/bin/env node
// The `jfp` command (package.json "bin"): runs the bundled command line,
// building it first with scripts/build.mjs --cli if npm's postinstall did not,
// or if the sources have changed since (e.g. after a git pull).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'dist', 'cli', 'jfp.cjs');

/** Newest modification time of the TypeScript sources the bundle is built from (0 outside a source checkout). */
function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const stale = () => {
  const built = fs.statSync(bundle).mtimeMs;
  return ['electron', 'shared'].some((folder) => newestSource(path.join(root, folder)) > built);
};

if (!fs.existsSync(bundle) || stale()) {
  // The build reports on stderr, and its stdout goes there too, so `id=$(jfp new ...)` stays clean.
  require('node:child_process').spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--cli'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (!fs.existsSync(bundle)) {
    process.stderr.write('jfp: The command line is not built and could not be built; run npm install (or node scripts/build.mjs --cli) in the JFP Studio folder.\n');
    process.exit(1);
  }
}
require(bundle).main();
