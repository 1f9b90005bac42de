// Builds what the e2e tests load, once per run: the renderer (Vite) and the
// bridge init script (esbuild). Finds the browser once too, so a bundled
// Chromium is unpacked before the workers start, and says which one is used.
import { build as esbuild } from 'esbuild';
import { build as viteBuild, type InlineConfig } from 'vite';
import { chromium } from 'playwright-core';
import { BrowserUnavailableError, describeBrowser, findBrowser, type FoundBrowser } from '../../electron/services/browser';
import { HARNESS_BROWSER_ARGS, SHARED_BROWSER_ENV, type SharedBrowser } from './harness-browser';
import { BRIDGE_INIT_FILE, RENDERER_DIR, REPO_ROOT } from './paths';

/**
 * The app's own build, with react-dom's profiling entry: it behaves the same and
 * also calls <Profiler> onRender, so commits per keystroke can be counted.
 * (test/unit/renderer-bundle.test.ts checks that it is React's production build.)
 */
export const E2E_RENDERER_CONFIG = {
  configFile: `${REPO_ROOT}/vite.config.ts`,
  logLevel: 'warn',
  resolve: { alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] },
  // React's production build, as `npm run build` makes it, although vitest sets NODE_ENV to
  // "test" (Vite would otherwise bundle React's development build and the JSX dev runtime).
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { development: false } },
  build: { outDir: RENDERER_DIR, emptyOutDir: true },
} satisfies InlineConfig;

/**
 * Builds the renderer and the bridge and finds the browser: what a bench or a script driving the harness needs
 * (each app there launches its own browser). The e2e run's setup below also starts the shared browser.
 */
export async function buildForHarness(): Promise<FoundBrowser> {
  await viteBuild(E2E_RENDERER_CONFIG);
  await esbuild({
    entryPoints: [`${REPO_ROOT}/test/e2e/bridge-init.ts`],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    outfile: BRIDGE_INIT_FILE,
    logLevel: 'warning',
  });
  let found: FoundBrowser;
  try {
    found = await findBrowser();
    console.log(`e2e: the browser is ${describeBrowser(found)}`);
  } catch (error) {
    // The sentence says what to do; a trace through vitest's setup would only bury it.
    if (error instanceof BrowserUnavailableError) error.stack = `${error.name}: ${error.message}`;
    throw error;
  }
  return found;
}

export default async function setup(): Promise<() => Promise<void>> {
  const found = await buildForHarness();
  // One browser for the whole run, started as launchBrowser starts it (electron/services/browser.ts, with the
  // harness's --lang=en-GB): each app of each test file opens its own context in it (harness.ts) instead of
  // starting a browser of its own, which took a second or more per file.
  const server = await chromium.launchServer({
    executablePath: found.executablePath,
    args: [...found.args, ...HARNESS_BROWSER_ARGS],
    env: { ...process.env, ...found.env },
  });
  const shared: SharedBrowser = { wsEndpoint: server.wsEndpoint(), chromiumPath: process.env.CHROMIUM_PATH ?? '' };
  // The workers are started after this, with this process's environment.
  process.env[SHARED_BROWSER_ENV] = JSON.stringify(shared);
  return async () => {
    delete process.env[SHARED_BROWSER_ENV];
    await server.close();
  };
}
