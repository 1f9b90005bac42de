// Finds the Chromium-based browser that drives the renderer in the e2e tests,
// the typing benchmark and the
// screenshots: $CHROMIUM_PATH, else Chrome, Chromium or Edge installed in the
// usual places, else (Linux x64) the headless Chromium that the
// @sparticuz/chromium dev dependency carries inside its npm tarball. That last
// one needs no download step beyond `npm install`, which is why a machine with
// only Node and npm can still run the e2e tests. (PDF export needs no browser: #14.)
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';

export type BrowserSource = 'CHROMIUM_PATH' | 'installed' | 'bundled';

export interface FoundBrowser {
  executablePath: string;
  source: BrowserSource;
  /** What the browser says it is, e.g. "Chromium 153.0.8010.0". */
  version: string;
  /** Command-line switches chosen for this browser (see BASE_ARGS). */
  args: string[];
  /** Environment the browser needs on top of ours. */
  env: Record<string, string>;
}

/** Why no browser can be used, in one sentence a person can act on. */
export class BrowserUnavailableError extends Error {
  override name = 'BrowserUnavailableError';
}

export interface FindBrowserOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Installed browsers to try, in order (default: installedBrowserPaths for the platform). */
  installed?: readonly string[];
  /** Whether the Chromium carried by @sparticuz/chromium may be used (default: on Linux x64). */
  bundled?: boolean;
  /** The folder the bundled Chromium is unpacked under (default: the temp folder). */
  unpackRoot?: string;
}

/**
 * Switches for every browser we launch. The app is offline and must not
 * phone home mid-test, so background networking, component updates, sync and
 * QUIC are off; no GPU is needed for pages and PDFs. Deliberately NOT taken
 * from @sparticuz/chromium's own list (made for AWS Lambda): no
 * --disable-web-security (it would void the renderer's CSP, which tests check),
 * no --single-process or --no-zygote (fragile with several pages open, and not
 * needed here), no --allow-running-insecure-content. Playwright adds
 * --no-sandbox and --headless itself.
 */
const BASE_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The bundled browser is what bare containers run, where /dev/shm is often only 64 MB. */
const BUNDLED_ARGS = [...BASE_ARGS, '--disable-dev-shm-usage'];

const BROWSER_NAMES = 'Chrome, Chromium or Edge';

/** Where Chrome, Chromium and Edge are usually installed, most specific first. */
export function installedBrowserPaths(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.ProgramW6432].filter((r): r is string => Boolean(r));
    const programs = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return unique(programs.flatMap((program) => roots.map((root) => path.win32.join(root, program))));
  }
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    const roots = ['/Applications', ...(env.HOME ? [path.posix.join(env.HOME, 'Applications')] : [])];
    return unique(apps.flatMap((app) => roots.map((root) => path.posix.join(root, app))));
  }
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'];
  const dirs = [...(env.PATH ?? '').split(path.delimiter).filter((d) => path.isAbsolute(d)), '/usr/bin', '/usr/local/bin', '/snap/bin'];
  return unique([...names.flatMap((name) => dirs.map((dir) => path.posix.join(dir, name))), '/opt/google/chrome/chrome', '/opt/microsoft/msedge/msedge']);
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}

// ------------------------------------------------------------------ probing

type Probe = { ok: true; version: string } | { ok: false; problem: 'missing' | 'folder' | 'not-executable' | 'not-a-browser'; said?: string };

const probes = new Map<string, Promise<Probe>>();

/**
 * Asks a program for its version, once per file content (size and time),
 * so a browser replaced or damaged on disk is asked again.
 */
function probe(file: string, platform: NodeJS.Platform): Promise<Probe> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return Promise.resolve({ ok: false, problem: 'missing' });
  }
  if (stat.isDirectory()) return Promise.resolve({ ok: false, problem: 'folder' });
  if (platform === 'win32') {
    // chrome.exe --version opens a window instead of answering: trust the file and let the launch say.
    return Promise.resolve({ ok: true, version: path.win32.basename(file) });
  }
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    return Promise.resolve({ ok: false, problem: 'not-executable' });
  }
  const key = `${file}\0${stat.size}\0${stat.mtimeMs}`;
  let pending = probes.get(key);
  if (!pending) {
    pending = new Promise<Probe>((resolve) => {
      execFile(file, ['--version'], { timeout: 20_000, encoding: 'utf8', maxBuffer: 1024 * 1024 }, (_error, stdout, stderr) => {
        const said = `${stdout ?? ''}\n${stderr ?? ''}`;
        const version = /^.*\b(?:Chromium|Chrome|Edge)\b.*?\d+\.\d+[.\d]*/m.exec(said);
        resolve(version ? { ok: true, version: version[0].trim() } : { ok: false, problem: 'not-a-browser', said: said.trim().split('\n')[0]?.slice(0, 80) ?? '' });
      });
    });
    probes.set(key, pending);
  }
  return pending;
}

function refuseChromiumPath(file: string, result: Extract<Probe, { ok: false }>): BrowserUnavailableError {
  const set = `CHROMIUM_PATH is set to ${file}`;
  const fix = `point it at ${BROWSER_NAMES}, or unset it so that one is found`;
  switch (result.problem) {
    case 'missing':
      return new BrowserUnavailableError(`${set}, which does not exist; ${fix}.`);
    case 'folder':
      return new BrowserUnavailableError(`${set}, which is a folder, not a browser; ${fix}.`);
    case 'not-executable':
      return new BrowserUnavailableError(`${set}, which is not a program that can be run; ${fix}.`);
    case 'not-a-browser':
      return new BrowserUnavailableError(
        `${set}, which is not ${BROWSER_NAMES} (asked for its version it answered ${result.said ? `"${result.said}"` : 'nothing'}); ${fix}.`,
      );
  }
}

// ------------------------------------------------------------ the bundled one

interface BundledPackage {
  entry: string;
  version: string;
}

/** @sparticuz/chromium's entry file and version, or null when it is not installed (a production install). */
function bundledPackage(): BundledPackage | null {
  let entry: string;
  try {
    // import.meta.url is empty in the CommonJS bundles: resolve from the bundle's own file there.
    entry = createRequire(typeof __filename === 'string' ? __filename : import.meta.url).resolve('@sparticuz/chromium');
  } catch {
    return null;
  }
  // Its package.json is not exported, so walk up from the entry file.
  for (let dir = path.dirname(entry); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const { name, version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (name === '@sparticuz/chromium' && version) return { entry, version };
  }
  return null;
}

const UNPACKED_MARK = 'unpacked.json';
const FONTS_CONF = 'fonts.conf';
const STALE_UNPACK_MS = 30 * 60_000;

interface UnpackedMark {
  size: number;
  version: string;
}

/** The unpacked browser in `dir` if it is whole and answers as Chromium; null otherwise. */
async function intactBrowser(dir: string): Promise<{ executable: string; version: string } | null> {
  const executable = path.join(dir, 'chromium');
  let mark: UnpackedMark;
  try {
    mark = JSON.parse(fs.readFileSync(path.join(dir, UNPACKED_MARK), 'utf8')) as UnpackedMark;
    if (fs.statSync(executable).size !== mark.size) return null;
  } catch {
    return null;
  }
  const answer = await probe(executable, 'linux');
  return answer.ok ? { executable, version: answer.version } : null;
}

/**
 * Fontconfig setup for the bundled browser: the system's fonts when there are
 * any, plus the Open Sans the package carries, so a machine with no fonts at
 * all still prints readable PDFs.
 */
function fontsConf(dir: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${path.join(dir, 'fonts', 'fonts')}</dir>
  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>
</fontconfig>
`;
}

/** Runs the package's own unpacking (brotli, into its temp folder) in a child whose temp folder is `into`. */
function runUnpack(entry: string, into: string): Promise<void> {
  const script = 'const m = await import(process.env.JFP_CHROMIUM_ENTRY); process.stdout.write(await m.default.executablePath());';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TMPDIR: into, TMP: into, TEMP: into, JFP_CHROMIUM_ENTRY: pathToFileURL(entry).href },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    child.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(said.trim().split('\n').pop() || `exit code ${code}`))));
  });
}

/** Unpacking left behind by a process that was killed mid-way (each is about 220 MB). */
function removeStaleUnpacks(root: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    if (!/^jfp-chromium-.*-unpacking-/.test(name)) continue;
    const dir = path.join(root, name);
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > STALE_UNPACK_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

const unpacking = new Map<string, Promise<{ executable: string; version: string }>>();

/**
 * The bundled Chromium, unpacked into `<root>/jfp-chromium-<version>/`. A copy
 * that is damaged (wrong size, or does not answer as Chromium) is removed and
 * unpacked again. Unpacking goes to a folder of its own and is renamed into
 * place, so two test workers unpacking at once never run a half-written file.
 */
async function bundledBrowser(pkg: BundledPackage, root: string): Promise<{ executable: string; version: string }> {
  const dir = path.join(root, `jfp-chromium-${pkg.version}`);
  const existing = await intactBrowser(dir);
  if (existing) return existing;
  let pending = unpacking.get(dir);
  if (!pending) {
    pending = unpackInto(pkg, root, dir).finally(() => unpacking.delete(dir));
    unpacking.set(dir, pending);
  }
  return pending;
}

async function unpackInto(pkg: BundledPackage, root: string, dir: string): Promise<{ executable: string; version: string }> {
  fs.mkdirSync(root, { recursive: true });
  removeStaleUnpacks(root);
  const staging = fs.mkdtempSync(path.join(root, `jfp-chromium-${pkg.version}-unpacking-`));
  try {
    await runUnpack(pkg.entry, staging);
    const executable = path.join(staging, 'chromium');
    const answer = await probe(executable, 'linux');
    if (!answer.ok) throw new Error(`the unpacked program does not answer as Chromium${answer.said ? ` ("${answer.said}")` : ''}`);
    fs.writeFileSync(path.join(staging, FONTS_CONF), fontsConf(dir));
    const mark: UnpackedMark = { size: fs.statSync(executable).size, version: answer.version };
    fs.writeFileSync(path.join(staging, UNPACKED_MARK), JSON.stringify(mark));
    if (fs.existsSync(dir) && !(await intactBrowser(dir))) fs.rmSync(dir, { recursive: true, force: true });
    try {
      fs.renameSync(staging, dir);
    } catch (error) {
      // Another process put a copy in place first: use it if it is whole.
      const theirs = await intactBrowser(dir);
      if (theirs) return theirs;
      throw error;
    }
    return { executable: path.join(dir, 'chromium'), version: answer.version };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------- finding

function notFound(platform: NodeJS.Platform): BrowserUnavailableError {
  if (platform === 'win32') {
    return new BrowserUnavailableError(
      `No ${BROWSER_NAMES} was found in Program Files or your AppData folder: install Google Chrome or Microsoft Edge, or set CHROMIUM_PATH to chrome.exe or msedge.exe.`,
    );
  }
  if (platform === 'darwin') {
    return new BrowserUnavailableError(`No ${BROWSER_NAMES} was found in Applications: install Google Chrome, or set CHROMIUM_PATH to a Chromium-based browser.`);
  }
  return new BrowserUnavailableError(
    `No ${BROWSER_NAMES} was found: install Chromium (on Debian or Ubuntu: apt-get install chromium), run npm install in the JFP Studio folder to get the bundled one, or set CHROMIUM_PATH to a Chromium-based browser.`,
  );
}

/** The browser to use; throws BrowserUnavailableError with one sentence when there is none. */
export async function findBrowser(options: FindBrowserOptions = {}): Promise<FoundBrowser> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;

  const chosen = env.CHROMIUM_PATH?.trim();
  if (chosen) {
    const file = path.resolve(chosen);
    const answer = await probe(file, platform);
    if (!answer.ok) throw refuseChromiumPath(file, answer);
    return { executablePath: file, source: 'CHROMIUM_PATH', version: answer.version, args: BASE_ARGS, env: {} };
  }

  for (const file of options.installed ?? installedBrowserPaths(platform, env)) {
    const answer = await probe(file, platform);
    if (answer.ok) return { executablePath: file, source: 'installed', version: answer.version, args: BASE_ARGS, env: {} };
  }

  const bundledAllowed = options.bundled ?? (platform === 'linux' && process.arch === 'x64');
  const pkg = bundledAllowed ? bundledPackage() : null;
  if (!pkg) throw notFound(platform);
  const root = options.unpackRoot ?? os.tmpdir();
  let unpacked: { executable: string; version: string };
  try {
    unpacked = await bundledBrowser(pkg, root);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BrowserUnavailableError(
      `The Chromium bundled with @sparticuz/chromium could not be unpacked into ${root} (${reason}); free some space there, or install Chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
      { cause: error },
    );
  }
  const dir = path.dirname(unpacked.executable);
  return { executablePath: unpacked.executable, source: 'bundled', version: unpacked.version, args: BUNDLED_ARGS, env: { FONTCONFIG_FILE: path.join(dir, FONTS_CONF) } };
}

/** How a browser is named in messages: "Chromium 153.0.8010.0 (bundled, /tmp/jfp-chromium-153.0.0/chromium)". */
export function describeBrowser(found: FoundBrowser): string {
  const where = found.source === 'CHROMIUM_PATH' ? 'from CHROMIUM_PATH' : found.source;
  return `${found.version} (${where}, ${found.executablePath})`;
}

/** Finds the browser and starts it headless with playwright-core; failures are one sentence. */
export async function launchBrowser(options: FindBrowserOptions & { extraArgs?: readonly string[] } = {}): Promise<Browser> {
  const found = await findBrowser(options);
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch (error) {
    throw new BrowserUnavailableError(
      `Driving the browser needs the playwright-core package, which could not be loaded (${firstLine(error)}); run npm install in the JFP Studio folder.`,
      { cause: error },
    );
  }
  try {
    return await playwright.chromium.launch({
      executablePath: found.executablePath,
      args: [...found.args, ...(options.extraArgs ?? [])],
      env: { ...process.env, ...found.env },
    });
  } catch (error) {
    throw new BrowserUnavailableError(
      `${describeBrowser(found)} did not start (${firstLine(error)}); check that it runs on this computer, or set CHROMIUM_PATH to another browser.`,
      { cause: error },
    );
  }
}

/** The first line of an error, without Playwright's method prefix: the rest is a log for debugging, kept as the cause. */
function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error))
    .split('\n')[0]!
    .replace(/^browserType\.launch:\s*/, '')
    .replace(/\.$/, '');
}
