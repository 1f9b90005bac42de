// #16 the built command line: `jfp import-docx`, `jfp backup [--out]`,
// `jfp backups` and `jfp restore`, run through bin/jfp.cjs in a process of
// its own as people run them.
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServices } from '../../electron/services/app-services';
import { exportLockFolder } from '../../electron/services/backups/export-locks';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { callOk } from '../support/call-ok';
import { bundlesStale } from './global-setup';

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

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-cli-16-'));
  db = path.join(dir, 'jfp.db');
  // Built once for the unit tests (test/unit/global-setup.ts), unless already newer than the sources.
  expect(inject('unitBuild').code).toBe(0);
  expect(bundlesStale(), 'the bundles are older than the sources').toBe(false);
});
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
    // The document does not name the ICB and there is no profile: asked for, nothing imported.
    const unnamed = await jfp(['import-docx', docx, '--split-level', '2']);
    expect(unnamed.code).not.toBe(0);
    expect(unnamed.stderr).toMatch(/Plan 2025\.docx does not name the ICB .* give it with --icb "NHS … Integrated Care Board"\. Nothing was imported\./);
    expect(fs.existsSync(db) ? JSON.parse((await jfp(['plans', '--json'])).stdout) : []).toEqual([]);
    const imported = await jfp(['import-docx', docx, '--split-level', '2', '--icb', 'NHS Northshire Integrated Care Board']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const [id, summary, ...rest] = imported.stdout.trim().split('\n');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(summary).toBe('Imported “Plan 2025” from Plan 2025.docx: 3 sections.');
    expect(rest).toContain('  Foreword (template: Foreword), 1 words');
    expect(rest).toContain('ICB: NHS Northshire Integrated Care Board.');
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
  }, 180_000);

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
  }, 180_000);

  it('refuses a restore while another process is writing an export, and restores once that process has died', async () => {
    // A plan large enough that its Word export takes a while in the exporting process.
    const exportDb = path.join(dir, 'exporting.db');
    const services = startServices(exportDb, { log: () => {} });
    let planId: string;
    try {
      planId = (await callOk(services, 'createPlan', { title: 'Exported plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
      for (let n = 0; n < 40; n++) {
        const section = await callOk(services, 'addSection', { planId, parentId: null, title: `Chapter ${n + 1}` });
        const words = Array.from({ length: 60 }, (_, p) => `Paragraph ${p} of chapter ${n}: ${'the integrated care board will improve access to services '.repeat(4)}`);
        const { revision } = await callOk(services, 'getSection', { sectionId: section.id });
        await callOk(services, 'saveSectionContent', { sectionId: section.id, revision, content: contentFromParagraphs(words) });
      }
    } finally {
      services.close();
    }
    const backedUp = await run([BIN, '--db', exportDb, 'backup']);
    expect(backedUp.code).toBe(0);
    const backup = /backups\/(jfp-[^ ]+\.db)/.exec(backedUp.stdout)![1]!;

    const locks = exportLockFolder(exportDb);
    const held = () => (fs.existsSync(locks) ? fs.readdirSync(locks).filter((n) => n.endsWith('.lock')) : []);
    const exporter = spawn(process.execPath, [BIN, '--db', exportDb, 'export', planId, '--format', 'docx', '--out', path.join(dir, 'exported.docx')], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => exporter.on('exit', () => resolve()));
    try {
      // As soon as its lock is there, the exporting process is frozen mid-export (alive, the lock held).
      const until = Date.now() + 120_000;
      while (held().length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      exporter.kill('SIGSTOP');
      expect(held()).toEqual([expect.stringMatching(new RegExp(`^${exporter.pid}-.+\\.lock$`))]);
      const refused = await run([BIN, '--db', exportDb, 'restore', backup]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/An export is still being written from your plans\. Wait for it to finish, then restore the backup; nothing was changed\./);
      expect(held()).toHaveLength(1);
    } finally {
      exporter.kill('SIGKILL');
      await exited;
    }
    // The exporting process died without removing its lock: the next restore finds it stale, removes it and goes ahead.
    expect(held()).toHaveLength(1);
    const restored = await run([BIN, '--db', exportDb, 'restore', backup]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(held()).toEqual([]);
  }, 240_000);

  it('leaves no export lock behind once an export in another process has finished', async () => {
    const exportDb = path.join(dir, 'finished.db');
    const created = await run([BIN, '--db', exportDb, 'new', '--title', 'Small plan', '--icb', 'NHS Test ICB', '--json']);
    expect(created.code).toBe(0);
    const planId = (JSON.parse(created.stdout) as { id: string }).id;
    const exported = await run([BIN, '--db', exportDb, 'export', planId, '--format', 'docx', '--out', path.join(dir, 'small.docx')]);
    expect(exported.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'small.docx'))).toBe(true);
    const locks = exportLockFolder(exportDb);
    expect(fs.existsSync(locks) ? fs.readdirSync(locks) : []).toEqual([]);
  }, 120_000);
});
