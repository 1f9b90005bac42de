// The files exchanged with reviewers who have the app: a review pack (the plan,
// read-only for the reviewer, with who the reviewer is) and the small comments
// file the reviewer returns. Versioned formats, validated on every read: a file
// from outside is untrusted.
import { z } from 'zod';
import { id } from './contract';
import { MAX_SECTION_DEPTH, ORGANISATION_TYPES, PROTECTIVE_MARKINGS, SECTION_STATUSES } from './domain';
import { boundedText, MAX_COMMENT_CHARS, PLAN_START_YEARS, TEXT_LIMITS } from './limits';

export const REVIEW_PACK_EXTENSION = 'jfpreview';
export const COMMENTS_FILE_EXTENSION = 'jfpcomments';
/**
 * Larger files are refused before they are parsed. A pack carries the whole
 * plan as Lexical JSON, about 20 bytes a word: a 300,000-word plan makes a pack
 * of about 6 MB, so 30 MB leaves room for five times that while opening one
 * stays under the 300 MB an import may take (parsing JSON costs several times
 * its size; a 26 MB pack peaked at about 300 MB with a second parse, 84 MB at 620 MB).
 */
export const MAX_REVIEW_FILE_BYTES = 30 * 1024 * 1024;
/**
 * A returned comments file holds one reviewer's comments: a few hundred KB in
 * practice. Parsing JSON costs several times its size, so this keeps an
 * import well under the 300 MB an import may take.
 */
export const MAX_COMMENTS_FILE_BYTES = 20 * 1024 * 1024;

/** #13 review copy: a section's guidance from its template, carried in a pack (templates write a few paragraphs). */
export const MAX_GUIDANCE_CHARS = 50_000;

const text = (field: string, max: number) => boundedText(field, max, { trim: false });
const isoTime = text('A time in the file', TEXT_LIMITS.time).refine((v) => !Number.isNaN(Date.parse(v)), 'A time in the file is not a real date.');
const organisation = text("The reviewer's organisation", TEXT_LIMITS.name);

const reviewer = z
  .object({
    stakeholderId: id,
    name: text("The reviewer's name", TEXT_LIMITS.name).min(1),
    organisation,
    orgType: z.enum(ORGANISATION_TYPES),
  })
  .strict();

const packComment = z
  .object({
    id,
    threadId: id,
    sectionId: id.nullable(),
    quote: text('The quoted text of a comment', TEXT_LIMITS.quote),
    body: text('A comment', MAX_COMMENT_CHARS).min(1),
    createdAt: isoTime,
    author: z.object({ name: text("A comment's author", TEXT_LIMITS.name).min(1), organisation, orgType: z.enum(ORGANISATION_TYPES) }).strict(),
    status: z.enum(['open', 'resolved']),
  })
  .strict();

interface OutlineEntry {
  id: string;
  parentId: string | null;
  title: string;
}

interface CommentEntry {
  id: string;
  threadId: string;
}

const named = (title: string) => `“${title.length > 60 ? `${title.slice(0, 57)}…` : title}”`;

/**
 * What is wrong with an outline from a file, held to the app's own rules for
 * its outline: every id once, every parent in the outline, no section its own
 * ancestor, at most MAX_SECTION_DEPTH levels. Null when it is sound. Linear in
 * the number of sections: each depth is worked out once.
 */
export function outlineProblem(sections: readonly OutlineEntry[]): string | null {
  const byId = new Map<string, OutlineEntry>();
  for (const section of sections) {
    if (byId.has(section.id)) return `Two sections have the same id (${section.id}).`;
    byId.set(section.id, section);
  }
  for (const section of sections) {
    if (section.parentId !== null && !byId.has(section.parentId)) return `The section ${named(section.title)} sits under a section that is not in the file.`;
  }
  const depth = new Map<string, number>();
  for (const section of sections) {
    // Climb to the nearest section whose depth is known (or the top), then fill the path in on the way down.
    const path: OutlineEntry[] = [];
    const onPath = new Set<string>();
    let at: OutlineEntry | undefined = section;
    while (at && !depth.has(at.id)) {
      if (onPath.has(at.id)) return `The section ${named(at.title)} is placed inside itself (its parents go round in a circle).`;
      onPath.add(at.id);
      path.push(at);
      at = at.parentId === null ? undefined : byId.get(at.parentId);
    }
    let level = at ? depth.get(at.id)! : 0;
    for (let i = path.length - 1; i >= 0; i--) {
      level++;
      if (level > MAX_SECTION_DEPTH) return `The section ${named(path[i]!.title)} is nested more than ${MAX_SECTION_DEPTH} levels deep, deeper than JFP Studio allows.`;
      depth.set(path[i]!.id, level);
    }
  }
  return null;
}

/**
 * What is wrong with the comments of a file: every comment id once, and a
 * reply's thread either started by a comment in the file or (`outsideThreads`,
 * for a returned comments file) one the plan already has. A comment's section
 * may be missing (a thread on a deleted section): it is then kept on the plan.
 */
export function commentsProblem(comments: readonly CommentEntry[], options: { outsideThreads: boolean }): string | null {
  const ids = new Set<string>();
  for (const comment of comments) {
    if (ids.has(comment.id)) return `Two comments have the same id (${comment.id}).`;
    ids.add(comment.id);
  }
  const firstComments = new Set(comments.filter((c) => c.id === c.threadId).map((c) => c.id));
  for (const comment of comments) {
    if (ids.has(comment.threadId) && !firstComments.has(comment.threadId))
      return `The comment ${comment.id} answers a reply rather than the comment that started its thread.`;
    if (!options.outsideThreads && !firstComments.has(comment.threadId)) return `The comment ${comment.id} answers a thread that is not in the file.`;
  }
  return null;
}

const refuseWith = (problem: string | null, ctx: z.RefinementCtx) => {
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

export const reviewPackSchema = z
  .object({
    format: z.literal('jfp-review-pack'),
    version: z.literal(1),
    packId: id,
    createdAt: isoTime,
    plan: z
      .object({
        id,
        title: text("The plan's title", TEXT_LIMITS.title).min(1),
        icbName: text("The ICB's name", TEXT_LIMITS.name).min(1),
        startYear: z.number().int().min(PLAN_START_YEARS.min).max(PLAN_START_YEARS.max),
        protectiveMarking: z.enum(PROTECTIVE_MARKINGS),
        partnerTrusts: z.array(text('A partner trust name', TEXT_LIMITS.name)).max(50),
        places: z.array(text('A place name', TEXT_LIMITS.name)).max(50),
      })
      .strict(),
    reviewer,
    sections: z
      .array(
        z
          .object({
            id,
            parentId: id.nullable(),
            title: text('A section title', TEXT_LIMITS.title).min(1),
            /** Lexical JSON; checked like any saved content when the pack is opened. */
            content: text('A section', TEXT_LIMITS.sectionContent),
            // #13 review copy: what the reviewer reads beside the text. Optional, so packs written before them still open.
            status: z.enum(SECTION_STATUSES).optional(),
            owner: text("A section's owner", TEXT_LIMITS.sectionOwner).optional(),
            guidance: text("A section's guidance", MAX_GUIDANCE_CHARS).optional(),
            expectedContent: z.array(text('What a section is expected to contain', TEXT_LIMITS.quote)).max(100).optional(),
          })
          .strict(),
      )
      .max(2000),
    /** The plan's comment threads so far, so the reviewer can see and answer them. */
    comments: z.array(packComment).max(20_000),
  })
  .strict()
  .superRefine((pack, ctx) => {
    refuseWith(outlineProblem(pack.sections), ctx);
    refuseWith(commentsProblem(pack.comments, { outsideThreads: false }), ctx);
  });
export type ReviewPack = z.infer<typeof reviewPackSchema>;

export const commentsFileSchema = z
  .object({
    format: z.literal('jfp-comments'),
    version: z.literal(1),
    packId: id,
    /** The author's plan the comments are for. */
    planId: id,
    planTitle: text("The plan's title", TEXT_LIMITS.title),
    createdAt: isoTime,
    reviewer,
    comments: z.array(packComment).max(20_000),
  })
  .strict()
  .superRefine((file, ctx) => refuseWith(commentsProblem(file.comments, { outsideThreads: true }), ctx));
export type CommentsFile = z.infer<typeof commentsFileSchema>;
