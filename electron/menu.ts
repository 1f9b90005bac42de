// The application menu: Electron's standard roles only (clipboard, undo, zoom,
// window), so keyboard shortcuts behave as people expect. Reload and developer
// tools exist only in development: in the app a reload could drop unsaved typing.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  development: boolean;
  platform: NodeJS.Platform;
}

export function menuTemplate({ development, platform }: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    ...(development ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const) : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : [{ role: 'fileMenu' } as const]),
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
