// Stakeholders and comment threads: who is commenting, on which section and
// which words, the replies, the resolved state and the author's response
// ("you said, we did"). A thread's anchor is its mark in a section's content
// (section_marks, kept by the section repository on every save).
import type { CommentEntry, CommentThread, OrganisationType, Stakeholder, ThreadStatus } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import type { Db } from './database';
import { newId, now } from './ids';

interface StakeholderRow {
  id: string;
  plan_id: string;
  name: string;
  organisation: string;
  org_type: OrganisationType;
  email: string;
}

interface CommentRow {
  id: string;
  plan_id: string;
  section_id: string | null;
  section_title: string | null;
  thread_id: string;
  parent_id: string | null;
  stakeholder_id: string | null;
  author_name: string | null;
  organisation: string | null;
  org_type: OrganisationType | null;
  body: string;
  quote: string;
  status: ThreadStatus;
  response: string;
  source: string;
  anchored: number;
  created_at: string;
  updated_at: string;
}

export interface ThreadFilter {
  sectionId?: string;
  status?: ThreadStatus;
  stakeholderId?: string;
  orgType?: OrganisationType;
}

export interface NewThread {
  planId: string;
  sectionId: string | null;
  threadId?: string;
  stakeholderId: string;
  body: string;
  quote: string;
  source?: string;
  sourceKey?: string | null;
  createdAt?: string;
}

const toStakeholder = (row: StakeholderRow): Stakeholder => ({
  id: row.id,
  planId: row.plan_id,
  name: row.name,
  organisation: row.organisation,
  orgType: row.org_type,
  email: row.email,
});

const COMMENT_SELECT = `
  SELECT c.*, s.title AS section_title, k.name AS author_name, k.organisation, k.org_type,
    EXISTS (SELECT 1 FROM section_marks m JOIN sections ms ON ms.id = m.section_id
            WHERE m.thread_id = c.thread_id AND ms.deleted_at IS NULL) AS anchored
  FROM comments c
  LEFT JOIN sections s ON s.id = c.section_id
  LEFT JOIN stakeholders k ON k.id = c.stakeholder_id`;

function toEntry(row: CommentRow): CommentEntry {
  return {
    id: row.id,
    stakeholderId: row.stakeholder_id,
    authorName: row.author_name ?? 'Unknown reviewer',
    organisation: row.organisation ?? '',
    orgType: row.org_type ?? 'other',
    body: row.body,
    createdAt: row.created_at,
  };
}

/** Groups comment rows (ordered by thread, its first comment, then replies by time) into threads. */
function toThreads(rows: CommentRow[]): CommentThread[] {
  const threads = new Map<string, CommentThread>();
  for (const row of rows) {
    let thread = threads.get(row.thread_id);
    if (!thread) {
      if (row.parent_id !== null) continue; // a reply whose root is filtered out
      thread = {
        id: row.thread_id,
        planId: row.plan_id,
        sectionId: row.section_id,
        sectionTitle: row.section_title ?? '',
        quote: row.quote,
        anchor: row.quote === '' ? 'section' : row.anchored ? 'text' : 'text_removed',
        status: row.status,
        response: row.response,
        source: row.source,
        comments: [],
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
      threads.set(row.thread_id, thread);
    }
    thread.comments.push(toEntry(row));
    if (row.updated_at > thread.updatedAt) thread.updatedAt = row.updated_at;
  }
  return [...threads.values()];
}

export function createReviewRepository(db: Db) {
  const stakeholdersOf = db.prepare<[string], StakeholderRow>('SELECT * FROM stakeholders WHERE plan_id = ? ORDER BY name, organisation');
  const stakeholderById = db.prepare<[string], StakeholderRow>('SELECT * FROM stakeholders WHERE id = ?');
  const insertStakeholder = db.prepare(`INSERT INTO stakeholders (id, plan_id, name, organisation, org_type, email, created_at)
    VALUES (@id, @planId, @name, @organisation, @orgType, @email, @at)`);
  const updateStakeholder = db.prepare('UPDATE stakeholders SET name = @name, organisation = @organisation, org_type = @orgType, email = @email WHERE id = @id');
  const threadRows = db.prepare<[string], CommentRow>(`${COMMENT_SELECT} WHERE c.thread_id = ? ORDER BY c.parent_id IS NOT NULL, c.created_at, c.rowid`);
  const planRows = db.prepare<[string], CommentRow>(`${COMMENT_SELECT} WHERE c.plan_id = ? ORDER BY c.thread_id, c.parent_id IS NOT NULL, c.created_at, c.rowid`);
  const rootOf = db.prepare<[string], { plan_id: string; section_id: string | null }>(
    'SELECT plan_id, section_id FROM comments WHERE thread_id = ? AND parent_id IS NULL',
  );
  const sectionPlan = db.prepare<[string], { plan_id: string }>('SELECT plan_id FROM sections WHERE id = ? AND deleted_at IS NULL');
  const insertComment =
    db.prepare(`INSERT INTO comments (id, plan_id, section_id, thread_id, parent_id, stakeholder_id, body, quote, source, source_key, created_at, updated_at)
    VALUES (@id, @planId, @sectionId, @threadId, @parentId, @stakeholderId, @body, @quote, @source, @sourceKey, @at, @at)`);
  const setStatus = db.prepare('UPDATE comments SET status = ?, updated_at = ? WHERE thread_id = ? AND parent_id IS NULL');
  const setResponse = db.prepare('UPDATE comments SET response = ?, updated_at = ? WHERE thread_id = ? AND parent_id IS NULL');
  const threadExists = db.prepare<[string], { id: string }>('SELECT id FROM comments WHERE thread_id = ? LIMIT 1');
  // What a merge of incoming comments looks up: rows by their stable import key, by id, threads and people.
  const bySourceKey = db.prepare<[string, string], { thread_id: string }>('SELECT thread_id FROM comments WHERE plan_id = ? AND source_key = ?');
  const commentById = db.prepare<[string], { plan_id: string; thread_id: string }>('SELECT plan_id, thread_id FROM comments WHERE id = ?');
  const threadInPlan = db.prepare<[string, string], { thread_id: string }>('SELECT thread_id FROM comments WHERE plan_id = ? AND thread_id = ? LIMIT 1');
  const personNamed = db.prepare<[string, string, string], { id: string }>('SELECT id FROM stakeholders WHERE plan_id = ? AND name = ? AND organisation = ?');

  function stakeholder(id: string, planId: string): Stakeholder {
    const row = stakeholderById.get(id);
    if (!row || row.plan_id !== planId) throw new JfpError('not_found', 'That reviewer is not in this plan’s stakeholder register.');
    return toStakeholder(row);
  }

  function thread(threadId: string): CommentThread {
    const found = toThreads(threadRows.all(threadId))[0];
    if (!found) throw new JfpError('not_found', 'That comment thread could not be found.');
    return found;
  }

  function root(threadId: string) {
    const row = rootOf.get(threadId);
    if (!row) throw new JfpError('not_found', 'That comment thread could not be found.');
    return row;
  }

  return {
    stakeholders: (planId: string) => stakeholdersOf.all(planId).map(toStakeholder),
    stakeholder,
    addStakeholder(input: { planId: string; name: string; organisation: string; orgType: OrganisationType; email: string }): Stakeholder {
      const id = newId();
      insertStakeholder.run({ id, ...input, at: now() });
      return stakeholder(id, input.planId);
    },
    updateStakeholder(input: { stakeholderId: string; name: string; organisation: string; orgType: OrganisationType; email: string }): Stakeholder {
      const row = stakeholderById.get(input.stakeholderId);
      if (!row) throw new JfpError('not_found', 'That reviewer could not be found.');
      updateStakeholder.run({ id: input.stakeholderId, name: input.name, organisation: input.organisation, orgType: input.orgType, email: input.email });
      return stakeholder(input.stakeholderId, row.plan_id);
    },
    threads(planId: string, filter: ThreadFilter = {}): CommentThread[] {
      return toThreads(planRows.all(planId))
        .filter(
          (t) =>
            (!filter.sectionId || t.sectionId === filter.sectionId) &&
            (!filter.status || t.status === filter.status) &&
            (!filter.stakeholderId || t.comments.some((c) => c.stakeholderId === filter.stakeholderId)) &&
            (!filter.orgType || t.comments[0]?.orgType === filter.orgType),
        )
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    thread,
    hasThread: (threadId: string) => threadExists.get(threadId) !== undefined,
    /** The thread of the comment imported with `sourceKey` into this plan. */
    threadOfSourceKey: (planId: string, sourceKey: string): string | undefined => bySourceKey.get(planId, sourceKey)?.thread_id,
    /** Where the comment with this id lives, in any plan of this file. */
    commentById: (commentId: string): { planId: string; threadId: string } | undefined => {
      const row = commentById.get(commentId);
      return row ? { planId: row.plan_id, threadId: row.thread_id } : undefined;
    },
    /** Whether this plan has a thread with this id. */
    hasThreadIn: (planId: string, threadId: string): boolean => threadInPlan.get(planId, threadId) !== undefined,
    /** The stakeholder of this plan with exactly this name and organisation. */
    findStakeholder: (planId: string, name: string, organisation: string): string | undefined => personNamed.get(planId, name, organisation)?.id,
    createThread(input: NewThread): CommentThread {
      stakeholder(input.stakeholderId, input.planId);
      if (input.sectionId !== null && sectionPlan.get(input.sectionId)?.plan_id !== input.planId) {
        throw new JfpError('not_found', 'The section for this comment could not be found in this plan.');
      }
      const threadId = input.threadId ?? newId();
      if (threadExists.get(threadId)) throw new JfpError('conflict', 'A comment thread with that id already exists.');
      insertComment.run({
        id: threadId,
        planId: input.planId,
        sectionId: input.sectionId,
        threadId,
        parentId: null,
        stakeholderId: input.stakeholderId,
        body: input.body,
        quote: input.quote,
        source: input.source ?? 'app',
        sourceKey: input.sourceKey ?? null,
        at: input.createdAt ?? now(),
      });
      return thread(threadId);
    },
    reply(input: {
      threadId: string;
      stakeholderId: string;
      body: string;
      replyId?: string;
      source?: string;
      sourceKey?: string | null;
      createdAt?: string;
    }): CommentThread {
      const first = root(input.threadId);
      stakeholder(input.stakeholderId, first.plan_id);
      insertComment.run({
        id: input.replyId ?? newId(),
        planId: first.plan_id,
        sectionId: first.section_id,
        threadId: input.threadId,
        parentId: input.threadId,
        stakeholderId: input.stakeholderId,
        body: input.body,
        quote: '',
        source: input.source ?? 'app',
        sourceKey: input.sourceKey ?? null,
        at: input.createdAt ?? now(),
      });
      return thread(input.threadId);
    },
    setStatus(threadId: string, status: ThreadStatus): CommentThread {
      root(threadId);
      setStatus.run(status, now(), threadId);
      return thread(threadId);
    },
    respond(threadId: string, response: string): CommentThread {
      root(threadId);
      setResponse.run(response, now(), threadId);
      return thread(threadId);
    },
  };
}

export type ReviewRepository = ReturnType<typeof createReviewRepository>;
