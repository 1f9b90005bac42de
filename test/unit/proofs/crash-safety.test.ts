// Proof that a crash never costs a saved word: a child process saves sections
// and comments through the real services (test/support/crash-writer.ts) and is
// killed with SIGKILL at random moments, JFP_CRASH_KILLS times (50 by default).
// After every kill the database is reopened as the app would reopen it, and must
// pass SQLite's integrity check, keep its search index in step with its tables,
// and hold every write the child was told had been saved, byte for byte, findable
// by search. JFP_CRASH_SEED replays a run's choices (the seed is printed).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../../electron/services/app-services';
import type { SearchHit } from '../../../shared/domain';
import { seededRandom } from '../../bench/plan-text';
import { sha256, type CrashWriterConfig, type WriterReport } from '../../support/crash-writer';
import { proofSetting, recordProofFigures } from '../../support/proof-figures';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const KILLS = proofSetting('JFP_CRASH_KILLS', 50);
const SEED = proofSetting('JFP_CRASH_SEED', 1 + Math.floor(Math.random() * 2 ** 31));
const SECTIONS = 6;

type SectionWrite = { revision: number; sha256: string; word: string | null };
type CommentWrite = { sha256: string; word: string };

interface Life {
  reports: WriterReport[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

let work: string;
let writerBundle: string;
let dbPath: string;
let planId: string;
let sectionIds: string[];
let stakeholderId: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-crash-'));
  dbPath = path.join(work, 'jfp.db');
  // The bundle sits inside node_modules so its packages (better-sqlite3, zod...) resolve as installed.
  writerBundle = path.join(ROOT, 'node_modules', '.cache', 'jfp-proofs', `crash-writer-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, 'test', 'support', 'crash-writer.ts')],
    outfile: writerBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });

  const services = startServices(dbPath);
  try {
    const call = async (method: string, input: unknown) => {
      const outcome = await services.dispatch(method, input);
      if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
      return outcome.value as { id: string };
    };
    planId = (await call('createPlan', { title: 'Crash test plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
    sectionIds = [];
    for (let i = 0; i < SECTIONS; i++) sectionIds.push((await call('addSection', { planId, parentId: null, title: `Section ${i + 1}` })).id);
    stakeholderId = (await call('addStakeholder', { planId, name: 'Asha Reviewer', organisation: 'Healthwatch', orgType: 'healthwatch', email: '' })).id;
  } finally {
    services.close();
  }
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  if (writerBundle) fs.rmSync(writerBundle, { force: true });
});

/** Starts one life of the writer and kills it `delayMs` after it is ready (or after it starts, when `early`). */
function liveAndKill(generation: number, delayMs: number, early: boolean): Promise<Life> {
  const config: CrashWriterConfig = { dbPath, planId, sectionIds, stakeholderId, generation, seed: SEED + generation };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writerBundle], {
      env: { ...process.env, JFP_CRASH_WRITER: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reports: WriterReport[] = [];
    let pending = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    // A writer that never gets going is a failure of its own, not a crash to survive.
    const watchdog = setTimeout(kill, 30_000);
    if (early) timer = setTimeout(kill, delayMs);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      let end: number;
      while ((end = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        const report = JSON.parse(line) as WriterReport;
        reports.push(report);
        if (report.t === 'ready' && !early) timer = setTimeout(kill, delayMs);
      }
    });
    child.on('error', reject);
    // 'close' comes after stdout has been read to its end: every ack the child printed is in `reports`.
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      clearTimeout(timer);
      resolve({ reports, signal, code, stderr });
    });
  });
}

function hitsFor(services: AppServices, word: string): Promise<SearchHit[]> {
  return services.dispatch('search', { planId, query: word, limit: 5 }).then((outcome) => {
    if (!outcome.ok) throw new Error(`search for ${word} was refused: ${outcome.error.message}`);
    return outcome.value as SearchHit[];
  });
}

describe('crash safety', () => {
  it(`every acknowledged save of a section or comment survives ${KILLS} kill -9 crashes, with integrity and search intact`, async () => {
    const started = Date.now();
    process.stdout.write(`crash safety: ${KILLS} kills, seed ${SEED} (JFP_CRASH_SEED=${SEED} to replay)\n`);
    const random = seededRandom(SEED);

    // What the writer was told is saved, per section (the latest save) and per comment.
    const sections = new Map<string, { acked: SectionWrite; pending: SectionWrite | null }>();
    const comments = new Map<string, CommentWrite>();
    {
      const services = startServices(dbPath);
      for (const id of sectionIds) {
        const row = services.store.db.prepare<[string], { revision: number; content: string }>('SELECT revision, content FROM sections WHERE id = ?').get(id)!;
        sections.set(id, { acked: { revision: row.revision, sha256: sha256(row.content), word: null }, pending: null });
      }
      services.close();
    }

    let acknowledged = 0;
    let sectionSaves = 0;
    let commentSaves = 0;
    let committedBeforeAck = 0;
    let checks = 0;
    let searches = 0;
    let unsearchedComments: string[] = [];

    for (let generation = 0; generation < KILLS; generation++) {
      const where = `after kill ${generation + 1} of ${KILLS} (JFP_CRASH_SEED=${SEED})`;
      const early = random() < 0.125;
      const life = await liveAndKill(generation, Math.floor(random() * (early ? 250 : 300)), early);
      expect(life.signal, `the writer ended by itself ${where}: exit ${life.code}\n${life.stderr}`).toBe('SIGKILL');
      expect(life.reports.filter((r) => r.t === 'refused'), `the writer's saves were refused ${where}`).toEqual([]);

      for (const report of life.reports) {
        if (report.t !== 'intent' && report.t !== 'ack') continue;
        if (report.kind === 'section') {
          const state = sections.get(report.sectionId)!;
          const write = { revision: report.revision, sha256: report.sha256, word: report.word };
          if (report.t === 'intent') state.pending = write;
          else {
            state.acked = write;
            state.pending = null;
            sectionSaves++;
            acknowledged++;
          }
        } else if (report.t === 'ack') {
          comments.set(report.commentId, { sha256: report.sha256, word: report.word });
          unsearchedComments.push(report.commentId);
          commentSaves++;
          acknowledged++;
        }
      }

      // Reopened as the app reopens it after a crash: WAL recovery, then the same services.
      const services = startServices(dbPath);
      try {
        const { db } = services.store;
        expect(db.pragma('integrity_check'), `integrity_check ${where}`).toEqual([{ integrity_check: 'ok' }]);
        for (const index of ['section_fts', 'comment_fts', 'commitment_fts']) {
          expect(() => db.exec(`INSERT INTO ${index}(${index}) VALUES('integrity-check')`), `${index} integrity ${where}`).not.toThrow();
        }
        const sectionsOutOfStep = db
          .prepare(`SELECT count(*) FROM sections s LEFT JOIN section_fts f ON f.rowid = s.seq
            WHERE f.rowid IS NULL OR f.title IS NOT s.title OR f.body IS NOT s.plain_text`)
          .pluck()
          .get();
        const commentsOutOfStep = db
          .prepare(`SELECT count(*) FROM comments c LEFT JOIN comment_fts f ON f.rowid = c.seq
            WHERE f.rowid IS NULL OR f.body IS NOT (c.body || ' ' || c.response)`)
          .pluck()
          .get();
        expect(sectionsOutOfStep, `sections whose search entry differs from the section ${where}`).toBe(0);
        expect(commentsOutOfStep, `comments whose search entry differs from the comment ${where}`).toBe(0);
        expect(db.prepare('SELECT (SELECT count(*) FROM section_fts) - (SELECT count(*) FROM sections)').pluck().get(), `search entries for sections that do not exist ${where}`).toBe(0);
        expect(db.prepare('SELECT (SELECT count(*) FROM comment_fts) - (SELECT count(*) FROM comments)').pluck().get(), `search entries for comments that do not exist ${where}`).toBe(0);

        const sectionRow = db.prepare<[string], { revision: number; content: string }>('SELECT revision, content FROM sections WHERE id = ?');
        for (const [sectionId, state] of sections) {
          const row = sectionRow.get(sectionId)!;
          const { acked, pending } = state;
          let live: SectionWrite;
          if (row.revision === acked.revision) live = acked;
          else if (pending && row.revision === pending.revision) {
            // Committed, but killed before it could say so: allowed, and now what the next life builds on.
            live = pending;
            state.acked = pending;
            committedBeforeAck++;
          } else {
            throw new Error(`${sectionId} holds revision ${row.revision}, but revision ${acked.revision} was acknowledged ${where}.`);
          }
          state.pending = null;
          expect(sha256(row.content), `the content of ${sectionId}, revision ${row.revision}, ${where}`).toBe(live.sha256);
          checks++;
          if (live.word) {
            const hits = await hitsFor(services, live.word);
            searches++;
            expect(hits.map((h) => `${h.kind} ${h.id}`), `search for "${live.word}" ${where}`).toEqual([`section ${sectionId}`]);
          }
        }

        const bodies = new Map(db.prepare<[string], { id: string; body: string }>('SELECT id, body FROM comments WHERE plan_id = ?').all(planId).map((r) => [r.id, r.body]));
        for (const [commentId, write] of comments) {
          const body = bodies.get(commentId);
          expect(body, `acknowledged comment ${commentId} ${where}`).toBeDefined();
          expect(sha256(body!), `the text of comment ${commentId} ${where}`).toBe(write.sha256);
          checks++;
        }
        // Each comment's word is searched for once, after the first kill that follows its save (and all at the end);
        // the row-by-row comparison above keeps every later check of the index honest.
        const toSearch = generation === KILLS - 1 ? [...comments.keys()] : unsearchedComments;
        for (const commentId of toSearch) {
          const hits = await hitsFor(services, comments.get(commentId)!.word);
          searches++;
          expect(hits.map((h) => `${h.kind} ${h.id}`), `search for comment ${commentId} ${where}`).toEqual([`comment ${commentId}`]);
        }
        unsearchedComments = [];
      } finally {
        services.close();
      }
    }

    expect(acknowledged, 'the writer acknowledged no saves at all: the kills proved nothing').toBeGreaterThan(KILLS);
    recordProofFigures('crash safety', {
      kills: KILLS,
      'acknowledged writes': acknowledged,
      'section saves': sectionSaves,
      comments: commentSaves,
      'write checks after kills': checks,
      searches,
      'committed but killed before ack': committedBeforeAck,
      lost: 0,
      seed: String(SEED),
      seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
    });
  }, Math.max(60_000, KILLS * 2_000));
});
