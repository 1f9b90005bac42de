// The renderer as scripts/build.mjs builds it for the app (dist/renderer), and
// as the e2e harness builds it: React's production build in both, the harness's
// with react-dom's profiling entry so <Profiler> regions report commits. The
// harness builds under vitest, which sets NODE_ENV to "test": without its own
// setting it got React's development build, slower per keystroke and not what
// the app ships, so the e2e tests did not run the app's React.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build as viteBuild, type InlineConfig, type Plugin } from 'vite';
import { expect, it } from 'vitest';
import { E2E_RENDERER_CONFIG } from '../e2e/global-setup';

const ROOT = path.resolve(__dirname, '..', '..');

/** A plugin that notes which of React's own files a build loads. */
function noteReactFiles(): { plugin: Plugin; files: Set<string> } {
  const files = new Set<string>();
  const plugin: Plugin = {
    name: 'note-react-files',
    load(id) {
      const file = id.split(path.sep).join('/');
      if (/\/node_modules\/(react|react-dom|scheduler)\/cjs\//.test(file)) files.add(path.basename(file));
      return null;
    },
  };
  return { plugin, files };
}

it('the app’s renderer bundles the production build of React and react-dom, and no profiling or development build', async () => {
  const build = await import(pathToFileURL(path.join(ROOT, 'scripts', 'build.mjs')).href);
  const { plugin, files } = noteReactFiles();
  // The app's own build as `npm run build` runs it (no NODE_ENV of vitest's), only not written.
  const nodeEnv = process.env.NODE_ENV;
  delete process.env.NODE_ENV;
  try {
    await build.buildRenderer(ROOT, { logLevel: 'silent', build: { write: false }, plugins: [plugin] });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  expect([...files]).toContain('react-dom-client.production.js');
  expect([...files]).toContain('react.production.js');
  expect([...files].filter((f) => /profiling|development/.test(f))).toEqual([]);
}, 120_000);

it('the e2e harness’s renderer bundles the production build with react-dom’s profiling entry', async () => {
  const { plugin, files } = noteReactFiles();
  const config: InlineConfig = { ...E2E_RENDERER_CONFIG, logLevel: 'silent', build: { ...E2E_RENDERER_CONFIG.build, write: false }, plugins: [plugin] };
  await viteBuild(config);
  expect([...files]).toContain('react-dom-profiling.profiling.js');
  expect([...files]).toContain('react.production.js');
  expect([...files].filter((f) => /development/.test(f))).toEqual([]);
}, 120_000);
