// Where the app finds better-sqlite3 compiled for Electron's ABI. node_modules keeps
// the Node build (tests and the `jfp` command line use it); scripts/native-electron.mjs
// compiles a second copy into .native/, and packaging ships that file beside
// app.asar. Plain Node (no 'electron' import) so the rules can be tested here;
// scripts/native-electron.mjs writes to the same places (a test keeps them in step).
import fs from 'node:fs';
import path from 'node:path';

export const NATIVE_ADDON_FILE = 'better_sqlite3.node';
/** Written beside the addon by scripts/native-electron.mjs. */
export const BUILD_STAMP_FILE = 'build.json';
/** Folder under process.resourcesPath in a packaged app (electron-builder.yml extraResources). */
export const PACKAGED_NATIVE_DIR = 'native';

export interface BuildStamp {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}

/** The development build's folder: `<repo>/.native/electron-<platform>-<arch>`. */
export function electronBuildDir(appRoot: string, platform: string = process.platform, arch: string = process.arch): string {
  return path.join(appRoot, '.native', `electron-${platform}-${arch}`);
}

export interface BindingLocation {
  /** app.isPackaged */
  packaged: boolean;
  /** app.getAppPath(): the repository in development. */
  appRoot: string;
  /** process.resourcesPath (packaged app only). */
  resourcesPath?: string;
  platform?: string;
  arch?: string;
}

/** Path of the Electron build of the addon, for better-sqlite3's `nativeBinding` option. */
export function electronNativeBinding(location: BindingLocation): string {
  if (location.packaged) {
    if (!location.resourcesPath) throw new Error('A packaged app needs process.resourcesPath to find its database engine.');
    return path.join(location.resourcesPath, PACKAGED_NATIVE_DIR, NATIVE_ADDON_FILE);
  }
  return path.join(electronBuildDir(location.appRoot, location.platform, location.arch), NATIVE_ADDON_FILE);
}

/**
 * A sentence saying why the addon at `bindingPath` cannot be loaded by Electron
 * `electronVersion`, or null when it looks usable. Checked before opening the
 * database so the user sees what to do rather than a loader error.
 */
export function nativeBindingProblem(bindingPath: string, electronVersion: string, packaged: boolean): string | null {
  if (!fs.existsSync(bindingPath)) {
    return packaged
      ? `JFP Studio's database engine is missing from this installation (${bindingPath}). Reinstall JFP Studio.`
      : `better-sqlite3 has not been built for Electron yet (no file at ${bindingPath}). Run "node scripts/native-electron.mjs --require" with internet access, then start the app again.`;
  }
  if (packaged) return null;
  const stamp = readBuildStamp(path.dirname(bindingPath));
  if (stamp && stamp.electron !== electronVersion) {
    return `better-sqlite3 was built for Electron ${stamp.electron}, but this is Electron ${electronVersion}. Run "node scripts/native-electron.mjs --require" to rebuild it, then start the app again.`;
  }
  return null;
}

export function readBuildStamp(dir: string): BuildStamp | null {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(dir, BUILD_STAMP_FILE), 'utf8')) as Partial<BuildStamp>;
    if (typeof stamp.electron !== 'string' || typeof stamp.betterSqlite3 !== 'string') return null;
    return { electron: stamp.electron, betterSqlite3: stamp.betterSqlite3, platform: String(stamp.platform), arch: String(stamp.arch) };
  } catch {
    return null;
  }
}
