// #16 the built command line: `jfp import-docx`, `jfp backup [--out]`,
// `jfp backups` and `jfp restore`, run through bin/jfp.cjs in a process of
// its own as people run them.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'jfp.cjs');
const PANDOC = (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, 'pandoc')));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 180_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
let db: string;
const jfp = (args: string[]) => run([BIN, '--db', db, ...args]);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-cli-16-'));
  db = path.join(dir, 'jfp.db');
  const build = await run([path.join(ROOT, 'scripts', 'build.mjs'), '--no-renderer']);
  expect(build.code).toBe(0);
}, 180_000);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('jfp import-docx, backup, backups and restore (built)', () => {
  it('imports a Word document, prints the plan id and summary, and refuses a PDF with a sentence', async (context) => {
    if (!PANDOC) context.skip('needs pandoc: no pandoc on the PATH');
    const md = path.join(dir, 'plan.md');
    fs.writeFileSync(md, '# Foreword\n\nWords.\n\n# Our places\n\n## Northtown\n\n- One\n- Two\n');
    const docx = path.join(dir, 'Plan 2025.docx');
    execFileSync('pandoc', [md, '-o', docx]);
    const imported = await jfp(['import-docx', docx, '--split-level', '2']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const [id, summary, ...rest] = imported.stdout.trim().split('\n');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(summary).toBe('Imported “Plan 2025” from Plan 2025.docx: 3 sections.');
    expect(rest).toContain('  Foreword (template: Foreword), 1 words');
    const sections = JSON.parse((await jfp(['sections', id!, '--json'])).stdout) as { title: string; depth: number }[];
    expect(sections.map((s) => [s.title, s.depth])).toEqual([
      ['Foreword', 1],
      ['Our places', 1],
      ['Northtown', 2],
    ]);

    const pdf = path.join(dir, 'report.docx');
    fs.writeFileSync(pdf, '%PDF-1.7\n');
    const refused = await jfp(['import-docx', pdf]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/report\.docx is a PDF, not a Word document; nothing was imported/);
    expect(JSON.parse((await jfp(['plans', '--json'])).stdout)).toHaveLength(1);
  });

  it('backs up, lists the backups with their plans, restores one and exports all plans with --out', async () => {
    const created = await jfp(['new', '--title', 'First plan', '--icb', 'NHS Test ICB']);
    expect(created.code).toBe(0);
    const backedUp = await jfp(['backup']);
    expect(backedUp.code).toBe(0);
    expect(backedUp.stdout).toMatch(/^Backed up to .*backups\/jfp-.*-manual\.db \(\d+ KB\)\.$/m);
    await jfp(['new', '--title', 'Second plan', '--icb', 'NHS Test ICB']);

    const listed = JSON.parse((await jfp(['backups', '--json'])).stdout) as { name: string; plans: { title: string }[] }[];
    const manual = listed.find((b) => b.name.endsWith('-manual.db'))!;
    expect(manual.plans.map((p) => p.title)).toContain('First plan');
    expect(manual.plans.map((p) => p.title)).not.toContain('Second plan');
    expect((await jfp(['backups'])).stdout).toMatch(/Backed up on request/);

    const restored = await jfp(['restore', manual.name]);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/^Restored .*-manual\.db: \d+ plans?\./);
    expect(restored.stdout).toMatch(/restore that to undo this\.$/m);
    const titles = (JSON.parse((await jfp(['plans', '--json'])).stdout) as { title: string }[]).map((p) => p.title);
    expect(titles).toContain('First plan');
    expect(titles).not.toContain('Second plan');

    const out = path.join(dir, 'all.db');
    const exported = await jfp(['backup', '--out', out]);
    expect(exported.stdout.trim()).toBe(`Backed up every plan to ${out}.`);
    const fromCopy = JSON.parse((await run([BIN, '--db', out, 'plans', '--json'])).stdout) as { title: string }[];
    expect(fromCopy.map((p) => p.title)).toContain('First plan');
  });
});
