// Builds a second copy of better-sqlite3 for Electron's ABI, so the app can run
// while node_modules/better-sqlite3 stays built for Node (npm test, the CLI).
// The copy is compiled under .native/ and only the .node file is kept:
//   .native/electron-<platform>-<arch>/better_sqlite3.node  (+ build.json: versions it was built for)
// main.ts loads it through better-sqlite3's `nativeBinding` option
// (electron/services/native-binding.ts); electron-builder.yml ships it as an extra resource.
//
// Usage: node scripts/native-electron.mjs [--require] [--force] [--arch=<arch>]
//   --require  quiet when the build is current (npm start, npm run dist); exits 1 with a sentence if it cannot build
//   --force    rebuild even if current
// Environment: JFP_ELECTRON_HEADERS_URL  mirror of https://electronjs.org/headers
//              JFP_NATIVE_DIR            build somewhere other than .native/ (tests)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_HEADERS_URL = 'https://electronjs.org/headers';
export const ADDON_FILE = 'better_sqlite3.node';
export const STAMP_FILE = 'build.json';

const SECOND = 1000;
const DEFAULT_TIMEOUTS = { headersMs: 120 * SECOND, compileMs: 20 * 60 * SECOND };

/**
 * npm passes its configuration to child processes as npm_config_* variables and
 * node-gyp obeys them. These would point the build at the wrong headers (this
 * machine's ~/.npmrc sets nodedir=/usr, which silently builds for Node instead)
 * or the wrong target, so the child never sees them.
 */
const ABI_SETTINGS = new Set(['nodedir', 'target', 'target_arch', 'arch', 'runtime', 'disturl', 'dist_url', 'devdir', 'build_from_source']);

export function nodeGypEnv(env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^npm_config_(.+)$/i.exec(key);
    if (match && ABI_SETTINGS.has(match[1].toLowerCase().replace(/-/g, '_'))) continue;
    if (value !== undefined) clean[key] = value;
  }
  return clean;
}

export function nodeGypArgs(command, { electronVersion, arch, headersUrl, devDir }) {
  const args = [command, `--target=${electronVersion}`, `--arch=${arch}`, `--dist-url=${headersUrl}`, '--runtime=electron', `--devdir=${devDir}`];
  if (command === 'rebuild') args.push('--release', '--jobs=max');
  return args;
}

export function nativeRoot(root = ROOT, env = process.env) {
  return env.JFP_NATIVE_DIR ? path.resolve(env.JFP_NATIVE_DIR) : path.join(root, '.native');
}

/** Must match electronBuildDir in electron/services/native-binding.ts (a test checks). */
export function electronBuildDir(nativeDir, platform = process.platform, arch = process.arch) {
  return path.join(nativeDir, `electron-${platform}-${arch}`);
}

export class NativeBuildError extends Error {
  /** @param {'no-electron'|'no-source'|'no-node-gyp'|'headers'|'compile'} reason */
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
}

function readVersion(packageJson) {
  try {
    return JSON.parse(fs.readFileSync(packageJson, 'utf8')).version;
  } catch {
    return undefined;
  }
}

function stampMatches(dir, wanted) {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(dir, STAMP_FILE), 'utf8'));
    return Object.keys(wanted).every((key) => stamp[key] === wanted[key]) && fs.existsSync(path.join(dir, ADDON_FILE));
  } catch {
    return false;
  }
}

/** Runs a command with its output appended to `logFile`; resolves to its exit code, or 'timeout'. */
function run(command, args, { cwd, env, logFile, timeoutMs }) {
  return new Promise((resolve) => {
    const log = fs.openSync(logFile, 'a');
    fs.writeSync(log, `\n$ ${[command, ...args].join(' ')}\n`);
    const detached = process.platform !== 'win32';
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', log, log], detached, windowsHide: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        // The compiler runs in grandchildren: stop the whole group.
        if (detached) process.kill(-child.pid, 'SIGKILL');
        else child.kill();
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    const finish = (code) => {
      clearTimeout(timer);
      fs.closeSync(log);
      resolve(timedOut ? 'timeout' : code);
    };
    child.on('error', () => finish(-1));
    child.on('exit', (code) => finish(code ?? -1));
  });
}

/** An addon that Node itself can load was built against Node's headers, not Electron's. */
async function loadsInNode(addon, env, logFile) {
  const code = await run(process.execPath, ['-e', `require(${JSON.stringify(addon)})`], { cwd: path.dirname(addon), env, logFile, timeoutMs: 30 * SECOND });
  return code === 0;
}

/**
 * Builds the Electron copy unless a current one exists. Resolves to
 * { status: 'current' | 'built', addon, electronVersion }; rejects with a
 * NativeBuildError whose message is a sentence for the person at the terminal.
 */
export async function ensureElectronAddon(options = {}) {
  const root = options.root ?? ROOT;
  const env = options.env ?? process.env;
  const arch = options.arch ?? process.arch;
  const platform = process.platform;
  const say = options.log ?? (() => {});
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const headersUrl = (env.JFP_ELECTRON_HEADERS_URL || DEFAULT_HEADERS_URL).replace(/\/+$/, '');

  const electronVersion = readVersion(path.join(root, 'node_modules', 'electron', 'package.json'));
  if (!electronVersion) throw new NativeBuildError('no-electron', 'electron is not installed in node_modules; run npm install first.');
  const sourceDir = path.join(root, 'node_modules', 'better-sqlite3');
  const betterSqlite3 = readVersion(path.join(sourceDir, 'package.json'));
  if (!betterSqlite3) throw new NativeBuildError('no-source', 'better-sqlite3 is not installed in node_modules; run npm install first.');
  let nodeGyp;
  try {
    nodeGyp = createRequire(path.join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    throw new NativeBuildError('no-node-gyp', 'node-gyp is not installed in node_modules (it is a devDependency); run npm install without --omit=dev.');
  }

  const nativeDir = nativeRoot(root, env);
  const outDir = electronBuildDir(nativeDir, platform, arch);
  const addon = path.join(outDir, ADDON_FILE);
  const wanted = { electron: electronVersion, betterSqlite3, platform, arch };
  if (!options.force && stampMatches(outDir, wanted)) return { status: 'current', addon, electronVersion };

  fs.mkdirSync(nativeDir, { recursive: true });
  const logFile = path.join(nativeDir, 'build.log');
  fs.writeFileSync(logFile, `Building better-sqlite3 ${betterSqlite3} for Electron ${electronVersion} (${platform}-${arch})\n`);
  const childEnv = nodeGypEnv(env);
  const gypOptions = { electronVersion, arch, headersUrl, devDir: path.join(nativeDir, 'headers') };

  // Headers first, with a short time limit: offline machines fail here in seconds.
  const headers = await run(process.execPath, [nodeGyp, ...nodeGypArgs('install', gypOptions)], {
    cwd: nativeDir,
    env: childEnv,
    logFile,
    timeoutMs: timeouts.headersMs,
  });
  if (headers !== 0) {
    const why = headers === 'timeout' ? `timed out after ${Math.round(timeouts.headersMs / SECOND)} s` : 'could not download Electron headers';
    throw new NativeBuildError('headers', `${why} from ${headersUrl}`);
  }

  const shownLog = logFile.startsWith(root + path.sep) ? path.relative(root, logFile) : logFile;
  say(`jfp: building better-sqlite3 for Electron ${electronVersion} (a minute or two; log in ${shownLog}).`);
  const staging = path.join(nativeDir, `staging-${process.pid}`);
  const stagedPackage = path.join(staging, 'node_modules', 'better-sqlite3');
  const nodeBuild = path.join(sourceDir, 'build');
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    // Read-only use of node_modules/better-sqlite3: its Node build is never copied or touched.
    fs.cpSync(sourceDir, stagedPackage, { recursive: true, filter: (from) => from !== nodeBuild && !from.startsWith(nodeBuild + path.sep) });
    const compiled = await run(process.execPath, [nodeGyp, ...nodeGypArgs('rebuild', gypOptions)], {
      cwd: stagedPackage,
      env: childEnv,
      logFile,
      timeoutMs: timeouts.compileMs,
    });
    const built = path.join(stagedPackage, 'build', 'Release', ADDON_FILE);
    if (compiled !== 0 || !fs.existsSync(built)) {
      const why =
        compiled === 'timeout'
          ? `the compile timed out after ${Math.round(timeouts.compileMs / SECOND)} s`
          : 'node-gyp failed to compile it (a C++ compiler and Python are needed)';
      throw new NativeBuildError('compile', `${why}; see ${logFile}`);
    }
    if (await loadsInNode(built, childEnv, logFile)) {
      throw new NativeBuildError(
        'compile',
        `the result loads in Node, so it was built against Node's headers rather than Electron's; check for an npm "nodedir" setting (see ${logFile})`,
      );
    }
    const fresh = `${outDir}.new-${process.pid}`;
    fs.rmSync(fresh, { recursive: true, force: true });
    fs.mkdirSync(fresh, { recursive: true });
    fs.copyFileSync(built, path.join(fresh, ADDON_FILE));
    fs.writeFileSync(path.join(fresh, STAMP_FILE), `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.renameSync(fresh, outDir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { status: 'built', addon, electronVersion };
}

async function main(argv) {
  const requireMode = argv.includes('--require');
  const archArg = argv.find((arg) => arg.startsWith('--arch='));
  try {
    const result = await ensureElectronAddon({ force: argv.includes('--force'), arch: archArg?.slice('--arch='.length), log: (line) => console.error(line) });
    if (result.status === 'built') console.error(`jfp: built better-sqlite3 for Electron ${result.electronVersion}: ${result.addon}`);
    else if (!requireMode) console.error(`jfp: better-sqlite3 for Electron ${result.electronVersion} is up to date: ${result.addon}`);
  } catch (error) {
    const reason =
      error instanceof NativeBuildError && error.reason === 'headers'
        ? ` (${error.message}; connect to the internet, or set JFP_ELECTRON_HEADERS_URL to a mirror of ${DEFAULT_HEADERS_URL})`
        : ` (${error instanceof Error ? error.message : String(error)})`;
    console.error(`jfp: better-sqlite3 could not be built for Electron${reason}; the app cannot start or be packaged without it.`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
