// Bringing reviewers' Word comments back into the plan they were exported
// from: each comment's section is told by the section bookmark our exporter
// puts on headings, its author becomes a stakeholder, its anchored words become
// a mark in the section, and Word replies join their thread. Comments that our
// own export put into the file (existing threads) are recognised and not added
// again, and importing the same file twice adds nothing (see merge.ts).
import fs from 'node:fs';
import type { CommentImportSummary } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import { MAX_COMMENT_CHARS } from '../../../shared/limits';
import { durableId, sectionBookmarkName } from '../export/word-ids';
import { exportComment } from '../export/store-loader';
import type { Store } from '../store';
import { mergeComments, type IncomingComment } from './merge';
import { readWordComments, type WordComment } from './word-comments';

/**
 * Larger files are refused before they are read: a plan with comments is a few
 * MB at most, and the whole file is held in memory while it is read, which
 * must stay well within the 300 MB an import may use.
 */
export const MAX_WORD_IMPORT_BYTES = 50 * 1024 * 1024;
/** Longest comment kept whole; see `commentBody`. */
export { MAX_COMMENT_CHARS };
export const SHORTENED_NOTE = '… (shortened on import)';

/** #13: kept for the CLI's and tests' reference; a document not exported from this plan is no longer refused. */
export const NOT_THIS_PLAN = 'This Word document was not exported from this plan, so its comments cannot be matched to its sections.';

/** #13: a name as the plan keeps it: no control characters, one line, at most 200 characters. */
export function personName(text: string): string {
  return text
    .replace(/[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
    .trim();
}

/** Webmail and shared NHS domains say nothing about which organisation someone is from. */
const GENERIC_DOMAINS = new Set([
  'nhs.net',
  'nhs.uk',
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'yahoo.com',
  'yahoo.co.uk',
  'icloud.com',
  'live.co.uk',
  'btinternet.com',
]);
const domainOf = (email: string) => email.split('@')[1]?.toLowerCase() ?? '';

const invalid = (message: string) => new JfpError('invalid_input', message);

function tooLarge(bytes: number): JfpError {
  return invalid(`The Word document is ${Math.round(bytes / 1048576)} MB, over the ${MAX_WORD_IMPORT_BYTES / 1048576} MB that can be imported; it was not read.`);
}

/** Reads a Word file from disk, refusing one over the limit before reading it. */
export function readWordFile(filePath: string): Uint8Array {
  let size: number;
  try {
    size = fs.statSync(filePath).size;
  } catch {
    throw new JfpError('io_error', 'The Word document could not be opened; check that it still exists.');
  }
  if (size > MAX_WORD_IMPORT_BYTES) throw tooLarge(size);
  return fs.readFileSync(filePath);
}

/**
 * A comment's text as the plan keeps it: always plain text (markup such as
 * HTML is kept as the characters the reviewer typed; nothing renders it), with
 * control characters other than tabs and line breaks removed. Comments longer
 * than MAX_COMMENT_CHARS are cut, with SHORTENED_NOTE at the end so readers of
 * the thread can see it was cut; the import is not refused, because the rest of
 * the reviewer's comments are still wanted. The Word file keeps the full text.
 */
export function commentBody(text: string): string {
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').replace(/\r\n?/g, '\n');
  if (clean.length <= MAX_COMMENT_CHARS) return clean;
  // #13: the note fits within the limit, so the comment still goes into a review pack (whose comments are held to it).
  const cut = clean.slice(0, MAX_COMMENT_CHARS - SHORTENED_NOTE.length).replace(/[\uD800-\uDBFF]$/, '');
  return `${cut}${SHORTENED_NOTE}`;
}

/** Word and LibreOffice drop empty lines and move spaces; compare bodies without them. */
const comparable = (author: string, body: string) =>
  `${author.trim()}\u0000${body
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')}`;

interface Exported {
  /** The comment row that stands for it (a thread's response stands on the thread's first comment). */
  rowId: string;
  /** When the plan has it made, which is what counts, not the date Word shows. */
  createdAt: string;
}

/**
 * The comments this plan's Word export writes (threads, replies, responses),
 * by the durable id the exporter gives each and by author and text, which
 * survive a round trip through LibreOffice that drops the durable ids.
 */
function exportedComments(store: Store, planId: string): { byDurableId: Map<string, Exported>; byText: Map<string, Exported> } {
  const byDurableId = new Map<string, Exported>();
  const byText = new Map<string, Exported>();
  for (const thread of store.review.threads(planId).map(exportComment)) {
    if (!thread) continue;
    for (const entry of [thread, ...thread.replies]) {
      const rowId = entry.id === `${thread.id}-response` ? thread.id : entry.id;
      byDurableId.set(durableId(entry.id), { rowId, createdAt: entry.date });
      byText.set(comparable(entry.author, entry.body), { rowId, createdAt: entry.date });
    }
  }
  return { byDurableId, byText };
}

function isoDate(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}

/** Maps one plan's Word comments to the comments merge.ts takes. Pure but for the lookups passed in. */
export function incomingFromWord(
  comments: readonly WordComment[],
  sectionOfBookmark: ReadonlyMap<string, string>,
  stakeholderNamed: (name: string, email: string) => { id: string; organisation: string; orgType: IncomingComment['author']['orgType'] } | undefined,
  exported: (comment: WordComment) => Exported | undefined,
  doneBy: { lastModifiedBy: string; modified: string } = { lastModifiedBy: '', modified: '' },
): IncomingComment[] {
  const exportedRows = comments.map(exported);
  const incoming: IncomingComment[] = comments.map((comment, i) => {
    const name = personName(comment.author) || 'Unknown reviewer';
    const known = stakeholderNamed(name, comment.email);
    const ours = exportedRows[i];
    return {
      key: comment.key,
      threadKey: comment.parentKey ?? comment.key,
      sectionId: comment.bookmark ? (sectionOfBookmark.get(comment.bookmark) ?? null) : null,
      quote: comment.quote.slice(0, 2000),
      prefix: comment.prefix,
      suffix: comment.suffix,
      heading: comment.heading,
      body: commentBody(comment.body),
      createdAt: ours?.createdAt ?? isoDate(comment.date),
      author: known
        ? { stakeholderId: known.id, name, organisation: known.organisation, orgType: known.orgType }
        : { name, organisation: '', orgType: 'other', email: comment.email },
      resolved: comment.done,
      // Word does not say who marked a thread done: whoever saved the file last did, when they saved it.
      ...(comment.done
        ? { resolvedBy: `${personName(doneBy.lastModifiedBy) || name} (in Word)`, resolvedAt: doneBy.modified ? isoDate(doneBy.modified) : isoDate(comment.date) }
        : {}),
      ...(ours ? { id: ours.rowId } : {}),
    };
  });
  // Word's dates are local times marked Z, so a quick reply can look older than
  // the comments it follows; a thread lists its comments by time, so a new reply
  // is never dated before its thread's first comment or the replies already in the plan.
  const latest = new Map<string, string>();
  incoming.forEach((comment, i) => {
    if (comment.key !== comment.threadKey && !exportedRows[i]) return;
    if (comment.createdAt > (latest.get(comment.threadKey) ?? '')) latest.set(comment.threadKey, comment.createdAt);
  });
  incoming.forEach((comment, i) => {
    const floor = latest.get(comment.threadKey);
    if (comment.key !== comment.threadKey && !exportedRows[i] && floor && comment.createdAt <= floor) comment.createdAt = new Date(Date.parse(floor) + 1).toISOString();
  });
  return incoming;
}

/**
 * Imports the comments of a reviewed copy of this plan's Word export, in one
 * transaction. Refuses (changing nothing) a file that is too large, not a safe
 * .docx, or not exported from this plan.
 */
export function importWordComments(store: Store, planId: string, bytes: Uint8Array): CommentImportSummary {
  if (bytes.length > MAX_WORD_IMPORT_BYTES) throw tooLarge(bytes.length);
  store.plans.get(planId);
  // Unpacking and reading the document is the slow part: done before the write lock is taken.
  const file = readWordComments(bytes);
  return store.write(() => mergeWordComments(store, planId, file));
}

/** The merge itself, over what the plan holds now: inside the import's one write transaction. */
function mergeWordComments(store: Store, planId: string, file: ReturnType<typeof readWordComments>): CommentImportSummary {
  const sectionOfBookmark = new Map(store.sections.list(planId).map((s) => [sectionBookmarkName(s.id), s.id]));
  // #13: a document this plan did not export (pasted into another, re-saved in a council's template)
  // has none of its section bookmarks: its comments are placed by their words across the plan.
  const ours = file.bookmarks.some((name) => sectionOfBookmark.has(name));

  const stakeholders = store.review.stakeholders(planId);
  const before = new Set(stakeholders.map((s) => s.id));
  const { byDurableId, byText } = exportedComments(store, planId);
  const incoming = incomingFromWord(
    file.comments,
    sectionOfBookmark,
    // Word authors are the register's reviewers by name, or by e-mail when the people part gives one.
    (name, email) => stakeholders.find((s) => s.name === name) ?? (email ? stakeholders.find((s) => s.email.toLowerCase() === email) : undefined),
    (comment) => (comment.durableId ? byDurableId.get(comment.durableId) : undefined) ?? byText.get(comparable(comment.author, comment.body)),
    file,
  );
  const summary = mergeComments(store, planId, incoming, 'word', { searchPlan: true });
  const offers = organisationOffers(store, planId, before);
  if (offers.length) summary.offers = offers;
  if (summary.newThreads + summary.newReplies > 0 || summary.resolved) {
    store.events.record(
      planId,
      'comments_imported',
      `Comments imported from a Word document${ours ? '' : ' this plan did not export'}: ${summary.newThreads} new, ${summary.newReplies} replies, ${summary.notPlaced.length} not placed.`,
      { newThreads: summary.newThreads, newReplies: summary.newReplies, notPlaced: summary.notPlaced.length, resolved: summary.resolved ?? 0 },
    );
  }
  return summary;
}

/**
 * #13: for each reviewer this import added without an organisation, the one a
 * stakeholder of the same name has in another plan, or one with the same e-mail
 * domain has: offered in the import's summary for the author to accept, never set.
 */
function organisationOffers(store: Store, planId: string, before: ReadonlySet<string>): NonNullable<CommentImportSummary['offers']> {
  const added = store.review.stakeholders(planId).filter((s) => !before.has(s.id) && !s.organisation);
  if (!added.length) return [];
  const others = store.plans
    .list()
    .flatMap((plan) => store.review.stakeholders(plan.id))
    .filter((s) => s.organisation && !added.some((a) => a.id === s.id));
  const offers: NonNullable<CommentImportSummary['offers']> = [];
  for (const person of added) {
    const sameName = others.find((s) => s.name.toLowerCase() === person.name.toLowerCase());
    const domain = domainOf(person.email);
    const sameDomain = domain && !GENERIC_DOMAINS.has(domain) ? others.find((s) => domainOf(s.email) === domain) : undefined;
    const from = sameName ? ('stakeholder' as const) : sameDomain ? ('email' as const) : null;
    const organisation = (sameName ?? sameDomain)?.organisation;
    if (from && organisation) offers.push({ stakeholderId: person.id, name: person.name, email: person.email, organisation, from });
  }
  return offers;
}
