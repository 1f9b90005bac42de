// `npm run bench [-- NAME... | --all | --list]`: runs the benchmark modules and
// prints one table of figures against their targets. Each module is a
// TypeScript file under test/bench/ exporting `run(): Promise<BenchRow[]>`
// (test/bench/measure.ts); it is bundled with esbuild (packages stay external,
// so better-sqlite3 loads as installed) and run with this Node.
// To add a benchmark, add an entry to BENCHMARKS.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** name, module, what it measures, and whether a plain `npm run bench` runs it. */
export const BENCHMARKS = [
  {
    name: 'store',
    file: 'test/bench/store-bench.ts',
    summary: 'Main process with a large plan (60 sections, ~300,000 words, 400 commitments): open, save, search',
    byDefault: true,
  },
  {
    name: 'export',
    file: 'test/bench/export-bench.ts',
    summary: 'Export the 300,000-word plan to .docx, against pandoc converting the same text from Markdown, in the same run',
    byDefault: true,
  },
  {
    name: 'inputs',
    file: 'test/bench/input-bench.ts',
    summary: 'Hostile input refused through the dispatcher and file readers: a 100,000-character email, a 1,000-deep review pack, a .docx inflating to 190 MB',
    byDefault: true,
  },
  // #16 versions
  {
    name: 'versions',
    file: 'test/bench/versions-bench.ts',
    summary: 'Named versions of the 300,000-word plan: save a version, compare two versions and a version with the current draft, restore',
    byDefault: true,
  },
  // #16 backups and Word import
  {
    name: 'backups',
    file: 'test/bench/backups-bench.ts',
    summary: 'Back up the 300,000-word store while saves continue; import a Word document of about 540 pages',
    byDefault: true,
  },
  // #11 delivery table
  {
    name: 'commitments',
    file: 'test/bench/commitments-bench.ts',
    summary: 'Delivery table with 400 commitments x 5-year trajectory x 20 actuals: listCommitments, trajectory charts (and the grid and Excel figures)',
    byDefault: true,
  },
  // #11 delivery table: Excel in and out
  {
    name: 'commitments-excel',
    file: 'test/bench/commitments-excel-bench.ts',
    summary: 'Delivery table: export 400 commitments x 5 years x 20 actuals as .xlsx and .csv; import a 5,000-row .xlsx',
    byDefault: true,
  },
  {
    name: 'typing',
    file: 'test/bench/typing-rows.ts',
    summary: 'Chromium: keystroke latency in a 20,000-word section (builds the renderer first)',
    byDefault: true,
  },
  // #12 editor: opening and switching large sections
  {
    name: 'editor-open',
    file: 'test/bench/editor-open-bench.ts',
    summary: 'Chromium: open a 20,000-word section from the outline, and switch between two (builds the renderer first)',
    byDefault: true,
  },
  // #13 review round trip
  {
    name: 'review',
    file: 'test/bench/review-bench.ts',
    summary: 'Import a Word document with 5,000 comments into the 300,000-word plan: as exported (section bookmarks), and as a document this plan did not export',
    byDefault: true,
  },
  // #11 delivery grid
  {
    name: 'grid',
    file: 'test/bench/grid-bench.ts',
    summary: 'Chromium: the delivery grid with 400 commitments × 5 years × 20 actuals: open, keystroke, sort, filter (builds the renderer first)',
    byDefault: true,
  },
];

function choose(args) {
  if (args.includes('--all')) return BENCHMARKS;
  const names = args.filter((a) => !a.startsWith('-'));
  if (names.length === 0) return BENCHMARKS.filter((b) => b.byDefault);
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`bench: there is no benchmark called ${unknown.join(', ')}. Choose from: ${BENCHMARKS.map((b) => b.name).join(', ')}.`);
    process.exit(2);
  }
  return BENCHMARKS.filter((b) => names.includes(b.name));
}

/** Bundles a module inside node_modules/.cache so its external packages resolve from the project. */
async function load(bench) {
  const outdir = path.join(ROOT, 'node_modules', '.cache', 'jfp-bench');
  const outfile = path.join(outdir, `${bench.name}-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, bench.file)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    fs.rmSync(outfile, { force: true });
  }
}

const ms = (value) => (value === undefined || Number.isNaN(value) ? '' : value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 10 ? 2 : 1)} ms`);

function verdict(row) {
  if (row.targetMs === undefined) return '';
  const figure = row.p95 ?? row.value;
  return figure !== undefined && figure < row.targetMs ? 'met' : 'MISSED';
}

function printTable(rows) {
  const columns = [
    ['Benchmark', (r) => r.bench],
    ['Measure', (r) => r.measure],
    ['Median', (r) => ms(r.median ?? r.value)],
    ['p95', (r) => ms(r.p95)],
    ['Target', (r) => (r.targetMs === undefined ? '' : `< ${ms(r.targetMs)}${r.p95 !== undefined ? ' p95' : ''}`)],
    ['Result', verdict],
    ['Notes', (r) => r.detail ?? ''],
  ];
  const cells = rows.map((row) => columns.map(([, get]) => String(get(row))));
  const widths = columns.map(([title], i) => Math.max(title.length, ...cells.map((c) => c[i].length)));
  const line = (values) =>
    values
      .map((v, i) => (i >= 2 && i <= 3 ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(columns.map(([title]) => title)));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of cells) console.log(line(row));
}

const args = process.argv.slice(2);
if (args.includes('--list')) {
  for (const b of BENCHMARKS) console.log(`${b.name.padEnd(8)} ${b.byDefault ? '(default) ' : '(opt-in)  '}${b.summary}`);
  process.exit(0);
}

const rows = [];
let failed = false;
for (const bench of choose(args)) {
  console.error(`bench: running ${bench.name}: ${bench.summary}...`);
  try {
    const module = await load(bench);
    for (const row of await module.run()) rows.push({ bench: bench.name, ...row });
  } catch (error) {
    failed = true;
    rows.push({ bench: bench.name, measure: 'did not run', detail: error instanceof Error ? error.message.split('\n')[0] : String(error) });
  }
}
console.log('');
console.log(`JFP Studio benchmarks, Node ${process.versions.node}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
console.log('');
printTable(rows);
const missed = rows.filter((r) => verdict(r) === 'MISSED').length;
console.log('');
console.log(missed === 0 && !failed ? 'Every target met.' : `${missed} target${missed === 1 ? '' : 's'} missed${failed ? '; some benchmarks did not run' : ''}.`);
process.exitCode = missed > 0 || failed ? 1 : 0;
