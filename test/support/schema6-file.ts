// A plan database exactly as the release before #11 left it (schema 6), written
// with that release's migrations and plain SQL: a plan, a section with text and
// delivery commitments whose priorities are free text and whose RAG was chosen by hand.
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../electron/services/store/migrations';
import { JFP_APPLICATION_ID } from '../../electron/services/store/file-check';
import { contentFromParagraphs } from '../../shared/lexical-json';

export const SCHEMA6_PLAN_ID = '11111111-1111-4111-8111-111111111111';
export const SCHEMA6_SECTION_ID = '22222222-2222-4222-8222-222222222222';

export function writeSchema6File(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    for (const migration of MIGRATIONS.slice(0, 6)) db.exec(migration);
    db.pragma('user_version = 6');
    db.pragma(`application_id = ${JFP_APPLICATION_ID}`);
    const at = '2026-01-05T09:00:00.000Z';
    db.prepare(
      `INSERT INTO plans (id, title, icb_name, start_year, end_year, places, created_at, updated_at) VALUES (?, 'Joint Forward Plan 2026/27 to 2030/31', 'NHS Test ICB', 2026, 2030, '["Northtown","Southshire"]', ?, ?)`,
    ).run(SCHEMA6_PLAN_ID, at, at);
    db.prepare(
      `INSERT INTO sections (id, plan_id, position, title, content, plain_text, created_at, updated_at) VALUES (?, ?, 0, 'Start well', ?, 'Every child ready for school.', ?, ?)`,
    ).run(SCHEMA6_SECTION_ID, SCHEMA6_PLAN_ID, contentFromParagraphs(['Every child ready for school.']), at, at);
    const commitment = db.prepare(
      `INSERT INTO commitments (id, plan_id, position, priority, commitment, metric, target, target_year, rag, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'A metric', '90%', 2028, ?, ?, ?)`,
    );
    commitment.run('c0', SCHEMA6_PLAN_ID, 0, 'Start well', 'Family hubs in every ward', 'green', at, at);
    commitment.run('c1', SCHEMA6_PLAN_ID, 1, '  Live well ', 'Faster cancer diagnosis', 'not_set', at, at);
    commitment.run('c2', SCHEMA6_PLAN_ID, 2, 'Start well', 'School readiness', 'red', at, at);
    commitment.run('c3', SCHEMA6_PLAN_ID, 3, '', 'No priority yet', 'not_set', at, at);
  } finally {
    db.close();
  }
}
