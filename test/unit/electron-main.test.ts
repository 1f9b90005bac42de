// The Electron main process, imported for real with a fake 'electron' module
// (the binary cannot run here): what a security reviewer would check on a
// running app, asserted on what main.ts hands to Electron.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from '../../electron/menu';
import { startServices } from '../../electron/services/app-services';
import { listBackupFiles } from '../../electron/services/backups/backup-service';
import { JFP_APPLICATION_ID } from '../../electron/services/store/file-check';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = { lock: true, appRoot: '' };

  function makeElectron() {
    const listeners = new Map<string, Listener[]>();
    const paths = new Map<string, string>();
    const app = {
      isPackaged: false,
      setPath: vi.fn((name: string, value: string) => void paths.set(name, value)),
      getPath: vi.fn((name: string) => paths.get(name) ?? ''),
      getAppPath: vi.fn(() => state.appRoot),
      requestSingleInstanceLock: vi.fn(() => state.lock),
      enableSandbox: vi.fn(),
      commandLine: { appendSwitch: vi.fn() },
      quit: vi.fn(),
      exit: vi.fn(),
      on: vi.fn((event: string, listener: Listener) => {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return app;
      }),
      whenReady: vi.fn(() => Promise.resolve()),
    };
    class BrowserWindow {
      static instances: BrowserWindow[] = [];
      static getAllWindows = () => BrowserWindow.instances;
      minimized = false;
      url = '';
      webContents = { send: vi.fn(), getURL: vi.fn(() => this.url), isDestroyed: vi.fn(() => false) };
      loadURL = vi.fn(async (url: string) => void (this.url = url));
      once = vi.fn();
      on = vi.fn();
      show = vi.fn();
      focus = vi.fn();
      restore = vi.fn();
      isMinimized = vi.fn(() => this.minimized);
      constructor(readonly options: { webPreferences: Record<string, unknown> }) {
        BrowserWindow.instances.push(this);
      }
    }
    const electron = {
      app,
      BrowserWindow,
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
      ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
      Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
      dialog: { showErrorBox: vi.fn() },
      nativeTheme: { themeSource: 'system' },
      screen: {
        getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1366, height: 728 } }),
        getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1366, height: 728 } }],
      },
      shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    };
    const emit = (event: string, ...args: unknown[]) => (listeners.get(event) ?? []).map((listener) => listener(...args));
    /** A fresh launch: no listeners, paths, windows or recorded calls. */
    const reset = () => {
      listeners.clear();
      paths.clear();
      BrowserWindow.instances = [];
      vi.clearAllMocks();
    };
    return { electron, emit, reset };
  }

  return { state, ...makeElectron() };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

let tmp: string;
let dataDir: string;
const savedDataDir = process.env.JFP_DATA_DIR;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-main-'));
  dataDir = path.join(tmp, 'data');
  fake.state.appRoot = path.join(tmp, 'app');
  const renderer = path.join(fake.state.appRoot, 'dist', 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>JFP Studio</title><script type="module" src="./assets/app.js"></script>');
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log("app")');
  fs.writeFileSync(path.join(fake.state.appRoot, 'dist', 'secret.txt'), 'SECRET');
  fs.writeFileSync(path.join(fake.state.appRoot, 'secret.txt'), 'SECRET');
  fake.state.lock = true;
  process.env.JFP_DATA_DIR = dataDir;
});

afterEach(() => {
  fake.emit('will-quit');
  if (savedDataDir === undefined) delete process.env.JFP_DATA_DIR;
  else process.env.JFP_DATA_DIR = savedDataDir;
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Imports main.ts afresh (a new app launch) and lets whenReady's work run. */
async function launch() {
  fake.reset();
  vi.resetModules();
  await import('../../electron/main');
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { ...fake.electron, emit: fake.emit };
}

/** The arguments of a fake's last call, as the caller says Electron passes them. */
function lastArgs<Args extends unknown[]>(mock: { mock: { calls: unknown[][] } }): Args {
  const call = mock.mock.calls.at(-1);
  if (!call) throw new Error('expected a call');
  return call as Args;
}

function contentsHandlers(electron: Awaited<ReturnType<typeof launch>>) {
  const on = new Map<string, Listener>();
  let openHandler: Listener | undefined;
  const contents = {
    on: vi.fn((event: string, listener: Listener) => void on.set(event, listener)),
    setWindowOpenHandler: vi.fn((handler: Listener) => void (openHandler = handler)),
  };
  electron.emit('web-contents-created', {}, contents);
  const navigate = (event: string, url: string) => {
    const preventDefault = vi.fn();
    on.get(event)?.({ preventDefault, url }, url);
    return preventDefault.mock.calls.length > 0;
  };
  return { navigate, open: (url: string) => openHandler?.({ url }) };
}

describe('launching the app', () => {
  it('uses the shared data folder, sandboxes every renderer, asks for the single-instance lock after setting the folder, and registers app:// as a privileged scheme before ready', async () => {
    const { app, protocol } = await launch();
    expect(app.setPath).toHaveBeenCalledWith('userData', dataDir);
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(app.setPath.mock.invocationCallOrder[0]).toBeLessThan(app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(app.whenReady.mock.invocationCallOrder[0]!);
    // #12: British English dates and numbers, switched on before ready as Chromium needs.
    expect(app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'en-GB');
    expect(app.commandLine.appendSwitch.mock.invocationCallOrder[0]).toBeLessThan(app.whenReady.mock.invocationCallOrder[0]!);
  });

  it('opens the window where it was left, fitted to the screens there are now (#12)', async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'window-state.json'), JSON.stringify({ x: 3000, y: 50, width: 1600, height: 900, maximised: false, theme: 'dark' }));
    const { BrowserWindow, nativeTheme } = await launch();
    const options = BrowserWindow.instances[0]!.options as unknown as Record<string, unknown>;
    // The window's icon (Linux here) is the app's own PNG (test/unit/app-icons.test.ts checks the file).
    expect(options.icon).toBe(path.join(fake.state.appRoot, 'build', 'icons', '256x256.png'));
    // The monitor it was on has gone: the system centres it, no larger than the laptop's screen.
    expect(options).toMatchObject({ width: 1366, height: 728 });
    expect(options.x).toBeUndefined();
    expect(nativeTheme.themeSource).toBe('dark');
  });

  it('opens one sandboxed, context-isolated window without Node, on the app:// page, with the bundled preload', async () => {
    const { BrowserWindow } = await launch();
    expect(BrowserWindow.instances).toHaveLength(1);
    const [window] = BrowserWindow.instances;
    const web = window!.options.webPreferences;
    expect(web).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(web.nodeIntegrationInSubFrames).not.toBe(true);
    expect(web.nodeIntegrationInWorker).not.toBe(true);
    expect(web.preload).toBe(path.join(fake.state.appRoot, 'dist', 'main', 'preload.cjs'));
    expect(window!.loadURL).toHaveBeenCalledWith('app://jfp/index.html');
  });

  it('a second copy of the app quits at once and the first one comes to the front', async () => {
    fake.state.lock = false;
    const second = await launch();
    expect(second.app.quit).toHaveBeenCalled();
    expect(second.app.whenReady).not.toHaveBeenCalled();
    expect(second.BrowserWindow.instances).toHaveLength(0);

    fake.state.lock = true;
    const first = await launch();
    const [window] = first.BrowserWindow.instances;
    window!.minimized = true;
    first.emit('second-instance', {}, ['jfp-studio'], '/');
    expect(window!.restore).toHaveBeenCalled();
    expect(window!.focus).toHaveBeenCalled();
    expect(first.BrowserWindow.instances).toHaveLength(1);
  });

  it('has a menu with editing and window roles, and reload only in development', async () => {
    const { Menu } = await launch();
    expect(Menu.setApplicationMenu).toHaveBeenCalled();
    const roles = (template: MenuItemConstructorOptions[]): string[] =>
      template.flatMap((item) => [item.role ?? '', ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]).filter(Boolean);
    const development = roles(lastArgs<[MenuItemConstructorOptions[]]>(Menu.buildFromTemplate)[0]);
    expect(development).toEqual(expect.arrayContaining(['undo', 'paste', 'windowMenu', 'reload']));
    const packaged = roles(menuTemplate({ development: false, platform: 'linux' }));
    expect(packaged).toEqual(expect.arrayContaining(['undo', 'paste', 'windowMenu']));
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('forceReload');
    expect(packaged).not.toContain('toggleDevTools');
  });
});

describe('serving the renderer through app://', () => {
  async function handler() {
    const { protocol } = await launch();
    const [scheme, handle] = lastArgs<[string, (request: Request) => Promise<Response>]>(protocol.handle);
    expect(scheme).toBe('app');
    return (url: string) => handle(new Request(url));
  }

  it('serves the page with a strict Content-Security-Policy: own scripts only, no eval, no remote origins', async () => {
    const get = await handler();
    const response = await get('app://jfp/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>JFP Studio</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .map(([name, ...sources]) => [name!, sources]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:|\*|ws:/);
    for (const [name, sources] of directives) {
      for (const source of sources) {
        const allowed = ["'self'", "'none'", 'data:', ...(name === 'style-src-attr' ? ["'unsafe-inline'"] : [])];
        expect(allowed, `${name} ${source}`).toContain(source);
      }
    }
    expect((await get('app://jfp/assets/app.js')).headers.get('content-type')).toMatch(/javascript/);
  });

  it.each([
    'app://jfp/../secret.txt',
    'app://jfp/../../secret.txt',
    'app://jfp/%2e%2e/secret.txt',
    'app://jfp/%2e%2e/%2e%2e/secret.txt',
    'app://jfp/..%2f..%2fsecret.txt',
    'app://jfp/assets/..%5c..%5csecret.txt',
    'app://other-host/index.html',
  ])('refuses %s', async (url) => {
    const get = await handler();
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('SECRET');
  });
});

describe('keeping the window on the app', () => {
  it('stops navigation and redirects to any other origin, and allows the app’s own pages', async () => {
    const { navigate } = contentsHandlers(await launch());
    expect(navigate('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', 'app://jfp.evil.example/index.html')).toBe(true);
    expect(navigate('will-navigate', 'app://jfp/index.html#/plan/abc')).toBe(false);
    expect(navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(navigate('will-redirect', 'app://jfp/index.html')).toBe(false);
    expect(navigate('will-attach-webview', 'app://jfp/index.html')).toBe(true);
  });

  it('never opens a new window; https and mailto links go to the system, nothing else does', async () => {
    const electron = await launch();
    const { open, navigate } = contentsHandlers(electron);
    for (const url of [
      'https://www.england.nhs.uk/',
      'mailto:icb.plans@nhs.net',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://example.com/',
      'app://jfp/index.html',
      'ms-word:ofe|u|https://x/',
    ]) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    navigate('will-navigate', 'https://www.nhs.uk/');
    navigate('will-navigate', 'javascript:alert(2)');
    expect(electron.shell.openExternal.mock.calls.map(([url]) => url)).toEqual(['https://www.england.nhs.uk/', 'mailto:icb.plans@nhs.net', 'https://www.nhs.uk/']);
  });

  it('denies every permission request and check', async () => {
    const { session } = await launch();
    const request = lastArgs<[(webContents: object, permission: string, callback: (granted: boolean) => void, details: object) => void]>(
      session.defaultSession.setPermissionRequestHandler,
    )[0];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      request({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
    }
    const check = lastArgs<[(webContents: object, permission: string, origin: string, details: object) => boolean]>(session.defaultSession.setPermissionCheckHandler)[0];
    expect(check({}, 'media', 'app://jfp', {})).toBe(false);
    expect(check({}, 'clipboard-sanitized-write', 'app://jfp', {})).toBe(false);
  });
});

describe('the database behind the window', () => {
  it('answers the app’s pages through one IPC channel from the database in the data folder, and closes it on quit', async () => {
    const electron = await launch();
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(1);
    const [channel, invoke] = lastArgs<[string, (event: object, method: string, input: unknown) => Promise<unknown>]>(electron.ipcMain.handle);
    expect(channel).toBe('jfp:invoke');
    const fromApp = { senderFrame: { url: 'app://jfp/index.html' } };
    const created = await invoke(fromApp, 'createPlan', { title: 'Joint Forward Plan 2026/27', icbName: 'NHS Example ICB', startYear: 2026 });
    expect(created).toMatchObject({ ok: true, value: { title: 'Joint Forward Plan 2026/27' } });
    const dbFile = path.join(dataDir, 'jfp.db');
    expect(fs.existsSync(dbFile)).toBe(true);

    const refused = await invoke({ senderFrame: { url: 'https://evil.example/' } }, 'listPlans', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    electron.emit('will-quit');
    // The last connection closing checkpoints and removes the write-ahead log.
    expect(fs.existsSync(`${dbFile}-wal`)).toBe(false);
    const db = new Database(dbFile, { readonly: true });
    expect(db.prepare('SELECT title FROM plans').all()).toEqual([{ title: 'Joint Forward Plan 2026/27' }]);
    db.close();
  });

  it('tells the app’s window when another process (the jfp command line) commits to the database', async () => {
    const electron = await launch();
    const [window] = electron.BrowserWindow.instances;
    const [, invoke] = lastArgs<[string, (event: object, method: string, input: unknown) => Promise<unknown>]>(electron.ipcMain.handle);
    // The app's own change is not news to its page.
    await invoke({ senderFrame: { url: 'app://jfp/index.html' } }, 'createPlan', { title: 'Joint Forward Plan 2026/27', icbName: 'NHS Example ICB', startYear: 2026 });
    const other = new Database(path.join(dataDir, 'jfp.db'));
    other.pragma('busy_timeout = 5000');
    other.prepare("UPDATE plans SET title = 'Renamed by jfp'").run();
    other.close();
    await vi.waitFor(() => expect(window!.webContents.send).toHaveBeenCalledWith('jfp:event', 'plansChanged', {}), { timeout: 3000, interval: 50 });
    expect(window!.webContents.send).toHaveBeenCalledTimes(1);
    electron.emit('will-quit');
  });

  it('a database from a newer version of the app is explained in an error box and the app quits, leaving the file alone', async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    const dbFile = path.join(dataDir, 'jfp.db');
    const newer = new Database(dbFile);
    // Marked as every JFP Studio database is since application_id was introduced.
    newer.pragma(`application_id = ${JFP_APPLICATION_ID}`);
    newer.pragma('user_version = 999');
    newer.close();

    const { dialog, app, BrowserWindow, ipcMain } = await launch();
    expect(dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, message] = lastArgs<[string, string]>(dialog.showErrorBox);
    expect(title).toBe('JFP Studio could not start');
    expect(message).toMatch(/newer version of JFP Studio/);
    expect(app.quit).toHaveBeenCalled();
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(ipcMain.handle).not.toHaveBeenCalled();
    const db = new Database(dbFile, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(999);
    db.close();
  });

  it("another program's database where jfp.db should be is named in the error box and left as it was", async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    const dbFile = path.join(dataDir, 'jfp.db');
    const theirs = new Database(dbFile);
    theirs.pragma('journal_mode = WAL');
    theirs.exec('CREATE TABLE sections (id TEXT PRIMARY KEY, name TEXT)');
    theirs.close();
    const before = fs.readFileSync(dbFile);

    const { dialog, app } = await launch();
    const [title, message] = lastArgs<[string, string]>(dialog.showErrorBox);
    expect(title).toBe('JFP Studio could not start');
    expect(message).toBe(
      `${dbFile} is not a plan database (it is the database of another program), so JFP Studio did not open it; it has not been changed. Check the path, or choose another file.`,
    );
    expect(app.quit).toHaveBeenCalled();
    expect(fs.readFileSync(dbFile).equals(before)).toBe(true);
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('jfp.db'))).toEqual(['jfp.db']);
  });

  // #16 backups and recovery, wired into the app.
  it('backs up the database in the data folder when the app starts', async () => {
    const electron = await launch();
    const [, invoke] = lastArgs<[string, (event: object, method: string, input: unknown) => Promise<unknown>]>(electron.ipcMain.handle);
    const dbFile = path.join(dataDir, 'jfp.db');
    await vi.waitFor(() => expect(listBackupFiles(dbFile).map((b) => b.reason)).toContain('start'), { timeout: 3000, interval: 50 });
    const listed = (await invoke({ senderFrame: { url: 'app://jfp/index.html' } }, 'listBackups', {})) as { ok: boolean; value: unknown[] };
    expect(listed.ok).toBe(true);
    expect(listed.value.length).toBeGreaterThan(0);
  });

  it('a damaged database is moved aside, the window opens on the recovery state, and recovering from the backup brings the plans back', async () => {
    const dbFile = path.join(dataDir, 'jfp.db');
    fs.mkdirSync(dataDir, { recursive: true });
    const before = startServices(dbFile, { log: () => {} });
    for (let i = 0; i < 30; i++) {
      const created = await before.dispatch('createPlan', { title: `Plan ${i}`, icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp' });
      expect(created.ok).toBe(true);
    }
    const backup = await before.dispatch('createBackup', {});
    expect(backup.ok).toBe(true);
    before.close();
    // Pages in the middle overwritten, as a failing disk would.
    const size = fs.statSync(dbFile).size;
    const fd = fs.openSync(dbFile, 'r+');
    fs.writeSync(fd, Buffer.alloc(size - 3 * 4096, 0xa5), 0, size - 3 * 4096, 2 * 4096);
    fs.closeSync(fd);
    const damagedBytes = fs.readFileSync(dbFile);

    const electron = await launch();
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    const [, invoke] = lastArgs<[string, (event: object, method: string, input: unknown) => Promise<unknown>]>(electron.ipcMain.handle);
    const fromApp = { senderFrame: { url: 'app://jfp/index.html' } };
    const state = (await invoke(fromApp, 'getRecoveryState', {})) as { ok: true; value: { state: string; movedTo: string; backups: { name: string }[] } };
    expect(state.value.state).toBe('damaged');
    expect(fs.readFileSync(state.value.movedTo).equals(damagedBytes)).toBe(true);
    expect(await invoke(fromApp, 'listPlans', {})).toMatchObject({ ok: false });

    const recovered = await invoke(fromApp, 'recoverDatabase', { choice: 'backup', backup: state.value.backups[0]!.name });
    expect(recovered).toMatchObject({ ok: true, value: { recovered: true } });
    const plans = (await invoke(fromApp, 'listPlans', {})) as { ok: true; value: unknown[] };
    expect(plans.value).toHaveLength(30);

    // Once recovered, the window hears of another process's commits, as after a normal start.
    const [window] = electron.BrowserWindow.instances;
    const other = new Database(dbFile);
    other.pragma('busy_timeout = 5000');
    other.prepare("UPDATE plans SET title = 'Renamed by jfp'").run();
    other.close();
    await vi.waitFor(() => expect(window!.webContents.send).toHaveBeenCalledWith('jfp:event', 'plansChanged', {}), { timeout: 3000, interval: 50 });
    electron.emit('will-quit');
    expect(fs.existsSync(state.value.movedTo)).toBe(true);
  });
});
