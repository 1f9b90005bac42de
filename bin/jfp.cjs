#!/usr/bin/env node
// The `jfp` command (package.json "bin"): runs the bundled command line,
// building it first with scripts/build.mjs --cli if npm's postinstall did not.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'dist', 'cli', 'jfp.cjs');

if (!fs.existsSync(bundle)) {
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
