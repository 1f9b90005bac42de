// The files exchanged with reviewers who have the app: a review pack (the plan,
// read-only for the reviewer, with who the reviewer is) and the small comments
// file the reviewer returns. Versioned formats, validated on every read: a file
// from outside is untrusted.
import { z } from 'zod';
import { MAX_COMMENT_CHARS, id } from './contract';
import { ORGANISATION_TYPES, PROTECTIVE_MARKINGS } from './domain';

export const REVIEW_PACK_EXTENSION = 'jfpreview';
export const COMMENTS_FILE_EXTENSION = 'jfpcomments';
/** Larger files are refused before they are parsed. */
export const MAX_REVIEW_FILE_BYTES = 100 * 1024 * 1024;

const text = (max: number) => z.string().max(max);
const isoTime = z.string().max(40).refine((v) => !Number.isNaN(Date.parse(v)), 'A time in the file is not a real date.');

const reviewer = z
  .object({
    stakeholderId: id,
    name: text(200).min(1),
    organisation: text(200),
    orgType: z.enum(ORGANISATION_TYPES),
  })
  .strict();

const packComment = z
  .object({
    id,
    threadId: id,
    sectionId: id.nullable(),
    quote: text(2000),
    body: text(MAX_COMMENT_CHARS).min(1),
    createdAt: isoTime,
    author: z.object({ name: text(200).min(1), organisation: text(200), orgType: z.enum(ORGANISATION_TYPES) }).strict(),
    status: z.enum(['open', 'resolved']),
  })
  .strict();

export const reviewPackSchema = z
  .object({
    format: z.literal('jfp-review-pack'),
    version: z.literal(1),
    packId: id,
    createdAt: isoTime,
    plan: z
      .object({
        id,
        title: text(200).min(1),
        icbName: text(200).min(1),
        startYear: z.number().int().min(2020).max(2100),
        protectiveMarking: z.enum(PROTECTIVE_MARKINGS),
        partnerTrusts: z.array(text(200)).max(50),
        places: z.array(text(200)).max(50),
      })
      .strict(),
    reviewer,
    sections: z
      .array(
        z
          .object({
            id,
            parentId: id.nullable(),
            title: text(200).min(1),
            /** Lexical JSON; checked like any saved content when the pack is opened. */
            content: text(20_000_000),
          })
          .strict(),
      )
      .max(2000),
    /** The plan's comment threads so far, so the reviewer can see and answer them. */
    comments: z.array(packComment).max(20_000),
  })
  .strict();
export type ReviewPack = z.infer<typeof reviewPackSchema>;

export const commentsFileSchema = z
  .object({
    format: z.literal('jfp-comments'),
    version: z.literal(1),
    packId: id,
    /** The author's plan the comments are for. */
    planId: id,
    planTitle: text(200),
    createdAt: isoTime,
    reviewer,
    comments: z.array(packComment).max(20_000),
  })
  .strict();
export type CommentsFile = z.infer<typeof commentsFileSchema>;
