// Which sections an export contains and at which heading level each one sits:
// the section filter (status, chosen ids with their subsections), heading levels
// that never skip (a subsection chosen without its parent moves up), and the
// "1", "1.1", "1.1.1" numbers, counted over the chosen sections (a plan of its
// own) or over the whole plan (a board paper quotes the plan's numbers).
import type { ExportSection, SectionFilter } from '../../../../shared/export';

export interface OutlineEntry {
  section: ExportSection;
  /** Heading level in the exported document (1 = top). */
  level: number;
  /** "2.1.3", or '' when headings are not numbered. */
  number: string;
  /** Id-safe anchor for links to the section (HTML ids, Word bookmarks). */
  anchor: string;
}

/** No numbers; numbers counted over the chosen sections; or each section's number in the whole plan. */
export type OutlineNumbering = 'none' | 'chosen' | 'plan';

/** The deepest heading level Word's and HTML's built-in headings offer. */
export const MAX_HEADING_LEVEL = 6;

function isChosen(filter: SectionFilter) {
  const statuses = filter.statuses?.length ? new Set(filter.statuses) : null;
  const ids = filter.sectionIds ? new Set(filter.sectionIds) : null;
  return (section: ExportSection, insideChosen: boolean) =>
    (!ids || ids.has(section.id) || (filter.withSubsections && insideChosen)) && (!statuses || statuses.has(section.status));
}

/**
 * The chosen sections with their heading levels and numbers. Sections come in
 * outline order with their depth; a section's level is one below its nearest
 * chosen ancestor, so leaving a parent out moves its subsections up rather
 * than skipping a level.
 */
export function planOutline(sections: readonly ExportSection[], filter: SectionFilter, numbering: OutlineNumbering): OutlineEntry[] {
  if (numbering === 'plan') {
    const inPlan = new Map(planOutline(sections, { withSubsections: true }, 'chosen').map((entry) => [entry.section.id, entry.number]));
    return planOutline(sections, filter, 'none').map((entry) => ({ ...entry, number: inPlan.get(entry.section.id) ?? '' }));
  }
  const chosen = isChosen(filter);
  const ids = filter.sectionIds ? new Set(filter.sectionIds) : null;
  // Ancestors of the current section: depth, exported level (null when left out), whether picked by id.
  const ancestors: { depth: number; level: number | null; picked: boolean }[] = [];
  const counters: number[] = [];
  const out: OutlineEntry[] = [];
  for (const section of sections) {
    while (ancestors.length && ancestors[ancestors.length - 1]!.depth >= section.depth) ancestors.pop();
    const insideChosen = ancestors.some((a) => a.picked);
    let parentLevel = 0;
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const level = ancestors[i]!.level;
      if (level !== null) {
        parentLevel = level;
        break;
      }
    }
    const include = chosen(section, insideChosen);
    const level = include ? Math.min(parentLevel + 1, MAX_HEADING_LEVEL) : null;
    ancestors.push({ depth: section.depth, level, picked: insideChosen || (ids?.has(section.id) ?? false) });
    if (level === null) continue;
    counters.length = level;
    counters[level - 1] = (counters[level - 1] ?? 0) + 1;
    for (let i = 0; i < level - 1; i++) counters[i] ??= 1;
    out.push({ section, level, number: numbering === 'chosen' ? counters.join('.') : '', anchor: `section-${section.id}` });
  }
  return out;
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
