// Builds what the e2e tests load, once per run: the renderer (Vite) and the
// bridge init script (esbuild).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { BRIDGE_INIT_FILE, REPO_ROOT } from './paths';

export default async function setup(): Promise<void> {
  await viteBuild({ configFile: `${REPO_ROOT}/vite.config.ts`, logLevel: 'warn' });
  await esbuild({
    entryPoints: [`${REPO_ROOT}/test/e2e/bridge-init.ts`],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    outfile: BRIDGE_INIT_FILE,
    logLevel: 'warning',
  });
}
