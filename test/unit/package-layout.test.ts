// #14 The packaged app carries what its bundles load at run time. esbuild puts
// pdfkit, fontkit and docx inside dist/main/*.cjs, but some files are still
// read from node_modules when an export runs: the Arimo TTFs the PDF is drawn
// with, Open Sans and @resvg/resvg-js (native) for the charts, better-sqlite3's
// JavaScript. electron-builder.yml leaves node_modules out except what it names,
// so a file it forgets works in a checkout and breaks only in the installed app.
// Here the export worker bundle is copied with exactly the files
// electron-builder.yml ships into a folder with no other node_modules, and a
// PDF and a Word export with charts run through it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServices } from '../../electron/services/app-services';
import { runExportInWorker } from '../../electron/services/export/export-worker';
import { readPdfStructure } from '../support/pdf-reader';
import { bundlesStale } from './global-setup';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The `files` patterns of electron-builder.yml, in order (a later pattern wins, `!` leaves a file out). The list
 * is read as the plain YAML sequence it is; a form this reader does not know fails the test rather than guessing.
 */
function packagedPatterns(): string[] {
  const lines = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8').split('\n');
  const start = lines.indexOf('files:');
  expect(start).toBeGreaterThan(-1);
  const patterns: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = /^ {2}- (.+?)\s*$/.exec(line);
    expect(item, `an electron-builder.yml files line this test cannot read: ${line}`).not.toBeNull();
    patterns.push(item![1]!.replace(/^'(.*)'$/, '$1'));
  }
  return patterns;
}

/** A glob as electron-builder's minimatch reads these patterns: `**` any folders, `*` within a name, `{a,b}` either. */
function globRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // "**/" is zero or more folders; a trailing "**" is everything below.
      if (glob[i + 2] === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      out += `(?:${glob
        .slice(i + 1, end)
        .split(',')
        .map((a) => a.replace(/[.+^$()|[\]\\]/g, '\\$&'))
        .join('|')})`;
      i = end;
    } else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

const matches = (file: string, glob: string) => globRegExp(glob).test(file);

/** The folder a pattern's files are all under: its segments before the first glob character. */
function staticBase(pattern: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const segment of segments) {
    if (/[*?[{]/.test(segment)) break;
    fixed.push(segment);
  }
  return fixed.join('/');
}

function filesUnder(relative: string): string[] {
  const full = path.join(ROOT, relative);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) return [];
  if (stat.isFile()) return [relative];
  return fs
    .readdirSync(full, { recursive: true, encoding: 'utf8' })
    .map((name) => path.posix.join(relative, name.split(path.sep).join('/')))
    .filter((name) => fs.statSync(path.join(ROOT, name)).isFile());
}

/** The files of this checkout electron-builder would put into the app, as relative paths. */
export function packagedFiles(patterns = packagedPatterns()): string[] {
  const candidates = new Set(patterns.filter((p) => !p.startsWith('!')).flatMap((p) => filesUnder(staticBase(p))));
  return [...candidates].filter((file) => {
    let shipped = false;
    for (const pattern of patterns) {
      const negated = pattern.startsWith('!');
      if (matches(file, negated ? pattern.slice(1) : pattern)) shipped = !negated;
    }
    return shipped;
  });
}

let dir: string;
let app: string;
let dbPath: string;
let planId: string;
/** better-sqlite3's Node build, standing in for the Electron build the package carries as an extra resource. */
const nativeBinding = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');

beforeAll(async () => {
  const build = inject('unitBuild');
  expect(build.code).toBe(0);
  expect(bundlesStale(), 'the bundles are older than the sources').toBe(false);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-package-'));
  app = path.join(dir, 'app');
  for (const file of packagedFiles()) {
    fs.mkdirSync(path.join(app, path.dirname(file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(app, file));
  }
  // Nothing above the copy may lend it a node_modules folder.
  for (let up = path.dirname(app); up !== path.dirname(up); up = path.dirname(up)) expect(fs.existsSync(path.join(up, 'node_modules'))).toBe(false);
  dbPath = path.join(dir, 'jfp.db');
  const services = startServices(dbPath);
  try {
    const sample = await services.dispatch('createSamplePlan', {});
    if (!sample.ok) throw new Error(sample.error.message);
    planId = (sample.value as { id: string }).id;
  } finally {
    services.close();
  }
}, 120_000);
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const workerScript = () => path.join(app, 'dist', 'main', 'export-worker.cjs');

describe('the packaged app (the files electron-builder.yml ships)', () => {
  it('ships the export worker and the fonts and chart renderer it loads from node_modules, and no other package', () => {
    const files = packagedFiles();
    expect(files).toContain('dist/main/export-worker.cjs');
    expect(files).toContain('node_modules/@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf');
    expect(files).toContain('node_modules/@expo-google-fonts/open-sans/400Regular/OpenSans_400Regular.ttf');
    expect(files.some((f) => f.startsWith('node_modules/@resvg/resvg-js/'))).toBe(true);
    // Bundled packages stay out: pdfkit and fontkit are inside the bundles.
    expect(files.filter((f) => /^node_modules\/(pdfkit|fontkit|docx|react)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it("bundles the standard fonts pdfkit loads through its own package imports (Helvetica is every document's first font)", async () => {
    for (const bundle of ['dist/main/export-worker.cjs', 'dist/main/main.cjs', 'dist/cli/jfp.cjs'])
      expect(fs.readFileSync(path.join(ROOT, bundle), 'utf8'), bundle).not.toContain('#standard-fonts/');
    // A PDF in Helvetica from a bundle built as the app's are, run where no node_modules can help it.
    const { build } = await import('esbuild');
    const { bundleOptions } = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'build.mjs')).href)) as {
      bundleOptions: (root: string) => Record<'exportWorker', import('esbuild').BuildOptions>;
    };
    const entry = path.join(dir, 'helvetica.ts');
    fs.writeFileSync(
      entry,
      "import PDFDocument from 'pdfkit';\nconst doc = new PDFDocument();\nconst parts: Buffer[] = [];\ndoc.on('data', (b: Buffer) => parts.push(b));\ndoc.on('end', () => process.stdout.write(String(Buffer.concat(parts).length)));\ndoc.font('Helvetica-Bold').text('Joint Forward Plan');\ndoc.end();\n",
    );
    const outfile = path.join(dir, 'helvetica.cjs');
    // The worker bundle's own options (the plugin, import.meta.url supplied), with a tiny entry of our own.
    const options = bundleOptions(ROOT).exportWorker;
    await build({ ...options, entryPoints: [entry], outfile, sourcemap: false, logLevel: 'silent', nodePaths: [path.join(ROOT, 'node_modules')] });
    const ran = spawnSync(process.execPath, [outfile], { cwd: dir, encoding: 'utf8' });
    expect(ran.stderr).toBe('');
    expect(Number(ran.stdout)).toBeGreaterThan(500);
  });

  it('writes a tagged PDF through the shipped worker bundle', async () => {
    const outputPath = path.join(dir, 'plan.pdf');
    const result = await runExportInWorker({ dbPath, planId, outputPath, options: { format: 'pdf' }, nativeBinding }, { workerScript: workerScript() });
    expect(result.summary.format).toBe('pdf');
    const structure = await readPdfStructure(fs.readFileSync(outputPath));
    expect(structure).toMatchObject({ marked: true, language: 'en-GB' });
    expect(structure.outline.length).toBeGreaterThan(3);
  }, 120_000);

  it('writes a Word file with its trajectory charts drawn through the shipped worker bundle', async () => {
    const outputPath = path.join(dir, 'plan.docx');
    await runExportInWorker({ dbPath, planId, outputPath, options: { format: 'docx' }, nativeBinding }, { workerScript: workerScript() });
    const pictures = Object.entries(unzipSync(fs.readFileSync(outputPath))).filter(([name]) => /^word\/media\/.+\.png$/.test(name));
    expect(pictures.length).toBeGreaterThan(0);
    // A real PNG of the chart, not an empty placeholder.
    for (const [, bytes] of pictures) expect(Buffer.from(bytes.subarray(1, 4)).toString()).toBe('PNG');
  }, 120_000);
});
