// #16 the "What changed since <label>" paper for the Board: the compare as a
// Word document in the plan's house style. Insertions are underlined and
// deletions struck through, AND each is introduced by the words "Added:" or
// "Removed:", so the change is never shown by colour or line style alone.
import { Paragraph, TextRun, type FileChild } from 'docx';
import type { Plan } from '../../../shared/domain';
import type { HouseStyle } from '../../../shared/export';
import type { SectionChange, VersionComparison } from '../../../shared/versions';
import { blocksToDocx, ListInstances } from '../export/docx-blocks';
import { APP_NAME, packDocument } from '../export/docx-document';
import { headingStyleId } from '../export/docx-styles';
import { pageGeometry } from '../export/house-style';
import { dataTable, type DataColumn } from '../export/model/appendices';
import { xmlSafe } from '../export/model/read-content';
import { summarySentences } from './compare';

export const whatChangedTitle = (comparison: VersionComparison) => `What changed since ${comparison.from.label}`;

const para = (text: string) => new Paragraph({ children: [new TextRun(xmlSafe(text))] });

function describe(section: SectionChange): string[] {
  const lines: string[] = [];
  if (section.changes.includes('added')) lines.push('This section is new.');
  if (section.changes.includes('removed')) lines.push('This section was removed.');
  if (section.changes.includes('moved')) lines.push(`Moved ${section.movedFrom} ${section.movedTo}.`);
  if (section.changes.includes('renamed')) lines.push(`Renamed from “${section.oldTitle}”.`);
  if (section.changes.includes('status')) lines.push(`Status changed from ${section.statusFrom} to ${section.statusTo}.`);
  if (section.changes.includes('text')) lines.push(`Text changed: ${section.wordsAdded} words added, ${section.wordsRemoved} words removed.`);
  return lines;
}

/** The diff as one run of text per part; each change is bracketed and named in words. */
function diffParagraphs(section: SectionChange): Paragraph[] {
  if (!section.changes.includes('text')) return [];
  const runs: TextRun[] = [];
  for (const part of section.diff) {
    const text = xmlSafe(part.text);
    if (part.kind === 'same') runs.push(new TextRun(text));
    else if (part.kind === 'added') {
      runs.push(new TextRun({ text: '[Added: ', bold: true }), new TextRun({ text, underline: {} }), new TextRun({ text: ']', bold: true }));
    } else {
      runs.push(new TextRun({ text: '[Removed: ', bold: true }), new TextRun({ text, strike: true }), new TextRun({ text: ']', bold: true }));
    }
  }
  return [new Paragraph({ children: runs })];
}

interface FieldRow {
  commitment: string;
  field: string;
  from: string;
  to: string;
}

const FIELD_COLUMNS: readonly DataColumn<FieldRow>[] = [
  { heading: 'Commitment', width: 30, text: (r) => r.commitment },
  { heading: 'What changed', width: 20, text: (r) => r.field },
  { heading: 'Was', width: 25, text: (r) => r.from || '(empty)' },
  { heading: 'Now', width: 25, text: (r) => r.to || '(empty)' },
];

export async function whatChangedDocx(plan: Plan, comparison: VersionComparison, style: HouseStyle): Promise<Buffer> {
  const page = pageGeometry(style);
  const title = whatChangedTitle(comparison);
  const children: FileChild[] = [
    new Paragraph({ style: headingStyleId(1), children: [new TextRun(xmlSafe(title))] }),
    para(`${plan.title}, ${plan.icbName}. Compares “${comparison.from.label}” with “${comparison.to.label}”.`),
    para('In the text below, added words are underlined and marked “Added:”; removed words are struck through and marked “Removed:”.'),
    new Paragraph({ style: headingStyleId(2), children: [new TextRun('Summary')] }),
    ...summarySentences(comparison).map(para),
  ];
  for (const field of comparison.planFields) children.push(para(`${field.field}: was “${field.from}”, now “${field.to}”.`));
  if (comparison.sections.length) {
    children.push(new Paragraph({ style: headingStyleId(2), children: [new TextRun('Sections')] }));
    for (const section of comparison.sections) {
      children.push(new Paragraph({ style: headingStyleId(3), children: [new TextRun(xmlSafe(section.title))] }));
      children.push(...describe(section).map(para), ...diffParagraphs(section));
    }
  }
  if (comparison.commitments.length) {
    children.push(new Paragraph({ style: headingStyleId(2), children: [new TextRun('Delivery commitments')] }));
    for (const c of comparison.commitments.filter((c) => c.change !== 'changed')) {
      children.push(para(`${c.change === 'added' ? 'Added' : 'Removed'}: ${c.title}`));
    }
    const rows: FieldRow[] = comparison.commitments.flatMap((c) => c.fields.map((f) => ({ commitment: c.title, ...f })));
    if (rows.length) {
      children.push(
        ...blocksToDocx([dataTable(FIELD_COLUMNS, rows)], {
          textWidthTwips: page.textWidthTwips,
          lists: new ListInstances(),
          comments: null,
          colours: { accent: style.accentColour, border: style.borderColour, shading: style.shadingColour },
        }),
      );
    }
  }
  return packDocument({
    title: `${plan.title}: ${title}`,
    subject: title,
    creator: plan.icbName || APP_NAME,
    style,
    protectiveMarking: plan.protectiveMarking,
    draft: !plan.isFinal,
    parts: [{ children }],
  });
}
