// Electron's own security checklist, run by Doyensec's Electronegativity over
// the app's code (electron/ and renderer/, scanned together so checks that need
// both sides, such as navigation limits, see the whole app). Every finding must
// be explained in test/electronegativity-allowlist.json, and every explanation
// must still match a finding. A fixture with nodeIntegration turned on proves
// the scanner parses TypeScript and TSX and really reports, so this cannot pass
// by scanning nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { recordProofFigures } from '../../support/proof-figures';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SCANNED = ['electron', 'renderer'];
const ALLOWLIST = path.join(ROOT, 'test', 'electronegativity-allowlist.json');

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
}
interface ScanResult {
  issues: Finding[];
  errors: { file: string; message: string; tolerable: boolean }[];
}
interface AllowedFinding {
  check: string;
  file: string;
  reason: string;
}

const require = createRequire(import.meta.url);
const electronegativityDir = path.dirname(require.resolve('@doyensec/electronegativity'));
// Electronegativity fetches translations and Electron's release list on every run. The suite must
// neither depend on the network nor send anything to it, so `got` answers as if offline, and the one
// check that needs the release list (which Electron versions fix which advisories) is left out.
const gotPath = createRequire(path.join(electronegativityDir, 'runner.js')).resolve('got');
const offline = () => Promise.reject(new Error('offline: the test suite does not use the network'));
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(offline, { head: offline }) } as unknown as NodeJS.Module;
const NEEDS_NETWORK = ['AvailableSecurityFixesGlobalCheck'];

const electronVersion = (JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-electronegativity-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs every check but the networked one over `dir`; file names come back relative to it. */
async function scan(dir: string): Promise<ScanResult & { filesScanned: number }> {
  const run = require('@doyensec/electronegativity') as (options: object) => Promise<ScanResult>;
  const { LoaderDirectory } = require(path.join(electronegativityDir, 'loader')) as {
    LoaderDirectory: new () => { load(dir: string): Promise<void>; list_files: Set<string> };
  };
  const loader = new LoaderDirectory();
  await loader.load(dir);
  // It reports progress and its translation fetch on the console; the test reports its own figures.
  const quiet = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const result = await run({ input: dir, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: NEEDS_NETWORK });
    return { ...result, filesScanned: loader.list_files.size };
  } finally {
    quiet.mockRestore();
  }
}

/** The files Electronegativity should read: every script and page under the scanned folders. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(tsx?|jsx?|html?)$/.test(name));
}

const key = (check: string, file: string) => `${check} in ${file}`;

describe('Electron security checks (Electronegativity)', () => {
  it('reports a window with nodeIntegration on and contextIsolation off, in TypeScript and TSX files', async () => {
    const fixture = path.join(work, 'unsafe-app');
    fs.mkdirSync(path.join(fixture, 'electron'), { recursive: true });
    fs.writeFileSync(
      path.join(fixture, 'electron', 'main.ts'),
      [
        "import { app, BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';",
        'interface Sized { width: number }',
        'const size = { width: 800 } as const satisfies Sized;',
        'export function open<T extends Sized>(extra: T): BrowserWindow {',
        '  const window = new BrowserWindow({ ...size, webPreferences: { nodeIntegration: true, contextIsolation: false } });',
        '  return window;',
        '}',
        'app.whenReady().then(() => open({ width: 1 }));',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(fixture, 'electron', 'panel.tsx'),
      [
        "import { BrowserWindow } from 'electron';",
        'type Props = { title: string };',
        'export const Panel = ({ title }: Props) => <h1>{title}</h1>;',
        'export const child = new BrowserWindow({ webPreferences: { nodeIntegration: true } });',
      ].join('\n'),
    );
    const result = await scan(fixture);
    expect(result.errors).toEqual([]);
    expect(result.filesScanned).toBe(2);
    const found = result.issues.map((issue) => `${issue.id} ${issue.file}:${issue.location.line}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'NODE_INTEGRATION_JS_CHECK electron/main.ts:5',
        'CONTEXT_ISOLATION_JS_CHECK electron/main.ts:5',
        'NODE_INTEGRATION_JS_CHECK electron/panel.tsx:4',
      ]),
    );
  }, 60_000);

  it('finds nothing in electron/ and renderer/ that is not explained in test/electronegativity-allowlist.json', async () => {
    const app = path.join(work, 'app');
    for (const folder of SCANNED) fs.cpSync(path.join(ROOT, folder), path.join(app, folder), { recursive: true });
    const result = await scan(app);

    // Every file was read and parsed: a file the parser cannot read would be a blind spot.
    const expectedFiles = SCANNED.flatMap((folder) => sourceFiles(path.join(ROOT, folder)));
    expect(result.filesScanned).toBe(expectedFiles.length);
    expect(result.errors.filter((e) => !e.tolerable)).toEqual([]);

    const allowlist = (JSON.parse(fs.readFileSync(ALLOWLIST, 'utf8')) as { findings: AllowedFinding[] }).findings;
    for (const entry of allowlist) expect(entry.reason.trim().length, `a reason for ${key(entry.check, entry.file)}`).toBeGreaterThan(40);
    const allowed = new Set(allowlist.map((entry) => key(entry.check, entry.file)));
    const seen = new Set(result.issues.map((issue) => key(issue.id, issue.file)));

    const unexplained = result.issues
      .filter((issue) => !allowed.has(key(issue.id, issue.file)))
      .map((issue) => `${key(issue.id, issue.file)}:${issue.location.line}:${issue.location.column} (${issue.description})`);
    expect(unexplained, 'findings to fix, or to explain in test/electronegativity-allowlist.json').toEqual([]);
    const stale = [...allowed].filter((entry) => !seen.has(entry));
    expect(stale, 'allowlist entries no finding matches any more: remove them').toEqual([]);

    recordProofFigures('electronegativity', {
      'files scanned': result.filesScanned,
      findings: result.issues.length,
      'findings allowed with a reason': result.issues.length - unexplained.length,
      unexplained: unexplained.length,
      'checks left out (need the network)': NEEDS_NETWORK.length,
    });
  }, 60_000);
});
