// #16 Word import: previewWordImport (asks which file, reads it, shows the
// sections a plan would get) and importWordPlan (creates it, one transaction).
// Sections are matched to the JFP template's sections by title (the same
// words once case, numbering and punctuation are set aside, or a close match),
// so the template's guidance and statutory checklist tags follow them; the rest
// are plain sections.
import path from 'node:path';
import type { WordImportPreview } from '../../../shared/backups-import';
import type { Handlers } from '../../../shared/dispatch';
import { JfpError } from '../../../shared/errors';
import { PLAN_START_YEARS } from '../../../shared/limits';
import { backUpBeforeImport } from '../backups/backup-service';
import type { ExportPorts } from '../ports';
import type { Store } from '../store';
import { storeFault } from '../store/faults';
import type { NewSection } from '../store/sections';
import { BLANK_TEMPLATE_ID, type TemplateCatalogue } from '../template-catalogue';
import { cleanTitle, htmlToSections, type ImportedSection } from './html-to-sections';
import { readDocx } from './read-docx';

/** More sections than this is not a plan's outline but a document whose body text uses a heading style. */
export const MAX_IMPORTED_SECTIONS = 1000;
const JFP_TEMPLATE_ID = 'jfp';

export function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/^\s*(section|chapter|part)?\s*[\divx]+(\.\d+)*[.):]?\s+/i, '')
    .replace(/[’'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const bigrams = (s: string) => {
  const out = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1);
  return out;
};

/** Dice's coefficient over letter pairs: 1 for the same words, about 0.8 for one word changed in a long title. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  for (const [pair, n] of x) shared += Math.min(n, y.get(pair) ?? 0);
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

const CLOSE_MATCH = 0.82;

function flatten(tree: NewSection[]): NewSection[] {
  return tree.flatMap((s) => [s, ...flatten(s.children ?? [])]).filter((s) => !s.title.includes('{'));
}

interface Matched {
  section: ImportedSection;
  template: NewSection | null;
  children: Matched[];
}

function matchToTemplate(sections: ImportedSection[], templateSections: NewSection[]): Matched[] {
  const used = new Set<NewSection>();
  const candidates = templateSections.map((t) => ({ t, key: normaliseTitle(t.title) }));
  const match = (s: ImportedSection): Matched => {
    const key = normaliseTitle(s.title);
    let best: NewSection | null = null;
    let bestScore = CLOSE_MATCH;
    for (const c of candidates) {
      if (used.has(c.t)) continue;
      const score = similarity(key, c.key);
      if (score > bestScore || (score === 1 && bestScore < 1)) {
        best = c.t;
        bestScore = score;
      }
    }
    if (best) used.add(best);
    return { section: s, template: best, children: s.children.map(match) };
  };
  return sections.map(match);
}

function toNewSection(m: Matched): NewSection {
  const t = m.template;
  return {
    title: m.section.title,
    content: m.section.content,
    status: 'drafting',
    ...(t
      ? { guidance: t.guidance ?? '', expectedContent: t.expectedContent ?? [], checklist: t.checklist ?? [], ...(t.templateKey ? { templateKey: t.templateKey } : {}) }
      : {}),
    children: m.children.map(toNewSection),
  };
}

interface Prepared {
  file: string;
  splitLevel: 1 | 2;
  matched: Matched[];
  notCarried: string[];
  templateId: string;
  /** "NHS … Integrated Care Board" as the document's first pages name it, or null. */
  icbName: string | null;
}

/** About the first four pages of a plan: where its title page and foreword name the ICB. */
const FIRST_PAGES_CHARS = 12_000;
// Capitalised words (and the small words inside names), never across a full stop: "NHS England. Our Integrated Care Board" is no name.
const NAME_WORD = String.raw`(?:[A-Z][\p{L}'’-]*|and|of|the|&)`;
const FULL_NAME = new RegExp(String.raw`\bNHS\s+[A-Z][\p{L}'’-]*(?:\s+${NAME_WORD}){0,7}?\s+[Ii]ntegrated\s+[Cc]are\s+[Bb]oard\b`, 'u');
const SHORT_NAME = new RegExp(String.raw`\bNHS\s+[A-Z][\p{L}'’-]*(?:\s+${NAME_WORD}){0,7}?\s+ICB\b`, 'u');

/**
 * The ICB's name as the document's first pages give it (title page, foreword):
 * "NHS Cheshire and Merseyside Integrated Care Board", else "NHS … ICB". Null
 * when they name none, so the person is asked rather than a placeholder being
 * saved.
 */
export function icbNameIn(html: string): string | null {
  const text = html
    .slice(0, FIRST_PAGES_CHARS * 4)
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&[#a-z0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, FIRST_PAGES_CHARS);
  // As the document writes it ("NHS Kent and Medway Integrated Care Board", or "… ICB").
  const found = FULL_NAME.exec(text) ?? SHORT_NAME.exec(text);
  return found ? cleanTitle(found[0], '') || null : null;
}

/** The financial year a plan made today would start in (April to March). */
function currentStartYear(now: Date): number {
  const year = now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
  return Math.min(Math.max(year, PLAN_START_YEARS.min), PLAN_START_YEARS.max - 1);
}

export async function prepareWordImport(file: string, splitLevel: 1 | 2, templates?: TemplateCatalogue): Promise<Prepared> {
  const read = await readDocx(file);
  const fallbackTitle = cleanTitle(path.basename(file).replace(/\.docx$/i, ''), 'Imported plan');
  const converted = htmlToSections(read.html, { splitLevel, fallbackTitle });
  const total = converted.sections.reduce((n, s) => n + 1 + s.children.length, 0);
  if (total > MAX_IMPORTED_SECTIONS) {
    throw new JfpError(
      'invalid_input',
      `${path.basename(file)} would make ${total.toLocaleString('en-GB')} sections, more than the ${MAX_IMPORTED_SECTIONS.toLocaleString('en-GB')} a plan can hold; nothing was imported. Check that only section titles use Word’s ${splitLevel === 1 ? 'Heading 1' : 'Heading 1 and Heading 2'} style${splitLevel === 2 ? ', or split at Heading 1 only' : ''}.`,
    );
  }
  const hasJfp = templates?.list().some((t) => t.id === JFP_TEMPLATE_ID) ?? false;
  const templateSections = hasJfp ? flatten(templates!.sectionsFor(JFP_TEMPLATE_ID, { places: [] })) : [];
  return {
    file,
    splitLevel,
    matched: matchToTemplate(converted.sections, templateSections),
    notCarried: [...read.notCarried, ...converted.notCarried],
    templateId: hasJfp ? JFP_TEMPLATE_ID : BLANK_TEMPLATE_ID,
    icbName: icbNameIn(read.html),
  };
}

/** The ICB name the plan would get without asking: the document's, else the user's organisation from their profile. */
function suggestedIcbName(store: Store, prepared: Prepared): { icbName: string | null; icbNameFrom: 'document' | 'profile' | null } {
  if (prepared.icbName) return { icbName: prepared.icbName, icbNameFrom: 'document' };
  const organisation = cleanTitle(store.profile.get()?.organisation ?? '', '');
  return organisation ? { icbName: organisation, icbNameFrom: 'profile' } : { icbName: null, icbNameFrom: null };
}

export const ICB_NAME_NEEDED =
  'The document does not name the ICB (as “NHS … Integrated Care Board” in its first pages) and your profile has no organisation, so enter the ICB’s name; nothing was imported.';

export function previewOf(importId: string, prepared: Prepared, store: Store): WordImportPreview {
  const rows = (list: Matched[]): WordImportPreview['sections'] =>
    list.flatMap((m) => [{ title: m.section.title, templateSection: m.template?.title ?? null, words: m.section.words }, ...rows(m.children)]);
  return {
    importId,
    fileName: path.basename(prepared.file),
    splitLevel: prepared.splitLevel,
    sections: rows(prepared.matched),
    notCarried: prepared.notCarried,
    ...suggestedIcbName(store, prepared),
  };
}

/** The name the plan gets: the one the person gave, else the document's or their organisation's; never a placeholder. */
function chosenIcbName(store: Store, prepared: Prepared, given?: string): string {
  const icbName = given?.trim() || suggestedIcbName(store, prepared).icbName;
  if (!icbName) throw new JfpError('invalid_input', ICB_NAME_NEEDED);
  return icbName;
}

/** Creates the plan in one store.write: all of it, or (on any failure) nothing. */
export function createImportedPlan(store: Store, prepared: Prepared, now = new Date(), givenIcbName?: string) {
  const title = cleanTitle(path.basename(prepared.file).replace(/\.docx$/i, ''), 'Imported plan');
  const icbName = chosenIcbName(store, prepared, givenIcbName);
  return store.write(() => {
    const planId = store.createPlan({ title, icbName, startYear: currentStartYear(now), templateId: prepared.templateId }, prepared.matched.map(toNewSection));
    return store.plans.get(planId);
  });
}

/** A failure partway through writing the plan that is not a fault of the disk: said as a sentence, with what it means. */
function importFailed(fileName: string, error: unknown): JfpError {
  const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
  return new JfpError('io_error', `${fileName} could not be saved as a plan (${why}), so nothing was imported and your other plans are unchanged.`);
}

export function createWordImportHandlers(
  store: Store,
  templates: TemplateCatalogue | undefined,
  options: { ports?: ExportPorts; nativeBinding?: string },
): Pick<Handlers, 'previewWordImport' | 'importWordPlan'> {
  // The files chosen this session, by import id: a preview at another split level reads the same file again.
  const chosen = new Map<string, string>();
  const prepare = async (importId: string | undefined, splitLevel: 1 | 2) => {
    let file = importId ? chosen.get(importId) : undefined;
    if (importId && !file) throw new JfpError('not_found', 'That Word document is no longer open for import; choose it again.');
    if (!file) {
      if (!options.ports) throw new JfpError('invalid_input', 'Importing needs a file to be chosen, which this session cannot ask for.');
      file = (await options.ports.chooseOpenPath('word-document')) ?? undefined;
      if (!file) return null;
    }
    const id = importId ?? crypto.randomUUID();
    chosen.set(id, file);
    return { id, prepared: await prepareWordImport(file, splitLevel, templates) };
  };
  return {
    previewWordImport: async ({ importId, splitLevel }) => {
      const result = await prepare(importId, splitLevel ?? 1);
      return result ? previewOf(result.id, result.prepared, store) : null;
    },
    importWordPlan: async ({ importId, splitLevel, icbName }) => {
      const result = await prepare(importId, splitLevel ?? 1);
      if (!result) throw new JfpError('not_found', 'That Word document is no longer open for import; choose it again.');
      // Asked for before anything is written, the backup included.
      chosenIcbName(store, result.prepared, icbName);
      // A backup first: an import adds a whole plan, and the person should be able to go back to before it.
      await backUpBeforeImport(store, 'before-word-import');
      let plan: ReturnType<typeof createImportedPlan>;
      try {
        plan = createImportedPlan(store, result.prepared, new Date(), icbName);
      } catch (error) {
        // One transaction: whatever was written before the failure was rolled back with it.
        throw storeFault(error, store.file, 'working') ?? importFailed(path.basename(result.prepared.file), error);
      }
      chosen.delete(result.id);
      return { plan, notCarried: result.prepared.notCarried };
    },
  };
}
