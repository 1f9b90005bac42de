// The shipped main bundle (dist/main/main.cjs as scripts/build.mjs makes it),
// run by plain Node in the packaged layout with a stand-in 'electron' module:
// it loads, opens the database, finds the plan templates in dist/templates and
// answers the window over IPC. Catches what the TypeScript tests cannot: a
// missing external, import.meta in CommonJS, a wrong relative path.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, inject, it } from 'vitest';
import { bundlesStale } from './global-setup';

const ROOT = path.resolve(__dirname, '..', '..');

// Records what main.ts asks of Electron, then plays the window: calls over IPC and quits.
const FAKE_ELECTRON = `
const listeners = {};
const paths = {};
const seen = { windows: [], handlers: {}, protocols: {} };
const app = {
  isPackaged: true,
  setPath: (name, value) => { paths[name] = value; },
  getPath: (name) => paths[name],
  getAppPath: () => process.env.FAKE_APP_PATH,
  requestSingleInstanceLock: () => true,
  enableSandbox: () => { seen.sandboxed = true; },
  commandLine: { appendSwitch: (name, value) => { seen.switches = { ...seen.switches, [name]: value }; } },
  on: (event, listener) => { (listeners[event] ||= []).push(listener); return app; },
  whenReady: () => Promise.resolve(),
  quit: () => { seen.quit = true; },
  exit: () => {},
};
class BrowserWindow {
  constructor(options) { seen.windows.push(options); }
  once() {} on() {} show() {} focus() {} restore() {} maximize() {} isMinimized() { return false; }
  loadURL(url) { seen.loadedUrl = url; return Promise.resolve(); }
}
module.exports = {
  app, BrowserWindow,
  protocol: { registerSchemesAsPrivileged: (schemes) => { seen.schemes = schemes; }, handle: (scheme, handler) => { seen.protocols[scheme] = handler; } },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} } },
  ipcMain: { handle: (channel, handler) => { seen.handlers[channel] = handler; }, removeHandler() {} },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu() {} },
  dialog: { showErrorBox: (title, message) => { seen.error = title + ': ' + message; } },
  shell: { openExternal: async () => {}, openPath: async () => '' },
  nativeTheme: { themeSource: 'system' },
  screen: { getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }), getAllDisplays: () => [] },
};
setTimeout(async () => {
  const frame = { senderFrame: { url: 'app://jfp/index.html' } };
  const invoke = seen.handlers['jfp:invoke'];
  if (invoke) {
    seen.templates = await invoke(frame, 'listTemplates', {});
    seen.plan = await invoke(frame, 'createPlan', { title: 'Bundle check', icbName: 'NHS Example ICB', startYear: 2026, templateId: 'jfp' });
    const page = await seen.protocols.app(new Request('app://jfp/index.html'));
    seen.page = { status: page.status, csp: page.headers.get('content-security-policy') };
  }
  (listeners['will-quit'] || []).forEach((listener) => listener());
  process.stdout.write(JSON.stringify(seen));
}, 50);
`;

let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-bundle-'));
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('the built main bundle starts, finds its templates and renderer, and answers the window', () => {
  const appDir = path.join(tmp, 'app');
  // The main bundle scripts/build.mjs made, once for the unit tests (test/unit/global-setup.ts), in an app folder of its own.
  expect(inject('unitBuild').code).toBe(0);
  expect(bundlesStale(), 'the bundles are older than the sources').toBe(false);
  fs.mkdirSync(path.join(appDir, 'dist', 'main'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'dist', 'main', 'main.cjs'), path.join(appDir, 'dist', 'main', 'main.cjs'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(appDir, 'package.json'));
  fs.cpSync(path.join(ROOT, 'templates'), path.join(appDir, 'dist', 'templates'), { recursive: true });
  fs.mkdirSync(path.join(appDir, 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(appDir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>JFP Studio</title>');
  fs.mkdirSync(path.join(appDir, 'node_modules', 'electron'), { recursive: true });
  fs.writeFileSync(path.join(appDir, 'node_modules', 'electron', 'index.js'), FAKE_ELECTRON);

  const result = spawnSync(process.execPath, [path.join(appDir, 'dist', 'main', 'main.cjs')], {
    cwd: tmp,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      // Only better-sqlite3 comes from outside the app folder, as in the package.
      NODE_PATH: path.join(ROOT, 'node_modules'),
      FAKE_APP_PATH: appDir,
      JFP_DATA_DIR: path.join(tmp, 'data'),
      JFP_TEMPLATES_DIR: '',
    },
  });
  expect(result.stderr).toBe('');
  const seen = JSON.parse(result.stdout);
  expect(seen.error).toBeUndefined();
  expect(seen.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  expect(seen.sandboxed).toBe(true);
  expect(seen.windows).toHaveLength(1);
  expect(seen.windows[0].webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  expect(seen.windows[0].webPreferences.preload).toBe(path.join(appDir, 'dist', 'main', 'preload.cjs'));
  expect(seen.loadedUrl).toBe('app://jfp/index.html');
  expect(seen.page).toMatchObject({ status: 200, csp: expect.stringContaining("script-src 'self'") });
  expect(seen.templates.ok).toBe(true);
  expect(seen.templates.value.length).toBeGreaterThan(0);
  expect(seen.plan).toMatchObject({ ok: true, value: { title: 'Bundle check' } });
  expect(fs.existsSync(path.join(tmp, 'data', 'jfp.db'))).toBe(true);
});
