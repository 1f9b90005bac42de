// The window's icon (#12). Windows and Linux take it from the window; macOS takes
// the app bundle's .icns, named in electron-builder.yml. The PNG lives in build/icons
// (made by scripts/icons.mjs) and electron-builder.yml packs it into the app.
import path from 'node:path';

export const WINDOW_ICON = path.join('build', 'icons', '256x256.png');

/** The icon file for BrowserWindow({ icon }), or undefined where the system takes it from the bundle. */
export function windowIcon(appRoot: string, platform: NodeJS.Platform): string | undefined {
  return platform === 'darwin' ? undefined : path.join(appRoot, WINDOW_ICON);
}

/** The window's colour before the page paints: dark when the theme is, so a dark system sees no white flash. */
export function windowBackground(dark: boolean): string {
  return dark ? '#15191c' : '#f0f4f5';
}
