// The Electron main process: the app's lifecycle and the wiring between Electron
// and the services, nothing more. The rules worth testing live beside it
// (window-policy.ts, app-protocol.ts, ipc.ts, menu.ts, services/native-binding.ts);
// everything that touches data lives in services/, which never imports Electron.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, screen, session, shell } from 'electron';
import type { ExportStatus } from '../shared/domain';
import { JfpError } from '../shared/errors';
import { APP_SCHEME_PRIVILEGES, rendererRequestHandler } from './app-protocol';
import { electronExportPorts } from './export-ports';
import { saveBeforeClose } from './flush-on-close';
import { createEventSender, registerIpc } from './ipc';
import { menuTemplate, RECENT_PLAN_LIMIT, type MenuCommand, type RecentPlan } from './menu';
import { startServicesWithRecovery } from './services/app-services';
import type { RecoverableServices } from './services/backups/recovery';
import { electronNativeBinding, nativeBindingProblem } from './services/native-binding';
import { DATABASE_FILE_NAME, defaultDataDir } from './services/paths';
import { windowBackground, windowIcon } from './app-icon';
import { APP_ENTRY_URL, APP_SCHEME, hardenWebContents, isAppUrl, windowOptions } from './window-policy';
import { fitToScreens, readWindowState, WINDOW_STATE_FILE, writeWindowState, type WindowState } from './window-state';

// Before anything else: the app and the `jfp` command line share one data folder,
// and the single-instance lock lives in it.
app.setPath('userData', defaultDataDir());
// Dates, numbers and the date pickers in British English whatever the system's language (before ready).
app.commandLine.appendSwitch('lang', 'en-GB');
// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let services: RecoverableServices | undefined;
let mainWindow: BrowserWindow | undefined;
let stopWatching: (() => void) | undefined;
/** The window's remembered size and place, and the chosen theme (window-state.ts). */
let windowState: WindowState | undefined;
let recentPlans: RecentPlan[] = [];
// Events reach every window showing the app's own page, and nothing else.
const sendEvent = createEventSender(() => BrowserWindow.getAllWindows().map((window) => window.webContents), isAppUrl);

if (!app.requestSingleInstanceLock()) {
  // Another JFP Studio is running with the same database: it gets focused instead.
  app.quit();
} else {
  app.on('second-instance', showMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (url) => shell.openExternal(url)));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', showMainWindow);
  // "Open recent" follows plans created or changed meanwhile.
  app.on('browser-window-focus', refreshRecentPlans);
  app.on('will-quit', closeServices);
  app.whenReady().then(start).catch(failToStart);
}

function start(): void {
  const appRoot = app.getAppPath();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  services = openServices(appRoot);
  protocol.handle(APP_SCHEME, rendererRequestHandler(path.join(appRoot, 'dist', 'renderer')));
  // #16 recovery: a damaged jfp.db was moved aside and the page shows the recovery screen; once the
  // person has chosen a backup or an empty database, the full services run and watching starts.
  const open = services;
  registerIpc(
    ipcMain,
    async (method, input) => {
      const outcome = await open.dispatch(method, input);
      // #16 restore: the store was closed and opened afresh, so its watcher is watched again on the new connection.
      if (method === 'restoreBackup' && outcome.ok) {
        stopWatching?.();
        stopWatching = undefined;
      }
      if ((method === 'recoverDatabase' || method === 'restoreBackup') && outcome.ok) {
        watchOtherWriters();
        refreshRecentPlans();
      }
      return outcome;
    },
    isAppUrl,
  );
  watchOtherWriters();
  windowState = readWindowState(windowStateFile());
  nativeTheme.themeSource = windowState.theme;
  setMenu();
  refreshRecentPlans();
  showMainWindow();
}

/** The jfp command line (or another copy of the app) writing the same file: the open plan refreshes. */
function watchOtherWriters(): void {
  if (!services || services.recovering || stopWatching) return;
  stopWatching = services.store.watchOtherWriters(() => {
    sendEvent('plansChanged', {});
    refreshRecentPlans();
  });
}

const windowStateFile = () => path.join(app.getPath('userData'), WINDOW_STATE_FILE);

function setMenu(): void {
  const template = menuTemplate({
    development: !app.isPackaged,
    platform: process.platform,
    recentPlans,
    theme: windowState?.theme,
    onCommand: menuCommand,
    openDataFolder: () => void shell.openPath(app.getPath('userData')),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function menuCommand(command: MenuCommand): void {
  if (command.command === 'setTheme' && windowState) {
    // The page follows prefers-color-scheme, which Electron sets from themeSource.
    nativeTheme.themeSource = command.theme;
    windowState = { ...windowState, theme: command.theme };
    saveWindowState();
    setMenu();
  }
  if (mainWindow?.isMinimized()) mainWindow.restore();
  sendEvent('menuCommand', command);
}

function refreshRecentPlans(): void {
  void services?.dispatch('listPlans', {}).then((outcome) => {
    if (!outcome.ok) return;
    const plans = outcome.value as Array<{ id: string; title: string; updatedAt: string }>;
    recentPlans = [...plans]
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, RECENT_PLAN_LIMIT)
      .map((p) => ({ id: p.id, title: p.title }));
    setMenu();
  });
}

function saveWindowState(): void {
  if (!windowState) return;
  try {
    writeWindowState(windowStateFile(), windowState);
  } catch (error) {
    // Only the window's place is lost; the plans are untouched.
    process.stderr.write(`jfp: the window's size and place could not be saved: ${String(error)}\n`);
  }
}

/** The saved size and place, fitted to the screens there are now. */
function windowBounds(): Partial<Electron.Rectangle> {
  const primary = screen.getPrimaryDisplay();
  const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const { x, y, width, height } = fitToScreens(windowState ?? readWindowState(windowStateFile()), areas);
  return x === undefined || y === undefined ? { width, height } : { x, y, width, height };
}

function openServices(appRoot: string): RecoverableServices {
  const dbPath = path.join(app.getPath('userData'), DATABASE_FILE_NAME);
  const electronVersion = process.versions.electron;
  // The app's own file in its own folder: a missing or empty jfp.db there is where a new database starts.
  const serviceOptions = {
    create: 'missing-or-empty' as const,
    // #16: a backup at start and every four hours while the app runs.
    backupSchedule: {},
    exportPorts: { ...electronExportPorts(() => mainWindow), exportStatusChanged: (status: ExportStatus) => sendEvent('exportProgress', status) },
    exportWorkerScript: path.join(appRoot, 'dist', 'main', 'export-worker.cjs'),
  };
  // Under plain Node (tests) better-sqlite3's own build is the right one.
  if (!electronVersion) return startServicesWithRecovery(dbPath, serviceOptions);
  const nativeBinding = electronNativeBinding({ packaged: app.isPackaged, appRoot, resourcesPath: process.resourcesPath });
  const problem = nativeBindingProblem(nativeBinding, electronVersion, app.isPackaged);
  if (problem) throw new JfpError('io_error', problem);
  return startServicesWithRecovery(dbPath, { nativeBinding, ...serviceOptions });
}

function showMainWindow(): void {
  if (!services) return;
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    return;
  }
  const window = new BrowserWindow({
    ...windowOptions(path.join(app.getAppPath(), 'dist', 'main', 'preload.cjs')),
    ...windowBounds(),
    icon: windowIcon(app.getAppPath(), process.platform),
    backgroundColor: windowBackground(nativeTheme.shouldUseDarkColors === true),
  });
  mainWindow = window;
  if (windowState?.maximised) window.maximize();
  // Remembered as it closes: the size and place it would have un-maximised.
  window.on('close', () => {
    if (!windowState) return;
    const { x, y, width, height } = window.getNormalBounds();
    windowState = { ...windowState, x, y, width, height, maximised: window.isMaximized() };
    saveWindowState();
  });
  saveBeforeClose(window, ipcMain);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    process.stderr.write(`jfp: the window could not load ${APP_ENTRY_URL}: ${String(error)}\n`);
  });
}

/** A database that cannot be opened (newer schema, missing engine, unreadable file) is explained, then the app quits. */
function failToStart(error: unknown): void {
  const message =
    error instanceof JfpError ? error.message : `Something unexpected stopped JFP Studio from starting: ${error instanceof Error ? error.message : String(error)}`;
  dialog.showErrorBox('JFP Studio could not start', message);
  closeServices();
  app.quit();
}

function closeServices(): void {
  stopWatching?.();
  stopWatching = undefined;
  const open = services;
  services = undefined;
  open?.close();
}
