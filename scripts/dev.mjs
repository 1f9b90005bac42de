// The development loop: esbuild rebuilds main and preload on change and restarts
// Electron; Vite rebuilds the renderer on change (reload the window with
// Ctrl+R / Cmd+R, which the development menu has). Closing the app ends the loop.
// It needs the Electron binary and the Electron build of better-sqlite3, and says
// which is missing rather than starting half a loop.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bundleOptions, buildCli, buildRenderer, copyTemplates, ROOT } from './build.mjs';
import { ensureElectronAddon } from './native-electron.mjs';

function electronBinary() {
  try {
    // In Node, the electron package exports the path of its binary, downloading it on first use.
    return createRequire(path.join(ROOT, 'package.json'))('electron');
  } catch (error) {
    throw new Error(`the Electron binary is not installed and could not be downloaded (${String(error?.message ?? error).split('\n')[0]})`, { cause: error });
  }
}

async function main() {
  const electron = electronBinary();
  await ensureElectronAddon({ log: (line) => console.error(line) });
  copyTemplates();
  await buildCli();

  let app;
  let restarting = false;
  let stopping = false;
  const launch = () => {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    app = spawn(electron, ['.'], { cwd: ROOT, env, stdio: 'inherit' });
    app.on('exit', (code) => {
      if (restarting) return;
      stopping = true;
      void shutdown(code ?? 0);
    });
  };
  const restart = () => {
    if (stopping) return;
    if (!app) return launch();
    restarting = true;
    app.once('exit', () => {
      restarting = false;
      launch();
    });
    app.kill();
  };

  const { context } = await import('esbuild');
  const options = bundleOptions();
  let pending;
  const restartOnRebuild = {
    name: 'restart-electron',
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length > 0) return;
        clearTimeout(pending);
        pending = setTimeout(restart, 200);
      });
    },
  };
  const bundles = await Promise.all([options.main, options.preload].map((bundle) => context({ ...bundle, plugins: [restartOnRebuild] })));
  const renderer = await buildRenderer(ROOT, { build: { watch: {} } });

  async function shutdown(code) {
    await Promise.all(bundles.map((bundle) => bundle.dispose()));
    await renderer?.close?.();
    process.exit(code);
  }
  process.on('SIGINT', () => {
    stopping = true;
    app?.kill();
    void shutdown(0);
  });

  // The first rebuild of each bundle launches Electron (debounced into one start).
  await Promise.all(bundles.map((bundle) => bundle.watch()));
}

main().catch((error) => {
  console.error(`jfp: the development loop cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
