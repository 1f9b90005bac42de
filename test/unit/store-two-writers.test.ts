// Two writers never fail: the app's services (in this process) and the built
// `jfp` command line work on one database file at the same time for a bounded
// time, and every action of both succeeds. The command line runs two ways: as
// the real `jfp` command, one process per command, and as a child process that
// loads the built bundle once and runs its commands (runCli) back to back, so
// the two sides meet many times a second. Before, a
// read-then-write transaction that started deferred failed at once with
// SQLITE_BUSY_SNAPSHOT whenever the other side had committed in between.
// JFP_TWO_WRITERS_SECONDS sets how long they run (default 10).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { buildCommentsFile, buildReviewPack, openReviewPack } from '../../electron/services/review/review-pack';
import type { MethodName } from '../../shared/contract';
import { callOk } from '../support/call-ok';
import { contentFromParagraphs } from '../../shared/lexical-json';

const repoRoot = path.resolve(__dirname, '../..');
const bin = path.join(repoRoot, 'bin', 'jfp.cjs');
const seconds = Number(process.env.JFP_TWO_WRITERS_SECONDS ?? 10);
const COMMENT_FILES = 120;
const bundle = path.join(repoRoot, 'dist', 'cli', 'jfp.cjs');

let dir: string;
let dbPath: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-two-writers-'));
  dbPath = path.join(dir, 'jfp.db');
  // bin/jfp.cjs builds the command line when its bundle is older than the sources: before the clock starts.
  const built = spawnSync(process.execPath, [bin, '--version'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  expect(built.status, built.stderr).toBe(0);
}, 150_000);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const call = callOk;

function jfp(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args, '--db', dbPath], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface ChildReport {
  imports: number;
  news: number;
  createdIds: string[];
  failed: string[];
}

/**
 * A child process that loads the built command line once and runs its commands
 * one after another until the deadline: each import-comments of the next file,
 * then a jfp new, each opening and closing the database as `jfp` does.
 */
function runCommandsInChild(work: { deadline: number; planId: string; files: string[] }): Promise<ChildReport> {
  const script = `
    const { runCli } = require(${JSON.stringify(bundle)});
    const work = JSON.parse(process.argv[1]);
    const report = { imports: 0, news: 0, createdIds: [], failed: [] };
    const run = async (args) => {
      let stdout = '';
      let stderr = '';
      const code = await runCli([...args, '--db', ${JSON.stringify(dbPath)}], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: { HOME: ${JSON.stringify(dir)} } });
      return { code, stdout, stderr };
    };
    (async () => {
      for (let i = 0; Date.now() < work.deadline; i++) {
        if (i < work.files.length) {
          const r = await run(['import-comments', work.planId, work.files[i]]);
          if (r.code === 0 && r.stdout.startsWith('From the comments file: 1 new comment')) report.imports++;
          else report.failed.push('import ' + i + ': exit ' + r.code + ': ' + r.stderr.trim() + r.stdout.trim());
        }
        const r = await run(['new', '--title', 'Locality plan from the child ' + i, '--icb', 'NHS Test ICB', '--start-year', '2026']);
        if (r.code === 0 && r.stderr === '') { report.news++; report.createdIds.push(r.stdout.trim()); }
        else report.failed.push('new ' + i + ': exit ' + r.code + ': ' + r.stderr.trim());
      }
      process.stdout.write(JSON.stringify(report));
    })();
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, JSON.stringify(work)], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(stdout) as ChildReport);
      } catch {
        reject(new Error(`the command-line child exited ${code} without a report: ${stderr}`));
      }
    });
  });
}

/** A reviewer's returned comments files: file i holds comments 0..i, so each import adds one and finds the rest already there. */
async function returnedCommentFiles(app: AppServices, planId: string, sectionIds: string[], stakeholderId: string): Promise<string[]> {
  const reviewer = startServices(path.join(dir, 'reviewer.db'));
  try {
    const copy = openReviewPack(reviewer.store, buildReviewPack(app.store, planId, stakeholderId));
    const files: string[] = [];
    for (let i = 0; i < COMMENT_FILES; i++) {
      await call(reviewer, 'createThread', {
        planId: copy.id,
        sectionId: sectionIds[i % sectionIds.length]!,
        stakeholderId: copy.reviewCopy!.localStakeholderId,
        body: `Reviewer point ${i}: say how this is measured.`,
        quote: '',
      });
      const file = path.join(dir, `returned-${i}.jfpcomments`);
      fs.writeFileSync(file, JSON.stringify(buildCommentsFile(reviewer.store, copy.id)));
      files.push(file);
    }
    return files;
  } finally {
    reviewer.close();
  }
}

describe('the app and the jfp command line writing one file at once', () => {
  it(`both work for ${seconds} s and no action of either fails`, async () => {
    const app = startServices(dbPath);
    try {
      const plan = await call(app, 'createPlan', { title: 'Joint Forward Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
      const sections = [];
      for (const title of ['Start well', 'Live well', 'Age well', 'Our workforce'])
        sections.push(await call(app, 'addSection', { planId: plan.id, parentId: null, title }));
      const asha = await call(app, 'addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch Test', orgType: 'healthwatch', email: '' });
      const files = await returnedCommentFiles(
        app,
        plan.id,
        sections.map((s) => s.id),
        asha.id,
      );
      const revisions = new Map(sections.map((s) => [s.id, s.revision]));

      const deadline = Date.now() + seconds * 1000;
      const cli = { imports: 0, news: 0, failed: [] as string[] };
      const createdIds: string[] = [];
      const commandLoop = runCommandsInChild({ deadline, planId: plan.id, files }).then((child) => {
        cli.imports += child.imports;
        cli.news += child.news;
        cli.failed.push(...child.failed);
        createdIds.push(...child.createdIds);
        return child;
      });
      const newLoop = (async () => {
        for (let i = 0; Date.now() < deadline; i++) {
          const run = await jfp(['new', '--title', `Locality plan from jfp ${i}`, '--icb', 'NHS Test ICB', '--start-year', '2026']);
          if (run.code === 0 && run.stderr === '') {
            cli.news++;
            createdIds.push(run.stdout.trim());
          } else cli.failed.push(`new ${i}: exit ${run.code}: ${run.stderr.trim()}`);
        }
      })();

      const appSide = { actions: 0, failed: [] as string[], threads: 0 };
      const appLoop = (async () => {
        for (let i = 0; Date.now() < deadline; i++) {
          const section = sections[i % sections.length]!;
          const actions: [MethodName, () => Promise<unknown>][] = [
            [
              'saveSectionContent',
              async () => {
                const saved = await call(app, 'saveSectionContent', {
                  sectionId: section.id,
                  revision: revisions.get(section.id)!,
                  content: contentFromParagraphs([`Draft ${i}: `.concat('integrated neighbourhood teams '.repeat(400))]),
                });
                revisions.set(section.id, saved.revision);
              },
            ],
            [
              'createThread',
              async () => (
                await call(app, 'createThread', { planId: plan.id, sectionId: section.id, stakeholderId: asha.id, body: `Author's note ${i}`, quote: '' }),
                appSide.threads++
              ),
            ],
            ['addCommitment', () => call(app, 'addCommitment', { planId: plan.id, fields: { priority: 'Prevention', commitment: `Commitment ${i}` } })],
            ['updateSectionMeta', () => call(app, 'updateSectionMeta', { sectionId: section.id, owner: `Owner ${i}` })],
          ];
          const [method, act] = actions[i % actions.length]!;
          try {
            await act();
            appSide.actions++;
          } catch (error) {
            appSide.failed.push(`${method}: ${(error as Error).message}`);
          }
          // A pause between actions, far shorter than a person's between saves, so the children get a core too.
          await new Promise((resolve) => setTimeout(resolve, 4));
        }
      })();
      const [, child] = await Promise.all([appLoop, commandLoop, newLoop]);

      console.log(
        `two writers for ${seconds} s: the app ${appSide.actions} actions (${appSide.failed.length} failed); jfp ${cli.imports} import-comments + ${cli.news} new (${cli.failed.length} failed), of which ${child.imports + child.news} run back to back in one child process`,
      );
      expect(appSide.failed).toEqual([]);
      expect(cli.failed).toEqual([]);
      expect(appSide.actions).toBeGreaterThan(20);
      expect(cli.imports).toBeGreaterThan(0);
      expect(cli.news).toBeGreaterThan(0);

      // What each side said it did is in the file.
      const plans = await call(app, 'listPlans', {});
      expect(
        plans
          .filter((p) => p.title.startsWith('Locality plan from'))
          .map((p) => p.id)
          .sort(),
      ).toEqual([...createdIds].sort());
      const threads = await call(app, 'listThreads', { planId: plan.id });
      expect(threads.filter((t) => t.comments[0]!.body.startsWith('Reviewer point')).length).toBe(cli.imports);
      expect(threads.filter((t) => t.comments[0]!.body.startsWith("Author's note")).length).toBe(appSide.threads);
      expect(app.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      app.close();
    }
  }, 120_000);
});
