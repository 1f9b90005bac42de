// #16 backups and Word import on the 300,000-word benchmark plan (store-bench.ts
// builds it): a backup of the whole store with createBackup (SQLite's online
// backup) while a loop of saveSectionContent keeps saving in the same process,
// against 1 s, and the backup then checked with integrity_check; and importing
// a Word document of about 540 pages (the export benchmark's plan written by our
// own .docx exporter) with previewWordImport and importWordPlan, against 5 s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startServices } from '../../electron/services/app-services';
import { exportDocument } from '../../electron/services/export';
import type { ExportPorts } from '../../electron/services/ports';
import { paragraphNode, textNode, type SerializedNode } from '../../shared/lexical-json';
import { largePlan } from './export-bench';
import { summarise, time, type BenchRow } from './measure';
import { planSentence, seededRandom } from './plan-text';
import { buildLargePlan, caller } from './store-bench';

const TARGETS = { backupMs: 1_000, importMs: 5_000 };
const BACKUP_RUNS = 5;
const IMPORT_RUNS = 3;
/** About this many words to a page of the exported document (Arial 11 pt, headings and tables). */
const WORDS_PER_PAGE = 550;

export async function run(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-bench-backups-'));
  try {
    return [...(await backupRows(dir)), ...(await importRows(dir))];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function backupRows(dir: string): Promise<BenchRow[]> {
  const dbPath = path.join(dir, 'bench.db');
  const services = startServices(dbPath, { log: () => {} });
  const call = caller(() => services);
  try {
    const { planId } = await buildLargePlan(call, seededRandom(2026));
    const sections = await call('listSections', { planId });
    const random = seededRandom(16);
    // Saves keep coming while each backup runs: a paragraph changed in a different section each time.
    let saving = true;
    let saves = 0;
    const saveLoop = (async () => {
      while (saving) {
        const summary = sections[1 + (saves % (sections.length - 1))]!;
        const section = await call('getSection', { sectionId: summary.id });
        const state = JSON.parse(section.content) as { root: SerializedNode };
        state.root.children![0] = paragraphNode([textNode(planSentence(random))]);
        await call('saveSectionContent', { sectionId: section.id, revision: section.revision, content: JSON.stringify(state) });
        saves++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    let last = '';
    let savesDuring = 0;
    const times = await time(
      async () => {
        const before = saves;
        last = (await call('createBackup', {})).path;
        savesDuring += saves - before;
      },
      BACKUP_RUNS,
      1,
    );
    saving = false;
    await saveLoop;
    const copy = new Database(last, { readonly: true });
    const integrity = copy.pragma('integrity_check', { simple: true });
    const plans = (copy.prepare('SELECT count(*) AS n FROM plans').get() as { n: number }).n;
    copy.close();
    const size = fs.statSync(last).size;
    const plan = await call('getPlan', { planId });
    return [
      summarise(
        'Back up the whole store while saves continue',
        times,
        TARGETS.backupMs,
        `${BACKUP_RUNS} runs; ${plan.wordCount.toLocaleString('en-GB')} words, ${(size / 1024 / 1024).toFixed(1)} MB; ${savesDuring} saves during the backups; last backup: integrity_check ${String(integrity)}, ${plans} plan`,
      ),
    ];
  } finally {
    services.close();
  }
}

async function importRows(dir: string): Promise<BenchRow[]> {
  const plan = largePlan();
  const docx = path.join(dir, 'Large plan.docx');
  fs.writeFileSync(docx, (await exportDocument({ data: plan.data, options: { format: 'docx' } })).content as Buffer);
  const ports = {
    chooseOpenPath: async () => docx,
    chooseSavePath: async () => null,
    openPath: async () => undefined,
    showInFolder: () => undefined,
  } satisfies ExportPorts;
  const services = startServices(path.join(dir, 'import.db'), { log: () => {}, exportPorts: ports });
  const call = caller(() => services);
  try {
    let sectionCount = 0;
    let words = 0;
    const times = await time(
      async () => {
        const preview = await call('previewWordImport', { splitLevel: 2 });
        if (!preview) throw new Error('previewWordImport read nothing');
        const { plan: imported } = await call('importWordPlan', { importId: preview.importId, splitLevel: 2 });
        sectionCount = preview.sections.length;
        words = imported.wordCount;
      },
      IMPORT_RUNS,
      0,
    );
    const pages = Math.round(plan.words / WORDS_PER_PAGE);
    return [
      summarise(
        'Import a Word document of about 540 pages (preview, then make the plan)',
        times,
        TARGETS.importMs,
        `${IMPORT_RUNS} runs; ${(fs.statSync(docx).size / 1024 / 1024).toFixed(1)} MB .docx from our exporter, ${plan.words.toLocaleString('en-GB')} words (~${pages} pages); ${sectionCount} sections, ${words.toLocaleString('en-GB')} words imported`,
      ),
    ];
  } finally {
    services.close();
  }
}
