// Reviewers' comment threads as real Word comments: each thread becomes a
// comment with its replies threaded under it (resolved threads marked done),
// anchored on the text its mark covers in the section, or on the section's
// heading when the thread has no marked text (whole-section comments, text
// since removed). Ids stay stable per export; durable ids come from our ids so
// a reviewed copy can be matched back when it is imported.
import { CommentRangeEnd, CommentRangeStart, CommentReference, Paragraph, TextRun, type ICommentOptions, type ParagraphChild } from 'docx';
import type { ExportComment, ExportCommentReply } from '../../../shared/export';
import { countMarks, type Block } from './model/document';
import { xmlSafe } from './model/read-content';
import { durableId } from './word-ids';

export { durableId };

/** Where a walk opens and closes comment ranges as it meets marks. */
export interface CommentAnchors {
  open(threadIds: readonly string[]): ParagraphChild[];
  close(threadIds: readonly string[]): ParagraphChild[];
}

export interface SectionAnchors extends CommentAnchors {
  unanchored(): string[];
  unclosed(): ParagraphChild[];
}

interface Thread {
  comment: ExportComment;
  /** Word ids: the thread's first comment, then its replies. */
  wordIds: number[];
}

function commentParagraphs(body: string): Paragraph[] {
  const lines = xmlSafe(body)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  return (lines.length ? lines : ['']).map((line) => new Paragraph({ children: [new TextRun(line)] }));
}

function validDate(iso: string): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export class WordComments {
  private readonly threads = new Map<string, Thread>();
  private readonly bySection = new Map<string | null, Thread[]>();
  private readonly entries: ICommentOptions[] = [];

  /** The document model's threads: those on its sections, and plan-wide ones (no section). */
  constructor(comments: readonly ExportComment[]) {
    let next = 0;
    for (const comment of comments) {
      if (this.threads.has(comment.id)) continue;
      const parentId = next++;
      const wordIds = [parentId];
      this.entries.push(this.entry(comment, parentId, undefined, comment.resolved));
      for (const reply of comment.replies) {
        const id = next++;
        wordIds.push(id);
        this.entries.push(this.entry(reply, id, parentId, comment.resolved));
      }
      const thread = { comment, wordIds };
      this.threads.set(comment.id, thread);
      const list = this.bySection.get(comment.sectionId) ?? [];
      list.push(thread);
      this.bySection.set(comment.sectionId, list);
    }
  }

  private entry(comment: ExportCommentReply, id: number, parentId: number | undefined, resolved: boolean): ICommentOptions {
    const date = validDate(comment.date);
    return {
      id,
      author: xmlSafe(comment.author) || 'Reviewer',
      initials: xmlSafe(comment.initials) || undefined,
      ...(date ? { date } : {}),
      children: commentParagraphs(comment.body),
      ...(parentId !== undefined ? { parentId } : {}),
      resolved,
      durableId: durableId(comment.id),
    };
  }

  get count(): number {
    return this.threads.size;
  }

  /** The comments part, or undefined when there are none. */
  options(): { children: ICommentOptions[] } | undefined {
    return this.entries.length ? { children: this.entries } : undefined;
  }

  hasThreads(sectionId: string | null): boolean {
    return (this.bySection.get(sectionId)?.length ?? 0) > 0;
  }

  /**
   * Anchors for one walk of a section's blocks. Afterwards, `unanchored()`
   * gives the threads none of whose marks the walk met (to anchor on the
   * heading), and `unclosed()` the range ends of threads whose last mark it
   * never reached (to put at the section's end, so no range is left open).
   */
  anchorsFor(sectionId: string | null, blocks: readonly Block[]): SectionAnchors {
    const threads = this.bySection.get(sectionId) ?? [];
    const ids = new Set(threads.map((t) => t.comment.id));
    const remaining = ids.size ? countMarks(blocks) : new Map<string, number>();
    const opened = new Set<string>();
    const closed = new Set<string>();
    return {
      open: (threadIds) => {
        const out: ParagraphChild[] = [];
        for (const id of threadIds) {
          const thread = this.threads.get(id);
          if (!thread || !ids.has(id) || opened.has(id)) continue;
          opened.add(id);
          for (const wordId of thread.wordIds) out.push(new CommentRangeStart(wordId));
        }
        return out;
      },
      close: (threadIds) => {
        const out: ParagraphChild[] = [];
        for (const id of threadIds) {
          const thread = this.threads.get(id);
          if (!thread || !opened.has(id) || closed.has(id)) continue;
          const left = (remaining.get(id) ?? 1) - 1;
          remaining.set(id, left);
          if (left > 0) continue;
          closed.add(id);
          out.push(...this.ends(thread));
        }
        return out;
      },
      unanchored: () => threads.filter((t) => !opened.has(t.comment.id)).map((t) => t.comment.id),
      unclosed: () => threads.filter((t) => opened.has(t.comment.id) && !closed.has(t.comment.id)).flatMap((t) => this.ends(t)),
    };
  }

  private ends(thread: Thread): ParagraphChild[] {
    const out: ParagraphChild[] = thread.wordIds.map((wordId) => new CommentRangeEnd(wordId));
    for (const wordId of thread.wordIds) out.push(new TextRun({ children: [new CommentReference(wordId)] }));
    return out;
  }

  /** Wraps a heading's (or title's) runs in the ranges of threads that have no marked text. */
  wrap(threadIds: readonly string[], children: ParagraphChild[]): ParagraphChild[] {
    if (!threadIds.length) return children;
    const starts: ParagraphChild[] = [];
    const ends: ParagraphChild[] = [];
    for (const id of threadIds) {
      const thread = this.threads.get(id);
      if (!thread) continue;
      for (const wordId of thread.wordIds) starts.push(new CommentRangeStart(wordId));
      ends.push(...this.ends(thread));
    }
    return [...starts, ...children, ...ends];
  }
}
