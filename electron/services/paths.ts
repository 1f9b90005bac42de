// Where the app keeps its data. The Electron main process sets its userData
// folder to `defaultDataDir()`, so the app and the `jfp` command line open the
// same database file by default.
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'JFP Studio';
export const DATABASE_FILE_NAME = 'jfp.db';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.JFP_DATA_DIR) return path.resolve(env.JFP_DATA_DIR);
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER_NAME);
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return path.join(defaultDataDir(env, platform), DATABASE_FILE_NAME);
}
