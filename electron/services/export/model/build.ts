// The two whole documents an export can be: the plan (title page, contents,
// numbered sections, lettered appendices) and the board paper (cover sheet,
// the chosen sections under the numbers they have in the plan, appendices).
// Both are built here from the plain plan data, with every warning a person
// must see, so the Word and HTML writers cannot disagree about them.
import { formatPeriod, type Plan } from '../../../../shared/domain';
import { JfpError } from '../../../../shared/errors';
import { TEXT_FORMAT } from '../../../../shared/lexical-json';
import type { BoardPaperTemplate, ExportOptions, ExportWarning, HouseStyle, PlanExportData } from '../../../../shared/export';
import { coverSheet, DEFAULT_BOARD_PAPER_TEMPLATE, type CoverRow, type CoverSheet } from '../cover-sheet';
import { formatLongDate, todayIso } from '../house-style';
import { deliveryAppendixBlocks } from './trajectory-figures';
import { chooseCommitmentsLayout, COMMITMENTS_TITLE, HWB_TITLE, hwbOpinionBlocks, missingOpinionsWarning, SIGN_OFF_TITLE, signOffBlocks } from './appendices';
import { addEngagementRecord, STRATEGY_TITLE, strategyBlocks, withoutTemplateHwbSections } from './plan-records'; // #15 part 2
import {
  heading,
  paragraph,
  sectionHeadingText,
  text,
  type Appendix,
  type Block,
  type DocumentModel,
  type DocumentSection,
  type ImageBlock,
  type TableBlock,
  type TableCell,
} from './document';
import { planOutline, type OutlineEntry, type OutlineNumbering } from './outline';
import { contentBlocks, isEmptyContent, xmlSafe } from './read-content';

export const CONTENTS_TITLE = 'Contents';
export const NO_SECTIONS_NOTE = 'No sections matched the export filter.';
/** Printed under the heading of a section with no text, in a draft. */
export const NOT_DRAFTED_NOTE = 'Not yet drafted.';
export const NOT_DRAFTED_WARNING = 'This section has no text yet.';
/** After the title of a parent section whose own text was not chosen. */
export const HEADING_ONLY = '(heading only)';

export function planSubject(plan: Plan): string {
  return `Joint Forward Plan ${formatPeriod(plan.startYear, plan.endYear)}`;
}

/**
 * The version on the title page: only one given for the export. The plan's
 * revision counts saves, not versions a board approved, so it is not shown.
 */
/** The version printed: one chosen for this export, else the plan's named version (#16's versions store), else none. */
export function versionLabel(options: ExportOptions, data?: Pick<PlanExportData, 'versionLabel'>): string | null {
  return options.versionLabel?.trim() || data?.versionLabel?.trim() || null;
}

function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Pixel size of a PNG from its header, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 && width < 100_000 && height < 100_000 ? { width, height } : null;
}

/** The house-style logo, or null when there is none (or it is not a readable PNG, which `warn` reports). */
function logoImage(style: HouseStyle, warn: (message: string) => void): ImageBlock | null {
  if (!style.logo) return null;
  const png = Buffer.from(style.logo.pngBase64, 'base64');
  const pixels = pngSize(png);
  if (!pixels) {
    warn('The logo in the house style is not a readable PNG image, so it was left out.');
    return null;
  }
  return { kind: 'image', png, pixels, altText: xmlSafe(style.logo.altText), widthCm: style.logo.widthCm };
}

interface SectionChoice {
  numbering: OutlineNumbering;
  startsPage(entry: OutlineEntry, index: number): boolean;
}

/** Parents printed for their heading only: their comment threads are not part of the export. */
const HEADING_ONLY_SECTIONS = new WeakSet<DocumentSection>();

/** Ids of the sections that have subsections (in outline order, a deeper section follows its parent). */
function parentIds(data: PlanExportData): Set<string> {
  const out = new Set<string>();
  data.sections.forEach((section, i) => {
    const next = data.sections[i + 1];
    if (next && next.depth > section.depth) out.add(section.id);
  });
  return out;
}

/**
 * The chosen sections, each with its blocks, under their parents' headings;
 * their warnings name the section. A section with no text (and no
 * subsections) is listed in the warnings and, in a draft, says so on the page;
 * a final export refuses it unless it was chosen by name.
 */
function documentSections(data: PlanExportData, options: ExportOptions, choice: SectionChoice, warnings: ExportWarning[]): DocumentSection[] {
  const outline = planOutline(data.sections, options.sections, options.numberHeadings ? choice.numbering : 'none');
  if (!outline.length) warnings.push({ sectionId: null, sectionTitle: '', message: 'No sections matched the export filter, so the document has no plan sections.' });
  const parents = parentIds(data);
  const refused: string[] = [];
  const sections = outline.map((entry, index): DocumentSection => {
    const { section } = entry;
    const title = xmlSafe(section.title);
    const base = { id: section.id, number: entry.number, level: entry.level, anchor: entry.anchor, startsPage: choice.startsPage(entry, index) };
    if (entry.headingOnly) {
      const only: DocumentSection = { ...base, title: `${title} ${HEADING_ONLY}`, guidance: [], blocks: [] };
      HEADING_ONLY_SECTIONS.add(only);
      return only;
    }
    const warn = (message: string) => warnings.push({ sectionId: section.id, sectionTitle: section.title, message });
    const guidance = options.includeGuidance
      ? xmlSafe(section.guidance)
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean)
      : [];
    if (!parents.has(section.id) && isEmptyContent(section.content)) {
      warn(NOT_DRAFTED_WARNING);
      if (data.plan.isFinal && !entry.pickedById) refused.push(sectionHeadingText({ number: entry.number, title: section.title }));
      return { ...base, title, guidance, blocks: data.plan.isFinal ? [] : [paragraph([text(NOT_DRAFTED_NOTE)], { note: true })] };
    }
    return { ...base, title, guidance, blocks: contentBlocks(section.content, entry.level, warn) };
  });
  if (refused.length) {
    const shown = refused.slice(0, 10).map((name) => `“${name}”`);
    const more = refused.length > 10 ? ` and ${refused.length - 10} more` : '';
    throw new JfpError(
      'invalid_input',
      `This is the final plan, but ${refused.length === 1 ? 'this section has' : `${refused.length} sections have`} no text: ${listInWords(shown)}${more}. Write ${refused.length === 1 ? 'it' : 'them'}, or choose ${refused.length === 1 ? 'it' : 'them'} by name to export ${refused.length === 1 ? 'it' : 'them'} empty.`,
    );
  }
  return sections;
}

function appendices(data: PlanExportData, options: ExportOptions, lettered: boolean): Appendix[] {
  const out: Appendix[] = [];
  const name = (title: string) => (lettered ? `Appendix ${String.fromCharCode(65 + out.length)}: ${title}` : title);
  if (options.includeCommitments) {
    const title = name(COMMITMENTS_TITLE);
    // #14 a wide table on landscape pages, or a small table per commitment on portrait ones, whichever reads in fewer pages.
    const layout = options.commitmentsLayout === 'auto' ? chooseCommitmentsLayout(data.commitments) : options.commitmentsLayout;
    out.push({ anchor: 'delivery-commitments', title, landscape: layout === 'table', blocks: deliveryAppendixBlocks(data.commitments, layout) });
  }
  if (options.includeHwbOpinions) {
    const title = name(HWB_TITLE);
    out.push({ anchor: 'hwb-opinions', title, landscape: false, blocks: hwbOpinionBlocks(data.hwbOpinions) });
  }
  // #15 part 2: the integrated care strategy table, when asked for
  if (options.includeStrategyTable) out.push({ anchor: 'strategy-delivery', title: name(STRATEGY_TITLE), landscape: false, blocks: strategyBlocks(data) });
  return out;
}

/** Threads on the chosen sections and plan-wide ones, when comments are asked for. */
function chosenThreads(data: PlanExportData, options: ExportOptions, sections: readonly DocumentSection[]) {
  if (!options.includeComments) return null;
  const ids = new Set(sections.filter((s) => !HEADING_ONLY_SECTIONS.has(s)).map((s) => s.id));
  return data.comments.filter((c) => c.sectionId === null || ids.has(c.sectionId));
}

export function planDocument(source: PlanExportData, options: ExportOptions, style: HouseStyle): DocumentModel {
  // #15 part 2: one HWB appendix (generated), the engagement record after "How we developed this plan"
  const data = options.includeHwbOpinions ? withoutTemplateHwbSections(source) : source;
  const { plan } = data;
  const warnings: ExportWarning[] = [];
  // A warning about the whole plan names no section.
  const warn = (message: string) => warnings.push({ sectionId: null, sectionTitle: '', message });
  const logo = logoImage(style, warn);
  const period = formatPeriod(plan.startYear, plan.endYear);
  const sections = documentSections(data, options, { numbering: 'plan', startsPage: (entry) => entry.level === 1 }, warnings);
  addEngagementRecord(data, sections);
  if (options.includeHwbOpinions) {
    const missing = missingOpinionsWarning(plan.isFinal, data.hwbOpinions);
    if (missing) warn(missing);
  }
  return {
    kind: 'plan',
    properties: {
      title: plan.title,
      subject: planSubject(plan),
      description: `${planSubject(plan)} for ${plan.icbName}`,
      creator: style.organisationName || plan.icbName,
      keywords: 'Joint Forward Plan; NHS; integrated care board',
    },
    marking: { protectiveMarking: plan.protectiveMarking, draft: !plan.isFinal },
    titlePage: {
      logo,
      organisation: xmlSafe(style.organisationName || plan.icbName),
      title: xmlSafe(plan.title),
      period: plan.title.includes(period) ? null : period,
      details: [
        ...(versionLabel(options, data) ? [{ label: 'Version', value: xmlSafe(versionLabel(options, data)!) }] : []),
        { label: 'Date', value: formatLongDate(options.issueDate ?? todayIso()) },
        { label: 'Protective marking', value: plan.protectiveMarking },
        { label: 'Status', value: plan.isFinal ? 'Final' : 'Draft for consultation' },
      ],
      preparedBy: plan.partnerTrusts.length ? xmlSafe(`Prepared by ${plan.icbName} with its partner trusts: ${listInWords(plan.partnerTrusts)}.`) : null,
    },
    cover: null,
    contents: true,
    sections,
    noSectionsNote: sections.length ? null : NO_SECTIONS_NOTE,
    appendices: appendices(data, options, options.numberHeadings),
    threads: chosenThreads(data, options, sections),
    warnings,
  };
}

export interface BoardPaperInput {
  data: PlanExportData;
  options: ExportOptions;
  style: HouseStyle;
  /** The values entered on the cover sheet, by field key. */
  cover: unknown;
  template?: BoardPaperTemplate;
}

const textCell = (value: string, rowHeading = false): TableCell => ({ content: { text: xmlSafe(value) }, colSpan: 1, rowSpan: 1, rowHeading });

export const EXPORTED_LABEL = 'Exported';

/** A value this short (one line, no list) shares its row with the next short one: the cover sheet stays on one page. */
const SHORT_VALUE_CHARS = 40;
/** How much of a long value the cover sheet itself holds; the rest follows it under a heading. */
const COVER_CELL_CHARS = 250;

function valueBlocks(row: CoverRow, lines: string[]): Block[] {
  if (row.missing) return [paragraph([text(lines[0]!)], { note: true })];
  if (row.field.kind === 'list') return [{ kind: 'list', style: 'bullet', start: 1, items: lines.map((line) => ({ inlines: [text(line)], lists: [], checked: false })) }];
  return lines.map((line) => paragraph([text(line)]));
}

const isShort = (row: CoverRow) => !row.field.group && row.field.kind !== 'list' && row.lines.length === 1 && row.lines[0]!.length <= SHORT_VALUE_CHARS;

/** One field of a group, as a paragraph (or a few) starting with its label in bold. */
function groupedBlocks(row: CoverRow): Block[] {
  const lines = row.lines.map(xmlSafe);
  return lines.map((line, i) => paragraph(i === 0 ? [text(`${xmlSafe(row.field.label)}: `, TEXT_FORMAT.bold), text(line)] : [text(line)]));
}

/**
 * The cover sheet as a compact table that fits the first page: label and
 * value pairs, two short ones to a row, longer ones across the width, and a
 * group of fields (the implications) in one row. A long value keeps what fits
 * and continues after the table under its own heading.
 */
function coverLayout(sheet: CoverSheet, stamp: { version: string | null; date: string }): { table: TableBlock; continuation: Block[] } {
  const body: TableCell[][] = [];
  const continuation: Block[] = [];
  const valueCell = (blocks: Block[], colSpan = 1): TableCell => ({ content: { blocks }, colSpan, rowSpan: 1, rowHeading: false });
  // The paper's title is printed above the cover sheet, so its row would only repeat it; an optional
  // field left empty is left out rather than printed "Not provided" (a required one is printed so).
  const rows = sheet.rows.filter((row) => !(row.field.key === 'title' && !row.missing) && !(row.missing && !row.field.required));
  let loneShort = -1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const next = rows[i + 1];
    const group = row.field.group;
    if (group) {
      const blocks = groupedBlocks(row);
      while (rows[i + 1]?.field.group === group) blocks.push(...groupedBlocks(rows[++i]!));
      body.push([textCell(group, true), valueCell(blocks, 3)]);
      continue;
    }
    if (isShort(row) && next && isShort(next)) {
      body.push([
        textCell(row.field.label, true),
        valueCell(valueBlocks(row, row.lines.map(xmlSafe))),
        textCell(next.field.label, true),
        valueCell(valueBlocks(next, next.lines.map(xmlSafe))),
      ]);
      i++;
      continue;
    }
    // #14 cover: a short value with no short neighbour shares its row with the export date (below), one row fewer.
    if (isShort(row) && loneShort < 0) loneShort = body.length;
    const lines = row.lines.map(xmlSafe);
    // A first paragraph longer than the cover holds is cut after a sentence, so the cover still starts it.
    const first = lines[0]!;
    if (lines.length && first.length > COVER_CELL_CHARS && row.field.kind === 'paragraphs') {
      const cut = first.lastIndexOf('. ', COVER_CELL_CHARS);
      if (cut > 0) lines.splice(0, 1, first.slice(0, cut + 1), first.slice(cut + 2));
    }
    let kept = lines.length;
    let used = 0;
    for (let n = 0; n < lines.length; n++) {
      used += lines[n]!.length;
      if (used > COVER_CELL_CHARS) {
        kept = n;
        break;
      }
    }
    const blocks = kept < lines.length ? valueBlocks(row, lines.slice(0, kept)) : valueBlocks(row, lines);
    if (kept < lines.length) {
      const continued = `${row.field.label} (continued)`;
      blocks.push(paragraph([text(`Continued after the cover sheet.`)], { note: true }));
      continuation.push(heading(2, continued), ...valueBlocks(row, lines.slice(kept)));
    }
    body.push([textCell(row.field.label, true), valueCell(blocks, 3)]);
  }
  // The version (when the plan has a named one) and the day the paper was made, so copies can be told apart.
  const exported = [textCell(EXPORTED_LABEL, true), textCell(formatLongDate(stamp.date))];
  if (stamp.version) body.push([textCell('Version', true), textCell(stamp.version), ...exported]);
  else if (loneShort >= 0) body[loneShort] = [body[loneShort]![0]!, { ...body[loneShort]![1]!, colSpan: 1 }, ...exported];
  else body.push([exported[0]!, { ...exported[1]!, colSpan: 3 }]);
  const [item, detail] = sheet.columnHeadings;
  return {
    // Its heading, printed just above it, is its caption: no extra line on a page it must fit.
    table: {
      kind: 'table',
      caption: xmlSafe(sheet.heading),
      captionIsHeading: true,
      // Tighter spacing in the cells (the text stays 12 pt, the accessibility check's floor): more of it fits page 1 (#14).
      compact: true,
      columnCount: 4,
      widths: [25, 25, 25, 25],
      head: [[item, detail, item, detail].map((h) => textCell(h))],
      body,
    },
    continuation,
  };
}

/**
 * A board paper: the cover sheet, then the chosen sections. A section keeps
 * the number it has in the plan, so a paper of the approved sections quotes
 * the plan as the board will read it.
 */
export function boardPaperDocument(input: BoardPaperInput): DocumentModel {
  const { options, style } = input;
  // #15 part 2: one HWB appendix (generated), the engagement record after "How we developed this plan"
  const data = options.includeHwbOpinions ? withoutTemplateHwbSections(input.data) : input.data;
  const { plan } = data;
  // Values given for this export (the CLI's --cover and --set, the app's form) replace those saved for the plan.
  const sheet = coverSheet(input.template ?? DEFAULT_BOARD_PAPER_TEMPLATE, options.cover ?? input.cover, plan);
  const warnings: ExportWarning[] = sheet.missingRequired.map((message) => ({ sectionId: null, sectionTitle: '', message }));
  const logo = logoImage(style, (message) => warnings.push({ sectionId: null, sectionTitle: '', message }));
  const layout = coverLayout(sheet, { version: versionLabel(options, data), date: options.issueDate ?? todayIso() });
  const sections = documentSections(data, options, { numbering: 'plan', startsPage: (_entry, index) => index === 0 }, warnings);
  addEngagementRecord(data, sections);
  return {
    kind: 'board_paper',
    properties: {
      title: sheet.title,
      subject: `Board paper: ${planSubject(plan)}`,
      description: `${sheet.heading}: ${sheet.title}`,
      creator: style.organisationName || plan.icbName,
    },
    marking: { protectiveMarking: plan.protectiveMarking, draft: !plan.isFinal },
    // The organisation is named in the cover sheet's meeting; the first page keeps its room for the cover sheet.
    titlePage: { logo, organisation: '', title: xmlSafe(sheet.title), period: null, details: [], preparedBy: null },
    cover: { heading: xmlSafe(sheet.heading), anchor: 'cover-sheet', table: layout.table, continuation: layout.continuation },
    contents: true,
    sections,
    noSectionsNote: sections.length ? null : NO_SECTIONS_NOTE,
    // #15 sign-off: a signed-off plan's paper says who signed it off, when, and the reason for each item left open.
    appendices: [
      ...appendices(data, options, false),
      ...(plan.isFinal && data.signOff ? [{ anchor: 'sign-off', title: SIGN_OFF_TITLE, landscape: false, blocks: signOffBlocks(data.signOff) }] : []),
    ],
    threads: chosenThreads(data, options, sections),
    warnings,
  };
}
