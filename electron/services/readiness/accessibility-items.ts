// #15 Accessibility problems in the readiness list: the plan is exported to
// Word exactly as the Export tab does (export-job.ts, in the export worker when
// the app has one) and the export's own accessibility check reads the file.
// Each problem becomes an item naming the section it is in, with a link to it;
// problems of the whole document (title, language, house style, logo) link to
// the Export tab. They do not block sign-off: the issue lists them for fixing,
// and the export itself still works.
//
// Building a Word file of a large plan takes seconds, so the result is kept per
// plan and reused while the plan's export data and house style are unchanged.
// The readiness provider (providers.ts) is synchronous and reads what the last
// check found; getReadiness runs the check first.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { A11Y_RULES, type AccessibilityProblem, type AccessibilityReport } from '../../../shared/export';
import type { ReadinessItem } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import { DocxPackage, NS, wAttr } from '../export/docx-package';
import type { ExportJob, ExportJobResult } from '../export/export-job';
import { loadPlanExport } from '../export/store-loader';
import { sectionBookmarkName } from '../export/word-ids';
import type { Store } from '../store';
import { readinessSections, type ReadinessSection } from './plan-sections';

export interface AccessibilityCheckOptions {
  /** The bundled export worker: the Word file is built off the main thread, as exports are. */
  workerScript?: string;
  nativeBinding?: string;
}

export interface AccessibilityCheck {
  /**
   * Exports the plan to Word and checks it, unless nothing it depends on has
   * changed since the last check. Resolves when the check is done, or after
   * `waitMs` with the check still running (items() then says it is running).
   */
  refresh(planId: string, waitMs?: number): Promise<void>;
  /** What the last check of the plan found; while a check runs, one item saying so. */
  items(planId: string): ReadinessItem[];
}

/** The item shown while the check runs: the readiness view and `jfp check` ask again until it is gone. */
export const ACCESSIBILITY_CHECKING_ID = 'accessibility:checking';

/** Which section each paragraph, table and image of the exported document belongs to, in the checker's counting order. */
interface DocumentPlaces {
  paragraphs: (string | null)[];
  tables: (string | null)[];
  images: (string | null)[];
}

const HEADING_STYLE = /^Heading([1-9])$/;

/**
 * Walks the document once, in document order (as the checker counts): a
 * section's heading carries its bookmark (word-ids.ts); what follows belongs
 * to it until a heading at its level or above that is not a section's (the
 * appendices), or the next section.
 */
export function documentPlaces(bytes: Uint8Array, sectionIds: readonly string[]): DocumentPlaces {
  const byBookmark = new Map(sectionIds.map((id) => [sectionBookmarkName(id), id]));
  const pkg = DocxPackage.open(bytes);
  const document = pkg.xml(pkg.mainDocument());
  const places: DocumentPlaces = { paragraphs: [], tables: [], images: [] };
  const body = document.getElementsByTagNameNS(NS.w, 'body').item(0);
  if (!body) return places;
  let current: string | null = null;
  let currentLevel = 0;
  const all = body.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const element = all.item(i)!;
    if (element.namespaceURI === NS.wp && element.localName === 'docPr') {
      places.images.push(current);
      continue;
    }
    if (element.namespaceURI !== NS.w) continue;
    if (element.localName === 'tbl') places.tables.push(current);
    else if (element.localName === 'p') {
      const style = wAttr(element.getElementsByTagNameNS(NS.w, 'pStyle').item(0), 'val') ?? '';
      const level = Number(HEADING_STYLE.exec(style)?.[1] ?? 0);
      const bookmarks = Array.from(element.getElementsByTagNameNS(NS.w, 'bookmarkStart'));
      const section = bookmarks.map((b) => byBookmark.get(wAttr(b, 'name') ?? '')).find((id) => id !== undefined);
      if (section) {
        current = section;
        currentLevel = level || currentLevel;
      } else if (level > 0 && current !== null && level <= currentLevel) {
        // A heading at the section's level or above that is no section's: the generated appendices.
        current = null;
      }
      places.paragraphs.push(current);
    }
  }
  return places;
}

const WHOLE_DOCUMENT = new Set<AccessibilityProblem['rule']>(['document-title', 'language', 'font-size']);

function sectionOf(problem: AccessibilityProblem, places: DocumentPlaces): string | null {
  // Text size comes from the house style, wherever the checker first met it.
  if (WHOLE_DOCUMENT.has(problem.rule)) return null;
  const found = /^(paragraph|table|image) (\d+)/.exec(problem.location);
  if (!found || / in word\//.test(problem.location)) return null;
  const list = found[1] === 'paragraph' ? places.paragraphs : found[1] === 'table' ? places.tables : places.images;
  return list[Number(found[2]) - 1] ?? null;
}

/** The check's problems as readiness items, each with where it is and where to fix it. */
export function accessibilityItems(report: AccessibilityReport, places: DocumentPlaces, sections: readonly ReadinessSection[]): ReadinessItem[] {
  if (report.problems.length === 0) {
    return [
      {
        id: 'accessibility',
        group: 'accessibility',
        label: 'The Word export passes the accessibility check',
        detail: 'No problems found: headings in order, tables with header rows, images with alternative text, a title and language, and text of at least 12 point.',
        done: true,
        blocking: false,
        fix: { tab: 'export' },
      },
    ];
  }
  const byId = new Map(sections.map((s) => [s.id, s]));
  const seen = new Map<string, number>();
  return report.problems.map((problem) => {
    const sectionId = sectionOf(problem, places);
    const section = sectionId ? byId.get(sectionId) : undefined;
    const where = section
      ? `in ${section.number} ${section.title}`
      : WHOLE_DOCUMENT.has(problem.rule)
        ? 'in the document settings and house style'
        : 'outside the sections';
    const key = `accessibility:${problem.rule}:${sectionId ?? 'document'}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return {
      id: n === 1 ? key : `${key}:${n}`,
      group: 'accessibility' as const,
      label: `${A11Y_RULES[problem.rule]} (${where})`,
      detail: `${problem.message} Found at ${problem.location} of the Word export.`,
      done: false,
      blocking: false,
      fix: section ? { tab: 'sections', sectionId: section.id } : { tab: 'export' },
    };
  });
}

function couldNotCheck(message: string): ReadinessItem[] {
  return [
    {
      id: 'accessibility',
      group: 'accessibility',
      label: 'The Word export passes the accessibility check',
      detail: `The check could not run: ${message}`,
      done: false,
      blocking: false,
      fix: { tab: 'export' },
    },
  ];
}

export function createAccessibilityCheck(store: Store, options: AccessibilityCheckOptions = {}): AccessibilityCheck {
  const checked = new Map<string, { fingerprint: string; items: ReadinessItem[] }>();
  // One check per plan at a time: a second caller waits for the first.
  const running = new Map<string, Promise<void>>();

  async function runJob(job: ExportJob): Promise<ExportJobResult> {
    const withBinding = options.nativeBinding ? { ...job, nativeBinding: options.nativeBinding } : job;
    const inThread = async () => (await import('../export/export-job')).runExportJob(withBinding);
    if (!options.workerScript) return inThread();
    const { runExportInWorker } = await import('../export/export-worker');
    let started = false;
    try {
      return await runExportInWorker(withBinding, { workerScript: options.workerScript, onProgress: () => (started = true) });
    } catch (error) {
      if (started) throw error;
      return inThread();
    }
  }

  async function check(planId: string): Promise<void> {
    const { fingerprint, houseStyle, sections } = store.read(() => {
      const data = loadPlanExport(store, planId);
      const style = store.exportSettings.get(planId).houseStyle;
      const hash = createHash('sha256')
        .update(JSON.stringify([data, style]))
        .digest('hex');
      return { fingerprint: hash, houseStyle: style, sections: readinessSections(store, planId) };
    });
    if (checked.get(planId)?.fingerprint === fingerprint) return;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-a11y-'));
    let items: ReadinessItem[];
    try {
      const outputPath = path.join(scratch, 'plan.docx');
      const result = await runJob({ dbPath: store.file, planId, outputPath, options: { format: 'docx' }, houseStyle, checkAccessibility: true });
      const places = documentPlaces(
        fs.readFileSync(outputPath),
        sections.map((s) => s.id),
      );
      items = accessibilityItems(result.accessibility ?? { ok: true, problems: [] }, places, sections);
    } catch (error) {
      items = couldNotCheck(error instanceof JfpError ? error.message : 'the Word export failed.');
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    checked.set(planId, { fingerprint, items });
  }

  return {
    refresh(planId, waitMs) {
      let job = running.get(planId);
      if (!job) {
        job = check(planId).finally(() => running.delete(planId));
        running.set(planId, job);
      }
      if (waitMs === undefined) return job;
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
      return Promise.race([job, waited]).finally(() => clearTimeout(timer));
    },
    items: (planId) =>
      running.has(planId)
        ? [
            {
              id: ACCESSIBILITY_CHECKING_ID,
              group: 'accessibility',
              label: 'The Word export passes the accessibility check',
              detail: 'Checking the Word export now; this list updates when the check is done.',
              done: false,
              blocking: false,
              fix: { tab: 'export' },
            },
          ]
        : (checked.get(planId)?.items ?? []),
  };
}
