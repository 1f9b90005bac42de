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

interface SectionMatchRow {
  id: string;
  title: string;
  title_snippet: string;
  body_snippet: string;
  score: number;
}

interface CommitmentMatchRow {
  id: string;
  section_id: string | null;
  section_title: string | null;
  snippet: string;
  score: number;
}

interface CommentMatchRow {
  id: string;
  section_id: string | null;
  section_title: string | null;
  snippet: string;
  score: number;
}

const snippetOf = (table: string, column: number) =>
  `snippet(${table}, ${column}, '${OPEN}', '${CLOSE}', '${ELLIPSIS}', ${SNIPPET_TOKENS})`;

export function createSearchRepository(db: Db) {
  const sections = db.prepare<{ match: string; planId: string; limit: number }, SectionMatchRow>(`
    SELECT s.id, s.title, ${snippetOf('section_fts', 0)} AS title_snippet, ${snippetOf('section_fts', 1)} AS body_snippet,
      bm25(section_fts, ${TITLE_WEIGHT}, 1.0) AS score
    FROM section_fts JOIN sections s ON s.seq = section_fts.rowid
    WHERE section_fts MATCH @match AND s.plan_id = @planId AND s.deleted_at IS NULL
    ORDER BY score LIMIT @limit`);
  // A commitment linked to a section that has since been deleted is still found, but opens no section.
  const commitments = db.prepare<{ match: string; planId: string; limit: number }, CommitmentMatchRow>(`
    SELECT c.id, s.id AS section_id, s.title AS section_title, ${snippetOf('commitment_fts', 0)} AS snippet,
      bm25(commitment_fts) AS score
    FROM commitment_fts JOIN commitments c ON c.seq = commitment_fts.rowid
      LEFT JOIN sections s ON s.id = c.section_id AND s.deleted_at IS NULL
    WHERE commitment_fts MATCH @match AND c.plan_id = @planId
    ORDER BY score LIMIT @limit`);
  // Comments live on their section: when the section is deleted, its comments leave the results with it.
  const comments = db.prepare<{ match: string; planId: string; limit: number }, CommentMatchRow>(`
    SELECT c.id, s.id AS section_id, s.title AS section_title, ${snippetOf('comment_fts', 0)} AS snippet,
      bm25(comment_fts) AS score
    FROM comment_fts JOIN comments c ON c.seq = comment_fts.rowid
      LEFT JOIN sections s ON s.id = c.section_id
    WHERE comment_fts MATCH @match AND c.plan_id = @planId AND (c.section_id IS NULL OR s.deleted_at IS NULL)
    ORDER BY score LIMIT @limit`);

  return {
    /** The best `limit` matches across the plan, best first. An empty or wordless query finds nothing. */
    search(planId: string, query: string, limit: number = DEFAULT_SEARCH_LIMIT): SearchHit[] {
      const match = matchExpression(query);
      if (match === null) return [];
      const params = { match, planId, limit };
      const ranked: Array<{ score: number; hit: SearchHit }> = [];
      for (const row of sections.all(params)) {
        // Show the text around the match; fall back to the title when only the title matched.
        const inBody = row.body_snippet.includes(OPEN);
        ranked.push({
          score: row.score,
          hit: {
            kind: 'section',
            id: row.id,
            sectionId: row.id,
            sectionTitle: row.title,
            field: inBody ? 'body' : 'title',
            snippet: snippetParts(inBody ? row.body_snippet : row.title_snippet),
          },
        });
      }
      for (const row of commitments.all(params)) {
        ranked.push({
          score: row.score,
          hit: {
            kind: 'commitment',
            id: row.id,
            sectionId: row.section_id,
            sectionTitle: row.section_title ?? '',
            field: 'body',
            snippet: snippetParts(row.snippet),
          },
        });
      }
      for (const row of comments.all(params)) {
        ranked.push({
          score: row.score,
          hit: {
            kind: 'comment',
            id: row.id,
            sectionId: row.section_id,
            sectionTitle: row.section_title ?? '',
            field: 'body',
            snippet: snippetParts(row.snippet),
          },
        });
      }
      return ranked
        .sort((a, b) => a.score - b.score)
        .slice(0, limit)
        .map((r) => r.hit);
    },
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
