// The two whole documents an export can be: the plan (title page, contents,
// numbered sections, lettered appendices) and the board paper (cover sheet,
// the chosen sections under the numbers they have in the plan, appendices).
// Both are built here from the plain plan data, with every warning a person
// must see, so the Word and HTML writers cannot disagree about them.
import { formatPeriod, type Plan } from '../../../../shared/domain';
import type { BoardPaperTemplate, ExportOptions, ExportWarning, HouseStyle, PlanExportData } from '../../../../shared/export';
import { coverSheet, DEFAULT_BOARD_PAPER_TEMPLATE, type CoverSheet } from '../cover-sheet';
import { formatLongDate, todayIso } from '../house-style';
import { trajectoryBlocks } from './trajectory-figures';
import { COMMITMENTS_TITLE, commitmentsBlocks, HWB_TITLE, hwbOpinionBlocks, missingOpinionsWarning } from './appendices';
import { paragraph, text, type Appendix, type Block, type DocumentModel, type DocumentSection, type ImageBlock, type TableBlock, type TableCell } from './document';
import { planOutline, type OutlineEntry, type OutlineNumbering } from './outline';
import { contentBlocks, xmlSafe } from './read-content';

export const CONTENTS_TITLE = 'Contents';
export const NO_SECTIONS_NOTE = 'No sections matched the export filter.';

export function planSubject(plan: Plan): string {
  return `Joint Forward Plan ${formatPeriod(plan.startYear, plan.endYear)}`;
}

export function versionLabel(plan: Plan, options: ExportOptions): string {
  return options.versionLabel || `Version ${plan.revision}`;
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

/** The chosen sections, each with its blocks; their warnings name the section. */
function documentSections(data: PlanExportData, options: ExportOptions, choice: SectionChoice, warnings: ExportWarning[]): DocumentSection[] {
  const outline = planOutline(data.sections, options.sections, options.numberHeadings ? choice.numbering : 'none');
  if (!outline.length) warnings.push({ sectionId: null, sectionTitle: '', message: 'No sections matched the export filter, so the document has no plan sections.' });
  return outline.map((entry, index) => {
    const { section } = entry;
    const warn = (message: string) => warnings.push({ sectionId: section.id, sectionTitle: section.title, message });
    const guidance = options.includeGuidance
      ? xmlSafe(section.guidance)
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean)
      : [];
    return {
      id: section.id,
      title: xmlSafe(section.title),
      number: entry.number,
      level: entry.level,
      anchor: entry.anchor,
      startsPage: choice.startsPage(entry, index),
      guidance,
      blocks: contentBlocks(section.content, entry.level, warn),
    };
  });
}

function appendices(data: PlanExportData, options: ExportOptions, lettered: boolean): Appendix[] {
  const out: Appendix[] = [];
  const name = (title: string) => (lettered ? `Appendix ${String.fromCharCode(65 + out.length)}: ${title}` : title);
  if (options.includeCommitments) {
    const title = name(COMMITMENTS_TITLE);
    out.push({ anchor: 'delivery-commitments', title, landscape: true, blocks: [...commitmentsBlocks(data.commitments), ...trajectoryBlocks(data.commitments)] });
  }
  if (options.includeHwbOpinions) {
    const title = name(HWB_TITLE);
    out.push({ anchor: 'hwb-opinions', title, landscape: false, blocks: hwbOpinionBlocks(data.hwbOpinions) });
  }
  return out;
}

/** Threads on the chosen sections and plan-wide ones, when comments are asked for. */
function chosenThreads(data: PlanExportData, options: ExportOptions, sections: readonly DocumentSection[]) {
  if (!options.includeComments) return null;
  const ids = new Set(sections.map((s) => s.id));
  return data.comments.filter((c) => c.sectionId === null || ids.has(c.sectionId));
}

export function planDocument(data: PlanExportData, options: ExportOptions, style: HouseStyle): DocumentModel {
  const { plan } = data;
  const warnings: ExportWarning[] = [];
  const warn = (message: string) => warnings.push({ sectionId: null, sectionTitle: plan.title, message });
  const logo = logoImage(style, warn);
  const period = formatPeriod(plan.startYear, plan.endYear);
  const sections = documentSections(data, options, { numbering: 'chosen', startsPage: (entry) => entry.level === 1 }, warnings);
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
        { label: 'Version', value: xmlSafe(versionLabel(plan, options)) },
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

function coverTable(sheet: CoverSheet): TableBlock {
  const body = sheet.rows.map((row): TableCell[] => {
    const lines = row.lines.map(xmlSafe);
    const value: Block[] = row.missing
      ? [paragraph([text(lines[0]!)], { note: true })]
      : row.field.kind === 'list'
        ? [{ kind: 'list', style: 'bullet', start: 1, items: lines.map((line) => ({ inlines: [text(line)], lists: [], checked: false })) }]
        : lines.map((line) => paragraph([text(line)]));
    return [textCell(row.field.label, true), { content: { blocks: value }, colSpan: 1, rowSpan: 1, rowHeading: false }];
  });
  return { kind: 'table', caption: '', columnCount: 2, widths: [32, 68], head: [sheet.columnHeadings.map((h) => textCell(h))], body };
}

/**
 * A board paper: the cover sheet, then the chosen sections. A section keeps
 * the number it has in the plan, so a paper of the approved sections quotes
 * the plan as the board will read it.
 */
export function boardPaperDocument(input: BoardPaperInput): DocumentModel {
  const { data, options, style } = input;
  const { plan } = data;
  const sheet = coverSheet(input.template ?? DEFAULT_BOARD_PAPER_TEMPLATE, input.cover, plan);
  const warnings: ExportWarning[] = sheet.missingRequired.map((message) => ({ sectionId: null, sectionTitle: sheet.heading, message }));
  const logo = logoImage(style, (message) => warnings.push({ sectionId: null, sectionTitle: sheet.heading, message }));
  const sections = documentSections(data, options, { numbering: 'plan', startsPage: (_entry, index) => index === 0 }, warnings);
  return {
    kind: 'board_paper',
    properties: {
      title: sheet.title,
      subject: `Board paper: ${planSubject(plan)}`,
      description: `${sheet.heading}: ${sheet.title}`,
      creator: style.organisationName || plan.icbName,
    },
    marking: { protectiveMarking: plan.protectiveMarking, draft: !plan.isFinal },
    titlePage: { logo, organisation: xmlSafe(style.organisationName || plan.icbName), title: xmlSafe(sheet.title), period: null, details: [], preparedBy: null },
    cover: { heading: xmlSafe(sheet.heading), anchor: 'cover-sheet', table: coverTable(sheet) },
    contents: false,
    sections,
    noSectionsNote: sections.length ? null : NO_SECTIONS_NOTE,
    appendices: appendices(data, options, false),
    threads: chosenThreads(data, options, sections),
    warnings,
  };
}
