// The application menu: File, Edit, View, Window and Help with the shortcuts
// people expect of a desktop app. Commands the page carries out (New plan, Open
// recent, Export, Print, Find in plan, Keyboard shortcuts, Theme) go to it as the
// contract's `menuCommand` event; the rest are Electron's standard roles.
// Reload and developer tools exist only in development: in the app a reload
// could drop unsaved typing.
// Import from Word, Backups and Save version (Ctrl/Cmd+S) open #16's screens.
import type { MenuItemConstructorOptions } from 'electron';
import type { EventPayload } from '../shared/contract';

export type MenuCommand = EventPayload<'menuCommand'>;
export type ThemeChoice = Extract<MenuCommand, { command: 'setTheme' }>['theme'];

export interface RecentPlan {
  id: string;
  title: string;
}

export interface MenuOptions {
  development: boolean;
  platform: NodeJS.Platform;
  /** Most recently changed first; the first eight are offered. */
  recentPlans?: readonly RecentPlan[];
  theme?: ThemeChoice;
  /** Sends a command to the page. */
  onCommand?: (command: MenuCommand) => void;
  /** Shows the folder that holds the plan database. */
  openDataFolder?: () => void;
}

export const RECENT_PLAN_LIMIT = 8;

const THEMES: Array<{ theme: ThemeChoice; label: string }> = [
  { theme: 'system', label: 'Same as the system' },
  { theme: 'light', label: 'Light' },
  { theme: 'dark', label: 'Dark' },
];

/** A menu label shows "&" as an access-key marker: a plan called "Health & care" must keep its ampersand. */
const menuText = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text).replace(/&/g, '&&');

export function menuTemplate({
  development,
  platform,
  recentPlans = [],
  theme = 'system',
  onCommand = () => undefined,
  openDataFolder = () => undefined,
}: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const send = (command: MenuCommand) => () => onCommand(command);
  const recent: MenuItemConstructorOptions[] = recentPlans.length
    ? recentPlans.slice(0, RECENT_PLAN_LIMIT).map((plan) => ({ label: menuText(plan.title), click: send({ command: 'openPlan', planId: plan.id }) }))
    : [{ label: 'No plans yet', enabled: false }];

  const file: MenuItemConstructorOptions[] = [
    { label: 'New plan…', accelerator: 'CmdOrCtrl+N', click: send({ command: 'newPlan' }) },
    { label: 'Open recent', submenu: recent },
    { type: 'separator' },
    { label: 'Save version…', accelerator: 'CmdOrCtrl+S', click: send({ command: 'saveVersion' }) },
    { label: 'Import from Word…', click: send({ command: 'importWord' }) },
    { label: 'Backups…', click: send({ command: 'showBackups' }) },
    { type: 'separator' },
    { label: 'Export…', accelerator: 'CmdOrCtrl+Shift+E', click: send({ command: 'exportPlan' }) },
    { label: 'Print or save as PDF…', accelerator: 'CmdOrCtrl+P', click: send({ command: 'print' }) },
    { type: 'separator' },
    mac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' },
  ];

  const edit: MenuItemConstructorOptions[] = [
    { role: 'undo' },
    { role: 'redo' },
    { type: 'separator' },
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    { role: 'pasteAndMatchStyle' },
    { role: 'delete' },
    { role: 'selectAll' },
    { type: 'separator' },
    { label: 'Find in plan…', accelerator: 'CmdOrCtrl+F', click: send({ command: 'findInPlan' }) },
  ];

  const view: MenuItemConstructorOptions[] = [
    ...(development ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const) : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    {
      label: 'Theme',
      submenu: THEMES.map((t) => ({ label: t.label, type: 'radio' as const, checked: t.theme === theme, click: send({ command: 'setTheme', theme: t.theme }) })),
    },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];

  const help: MenuItemConstructorOptions[] = [
    { label: 'Keyboard shortcuts', accelerator: 'CmdOrCtrl+/', click: send({ command: 'showShortcuts' }) },
    { label: 'Open data folder', click: () => openDataFolder() },
    ...(mac ? [] : ([{ type: 'separator' }, { role: 'about', label: 'About JFP Studio' }] as const)),
  ];

  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { label: mac ? 'File' : '&File', submenu: file },
    { label: mac ? 'Edit' : '&Edit', submenu: edit },
    { label: mac ? 'View' : '&View', submenu: view },
    { role: 'windowMenu' },
    { label: mac ? 'Help' : '&Help', role: 'help', submenu: help },
  ];
}
