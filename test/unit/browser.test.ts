// The browser resolver: which browser is used, in what order, what a person is
// told when none can be, and that the Chromium bundled with @sparticuz/chromium
// is unpacked again when its copy in the temp folder is damaged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserUnavailableError, findBrowser, installedBrowserPaths, launchBrowser, type FindBrowserOptions } from '../../electron/services/browser';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-browser-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A program that answers `--version` as `answer` does, and otherwise exits at once. */
function program(name: string, answer: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\necho "${answer}"\n`, { mode: 0o755 });
  return file;
}

async function refusal(options: FindBrowserOptions, how: 'find' | 'launch' = 'find'): Promise<string> {
  try {
    if (how === 'find') await findBrowser(options);
    else await (await launchBrowser(options)).close();
  } catch (error) {
    expect(error).toBeInstanceOf(BrowserUnavailableError);
    return (error as Error).message;
  }
  throw new Error('expected the browser to be refused');
}

/** One sentence: a single line ending in a full stop, with no stack or Playwright log in it. */
function expectOneSentence(message: string): void {
  expect(message).not.toContain('\n');
  expect(message).toMatch(/\.$/);
  expect(message).not.toMatch(/browserType|\s+at\s+\S+:\d+|Call log/);
}

const onUnix = process.platform !== 'win32';

describe('the order browsers are found in', () => {
  it.runIf(onUnix)('takes CHROMIUM_PATH before an installed browser', async () => {
    const chosen = program('chosen-chromium', 'Chromium 150.0.7000.1');
    const installed = program('installed-chrome', 'Google Chrome 151.0.7100.2');
    const found = await findBrowser({ env: { CHROMIUM_PATH: chosen }, installed: [installed], bundled: false });
    expect(found).toMatchObject({ executablePath: chosen, source: 'CHROMIUM_PATH', version: 'Chromium 150.0.7000.1' });
    expect(found.args).not.toContain('--disable-web-security');
  });

  it.runIf(onUnix)('then the first installed browser that answers as one, skipping what is not a browser', async () => {
    const impostor = program('impostor', 'GNU coreutils 9.1');
    const chrome = program('google-chrome', 'Google Chrome 151.0.7100.2');
    const found = await findBrowser({ env: {}, installed: [path.join(dir, 'absent'), impostor, chrome], bundled: false });
    expect(found).toMatchObject({ executablePath: chrome, source: 'installed', version: 'Google Chrome 151.0.7100.2' });
  });

  it('looks on PATH and in the usual places on Linux, macOS and Windows', () => {
    const linux = installedBrowserPaths('linux', { PATH: '/home/asha/bin:/usr/bin' });
    expect(linux.slice(0, 2)).toEqual(['/home/asha/bin/chromium', '/usr/bin/chromium']);
    expect(linux).toEqual(expect.arrayContaining(['/usr/bin/google-chrome', '/usr/bin/microsoft-edge', '/opt/google/chrome/chrome', '/snap/bin/chromium']));

    expect(installedBrowserPaths('darwin', { HOME: '/Users/asha' })).toEqual(
      expect.arrayContaining([
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
        '/Users/asha/Applications/Chromium.app/Contents/MacOS/Chromium',
      ]),
    );
    expect(
      installedBrowserPaths('win32', {
        LOCALAPPDATA: 'C:\\Users\\asha\\AppData\\Local',
        PROGRAMFILES: 'C:\\Program Files',
        'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
      }),
    ).toEqual(
      expect.arrayContaining([
        'C:\\Users\\asha\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
        'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
        'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
      ]),
    );
  });

  it('says what to install when there is no browser at all', async () => {
    const linux = await refusal({ env: {}, platform: 'linux', installed: [], bundled: false });
    expect(linux).toBe(
      'No Chrome, Chromium or Edge was found: install Chromium (on Debian or Ubuntu: apt-get install chromium), run npm install in the JFP Studio folder to get the bundled one, or set CHROMIUM_PATH to a Chromium-based browser.',
    );
    const mac = await refusal({ env: {}, platform: 'darwin', installed: [] });
    expect(mac).toBe('No Chrome, Chromium or Edge was found in Applications: install Google Chrome, or set CHROMIUM_PATH to a Chromium-based browser.');
    const windows = await refusal({ env: {}, platform: 'win32', installed: [] });
    expect(windows).toMatch(/^No Chrome, Chromium or Edge was found in Program Files .*install Google Chrome or Microsoft Edge/);
    for (const message of [linux, mac, windows]) expectOneSentence(message);
  });
});

describe.runIf(onUnix)('a CHROMIUM_PATH that is not a browser', () => {
  const fix = 'point it at Chrome, Chromium or Edge, or unset it so that one is found.';

  it('names a missing file', async () => {
    const missing = path.join(dir, 'no-such-chromium');
    expect(await refusal({ env: { CHROMIUM_PATH: missing } })).toBe(`CHROMIUM_PATH is set to ${missing}, which does not exist; ${fix}`);
    // The same sentence when the harness or the CLI launches, not Playwright's "Executable doesn't exist" stack.
    expect(await refusal({ env: { CHROMIUM_PATH: missing } }, 'launch')).toBe(`CHROMIUM_PATH is set to ${missing}, which does not exist; ${fix}`);
  });

  it('names a folder, a file that is not a program, and a program that is not a browser', async () => {
    expect(await refusal({ env: { CHROMIUM_PATH: dir } })).toBe(`CHROMIUM_PATH is set to ${dir}, which is a folder, not a browser; ${fix}`);
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a browser', { mode: 0o644 });
    expect(await refusal({ env: { CHROMIUM_PATH: text } })).toBe(`CHROMIUM_PATH is set to ${text}, which is not a program that can be run; ${fix}`);
    // Node answers --version with "v20.x.y".
    const node = await refusal({ env: { CHROMIUM_PATH: process.execPath } }, 'launch');
    expect(node).toBe(
      `CHROMIUM_PATH is set to ${process.execPath}, which is not Chrome, Chromium or Edge (asked for its version it answered "${process.version}"); ${fix}`,
    );
  });

  it('says in one sentence when a program that claims to be Chromium does not start', async () => {
    const fake = program('fake-chromium', 'Chromium 150.0.7000.1');
    const message = await refusal({ env: { CHROMIUM_PATH: fake } }, 'launch');
    expect(message).toMatch(
      new RegExp(
        `^Chromium 150\\.0\\.7000\\.1 \\(from CHROMIUM_PATH, ${fake.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\) did not start \\(.+\\); check that it runs on this computer, or set CHROMIUM_PATH to another browser\\.$`,
      ),
    );
    expectOneSentence(message);
  });
});

describe('the Chromium bundled with @sparticuz/chromium', () => {
  const bundledOnly = (root: string): FindBrowserOptions => ({ env: {}, installed: [], unpackRoot: root, bundled: true });

  /** What the e2e run and the screenshots need of it: a page opened and read (a PDF needs no browser now, #14). */
  async function readsPage(options: FindBrowserOptions): Promise<string> {
    const browser = await launchBrowser(options);
    try {
      const page = await browser.newPage();
      await page.setContent('<h1>Joint Forward Plan</h1><p>Page one.</p>');
      return await page.locator('h1').innerText();
    } finally {
      await browser.close();
    }
  }

  it('is unpacked on first use, opens a page, and is unpacked again when its copy is damaged', async (context) => {
    context.skip(process.platform !== 'linux' || process.arch !== 'x64', '@sparticuz/chromium carries a Linux x64 browser only');
    const root = fs.mkdtempSync(path.join(dir, 'unpack-'));
    const found = await findBrowser(bundledOnly(root));
    expect(found.source).toBe('bundled');
    expect(found.version).toMatch(/^Chromium \d+\./);
    expect(path.relative(root, found.executablePath)).toMatch(/^jfp-chromium-\d+\.\d+\.\d+\/chromium$/);
    expect(found.args).not.toEqual(expect.arrayContaining(['--disable-web-security', '--single-process']));
    const size = fs.statSync(found.executablePath).size;
    expect(await readsPage(bundledOnly(root))).toBe('Joint Forward Plan');

    // Cut short, as by a full disk or an unpacking that was killed.
    fs.truncateSync(found.executablePath, 4096);
    const again = await findBrowser(bundledOnly(root));
    expect(again.executablePath).toBe(found.executablePath);
    expect(fs.statSync(again.executablePath).size).toBe(size);

    // Same size but overwritten at the start: it no longer runs.
    const fd = fs.openSync(found.executablePath, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0), 0, 4096, 0);
    fs.closeSync(fd);
    expect(await readsPage(bundledOnly(root))).toBe('Joint Forward Plan');

    // Nothing half-unpacked is left beside it.
    expect(fs.readdirSync(root)).toEqual([path.basename(path.dirname(found.executablePath))]);
  });
});
