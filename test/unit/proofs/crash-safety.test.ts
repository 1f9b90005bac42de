// Proof that a crash never costs a saved word: a child process saves sections
// and comments through the real services (test/support/crash-writer.ts) and is
// killed with SIGKILL at random moments, JFP_CRASH_KILLS times (50 by default).
// After every kill the database is reopened as the app would reopen it, and must
// pass SQLite's integrity check, keep its search index in step with its tables,
// and hold every write the child was told had been saved, byte for byte, findable
// by search. JFP_CRASH_SEED replays a run's choices (the seed is printed).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../../electron/services/app-services';
import type { SearchHit } from '../../../shared/domain';
import { contentFromParagraphs } from '../../../shared/lexical-json';
import { seededRandom } from '../../bench/plan-text';
import { bundleForChild } from '../../support/child-bundle';
import { sha256, type CrashWriterConfig, type WriterReport } from '../../support/crash-writer';
import { proofSetting, recordProofFigures } from '../../support/proof-figures';

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

/** The value of a call that must succeed (setting up, not under test). */
async function done<T>(services: AppServices, method: string, input: unknown): Promise<T> {
  const outcome = await services.dispatch(method, input);
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
  return outcome.value as T;
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-crash-'));
  dbPath = path.join(work, 'jfp.db');
  writerBundle = await bundleForChild('test/support/crash-writer.ts');

  const services = startServices(dbPath);
  try {
    const call = (method: string, input: unknown) => done<{ id: string }>(services, method, input);
    planId = (await call('createPlan', { title: 'Crash test plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
    sectionIds = [];
    for (let i = 0; i < SECTIONS; i++) sectionIds.push((await call('addSection', { planId, parentId: null, title: `Section ${i + 1}` })).id);
    stakeholderId = (await call('addStakeholder', { planId, name: 'Asha Reviewer', organisation: 'Healthwatch', orgType: 'healthwatch', email: '' })).id;
  } finally {
    services.close();
  }
});

afterAll(() => {
  for (const writer of writers) writer.kill('SIGKILL');
  fs.rmSync(work, { recursive: true, force: true });
  if (writerBundle) fs.rmSync(writerBundle, { force: true });
});

/** Writers started and not yet ended, so a failing run leaves none behind. */
const writers = new Set<ChildProcess>();

interface Writer {
  /** Lets the writer open the database, and kills it `delayMs` after it is ready (after "go", when `early`). */
  go(delayMs: number, early: boolean): Promise<Life>;
}

/**
 * Starts one life of the writer. It loads its modules at once but opens the database only on "go",
 * so the next life can load while this one writes and its database is checked.
 */
function startWriter(generation: number): Writer {
  const config: CrashWriterConfig = { dbPath, planId, sectionIds, stakeholderId, generation, seed: SEED + generation };
  const child = spawn(process.execPath, [writerBundle], {
    env: { ...process.env, JFP_CRASH_WRITER: JSON.stringify(config) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  writers.add(child);
  const reports: WriterReport[] = [];
  let pending = '';
  let stderr = '';
  let onReady = () => {};
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      const report = JSON.parse(pending.slice(0, end)) as WriterReport;
      pending = pending.slice(end + 1);
      reports.push(report);
      if (report.t === 'ready') onReady();
    }
  });
  // 'close' comes after stdout has been read to its end: every ack the child printed is in `reports`.
  const closed = new Promise<Life>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      writers.delete(child);
      resolve({ reports, signal, code, stderr });
    });
  });
  return {
    async go(delayMs, early) {
      const kill = () => child.kill('SIGKILL');
      // A writer that never gets going is a failure of its own, not a crash to survive.
      const watchdog = setTimeout(kill, 30_000);
      let timer: NodeJS.Timeout | undefined;
      if (early) timer = setTimeout(kill, delayMs);
      else onReady = () => (timer = setTimeout(kill, delayMs));
      child.stdin.end('go\n');
      const life = await closed;
      clearTimeout(watchdog);
      clearTimeout(timer);
      return life;
    },
  };
}

/** What the writer was told is saved: each section's latest save (and the one in flight), every comment. */
interface Ledger {
  planId: string;
  sections: Map<string, { acked: SectionWrite; pending: SectionWrite | null }>;
  comments: Map<string, CommentWrite>;
}

interface CrashCheck {
  /** Sentences naming what is wrong; empty when the database holds everything it should. */
  problems: string[];
  checks: number;
  searches: number;
  /** Sections whose in-flight save had committed before the kill (it then becomes the acknowledged state). */
  committedBeforeAck: number;
}

async function hitsFor(services: AppServices, planId: string, word: string): Promise<string[]> {
  const outcome = await services.dispatch('search', { planId, query: word, limit: 5 });
  if (!outcome.ok) return [`refused: ${outcome.error.message}`];
  return (outcome.value as SearchHit[]).map((hit) => `${hit.kind} ${hit.id}`);
}

/**
 * Checks a database just reopened after a crash against the ledger: SQLite's integrity check, each
 * search index's own check and its agreement with the rows it indexes, every acknowledged write byte
 * for byte, and a search for each section's live word and for the comments in `searchComments`.
 */
async function checkAfterCrash(services: AppServices, ledger: Ledger, searchComments: Iterable<string>): Promise<CrashCheck> {
  const { db } = services.store;
  const problems: string[] = [];
  const result: CrashCheck = { problems, checks: 0, searches: 0, committedBeforeAck: 0 };

  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') problems.push(`integrity_check: ${integrity.map((r) => r.integrity_check).join('; ')}`);
  for (const index of ['section_fts', 'comment_fts', 'commitment_fts']) {
    try {
      db.exec(`INSERT INTO ${index}(${index}) VALUES('integrity-check')`);
    } catch (error) {
      problems.push(`${index} integrity-check: ${(error as Error).message}`);
    }
  }
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const sectionsOutOfStep = count(`SELECT count(*) FROM sections s LEFT JOIN section_fts f ON f.rowid = s.seq
    WHERE f.rowid IS NULL OR f.title IS NOT s.title OR f.body IS NOT s.plain_text`);
  const commentsOutOfStep = count(`SELECT count(*) FROM comments c LEFT JOIN comment_fts f ON f.rowid = c.seq
    WHERE f.rowid IS NULL OR f.body IS NOT (c.body || ' ' || c.response)`);
  if (sectionsOutOfStep > 0) problems.push(`${sectionsOutOfStep} section(s) differ from their search entry`);
  if (commentsOutOfStep > 0) problems.push(`${commentsOutOfStep} comment(s) differ from their search entry`);
  for (const [index, table] of [
    ['section_fts', 'sections'],
    ['comment_fts', 'comments'],
  ] as const) {
    const [entries, rows] = [count(`SELECT count(*) FROM ${index}`), count(`SELECT count(*) FROM ${table}`)];
    if (entries !== rows) problems.push(`${index} has ${entries} entries for ${rows} ${table}`);
  }

  const sectionRow = db.prepare<[string], { revision: number; content: string }>('SELECT revision, content FROM sections WHERE id = ?');
  for (const [sectionId, state] of ledger.sections) {
    const row = sectionRow.get(sectionId);
    const { acked, pending } = state;
    let live: SectionWrite;
    if (!row) {
      problems.push(`section ${sectionId} is missing`);
      continue;
    } else if (row.revision === acked.revision) live = acked;
    else if (pending && row.revision === pending.revision) {
      // Committed, but killed before it could say so: allowed, and what the next life builds on.
      live = pending;
      state.acked = pending;
      result.committedBeforeAck++;
    } else {
      problems.push(`section ${sectionId} holds revision ${row.revision}, but revision ${acked.revision} was acknowledged`);
      continue;
    }
    state.pending = null;
    result.checks++;
    if (sha256(row.content) !== live.sha256) problems.push(`section ${sectionId} revision ${row.revision} does not hold the text that was saved`);
    if (live.word) {
      result.searches++;
      const hits = await hitsFor(services, ledger.planId, live.word);
      if (hits.join() !== `section ${sectionId}`) problems.push(`a search for "${live.word}" found [${hits.join(', ')}], not section ${sectionId}`);
    }
  }

  const bodies = new Map(
    db
      .prepare<[string], { id: string; body: string }>('SELECT id, body FROM comments WHERE plan_id = ?')
      .all(ledger.planId)
      .map((r) => [r.id, r.body]),
  );
  for (const [commentId, write] of ledger.comments) {
    const body = bodies.get(commentId);
    result.checks++;
    if (body === undefined) problems.push(`acknowledged comment ${commentId} is missing`);
    else if (sha256(body) !== write.sha256) problems.push(`comment ${commentId} does not hold the text that was saved`);
  }
  for (const commentId of searchComments) {
    const write = ledger.comments.get(commentId)!;
    result.searches++;
    const hits = await hitsFor(services, ledger.planId, write.word);
    if (hits.join() !== `comment ${commentId}`) problems.push(`a search for "${write.word}" found [${hits.join(', ')}], not comment ${commentId}`);
  }
  return result;
}

function startLedger(services: AppServices, ledgerPlanId: string, ids: string[]): Ledger {
  const sections = new Map<string, { acked: SectionWrite; pending: SectionWrite | null }>();
  const row = services.store.db.prepare<[string], { revision: number; content: string }>('SELECT revision, content FROM sections WHERE id = ?');
  for (const id of ids) {
    const { revision, content } = row.get(id)!;
    sections.set(id, { acked: { revision, sha256: sha256(content), word: null }, pending: null });
  }
  return { planId: ledgerPlanId, sections, comments: new Map() };
}

describe('crash safety', () => {
  it(
    `every acknowledged save of a section or comment survives ${KILLS} kill -9 crashes, with integrity and search intact`,
    async () => {
      const started = Date.now();
      process.stdout.write(`crash safety: ${KILLS} kills, seed ${SEED} (JFP_CRASH_SEED=${SEED} to replay)\n`);
      const random = seededRandom(SEED);
      const opened = startServices(dbPath);
      const ledger = startLedger(opened, planId, sectionIds);
      opened.close();

      let acknowledged = 0;
      let sectionSaves = 0;
      let commentSaves = 0;
      let committedBeforeAck = 0;
      let checks = 0;
      let searches = 0;
      let unsearchedComments: string[] = [];
      let checking = 0;

      let next = startWriter(0);
      for (let generation = 0; generation < KILLS; generation++) {
        const where = `after kill ${generation + 1} of ${KILLS} (JFP_CRASH_SEED=${SEED})`;
        const early = random() < 0.125;
        const living = next.go(Math.floor(random() * (early ? 150 : 250)), early);
        // The next life loads its modules while this one writes and its database is checked.
        if (generation + 1 < KILLS) next = startWriter(generation + 1);
        const life = await living;
        expect(life.signal, `the writer ended by itself ${where}: exit ${life.code}\n${life.stderr}`).toBe('SIGKILL');
        expect(
          life.reports.filter((r) => r.t === 'refused'),
          `the writer's saves were refused ${where}`,
        ).toEqual([]);

        for (const report of life.reports) {
          if (report.t !== 'intent' && report.t !== 'ack') continue;
          if (report.kind === 'section') {
            const state = ledger.sections.get(report.sectionId)!;
            const write = { revision: report.revision, sha256: report.sha256, word: report.word };
            if (report.t === 'intent') state.pending = write;
            else {
              state.acked = write;
              state.pending = null;
              sectionSaves++;
              acknowledged++;
            }
          } else if (report.t === 'ack') {
            ledger.comments.set(report.commentId, { sha256: report.sha256, word: report.word });
            unsearchedComments.push(report.commentId);
            commentSaves++;
            acknowledged++;
          }
        }

        // Reopened as the app reopens it after a crash: WAL recovery, then the same services. Each comment's
        // word is searched for once, after the first kill that follows its save, and all of them after the
        // last kill; the row-by-row comparison with the index keeps every check in between honest.
        const checkStarted = Date.now();
        const services = startServices(dbPath);
        try {
          const check = await checkAfterCrash(services, ledger, generation === KILLS - 1 ? ledger.comments.keys() : unsearchedComments);
          expect(check.problems, where).toEqual([]);
          checks += check.checks;
          searches += check.searches;
          committedBeforeAck += check.committedBeforeAck;
          unsearchedComments = [];
        } finally {
          services.close();
          checking += Date.now() - checkStarted;
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
        'of which checking': Number((checking / 1000).toFixed(1)),
      });
    },
    Math.max(180_000, KILLS * 3_000),
  );

  it('the check after a crash reports a lost save, a lost comment and a search index out of step', async () => {
    const file = path.join(work, 'tampered.db');
    const services = startServices(file);
    try {
      const call = <T>(method: string, input: unknown) => done<T>(services, method, input);
      const plan = await call<{ id: string }>('createPlan', { title: 'Tampered plan', icbName: 'NHS Test ICB', startYear: 2026 });
      const [first, second] = [
        await call<{ id: string }>('addSection', { planId: plan.id, parentId: null, title: 'First' }),
        await call<{ id: string }>('addSection', { planId: plan.id, parentId: null, title: 'Second' }),
      ];
      const reviewer = await call<{ id: string }>('addStakeholder', { planId: plan.id, name: 'Asha', organisation: '', orgType: 'healthwatch', email: '' });
      const ledger = startLedger(services, plan.id, [first.id, second.id]);
      for (const [sectionId, word] of [
        [first.id, 'tamperfirstw'],
        [second.id, 'tampersecondw'],
      ] as const) {
        const content = contentFromParagraphs([`Text with ${word} in it.`]);
        const saved = await call<{ revision: number }>('saveSectionContent', { sectionId, revision: 1, content });
        ledger.sections.get(sectionId)!.acked = { revision: saved.revision, sha256: sha256(content), word };
      }
      const body = 'A reviewer asks about tampercommentw.';
      await call('createThread', { planId: plan.id, sectionId: first.id, threadId: 'tampered-thread', stakeholderId: reviewer.id, body, quote: '' });
      ledger.comments.set('tampered-thread', { sha256: sha256(body), word: 'tampercommentw' });
      expect((await checkAfterCrash(services, ledger, ['tampered-thread'])).problems).toEqual([]);

      // What a broken store could do: lose a save, lose a comment, leave the index behind the text.
      const { db } = services.store;
      db.prepare('UPDATE sections SET revision = 1 WHERE id = ?').run(first.id);
      db.prepare("DELETE FROM comments WHERE id = 'tampered-thread'").run();
      db.prepare('DELETE FROM section_fts WHERE rowid = (SELECT seq FROM sections WHERE id = ?)').run(second.id);
      const { problems } = await checkAfterCrash(services, ledger, []);
      expect(problems).toEqual([
        '1 section(s) differ from their search entry',
        'section_fts has 1 entries for 2 sections',
        `section ${first.id} holds revision 1, but revision 2 was acknowledged`,
        `a search for "tampersecondw" found [], not section ${second.id}`,
        'acknowledged comment tampered-thread is missing',
      ]);
    } finally {
      services.close();
    }
  });
});
