// How long each kind of text may be, in one place, and the one way text fields
// are checked. Every check costs time proportional to the text at most, and the
// length is checked first: a string over its limit is refused without any
// pattern or date parser ever reading it, so a hostile 100,000-character value
// answers as fast as a short one.
import { z } from 'zod';

/**
 * Characters allowed per field. Chosen from what a real plan needs: a section
 * of a 300,000-word plan fits many times over; names and titles are a line;
 * an email address is limited by RFC 5321 (254).
 */
export const TEXT_LIMITS = {
  id: 64,
  /** Plan and section titles, board paper headings. */
  title: 200,
  /** ICB, partner trusts, places, reviewers, organisations, boards. */
  name: 200,
  sectionOwner: 120,
  email: 254,
  /** A cell of the delivery commitments table. */
  commitmentCell: 2000,
  guidanceYear: 40,
  /** The words a comment is anchored on. */
  quote: 2000,
  /** A comment, reply, response or board opinion. */
  comment: 20_000,
  searchQuery: 500,
  versionLabel: 60,
  coverValue: 20_000,
  logoAltText: 250,
  /** Lexical JSON of one section. */
  sectionContent: 20_000_000,
  /** YYYY-MM-DD. */
  date: 10,
  /** An ISO date-time in a file from outside. */
  time: 40,
  /** #RRGGBB. */
  colour: 7,
  coverKey: 40,
} as const;

/** A comment, reply, response or board opinion: the API, review packs and Word imports share one limit. */
export const MAX_COMMENT_CHARS = TEXT_LIMITS.comment;

/**
 * The years a plan may start in (its first financial year, 2026 for 2026/27) and a
 * delivery commitment may target, inclusive: the same in the API, in review packs
 * and in the delivery table's cells.
 */
export const PLAN_START_YEARS = { min: 2020, max: 2100 } as const;
export const TARGET_YEARS = { min: 2000, max: 2100 } as const;

/** 20000 -> "20,000", the same on every machine whatever its locale. */
export const formatLimit = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/** "The email address must be 254 characters or fewer." */
export const tooLongMessage = (field: string, max: number): string => `${field} must be ${formatLimit(max)} characters or fewer.`;

/**
 * A string field called `field` (a phrase that starts a sentence, e.g. "The
 * email address") of at most `max` characters. The length check aborts: no
 * later check (pattern, refine) runs on a string that is too long.
 */
export function boundedText(field: string, max: number, options: { trim?: boolean } = {}) {
  const base = z.string({ error: `${field} must be text.` });
  return (options.trim === false ? base : base.trim()).max(max, { message: tooLongMessage(field, max), abort: true });
}

/**
 * The usual shape of an email address (something@somewhere.tld, no spaces),
 * checked in one pass: the regular expression this replaces backtracked
 * quadratically on long input.
 */
export function looksLikeEmail(value: string): boolean {
  const at = value.indexOf('@');
  if (at <= 0 || at !== value.lastIndexOf('@') || /\s/.test(value)) return false;
  // A dot with something on each side of it, after the @.
  return value.slice(at + 2, -1).includes('.');
}

/** The ids of plans, sections, comments and the rest: letters, digits, "-" and "_". */
export const idField = z
  .string({ error: 'An id is required.' })
  .min(1, 'An id is required.')
  .max(TEXT_LIMITS.id, { message: `An id must be ${TEXT_LIMITS.id} characters or fewer.`, abort: true })
  .regex(/^[A-Za-z0-9_-]+$/, 'That id is not valid.');
