// better-sqlite3 for two runtimes: the Electron build goes to its own folder and
// never touches node_modules (which the tests need), npm install never fails or
// hangs because Electron's headers are out of reach, and `npm start` says
// clearly when it cannot build. Electron's headers are unreachable here, so an
// unreachable mirror is simulated with a closed localhost port.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_STAMP_FILE, electronBuildDir, electronNativeBinding, NATIVE_ADDON_FILE, nativeBindingProblem } from '../../electron/services/native-binding';

const ROOT = path.resolve(__dirname, '..', '..');
const ELECTRON_VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const SQLITE_VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version;
const NODE_BUILD = path.join(ROOT, 'node_modules', 'better-sqlite3', 'build');

interface NativeScript {
  nodeGypEnv(env: NodeJS.ProcessEnv): Record<string, string>;
  nodeGypArgs(command: string, options: { electronVersion: string; arch: string; headersUrl: string; devDir: string }): string[];
  nativeRoot(root: string, env: NodeJS.ProcessEnv): string;
  electronBuildDir(nativeDir: string, platform?: string, arch?: string): string;
}

let script: NativeScript;
let closedPortUrl: string;
let tmp: string;

beforeAll(async () => {
  script = await import(pathToFileURL(path.join(ROOT, 'scripts', 'native-electron.mjs')).href);
  // A port that was just free: connecting to it is refused at once.
  const port = await new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
  closedPortUrl = `http://127.0.0.1:${port}/headers`;
});

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-native-'));
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Every file under node_modules/better-sqlite3/build with its size, mtime and (for .node files) hash. */
function fingerprint(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort().map((name) => {
    const file = path.join(dir, name);
    const stat = fs.statSync(file);
    if (!stat.isFile()) return name;
    const hash = name.endsWith('.node') ? crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') : '';
    return `${name} ${stat.size} ${stat.mtimeMs} ${hash}`;
  });
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', file), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, seconds: (Date.now() - started) / 1000 };
}

function unreachable(): NodeJS.ProcessEnv {
  return {
    JFP_ELECTRON_HEADERS_URL: closedPortUrl,
    JFP_NATIVE_DIR: path.join(tmp, 'native'),
    // What npm exports from this machine's ~/.npmrc: it must not reach node-gyp.
    npm_config_nodedir: '/usr',
  };
}

function writeStamp(dir: string, electron: string) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, NATIVE_ADDON_FILE), 'not really an addon');
  fs.writeFileSync(path.join(dir, BUILD_STAMP_FILE), JSON.stringify({ electron, betterSqlite3: SQLITE_VERSION, platform: process.platform, arch: process.arch }));
}

describe('npm install (postinstall) without access to Electron’s headers', () => {
  it('exits 0 quickly with one clear line, leaves the Node build in node_modules alone, and still builds the command line', () => {
    const before = fingerprint(NODE_BUILD);
    const result = run('postinstall.mjs', [], unreachable());
    expect(result.status).toBe(0);
    expect(result.output).toContain(
      'jfp: skipped building better-sqlite3 for Electron (could not download Electron headers); npm test is unaffected; run `npm start` on a machine with internet access.',
    );
    expect(result.seconds).toBeLessThan(30);
    expect(fingerprint(NODE_BUILD)).toEqual(before);
    expect(fs.existsSync(electronBuildDir(path.join(tmp, 'native')))).toBe(false);
    if (fs.existsSync(path.join(ROOT, 'electron', 'cli.ts'))) {
      expect(result.output).not.toMatch(/could not build the jfp command line/);
      expect(fs.existsSync(path.join(ROOT, 'dist', 'cli', 'jfp.cjs'))).toBe(true);
    }
  });

  it('can be told to skip the Electron build entirely (CI)', () => {
    const result = run('postinstall.mjs', [], { ...unreachable(), JFP_SKIP_ELECTRON_BUILD: '1' });
    expect(result.status).toBe(0);
    expect(result.output).toMatch(/skipped building better-sqlite3 for Electron \(JFP_SKIP_ELECTRON_BUILD is set\)/);
  });
});

describe('native-electron.mjs --require (npm start, npm run dist)', () => {
  it('fails with a sentence saying what to do when it cannot build, and touches nothing in node_modules', () => {
    const before = fingerprint(NODE_BUILD);
    const result = run('native-electron.mjs', ['--require'], unreachable());
    expect(result.status).toBe(1);
    expect(result.output).toContain('jfp: better-sqlite3 could not be built for Electron (could not download Electron headers from');
    expect(result.output).toContain('the app cannot start or be packaged without it.');
    expect(fingerprint(NODE_BUILD)).toEqual(before);
  });

  it('accepts a current build without going online, and rebuilds one made for another Electron', () => {
    const dir = script.electronBuildDir(path.join(tmp, 'native'));
    writeStamp(dir, ELECTRON_VERSION);
    const current = run('native-electron.mjs', ['--require'], unreachable());
    expect(current.status).toBe(0);
    expect(current.output.trim()).toBe('');

    writeStamp(dir, '1.0.0');
    const stale = run('native-electron.mjs', ['--require'], unreachable());
    expect(stale.status).toBe(1);
    expect(stale.output).toMatch(/could not download Electron headers/);
  });
});

describe('how node-gyp is called', () => {
  it('never passes on npm settings that would build against Node’s headers or another target', () => {
    const env = script.nodeGypEnv({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      npm_config_target: '20.20.2',
      npm_config_runtime: 'node',
      npm_config_disturl: 'https://nodejs.org/dist',
      npm_config_python: '/usr/bin/python3',
    });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_python: '/usr/bin/python3' });
  });

  it('targets Electron’s version, runtime and headers', () => {
    const args = script.nodeGypArgs('rebuild', { electronVersion: ELECTRON_VERSION, arch: 'x64', headersUrl: 'https://electronjs.org/headers', devDir: '/tmp/h' });
    expect(args).toEqual(
      expect.arrayContaining(['rebuild', `--target=${ELECTRON_VERSION}`, '--arch=x64', '--dist-url=https://electronjs.org/headers', '--runtime=electron', '--release']),
    );
    expect(args.some((arg) => arg.startsWith('--nodedir'))).toBe(false);
  });
});

describe('where the app looks for the Electron build', () => {
  it('in development, exactly where the build script puts it', () => {
    const fromScript = path.join(script.electronBuildDir(script.nativeRoot(ROOT, {}), 'linux', 'arm64'), NATIVE_ADDON_FILE);
    expect(electronNativeBinding({ packaged: false, appRoot: ROOT, platform: 'linux', arch: 'arm64' })).toBe(fromScript);
    expect(electronBuildDir(ROOT, 'win32', 'x64')).toBe(script.electronBuildDir(path.join(ROOT, '.native'), 'win32', 'x64'));
  });

  it('in a packaged app, beside app.asar where electron-builder.yml puts it', () => {
    const resources = path.join(tmp, 'JFP Studio', 'resources');
    expect(electronNativeBinding({ packaged: true, appRoot: path.join(resources, 'app.asar'), resourcesPath: resources })).toBe(
      path.join(resources, 'native', 'better_sqlite3.node'),
    );
    const config = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(config).toContain('from: .native/electron-${platform}-${arch}/better_sqlite3.node');
    expect(config).toContain('to: native/better_sqlite3.node');
  });

  it('explains a missing or out-of-date build instead of failing to load it', () => {
    const dir = path.join(tmp, 'build');
    const addon = path.join(dir, NATIVE_ADDON_FILE);
    expect(nativeBindingProblem(addon, ELECTRON_VERSION, false)).toMatch(/has not been built for Electron yet.*native-electron\.mjs --require/);
    expect(nativeBindingProblem(addon, ELECTRON_VERSION, true)).toMatch(/Reinstall JFP Studio/);
    writeStamp(dir, '1.0.0');
    expect(nativeBindingProblem(addon, ELECTRON_VERSION, false)).toMatch(
      new RegExp(`built for Electron 1\\.0\\.0, but this is Electron ${ELECTRON_VERSION.replace(/\./g, '\\.')}`),
    );
    writeStamp(dir, ELECTRON_VERSION);
    expect(nativeBindingProblem(addon, ELECTRON_VERSION, false)).toBeNull();
  });
});
