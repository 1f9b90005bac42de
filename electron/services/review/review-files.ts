// The review methods that move files: "Send for review" writes a review pack,
// "Open a review pack" makes the reviewer's read-only copy, "Return comments"
// writes the reviewer's comments file, and "Import comments" reads a returned
// comments file or a Word document reviewers commented on. Files are chosen
// through the app's ports (dialogs), read and checked here, and every import is
// one write transaction, taken only once the person has chosen and the file is
// read (method-access.ts: 'prepare-then-write').
import fs from 'node:fs';
import path from 'node:path';
import type { Handlers } from '../../../shared/dispatch';
import { JfpError } from '../../../shared/errors';
import {
  commentsFileSchema,
  COMMENTS_FILE_EXTENSION,
  MAX_COMMENTS_FILE_BYTES,
  MAX_REVIEW_FILE_BYTES,
  REVIEW_PACK_EXTENSION,
  reviewPackSchema,
} from '../../../shared/review-pack';
import { formatBytes } from '../export/zip-reader';
import { writeFileAtomic } from '../export/atomic-write';
import { resolveHouseStyle } from '../export/house-style';
import type { ExportPorts } from '../ports';
import type { Store } from '../store';
import { buildCommentsFile, buildReviewPack, importCommentsFile, openReviewPack, parseReviewFile } from './review-pack';
import { backUpBeforeImport } from '../backups/backup-service'; // #16 backups
import { importWordComments, readWordFile } from './word-import';
import { safeFileName } from '../file-name';
import { refuseDatabaseTarget } from '../save-target';
import { saveAutomaticVersion } from '../versions/version-service'; // #16 versions

type FileMethods = 'sendForReview' | 'openReviewPack' | 'returnComments' | 'importComments' | 'exportConsultationReport';

const NO_PORTS = 'Choosing files needs the app window; from a terminal use `jfp review-pack` or `jfp import-comments`.';
const safeName = (text: string) => safeFileName(text, 120);

/** Reads a review file, refusing one over `maxBytes` before reading it. */
function readLimited(file: string, maxBytes: number, what: string): Uint8Array {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new JfpError('io_error', `${path.basename(file)} could not be opened.`);
  }
  if (size > maxBytes) throw new JfpError('invalid_input', `${path.basename(file)} is too large to be a ${what} (over ${formatBytes(maxBytes)}); it was not read.`);
  return fs.readFileSync(file);
}

/** A review pack file opened as a read-only review copy (or the copy already made from it). */
export function openReviewPackFromFile(store: Store, file: string) {
  return openReviewPack(store, parseReviewFile(readLimited(file, MAX_REVIEW_FILE_BYTES, 'review pack'), reviewPackSchema, 'review pack'));
}

/** A returned comments file or a Word document, told apart by their first bytes, merged into the plan. */
export function importCommentsFromFile(store: Store, planId: string, file: string) {
  const head = Buffer.alloc(2);
  try {
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, head, 0, 2, 0);
    fs.closeSync(fd);
  } catch {
    throw new JfpError('io_error', `${path.basename(file)} could not be opened.`);
  }
  if (head.toString('latin1') === 'PK' || file.toLowerCase().endsWith('.docx')) {
    return { source: 'Word document' as const, summary: importWordComments(store, planId, readWordFile(file)) };
  }
  const comments = parseReviewFile(
    readLimited(file, MAX_COMMENTS_FILE_BYTES, 'comments file'),
    commentsFileSchema,
    'comments file or Word document',
    MAX_COMMENTS_FILE_BYTES,
  );
  return { source: 'comments file' as const, summary: importCommentsFile(store, planId, comments) };
}

/** #13: the "You said, we did" report of a plan, published (default) or internal, as Word (default) or an accessible web page. */
export async function consultationReport(store: Store, planId: string, options: { edition?: 'published' | 'internal'; format?: 'docx' | 'html' } = {}): Promise<Buffer> {
  const plan = store.plans.get(planId);
  const style = resolveHouseStyle(store.exportSettings.get(planId).houseStyle);
  // The Word writer (docx) loads at the first report, not with the services that import comments.
  const [report, records] = await Promise.all([import('../export/consultation-report'), import('../export/model/plan-records')]);
  const input = {
    plan,
    sections: store.sections.list(planId),
    threads: store.review.threads(planId),
    namedConsent: store.review.namedConsent(planId),
    engagement: records.engagementSummary(store, planId),
    edition: options.edition ?? 'published',
  };
  return options.format === 'html' ? Buffer.from(report.consultationReportHtml(input, style), 'utf8') : report.consultationReportDocx(input, style);
}

export function createReviewFileHandlers(store: Store, ports?: ExportPorts): Pick<Handlers, FileMethods> {
  const need = () => {
    if (!ports) throw new JfpError('invalid_input', NO_PORTS);
    return ports;
  };
  return {
    sendForReview: async ({ planId, stakeholderId }) => {
      const pack = buildReviewPack(store, planId, stakeholderId);
      const target = await need().chooseSavePath(`${safeName(`${pack.plan.title} - for ${pack.reviewer.name}`)}.${REVIEW_PACK_EXTENSION}`, 'jfpreview');
      if (!target) return { fileName: null };
      refuseDatabaseTarget(store.file, target);
      await writeFileAtomic(target, JSON.stringify(pack));
      saveAutomaticVersion(store, planId, `Review pack sent to ${pack.reviewer.name}`); // #16 versions
      return { fileName: path.basename(target) };
    },
    openReviewPack: async () => {
      const file = await need().chooseOpenPath('review-pack');
      if (!file) return { plan: null };
      await backUpBeforeImport(store, 'before-review-pack'); // #16 backups: a backup before every import
      return { plan: openReviewPackFromFile(store, file) };
    },
    returnComments: async ({ planId }) => {
      const comments = buildCommentsFile(store, planId);
      const target = await need().chooseSavePath(
        `${safeName(`${comments.planTitle} - comments from ${comments.reviewer.name}`)}.${COMMENTS_FILE_EXTENSION}`,
        'jfpcomments',
      );
      if (!target) return { fileName: null, count: comments.comments.length };
      refuseDatabaseTarget(store.file, target);
      await writeFileAtomic(target, JSON.stringify(comments));
      return { fileName: path.basename(target), count: comments.comments.length };
    },
    exportConsultationReport: async ({ planId, edition = 'published', format = 'docx' }) => {
      const plan = store.plans.get(planId);
      const name = `${plan.title} - consultation report${edition === 'internal' ? ' (internal)' : ''}`;
      const target = await need().chooseSavePath(`${safeName(name)}.${format}`, format);
      if (!target) return { fileName: null, accessibilityProblems: [] };
      refuseDatabaseTarget(store.file, target);
      const bytes = await consultationReport(store, planId, { edition, format });
      await writeFileAtomic(target, bytes);
      if (format === 'html') return { fileName: path.basename(target), accessibilityProblems: [] };
      const { checkAccessibility } = await import('../export/a11y-check');
      return { fileName: path.basename(target), accessibilityProblems: checkAccessibility(bytes).problems.map((p) => p.message) };
    },
    importComments: async ({ planId }) => {
      store.plans.assertExists(planId);
      const file = await need().chooseOpenPath('comments');
      if (!file) return { imported: null };
      await backUpBeforeImport(store, 'before-comments-import'); // #16 backups: a backup before every import
      return { imported: importCommentsFromFile(store, planId, file) };
    },
  };
}
