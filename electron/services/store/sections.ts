// The section tree of a plan: ordered siblings under a parent, Lexical content
// with derived plain text and word count, status and owner. Deletion is soft so
// the outline can undo it.
import { countWords, EMPTY_CONTENT, markIds, parseContent, plainText } from '../../../shared/lexical-json';
import { MAX_SECTION_DEPTH, type SavedSection, type Section, type SectionStatus, type SectionSummary } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import type { DeletedSection } from '../../../shared/contract';
import type { Db } from './database';
import { newId, now } from './ids';
import { stringList } from './json-columns';

interface SectionRow {
  id: string;
  plan_id: string;
  parent_id: string | null;
  position: number;
  title: string;
  status: SectionStatus;
  owner: string;
  word_count: number;
  revision: number;
  updated_at: string;
  open_comments: number;
}

interface FullSectionRow extends SectionRow {
  content: string;
  guidance: string;
  expected_content: string;
  checklist: string;
  deleted_at: string | null;
}

export interface NewSection {
  /** Normally a new id; a review copy keeps the author's where it can. */
  id?: string;
  /** The author's section this one was copied from (review copies). */
  originId?: string;
  title: string;
  content?: string;
  guidance?: string;
  expectedContent?: string[];
  checklist?: string[];
  templateKey?: string;
  status?: SectionStatus;
  owner?: string;
  children?: NewSection[];
}

const NOT_FOUND = 'That section could not be found. It may have been deleted.';
const SUMMARY_COLUMNS = `s.id, s.plan_id, s.parent_id, s.position, s.title, s.status, s.owner, s.word_count, s.revision, s.updated_at,
  (SELECT count(*) FROM comments c WHERE c.section_id = s.id AND c.parent_id IS NULL AND c.status = 'open') AS open_comments`;

function toSummary(row: SectionRow, depth: number): SectionSummary {
  return {
    id: row.id,
    planId: row.plan_id,
    parentId: row.parent_id,
    position: row.position,
    depth,
    title: row.title,
    status: row.status,
    owner: row.owner,
    wordCount: row.word_count,
    openCommentCount: row.open_comments,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

/** Orders rows depth-first (outline order) and gives each its depth (1 = top). */
function outlineOrder(rows: SectionRow[]): SectionSummary[] {
  const children = new Map<string | null, SectionRow[]>();
  for (const row of rows) {
    const list = children.get(row.parent_id) ?? [];
    list.push(row);
    children.set(row.parent_id, list);
  }
  const out: SectionSummary[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const row of children.get(parentId) ?? []) {
      out.push(toSummary(row, depth));
      visit(row.id, depth + 1);
    }
  };
  visit(null, 1);
  return out;
}

export interface PreparedContent {
  content: string;
  plainText: string;
  wordCount: number;
  /** Comment threads anchored in this content. */
  threadIds: string[];
}

export function prepareContent(content: string): PreparedContent {
  const parsed = parseContent(content);
  if (!parsed.ok) throw new JfpError('invalid_input', parsed.reason);
  const text = plainText(parsed.state);
  return { content, plainText: text, wordCount: countWords(text), threadIds: markIds(parsed.state) };
}

export function createSectionRepository(db: Db) {
  const listRows = db.prepare<[string], SectionRow>(`SELECT ${SUMMARY_COLUMNS} FROM sections s WHERE s.plan_id = ? AND s.deleted_at IS NULL ORDER BY s.position`);
  const fullRow = db.prepare<[string], FullSectionRow>(`SELECT ${SUMMARY_COLUMNS}, s.content, s.guidance,
    s.expected_content, s.checklist, s.deleted_at FROM sections s WHERE s.id = ?`);
  // Everything but the content and guidance: what the outline changes read back, without a 10,000-word column.
  const placeRow = db.prepare<[string], SectionRow & { deleted_at: string | null }>(`SELECT ${SUMMARY_COLUMNS}, s.deleted_at FROM sections s WHERE s.id = ?`);
  const siblings = db.prepare<[string, string | null], { id: string; position: number }>(
    'SELECT id, position FROM sections WHERE plan_id = ? AND parent_id IS ? ORDER BY position',
  );
  const liveSiblings = db.prepare<[string, string | null], { id: string }>(
    'SELECT id FROM sections WHERE plan_id = ? AND parent_id IS ? AND deleted_at IS NULL ORDER BY position',
  );
  const ancestors = db.prepare<[string], { id: string }>(`
    WITH RECURSIVE up(id, parent_id) AS (
      SELECT id, parent_id FROM sections WHERE id = ?
      UNION ALL SELECT s.id, s.parent_id FROM sections s JOIN up ON s.id = up.parent_id)
    SELECT id FROM up`);
  const subtree = db.prepare<[string], { id: string; depth: number }>(`
    WITH RECURSIVE down(id, depth) AS (
      SELECT id, 0 FROM sections WHERE id = ?
      UNION ALL SELECT s.id, down.depth + 1 FROM sections s JOIN down ON s.parent_id = down.id WHERE s.deleted_at IS NULL)
    SELECT id, depth FROM down`);
  const insert = db.prepare(`
    INSERT INTO sections (id, plan_id, parent_id, position, title, content, plain_text, word_count, status, owner,
      template_key, guidance, expected_content, checklist, origin_id, created_at, updated_at)
    VALUES (@id, @planId, @parentId, @position, @title, @content, @plainText, @wordCount, @status, @owner,
      @templateKey, @guidance, @expectedContent, @checklist, @originId, @at, @at)`);
  const shiftFrom = db.prepare('UPDATE sections SET position = position + 1 WHERE plan_id = ? AND parent_id IS ? AND position >= ?');
  const setPlace = db.prepare('UPDATE sections SET parent_id = ?, position = ? WHERE id = ?');
  const rename = db.prepare('UPDATE sections SET title = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL');
  const saveContent = db.prepare(`
    UPDATE sections SET content = @content, plain_text = @plainText, word_count = @wordCount,
      revision = revision + 1, updated_at = @at
    WHERE id = @id AND revision = @revision AND deleted_at IS NULL`);
  const setMeta = db.prepare('UPDATE sections SET status = ?, owner = ?, updated_at = ? WHERE id = ?');
  const logStatus = db.prepare('INSERT INTO section_status_log (section_id, from_status, to_status, changed_at) VALUES (?, ?, ?, ?)');
  const markDeleted = db.prepare('UPDATE sections SET deleted_at = ? WHERE id = ?');
  const deletedWith = db.prepare<[string, string], { id: string }>(`
    WITH RECURSIVE down(id) AS (
      SELECT id FROM sections WHERE id = ?
      UNION ALL SELECT s.id FROM sections s JOIN down ON s.parent_id = down.id)
    SELECT s.id FROM sections s JOIN down ON s.id = down.id WHERE s.deleted_at = ?`);
  const undelete = db.prepare('UPDATE sections SET deleted_at = NULL WHERE id = ?');
  // "Recently deleted": each deletion once, by the section the user deleted (its subsections went with it at the same moment).
  const deletedRoots = db.prepare<[string, number], { id: string; title: string; deleted_at: string; subsections: number }>(`
    SELECT s.id, s.title, s.deleted_at,
      (WITH RECURSIVE down(id) AS (SELECT s.id UNION ALL SELECT c.id FROM sections c JOIN down ON c.parent_id = down.id WHERE c.deleted_at = s.deleted_at)
       SELECT count(*) - 1 FROM down) AS subsections
    FROM sections s LEFT JOIN sections p ON p.id = s.parent_id
    WHERE s.plan_id = ? AND s.deleted_at IS NOT NULL AND (p.id IS NULL OR p.deleted_at IS NULL OR p.deleted_at <> s.deleted_at)
    ORDER BY s.deleted_at DESC, s.position LIMIT ?`);
  // Narrow reads for the save path and for callers that need one column, not the row with its content.
  const livePlan = db.prepare<[string], { plan_id: string }>('SELECT plan_id FROM sections WHERE id = ? AND deleted_at IS NULL');
  const saveTarget = db.prepare<[string], { plan_id: string; review_copy: number }>(
    'SELECT s.plan_id, p.review_of IS NOT NULL AS review_copy FROM sections s JOIN plans p ON p.id = s.plan_id WHERE s.id = ? AND s.deleted_at IS NULL',
  );
  const plainTextOf = db.prepare<[string], { plain_text: string }>('SELECT plain_text FROM sections WHERE id = ?');
  const anyById = db.prepare<[string], { plan_id: string; deleted_at: string | null }>('SELECT plan_id, deleted_at FROM sections WHERE id = ?');
  const contentsOf = db.prepare<[string], { id: string; content: string; guidance: string }>(
    'SELECT id, content, guidance FROM sections WHERE plan_id = ? AND deleted_at IS NULL',
  );
  const byTemplateKey = db.prepare<[string], { id: string; key: string }>('SELECT id, template_key AS key FROM sections WHERE plan_id = ? AND template_key IS NOT NULL');
  const originsOf = db.prepare<[string], { id: string; origin_id: string | null }>('SELECT id, origin_id FROM sections WHERE plan_id = ?');
  const clearMarks = db.prepare('DELETE FROM section_marks WHERE section_id = ?');
  const addMark = db.prepare('INSERT OR IGNORE INTO section_marks (section_id, thread_id) VALUES (?, ?)');
  // A thread follows its marked text, even into another section of the same plan.
  const followMark = db.prepare('UPDATE comments SET section_id = ? WHERE plan_id = ? AND thread_id = ? AND section_id IS NOT ?');

  function recordMarks(planId: string, sectionId: string, threadIds: string[]): void {
    clearMarks.run(sectionId);
    for (const threadId of threadIds) {
      addMark.run(sectionId, threadId);
      followMark.run(sectionId, planId, threadId, sectionId);
    }
  }

  function getRow(sectionId: string): FullSectionRow {
    const row = fullRow.get(sectionId);
    if (!row || row.deleted_at !== null) throw new JfpError('not_found', NOT_FOUND);
    return row;
  }

  /** A live section's row without its content. */
  function getPlace(sectionId: string): SectionRow {
    const row = placeRow.get(sectionId);
    if (!row || row.deleted_at !== null) throw new JfpError('not_found', NOT_FOUND);
    return row;
  }

  function depthOf(sectionId: string | null): number {
    return sectionId === null ? 0 : ancestors.all(sectionId).length;
  }

  function list(planId: string): SectionSummary[] {
    return outlineOrder(listRows.all(planId));
  }

  function summary(sectionId: string): SectionSummary {
    const row = getPlace(sectionId);
    return toSummary(row, depthOf(sectionId));
  }

  function checkParent(planId: string, parentId: string | null): void {
    if (parentId === null) return;
    const parent = placeRow.get(parentId);
    if (!parent || parent.deleted_at !== null || parent.plan_id !== planId) {
      throw new JfpError('not_found', 'The section to put this under could not be found in this plan.');
    }
  }

  /** Places a section at `index` among its live siblings, keeping every sibling's order. */
  function place(planId: string, sectionId: string, parentId: string | null, index: number): void {
    const order = siblings
      .all(planId, parentId)
      .map((r) => r.id)
      .filter((id) => id !== sectionId);
    const live = liveSiblings
      .all(planId, parentId)
      .map((r) => r.id)
      .filter((id) => id !== sectionId);
    const anchor = live[index];
    const at = anchor === undefined ? order.length : order.indexOf(anchor);
    order.splice(at, 0, sectionId);
    order.forEach((id, position) => setPlace.run(parentId, position, id));
  }

  function insertTree(planId: string, parentId: string | null, position: number, section: NewSection): string {
    const id = section.id ?? newId();
    const prepared = prepareContent(section.content ?? EMPTY_CONTENT);
    const { threadIds, ...columns } = prepared;
    insert.run({
      id,
      planId,
      parentId,
      position,
      title: section.title,
      ...columns,
      status: section.status ?? 'not_started',
      owner: section.owner ?? '',
      templateKey: section.templateKey ?? null,
      guidance: section.guidance ?? '',
      expectedContent: JSON.stringify(section.expectedContent ?? []),
      checklist: JSON.stringify(section.checklist ?? []),
      originId: section.originId ?? null,
      at: now(),
    });
    if (threadIds.length) recordMarks(planId, id, threadIds);
    (section.children ?? []).forEach((child, i) => insertTree(planId, id, i, child));
    return id;
  }

  return {
    list,
    summary,
    get(sectionId: string): Omit<Section, 'checklistItems'> {
      const row = getRow(sectionId);
      return {
        ...toSummary(row, depthOf(sectionId)),
        content: row.content,
        guidance: row.guidance,
        expectedContent: stringList(row.expected_content),
        checklist: stringList(row.checklist),
      };
    },
    /** One section's place in the outline (title, status, owner), without its content. */
    summaryOf: (sectionId: string): SectionSummary => summary(sectionId),
    planOf(sectionId: string): string {
      const row = livePlan.get(sectionId);
      if (!row) throw new JfpError('not_found', NOT_FOUND);
      return row.plan_id;
    },
    /** The live section's plan and whether that plan is a review copy: all a save needs to know before it writes. */
    saveTarget(sectionId: string): { planId: string; reviewCopy: boolean } {
      const row = saveTarget.get(sectionId);
      if (!row) throw new JfpError('not_found', NOT_FOUND);
      return { planId: row.plan_id, reviewCopy: row.review_copy === 1 };
    },
    /** The plain text of the saved content (derived when it was saved). */
    plainText(sectionId: string): string {
      return plainTextOf.get(sectionId)?.plain_text ?? '';
    },
    /** Whether any section in this file, live or deleted, has this id. */
    exists(sectionId: string): boolean {
      return anyById.get(sectionId) !== undefined;
    },
    /** Whether `sectionId` is a live section of `planId`. */
    isLiveIn(sectionId: string, planId: string): boolean {
      const row = anyById.get(sectionId);
      return row !== undefined && row.plan_id === planId && row.deleted_at === null;
    },
    /** Content and guidance of every live section of a plan, by id (exports). */
    contents(planId: string): Map<string, { content: string; guidance: string }> {
      return new Map(contentsOf.all(planId).map((row) => [row.id, { content: row.content, guidance: row.guidance }]));
    },
    /** Section ids by the template key they were created from. */
    idsByTemplateKey(planId: string): Map<string, string> {
      return new Map(byTemplateKey.all(planId).map((row) => [row.key, row.id]));
    },
    /** For each section of a review copy, the author's section it was copied from (itself when not a copy). */
    origins(planId: string): Map<string, string> {
      return new Map(originsOf.all(planId).map((row) => [row.id, row.origin_id ?? row.id]));
    },
    /** Adds a whole tree of sections (from a template) at the end of the plan. Call inside store.write. */
    insertTrees(planId: string, sections: NewSection[]): void {
      const start = siblings.all(planId, null).length;
      sections.forEach((section, i) => insertTree(planId, null, start + i, section));
    },
    add(planId: string, parentId: string | null, title: string, afterSectionId?: string | null): SectionSummary {
      checkParent(planId, parentId);
      if (depthOf(parentId) + 1 > MAX_SECTION_DEPTH) {
        throw new JfpError('invalid_input', `Sections can be nested at most ${MAX_SECTION_DEPTH} levels deep.`);
      }
      let position = siblings.all(planId, parentId).length;
      if (afterSectionId) {
        const after = placeRow.get(afterSectionId);
        if (!after || after.plan_id !== planId || after.parent_id !== parentId) {
          throw new JfpError('invalid_input', 'The new section must go after a section at the same level.');
        }
        position = after.position + 1;
        shiftFrom.run(planId, parentId, position);
      }
      const id = insertTree(planId, parentId, position, { title });
      return summary(id);
    },
    rename(sectionId: string, title: string): SectionSummary {
      if (rename.run(title, now(), sectionId).changes === 0) throw new JfpError('not_found', NOT_FOUND);
      return summary(sectionId);
    },
    move(sectionId: string, parentId: string | null, index: number): SectionSummary[] {
      const row = getPlace(sectionId);
      checkParent(row.plan_id, parentId);
      if (parentId !== null && ancestors.all(parentId).some((a) => a.id === sectionId)) {
        throw new JfpError('invalid_input', 'A section cannot be moved inside itself or one of its own subsections.');
      }
      const height = Math.max(...subtree.all(sectionId).map((r) => r.depth));
      if (depthOf(parentId) + 1 + height > MAX_SECTION_DEPTH) {
        throw new JfpError('invalid_input', `That move would nest sections more than ${MAX_SECTION_DEPTH} levels deep.`);
      }
      place(row.plan_id, sectionId, parentId, index);
      return list(row.plan_id);
    },
    softDelete(sectionId: string): string[] {
      getPlace(sectionId);
      const at = now();
      const ids = subtree.all(sectionId).map((r) => r.id);
      for (const id of ids) markDeleted.run(at, id);
      return ids;
    },
    /** The plan's deleted sections, newest first, each with how many subsections went with it. */
    listDeleted(planId: string, limit = 50): DeletedSection[] {
      return deletedRoots.all(planId, limit).map((row) => ({ id: row.id, title: row.title, deletedAt: row.deleted_at, subsectionCount: row.subsections }));
    },
    restore(sectionId: string): SectionSummary[] {
      const row = placeRow.get(sectionId);
      if (!row) throw new JfpError('not_found', NOT_FOUND);
      if (row.deleted_at === null) return list(row.plan_id);
      for (const { id } of deletedWith.all(sectionId, row.deleted_at)) undelete.run(id);
      // If the parent has gone meanwhile, bring the section back at the top level.
      if (row.parent_id !== null && placeRow.get(row.parent_id)?.deleted_at !== null) {
        place(row.plan_id, sectionId, null, Number.MAX_SAFE_INTEGER);
      }
      return list(row.plan_id);
    },
    /**
     * `prepared` is prepareContent(content) when the caller has already checked the content (a save parses it once);
     * `planId`, when the caller knows it, spares reading it again.
     */
    saveContent(sectionId: string, revision: number, content: string, prepared: PreparedContent = prepareContent(content), planId?: string): SavedSection {
      const { threadIds, ...row } = prepared;
      const at = now();
      const result = saveContent.run({ id: sectionId, revision, ...row, at });
      if (result.changes === 0) {
        const current = getPlace(sectionId);
        throw new JfpError(
          'conflict',
          `"${current.title}" was changed elsewhere since you opened it (your copy is revision ${revision}, the saved one is ${current.revision}). Your text is still in the editor; reload the section to see the saved version.`,
        );
      }
      recordMarks(planId ?? livePlan.get(sectionId)!.plan_id, sectionId, threadIds);
      return { id: sectionId, revision: revision + 1, wordCount: row.wordCount, updatedAt: at };
    },
    /** `onStatusChange` hears of a real change of status (the audit trail records it). */
    updateMeta(
      sectionId: string,
      status: SectionStatus | undefined,
      owner: string | undefined,
      onStatusChange?: (from: SectionStatus, to: SectionStatus) => void,
    ): SectionSummary {
      const row = getPlace(sectionId);
      const at = now();
      if (status !== undefined && status !== row.status) {
        logStatus.run(sectionId, row.status, status, at);
        onStatusChange?.(row.status, status);
      }
      setMeta.run(status ?? row.status, owner ?? row.owner, at, sectionId);
      return summary(sectionId);
    },
  };
}

export type SectionRepository = ReturnType<typeof createSectionRepository>;
