// The whole plan as a Word document: title page (ICB, title, period, version,
// date, protective marking), a contents field Word fills when the file opens,
// every chosen section at its outline level, then the delivery commitments
// (landscape) and the Health and Wellbeing Boards' opinions as appendices.
import { Paragraph, TableOfContents, TextRun, type FileChild, type ParagraphChild } from 'docx';
import { formatPeriod, type Plan } from '../../../shared/domain';
import type { ExportOptions, ExportResult, ExportWarning, HouseStyle, PlanExportData } from '../../../shared/export';
import { COMMITMENTS_TITLE, commitmentsBlocks, HWB_TITLE, hwbOpinionBlocks } from './appendices-docx';
import { WordComments } from './comments-docx';
import { xmlSafe } from './content-nodes';
import { logoParagraph, packDocument, type DocumentPart } from './docx-document';
import { sectionBlocks, type SectionRenderContext } from './docx-sections';
import { STYLE } from './docx-styles';
import { formatLongDate, pageGeometry, todayIso } from './house-style';
import { ListInstances, type DocxBlock } from './lexical-to-docx';
import { planOutline, type OutlineEntry } from './outline';

export const CONTENTS_TITLE = 'Contents';

export function planSubject(plan: Plan): string {
  return `Joint Forward Plan ${formatPeriod(plan.startYear, plan.endYear)}`;
}

export function versionLabel(plan: Plan, options: ExportOptions): string {
  return options.versionLabel || `Version ${plan.revision}`;
}

function detail(label: string, value: string): Paragraph {
  return new Paragraph({ style: STYLE.titlePageDetail, children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(xmlSafe(value))] });
}

function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function titlePage(data: PlanExportData, options: ExportOptions, style: HouseStyle, comments: WordComments | null, warn: (m: string) => void): DocxBlock[] {
  const { plan } = data;
  const blocks: DocxBlock[] = [];
  const logo = logoParagraph(style, warn);
  if (logo) blocks.push(logo);
  blocks.push(new Paragraph({ style: STYLE.subtitle, children: [new TextRun(xmlSafe(style.organisationName || plan.icbName))] }));
  // Plan-wide comment threads (no section) are anchored on the title.
  const title: ParagraphChild[] = [new TextRun(xmlSafe(plan.title))];
  const planThreads = comments?.hasThreads(null) ? comments.anchorsFor(null, null).unanchored() : [];
  blocks.push(new Paragraph({ style: STYLE.title, children: comments ? comments.wrap(planThreads, title) : title }));
  const period = formatPeriod(plan.startYear, plan.endYear);
  if (!plan.title.includes(period)) blocks.push(new Paragraph({ style: STYLE.subtitle, children: [new TextRun(period)] }));
  blocks.push(detail('Version', versionLabel(plan, options)));
  blocks.push(detail('Date', formatLongDate(options.issueDate ?? todayIso())));
  blocks.push(detail('Protective marking', plan.protectiveMarking));
  blocks.push(detail('Status', plan.isFinal ? 'Final' : 'Draft for consultation'));
  if (plan.partnerTrusts.length) {
    blocks.push(
      new Paragraph({
        spacing: { before: 480 },
        children: [new TextRun(xmlSafe(`Prepared by ${plan.icbName} with its partner trusts: ${listInWords(plan.partnerTrusts)}.`))],
      }),
    );
  }
  return blocks;
}

function contents(): FileChild[] {
  return [
    new Paragraph({ style: STYLE.tocHeading, pageBreakBefore: true, children: [new TextRun(CONTENTS_TITLE)] }),
    new TableOfContents(CONTENTS_TITLE, { hyperlink: true, headingStyleRange: '1-3' }),
  ];
}

/** The Word blocks of the chosen sections; shared with the board paper. */
export function outlineBlocks(outline: readonly OutlineEntry[], context: SectionRenderContext): DocxBlock[] {
  const blocks: DocxBlock[] = [];
  outline.forEach((entry, index) => {
    for (const block of sectionBlocks(entry, index, context)) blocks.push(block);
  });
  return blocks;
}

export function noSectionsWarning(warnings: ExportWarning[]): Paragraph {
  warnings.push({ sectionId: null, sectionTitle: '', message: 'No sections matched the export filter, so the document has no plan sections.' });
  return new Paragraph({ style: STYLE.note, children: [new TextRun('No sections matched the export filter.')] });
}

export async function planToDocx(data: PlanExportData, options: ExportOptions, style: HouseStyle): Promise<ExportResult<Buffer>> {
  const { plan } = data;
  const warnings: ExportWarning[] = [];
  const warn = (message: string) => warnings.push({ sectionId: null, sectionTitle: plan.title, message });
  const outline = planOutline(data.sections, options.sections, options.numberHeadings);
  const comments = options.includeComments ? new WordComments(data.comments, new Set(outline.map((e) => e.section.id))) : null;
  const page = pageGeometry(style);

  const body: FileChild[] = [...titlePage(data, options, style, comments, warn), ...contents()];
  const context: SectionRenderContext = {
    style,
    textWidthTwips: page.textWidthTwips,
    lists: new ListInstances(),
    comments,
    includeGuidance: options.includeGuidance,
    startsPage: (entry) => entry.level === 1,
    warnings,
  };
  if (outline.length === 0) body.push(noSectionsWarning(warnings));
  body.push(...outlineBlocks(outline, context));

  const parts: DocumentPart[] = [{ children: body }];
  const appendixTitle = (letter: string, title: string) => (options.numberHeadings ? `Appendix ${letter}: ${title}` : title);
  let letter = 'A';
  if (options.includeCommitments) {
    parts.push({
      orientation: 'landscape',
      children: commitmentsBlocks(data.commitments, appendixTitle(letter, COMMITMENTS_TITLE), style, page.landscapeTextWidthTwips),
    });
    letter = 'B';
  }
  if (options.includeHwbOpinions) {
    parts.push({ children: hwbOpinionBlocks(data.hwbOpinions, appendixTitle(letter, HWB_TITLE)) });
    const outstanding = data.hwbOpinions.filter((o) => !o.receivedOn && !o.opinion.trim()).map((o) => o.board);
    if (plan.isFinal && (data.hwbOpinions.length === 0 || outstanding.length)) {
      warn(
        outstanding.length
          ? `The plan is marked final but ${outstanding.join(' and ')} ${outstanding.length === 1 ? 'has' : 'have'} not given an opinion; the final plan must include each board’s opinion.`
          : 'The plan is marked final but no Health and Wellbeing Board opinions are recorded; the final plan must include each board’s opinion.',
      );
    }
  }

  const content = await packDocument({
    title: plan.title,
    subject: planSubject(plan),
    creator: style.organisationName || plan.icbName,
    description: `${planSubject(plan)} for ${plan.icbName}`,
    keywords: 'Joint Forward Plan; NHS; integrated care board',
    style,
    protectiveMarking: plan.protectiveMarking,
    draft: !plan.isFinal,
    parts,
    comments: comments?.options(),
  });
  return {
    content,
    summary: { kind: 'plan', format: 'docx', sectionCount: outline.length, commentCount: comments?.count ?? 0, warnings },
  };
}
