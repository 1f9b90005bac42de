#!/usr/bin/env node
// The `jfp` command (package.json "bin"): runs the bundled command line,
// building it first if npm's postinstall did not (the source is electron/cli.ts).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'dist', 'cli', 'jfp.cjs');

function build() {
  const script = path.join(root, 'scripts', 'build.mjs');
  if (fs.existsSync(script)) {
    // The build's own output goes to stderr so that `id=$(jfp new ...)` stays clean.
    require('node:child_process').spawnSync(process.execPath, [script, '--cli'], { cwd: root, stdio: ['ignore', 2, 2] });
  } else {
    require('esbuild').buildSync({
      entryPoints: [path.join(root, 'electron', 'cli.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3'],
      logLevel: 'error',
    });
  }
}

try {
  if (!fs.existsSync(bundle)) build();
} catch (error) {
  // Reported below as one sentence.
}
if (!fs.existsSync(bundle)) {
  process.stderr.write('jfp: The command line is not built and could not be built; run npm install (or node scripts/build.mjs --cli) in the JFP Studio folder.\n');
  process.exit(1);
}
require(bundle).main();
