// Full-text search of one plan: section titles and text, delivery commitments
// and comments, ranked together by bm25. What the user types is always treated
// as words to find, never as FTS5 query syntax, and snippets come back as
// plain-text parts (matched or not) so nothing is ever rendered as HTML.
import type { SearchHit, SnippetPart } from '../../../shared/domain';
import type { Db } from './database';

export const DEFAULT_SEARCH_LIMIT = 30;
/** Words beyond this many are ignored: a longer query finds nothing new and costs more. */
export const MAX_QUERY_WORDS = 16;

// Control characters cannot be typed into a section, so they are safe markers
// for FTS5's snippet() to wrap each match in; they are split out below.
const OPEN = '\u0002';
const CLOSE = '\u0003';
const ELLIPSIS = '…';
const SNIPPET_TOKENS = 14;
// A title match counts for more than the same word deep in a section's text.
const TITLE_WEIGHT = 8;

const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * Turns what the user typed into a safe FTS5 MATCH expression: each
 * whitespace-separated piece becomes a quoted phrase (quotes inside doubled, so
 * "A&E" or "1.2" still match as written), pieces without a letter or digit are
 * dropped, the last piece matches as a prefix, and all pieces must match.
 * Returns null when nothing searchable is left.
 */
export function matchExpression(query: string): string | null {
  const pieces = query
    .normalize('NFC')
    .split(/\s+/u)
    .filter((piece) => HAS_WORD.test(piece))
    .slice(0, MAX_QUERY_WORDS);
  if (pieces.length === 0) return null;
  return pieces.map((piece, i) => `"${piece.replaceAll('"', '""')}"${i === pieces.length - 1 ? '*' : ''}`).join(' AND ');
}

/** Splits FTS5 snippet() output at the markers into plain parts; whitespace runs become single spaces. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    const clean = text.replace(/[\s\u0000-\u001f]+/gu, ' ');
    if (!clean) return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += clean;
    else parts.push({ text: clean, match });
  };
  let rest = marked;
  while (rest.length > 0) {
    const open = rest.indexOf(OPEN);
    if (open < 0) {
      push(rest, false);
      break;
    }
    push(rest.slice(0, open), false);
    const close = rest.indexOf(CLOSE, open + 1);
    const end = close < 0 ? rest.length : close;
    push(rest.slice(open + 1, end), true);
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  if (parts[0]) parts[0].text = parts[0].text.trimStart();
  const last = parts[parts.length - 1];
  if (last) last.text = last.text.trimEnd();
  return parts.filter((p) => p.text.length > 0);
}

interface RankedRow {
  /** The row in the full-text table (the item's seq), for fetching its snippet. */
  rowid: number;
  id: string;
  section_id: string | null;
  section_title: string | null;
  score: number;
}

interface Ranked extends RankedRow {
  kind: SearchHit['kind'];
}

const snippetOf = (table: string, column: number) => `snippet(${table}, ${column}, '${OPEN}', '${CLOSE}', '${ELLIPSIS}', ${SNIPPET_TOKENS})`;

type RankParams = { match: string; planId: string; limit: number };
type SnippetParams = { match: string; rowid: number };

// Searching happens in two steps. First every kind is ranked using the
// full-text table as the outer loop (CROSS JOIN keeps SQLite from scanning the
// plan's rows and re-running the full-text query for each), without snippets.
// Then snippets, which mean re-reading an item's whole text, are made only for
// the hits actually returned. better-sqlite3 binds JS numbers as REAL, and FTS5
// (SQLite 3.51) silently ignores a REAL rowid constraint and returns every
// match, hence the CAST.
export function createSearchRepository(db: Db) {
  const rankSections = db.prepare<RankParams, RankedRow>(`
    SELECT section_fts.rowid AS rowid, s.id, s.id AS section_id, s.title AS section_title,
      bm25(section_fts, ${TITLE_WEIGHT}, 1.0) AS score
    FROM section_fts CROSS JOIN sections s ON s.seq = section_fts.rowid
    WHERE section_fts MATCH @match AND s.plan_id = @planId AND s.deleted_at IS NULL
    ORDER BY score LIMIT @limit`);
  // A commitment linked to a section that has since been deleted is still found, but opens no section.
  const rankCommitments = db.prepare<RankParams, RankedRow>(`
    SELECT commitment_fts.rowid AS rowid, c.id, s.id AS section_id, s.title AS section_title, bm25(commitment_fts) AS score
    FROM commitment_fts CROSS JOIN commitments c ON c.seq = commitment_fts.rowid
      LEFT JOIN sections s ON s.id = c.section_id AND s.deleted_at IS NULL
    WHERE commitment_fts MATCH @match AND c.plan_id = @planId
    ORDER BY score LIMIT @limit`);
  // Comments live on their section: when the section is deleted, its comments leave the results with it.
  const rankComments = db.prepare<RankParams, RankedRow>(`
    SELECT comment_fts.rowid AS rowid, c.id, s.id AS section_id, s.title AS section_title, bm25(comment_fts) AS score
    FROM comment_fts CROSS JOIN comments c ON c.seq = comment_fts.rowid
      LEFT JOIN sections s ON s.id = c.section_id
    WHERE comment_fts MATCH @match AND c.plan_id = @planId AND (c.section_id IS NULL OR s.deleted_at IS NULL)
    ORDER BY score LIMIT @limit`);

  const sectionSnippets = db.prepare<SnippetParams, { title: string; body: string }>(`
    SELECT ${snippetOf('section_fts', 0)} AS title, ${snippetOf('section_fts', 1)} AS body
    FROM section_fts WHERE section_fts MATCH @match AND rowid = CAST(@rowid AS INTEGER)`);
  const commitmentSnippet = db.prepare<SnippetParams, { body: string }>(
    `SELECT ${snippetOf('commitment_fts', 0)} AS body FROM commitment_fts WHERE commitment_fts MATCH @match AND rowid = CAST(@rowid AS INTEGER)`,
  );
  const commentSnippet = db.prepare<SnippetParams, { body: string }>(
    `SELECT ${snippetOf('comment_fts', 0)} AS body FROM comment_fts WHERE comment_fts MATCH @match AND rowid = CAST(@rowid AS INTEGER)`,
  );

  function toHit(row: Ranked, match: string): SearchHit {
    const where = { match, rowid: row.rowid };
    const base = { kind: row.kind, id: row.id, sectionId: row.section_id, sectionTitle: row.section_title ?? '' };
    if (row.kind === 'section') {
      const { title, body } = sectionSnippets.get(where) ?? { title: '', body: '' };
      // Show the text around the match; fall back to the title when only the title matched.
      const inBody = body.includes(OPEN);
      return { ...base, field: inBody ? 'body' : 'title', snippet: snippetParts(inBody ? body : title) };
    }
    const snippet = (row.kind === 'commitment' ? commitmentSnippet : commentSnippet).get(where)?.body ?? '';
    return { ...base, field: 'body', snippet: snippetParts(snippet) };
  }

  return {
    /** The best `limit` matches across the plan, best first. An empty or wordless query finds nothing. */
    search(planId: string, query: string, limit: number = DEFAULT_SEARCH_LIMIT): SearchHit[] {
      const match = matchExpression(query);
      if (match === null) return [];
      const params = { match, planId, limit };
      const ranked: Ranked[] = [
        ...rankSections.all(params).map((row) => ({ ...row, kind: 'section' as const })),
        ...rankCommitments.all(params).map((row) => ({ ...row, kind: 'commitment' as const })),
        ...rankComments.all(params).map((row) => ({ ...row, kind: 'comment' as const })),
      ];
      return ranked
        .sort((a, b) => a.score - b.score)
        .slice(0, limit)
        .map((row) => toHit(row, match));
    },
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
