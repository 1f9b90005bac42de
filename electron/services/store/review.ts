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
  /** #13 (absent on files before its migration): the app user's own row. */
  is_self?: number;
  named_consent?: number;
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
  // #13 (absent on files before its migration, which read-only commands still read)
  response_by?: string;
  resolved_by?: string;
  resolved_at?: string;
  anchor_changed?: number;
  unplaced_reason?: string;
  /** #13 consultation report (absent before its migration): the thread's themes, a JSON array. */
  themes?: string;
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
  /** #13: the quote's context, and whether it was placed on words that changed since, or could not be placed (why). */
  prefix?: string;
  suffix?: string;
  anchorChanged?: boolean;
  unplacedReason?: string;
}

/** #13: where a thread's anchor now is (after an import placed it, or the author placed it by hand). */
export interface ThreadAnchorUpdate {
  sectionId: string | null;
  quote: string;
  prefix: string;
  suffix: string;
  changed: boolean;
  unplacedReason: string;
}

const toStakeholder = (row: StakeholderRow): Stakeholder => ({
  id: row.id,
  planId: row.plan_id,
  name: row.name,
  organisation: row.organisation,
  orgType: row.org_type,
  email: row.email,
  namedConsent: row.named_consent === 1,
});

/** #13: a thread's themes as stored (a JSON array of strings); anything else reads as none. */
function parseThemes(stored: string | undefined): string[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string' && t.trim() !== '') : [];
  } catch {
    return [];
  }
}

const COMMENT_SELECT = `
  SELECT c.*, s.title AS section_title, k.name AS author_name, k.organisation, k.org_type,
    EXISTS (SELECT 1 FROM section_marks m JOIN sections ms ON ms.id = m.section_id
            WHERE m.thread_id = c.thread_id AND ms.deleted_at IS NULL) AS anchored
  FROM comments c
  LEFT JOIN sections s ON s.id = c.section_id
  LEFT JOIN stakeholders k ON k.id = c.stakeholder_id`;

function toEntry(row: CommentRow, selfIds: ReadonlySet<string>): CommentEntry {
  return {
    id: row.id,
    stakeholderId: row.stakeholder_id,
    authorName: row.author_name ?? 'Unknown reviewer',
    organisation: row.organisation ?? '',
    orgType: row.org_type ?? 'other',
    body: row.body,
    createdAt: row.created_at,
    byYou: row.stakeholder_id !== null && selfIds.has(row.stakeholder_id),
  };
}

function anchorOf(row: CommentRow): CommentThread['anchor'] {
  if (row.unplaced_reason) return 'unplaced';
  if (row.quote === '') return 'section';
  if (row.anchored) return row.anchor_changed ? 'text_changed' : 'text';
  return 'text_removed';
}

/** Groups comment rows (ordered by thread, its first comment, then replies by time) into threads. */
function toThreads(rows: CommentRow[], selfIds: ReadonlySet<string>): CommentThread[] {
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
        anchor: anchorOf(row),
        unplacedReason: row.unplaced_reason ?? '',
        respondedBy: row.response_by ?? '',
        resolvedBy: row.resolved_by ?? '',
        resolvedAt: row.resolved_at ?? '',
        themes: parseThemes(row.themes),
        status: row.status,
        response: row.response,
        source: row.source,
        comments: [],
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
      threads.set(row.thread_id, thread);
    }
    thread.comments.push(toEntry(row, selfIds));
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
  // #13: who resolved and responded, anchors placed later, the user's own stakeholder row, removing a reviewer
  const setStatus = db.prepare(
    'UPDATE comments SET status = @status, resolved_by = @by, resolved_at = @resolvedAt, updated_at = @at WHERE thread_id = @threadId AND parent_id IS NULL',
  );
  const setResponse = db.prepare('UPDATE comments SET response = ?, response_by = ?, updated_at = ? WHERE thread_id = ? AND parent_id IS NULL');
  const setAnchor = db.prepare(`UPDATE comments SET section_id = @sectionId, quote = @quote, quote_prefix = @prefix, quote_suffix = @suffix,
    anchor_changed = @changed, unplaced_reason = @reason, updated_at = @at WHERE thread_id = @threadId AND parent_id IS NULL`);
  const setAnchorContext = db.prepare(
    'UPDATE comments SET quote_prefix = @prefix, quote_suffix = @suffix, anchor_changed = @changed, unplaced_reason = @reason WHERE id = @id',
  );
  const selfRow = db.prepare<[string], StakeholderRow>('SELECT * FROM stakeholders WHERE plan_id = ? AND is_self = 1 LIMIT 1');
  const insertSelf = db.prepare(`INSERT INTO stakeholders (id, plan_id, name, organisation, org_type, email, created_at, is_self)
    VALUES (@id, @planId, @name, @organisation, 'icb', @email, @at, 1)`);
  const updateSelf = db.prepare('UPDATE stakeholders SET name = @name, organisation = @organisation, email = @email WHERE id = @id');
  const commentsBy = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM comments WHERE stakeholder_id = ?');
  const deleteStakeholder = db.prepare('DELETE FROM stakeholders WHERE id = ?');
  const setConsent = db.prepare('UPDATE stakeholders SET named_consent = ? WHERE id = ?');
  const setThemes = db.prepare('UPDATE comments SET themes = ?, updated_at = ? WHERE thread_id = ? AND parent_id IS NULL');
  const selfIdsOf = (planId: string) =>
    new Set(
      stakeholdersOf
        .all(planId)
        .filter((r) => r.is_self === 1)
        .map((r) => r.id),
    );
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
    const rows = threadRows.all(threadId);
    const found = rows[0] ? toThreads(rows, selfIdsOf(rows[0].plan_id))[0] : undefined;
    if (!found) throw new JfpError('not_found', 'That comment thread could not be found.');
    return found;
  }

  function root(threadId: string) {
    const row = rootOf.get(threadId);
    if (!row) throw new JfpError('not_found', 'That comment thread could not be found.');
    return row;
  }

  return {
    /** The plan's register of reviewers (the app user's own row is not one of them). */
    stakeholders: (planId: string) =>
      stakeholdersOf
        .all(planId)
        .filter((r) => r.is_self !== 1)
        .map(toStakeholder),
    stakeholder,
    // #13 review copy: the plan a reviewer belongs to, so a write to a review copy's register is refused.
    planOfStakeholder(stakeholderId: string): string {
      const row = stakeholderById.get(stakeholderId);
      if (!row) throw new JfpError('not_found', 'That reviewer could not be found.');
      return row.plan_id;
    },
    /** #13: whether each reviewer agreed to be named in a published report (by id; absent means no). */
    namedConsent: (planId: string): Set<string> =>
      new Set(
        stakeholdersOf
          .all(planId)
          .filter((r) => r.named_consent === 1)
          .map((r) => r.id),
      ),
    setNamedConsent(stakeholderId: string, consent: boolean): void {
      setConsent.run(consent ? 1 : 0, stakeholderId);
    },
    /**
     * #13: the app user's own row in this plan, made (or brought up to date) from
     * their profile, so their comments and replies are credited to them.
     */
    selfStakeholder(planId: string, profile: { name: string; organisation: string; email: string }): string {
      const row = selfRow.get(planId);
      if (row) {
        if (row.name !== profile.name || row.organisation !== profile.organisation || row.email !== profile.email) updateSelf.run({ id: row.id, ...profile });
        return row.id;
      }
      const id = newId();
      insertSelf.run({ id, planId, ...profile, at: now() });
      return id;
    },
    /** #13: removes a reviewer who has no comments; one with comments is kept (their comments name them). */
    removeStakeholder(stakeholderId: string): void {
      const row = stakeholderById.get(stakeholderId);
      if (!row || row.is_self === 1) throw new JfpError('not_found', 'That reviewer could not be found.');
      const n = commentsBy.get(stakeholderId)!.n;
      if (n > 0) {
        throw new JfpError('invalid_input', `${row.name} has ${n === 1 ? 'a comment' : `${n} comments`} in this plan, so they stay in the register.`);
      }
      deleteStakeholder.run(stakeholderId);
    },
    /** #13: moves a thread's anchor (placed by hand, or re-placed by an import). */
    setAnchor(threadId: string, anchor: ThreadAnchorUpdate): CommentThread {
      root(threadId);
      setAnchor.run({
        threadId,
        sectionId: anchor.sectionId,
        quote: anchor.quote,
        prefix: anchor.prefix,
        suffix: anchor.suffix,
        changed: anchor.changed ? 1 : 0,
        reason: anchor.unplacedReason,
        at: now(),
      });
      return thread(threadId);
    },
    addStakeholder(input: { planId: string; name: string; organisation: string; orgType: OrganisationType; email: string; namedConsent?: boolean }): Stakeholder {
      const id = newId();
      const { namedConsent, ...fields } = input;
      insertStakeholder.run({ id, ...fields, at: now() });
      if (namedConsent) setConsent.run(1, id);
      return stakeholder(id, input.planId);
    },
    updateStakeholder(input: {
      stakeholderId: string;
      name: string;
      organisation: string;
      orgType: OrganisationType;
      email: string;
      namedConsent?: boolean;
    }): Stakeholder {
      const row = stakeholderById.get(input.stakeholderId);
      if (!row) throw new JfpError('not_found', 'That reviewer could not be found.');
      updateStakeholder.run({ id: input.stakeholderId, name: input.name, organisation: input.organisation, orgType: input.orgType, email: input.email });
      if (input.namedConsent !== undefined) setConsent.run(input.namedConsent ? 1 : 0, input.stakeholderId);
      return stakeholder(input.stakeholderId, row.plan_id);
    },
    /** #13: the author's themes for a thread (trimmed, duplicates dropped ignoring case). */
    setThemes(threadId: string, themes: readonly string[]): CommentThread {
      root(threadId);
      const seen = new Set<string>();
      const kept = themes.map((t) => t.trim().replace(/\s+/g, ' ')).filter((t) => t !== '' && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
      setThemes.run(kept.length ? JSON.stringify(kept) : '', now(), threadId);
      return thread(threadId);
    },
    threads(planId: string, filter: ThreadFilter = {}): CommentThread[] {
      return toThreads(planRows.all(planId), selfIdsOf(planId))
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
      if (input.prefix || input.suffix || input.anchorChanged || input.unplacedReason) {
        setAnchorContext.run({
          id: threadId,
          prefix: input.prefix ?? '',
          suffix: input.suffix ?? '',
          changed: input.anchorChanged ? 1 : 0,
          reason: input.unplacedReason ?? '',
        });
      }
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
    /** `by` is who resolved it (recorded while resolved); `at` when, for a thread marked done elsewhere (Word). */
    setStatus(threadId: string, status: ThreadStatus, by = '', at?: string): CommentThread {
      root(threadId);
      const time = now();
      setStatus.run({ threadId, status, by: status === 'resolved' ? by : '', resolvedAt: status === 'resolved' ? (at ?? time) : '', at: time });
      return thread(threadId);
    },
    respond(threadId: string, response: string, by = ''): CommentThread {
      root(threadId);
      setResponse.run(response, response.trim() ? by : '', now(), threadId);
      return thread(threadId);
    },
  };
}

export type ReviewRepository = ReturnType<typeof createReviewRepository>;
