// #13 review round trip: importing a reviewer's Word document with 5,000
// comments into the 300,000-word plan (the store benchmark's shape), once as
// our own export with its section bookmarks and once as a document this plan
// did not export (bookmarks gone, so every comment is placed by its words
// across the whole plan). Each run imports into a fresh copy of the database.
// Target: well under 10 s for either (500 comments took 9 s before the anchors
// were found through one index of the plan's text).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { importWordComments } from '../../electron/services/review/word-import';
import { addManyReviewerComments, exportedDocx } from '../support/commented-docx';
import { summarise, type BenchRow } from './measure';
import { seededRandom } from './plan-text';
import { buildLargePlan, caller } from './store-bench';

export const REVIEW_IMPORT_TARGET_MS = 10_000;
const COMMENTS = 5_000;
const RUNS = Number(process.env.JFP_REVIEW_BENCH_RUNS ?? 3);

/** The same document with its section bookmarks renamed, as a council's re-saved copy would lose them. */
function withoutBookmarks(bytes: Uint8Array): Uint8Array {
  const entries = unzipSync(bytes);
  entries['word/document.xml'] = strToU8(strFromU8(entries['word/document.xml']!).replace(/w:name="jfp_/g, 'w:name="theirs_'));
  return zipSync(entries);
}

export async function run(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-review-bench-'));
  const dbPath = path.join(dir, 'bench.db');
  let services: AppServices = startServices(dbPath);
  try {
    const { planId } = await buildLargePlan(
      caller(() => services),
      seededRandom(2026),
    );
    const exported = await exportedDocx(services.store, planId);
    services.close();
    const { bytes: ours } = addManyReviewerComments(exported, { count: COMMENTS, after: 'w:name="jfp_' });
    const theirs = withoutBookmarks(ours);
    const rows: BenchRow[] = [];
    for (const [name, bytes] of [
      ['with its section bookmarks', ours],
      ['not exported by this plan (placed by words)', theirs],
    ] as const) {
      const times: number[] = [];
      let detail = '';
      for (let i = 0; i < RUNS; i++) {
        const copy = path.join(dir, `run-${i}.db`);
        fs.copyFileSync(dbPath, copy);
        services = startServices(copy);
        const started = performance.now();
        const summary = importWordComments(services.store, planId, bytes);
        times.push(performance.now() - started);
        detail = `${summary.newThreads} threads, ${summary.newReplies} replies, ${summary.notPlaced.length} not placed`;
        services.close();
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
      }
      rows.push(summarise(`import ${COMMENTS.toLocaleString('en-GB')} Word comments, ${name}`, times, REVIEW_IMPORT_TARGET_MS, detail));
    }
    return rows;
  } finally {
    try {
      services.close();
    } catch {
      // already closed
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
