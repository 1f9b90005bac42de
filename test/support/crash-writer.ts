// The writer the crash-safety proof kills: a plain Node process running the real
// services (startServices and the contract's dispatcher, as IPC uses them) that
// saves sections and comments on one plan in an endless loop. It prints one JSON
// line before each call ("intent") and one after the call has returned ("ack"),
// so the parent knows which writes the app told its user were saved. stdout is a
// pipe, and pipe writes are synchronous in Node on Linux: a printed ack is in the
// pipe before the next call starts, and survives the SIGKILL that ends this process.
//
// Bundled with esbuild by test/unit/proofs/crash-safety.test.ts; not a test itself.
import { createHash } from 'node:crypto';
import { startServices } from '../../electron/services/app-services';
import type { CommentThread, SavedSection, Section } from '../../shared/domain';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { planSentence, seededRandom } from '../bench/plan-text';

export interface CrashWriterConfig {
  dbPath: string;
  planId: string;
  sectionIds: string[];
  stakeholderId: string;
  /** Which life of the writer this is: part of every unique word, so no two lives write the same one. */
  generation: number;
  seed: number;
}

/** One line on stdout. `word` is unique to the write, so a search for it must find exactly that write. */
export type WriterReport =
  | { t: 'ready' }
  | { t: 'intent' | 'ack'; kind: 'section'; sectionId: string; revision: number; sha256: string; word: string }
  | { t: 'intent' | 'ack'; kind: 'comment'; commentId: string; threadId: string; sha256: string; word: string }
  | { t: 'refused'; method: string; code: string; message: string };

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Section text of about `words` words with `word` in the middle of it. */
export function sectionText(random: () => number, words: number, word: string): string[] {
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const sentences = Array.from({ length: 2 + Math.floor(random() * 4) }, () => planSentence(random));
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    count += paragraph.split(/\s+/).length;
  }
  paragraphs.splice(Math.floor(paragraphs.length / 2), 0, `This paragraph carries ${word} for the crash test.`);
  return paragraphs;
}

function report(line: WriterReport): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(config: CrashWriterConfig): Promise<void> {
  // The parent says when: it may still be checking the database the last life left behind.
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const services = startServices(config.dbPath, { log: (message) => process.stderr.write(`${message}\n`) });
  const call = async <T>(method: string, input: unknown): Promise<T | null> => {
    const outcome = await services.dispatch(method, structuredClone(input));
    if (outcome.ok) return outcome.value as T;
    report({ t: 'refused', method, code: outcome.error.code, message: outcome.error.message });
    return null;
  };

  const random = seededRandom(config.seed);
  const revisions = new Map<string, number>();
  for (const sectionId of config.sectionIds) {
    const section = await call<Section>('getSection', { sectionId });
    if (!section) process.exit(2);
    revisions.set(sectionId, section.revision);
  }
  const threads: string[] = [];
  report({ t: 'ready' });

  for (let n = 0; ; n++) {
    // Ends in a letter so that no word is the beginning of another (search matches the last word as a prefix).
    const word = `crashg${config.generation}n${n}w`;
    const roll = random();
    if (roll < 0.6) {
      const sectionId = config.sectionIds[Math.floor(random() * config.sectionIds.length)]!;
      // Mostly ordinary sections, now and then a long one, so kills also land in big transactions and checkpoints.
      const words = random() < 0.1 ? 4000 + Math.floor(random() * 8000) : 20 + Math.floor(random() * 600);
      const content = contentFromParagraphs(sectionText(random, words, word));
      const revision = revisions.get(sectionId)!;
      const line = { kind: 'section' as const, sectionId, revision: revision + 1, sha256: sha256(content), word };
      report({ t: 'intent', ...line });
      const saved = await call<SavedSection>('saveSectionContent', { sectionId, revision, content });
      if (!saved) process.exit(3);
      revisions.set(sectionId, saved.revision);
      report({ t: 'ack', ...line, revision: saved.revision });
    } else {
      const body = `${planSentence(random)} Reviewer note ${word}.`;
      const replyTo = roll > 0.85 && threads.length > 0 ? threads[Math.floor(random() * threads.length)]! : null;
      const threadId = replyTo ?? `${word}t`;
      const thread = replyTo
        ? await call<CommentThread>('replyToThread', { threadId, stakeholderId: config.stakeholderId, body })
        : await call<CommentThread>('createThread', {
            planId: config.planId,
            sectionId: config.sectionIds[Math.floor(random() * config.sectionIds.length)]!,
            threadId,
            stakeholderId: config.stakeholderId,
            body,
            quote: '',
          });
      if (!thread) process.exit(3);
      const comment = thread.comments.find((entry) => entry.body === body);
      if (!comment) process.exit(4);
      if (!replyTo) threads.push(threadId);
      report({ t: 'ack', kind: 'comment', commentId: comment.id, threadId, sha256: sha256(body), word });
    }
  }
}

const config = JSON.parse(process.env.JFP_CRASH_WRITER ?? 'null') as CrashWriterConfig | null;
if (config) {
  main(config).catch((error: unknown) => {
    process.stderr.write(`crash-writer: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
}
