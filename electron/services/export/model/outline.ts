// Which sections an export contains and at which heading level each one sits:
// the section filter (status, chosen ids with their subsections), and the
// "1", "1.1", "1.1.1" numbers the sections have in the whole plan. A filtered
// export is faithful to the plan: every chosen subsection keeps its number and
// comes under its parents' headings, which are printed "heading only" where
// their own text is not chosen, so the numbers match the plan the reader has.
import type { ExportSection, SectionFilter } from '../../../../shared/export';

export interface OutlineEntry {
  section: ExportSection;
  /** Heading level in the exported document (1 = top). */
  level: number;
  /** "2.1.3", or '' when headings are not numbered. */
  number: string;
  /** Id-safe anchor for links to the section (HTML ids, Word bookmarks). */
  anchor: string;
  /** A parent of a chosen section whose own text is not chosen: only its heading is printed. */
  headingOnly: boolean;
  /** Chosen by its id (not only as a subsection or by status). */
  pickedById: boolean;
}

/** No numbers, or each section's number in the whole plan. */
export type OutlineNumbering = 'none' | 'plan';

/** The deepest heading level Word's and HTML's built-in headings offer. */
export const MAX_HEADING_LEVEL = 6;

function isChosen(filter: SectionFilter) {
  const statuses = filter.statuses?.length ? new Set(filter.statuses) : null;
  const ids = filter.sectionIds ? new Set(filter.sectionIds) : null;
  return (section: ExportSection, insideChosen: boolean) =>
    (!ids || ids.has(section.id) || (filter.withSubsections && insideChosen)) && (!statuses || statuses.has(section.status));
}

/**
 * The chosen sections, with the parents of each, their heading levels and
 * their numbers in the plan. Sections come in outline order with their depth;
 * a section's level is one below its parent's, as in the plan (depths that
 * skip a level are closed up, so headings never skip).
 */
export function planOutline(sections: readonly ExportSection[], filter: SectionFilter, numbering: OutlineNumbering): OutlineEntry[] {
  const chosen = isChosen(filter);
  const ids = filter.sectionIds ? new Set(filter.sectionIds) : null;
  // Open ancestors of the current section: depth, level in the plan, whether picked by id, and its entry.
  const ancestors: { depth: number; level: number; picked: boolean; entry: OutlineEntry }[] = [];
  const counters: number[] = [];
  const all: OutlineEntry[] = [];
  const shown = new Set<OutlineEntry>();
  for (const section of sections) {
    while (ancestors.length && ancestors[ancestors.length - 1]!.depth >= section.depth) ancestors.pop();
    const insideChosen = ancestors.some((a) => a.picked);
    const level = Math.min((ancestors[ancestors.length - 1]?.level ?? 0) + 1, MAX_HEADING_LEVEL);
    counters.length = level;
    counters[level - 1] = (counters[level - 1] ?? 0) + 1;
    for (let i = 0; i < level - 1; i++) counters[i] ??= 1;
    const pickedById = ids?.has(section.id) ?? false;
    const include = chosen(section, insideChosen);
    const entry: OutlineEntry = {
      section,
      level,
      number: numbering === 'plan' ? counters.join('.') : '',
      anchor: `section-${section.id}`,
      headingOnly: !include,
      pickedById,
    };
    ancestors.push({ depth: section.depth, level, picked: insideChosen || pickedById, entry });
    all.push(entry);
    if (include) for (const open of ancestors) shown.add(open.entry);
  }
  return all.filter((entry) => shown.has(entry));
}

/**
 * Maps the heading levels used inside a section's content (h1..h6) below the
 * section's own level: the shallowest becomes level + 1, and no heading goes
 * more than one level below the heading before it.
 */
export class ContentHeadingLevels {
  private readonly shallowest: number;
  private previous: number;

  constructor(
    private readonly sectionLevel: number,
    tagLevels: readonly number[],
  ) {
    this.shallowest = tagLevels.length ? Math.min(...tagLevels) : 1;
    this.previous = sectionLevel;
  }

  next(tagLevel: number): number {
    const wanted = this.sectionLevel + 1 + (tagLevel - this.shallowest);
    const level = Math.min(MAX_HEADING_LEVEL, Math.max(this.sectionLevel + 1, Math.min(wanted, this.previous + 1)));
    this.previous = level;
    return level;
  }
}

/** Heading tag levels (h1 = 1) used in serialized content, in document order. */
export function headingTagLevels(root: { type: string; tag?: unknown; children?: unknown }): number[] {
  const out: number[] = [];
  const children = Array.isArray(root.children) ? (root.children as { type: string; tag?: unknown }[]) : [];
  // Lexical headings are top-level blocks only.
  for (const child of children) {
    if (child && child.type === 'heading') out.push(tagLevel(child.tag));
  }
  return out;
}

export function tagLevel(tag: unknown): number {
  const match = typeof tag === 'string' ? /^h([1-6])$/.exec(tag) : null;
  return match ? Number(match[1]) : 2;
}
