// The frame every Word export shares: styles and numbering from the house
// style, the header (protective marking, and DRAFT until the plan is final),
// the "Page X of Y" footer, core properties (title, creator, last modified by),
// fields updated when Word opens the file. Parts of the body may be landscape
// (wide delivery tables).
import { AlignmentType, Document, Footer, Header, Packer, PageNumber, Paragraph, TextRun, type FileChild, type ICommentOptions } from 'docx';
import type { HouseStyle } from '../../../shared/export';
import { estimatePageNumbers } from './docx-pagination';
import { docxNumbering, docxStyles, pageProperties, STYLE } from './docx-styles';
import { xmlSafe } from './model/read-content';

export const DRAFT_LABEL = 'DRAFT - for consultation';
export const APP_NAME = 'JFP Studio';

export interface DocumentPart {
  children: FileChild[];
  orientation?: 'portrait' | 'landscape';
}

export interface DocumentFrame {
  title: string;
  subject: string;
  creator: string;
  description?: string;
  keywords?: string;
  style: HouseStyle;
  protectiveMarking: string;
  draft: boolean;
  parts: DocumentPart[];
  comments?: { children: ICommentOptions[] } | undefined;
  /**
   * Whether to write the contents' page numbers with the file, from our own
   * layout of its pages (docx-pagination.ts). They are written as the TOC field's
   * result, so Word shows them at once and still updates them on request.
   */
  pageNumbers?: boolean;
}

export function headerText(protectiveMarking: string, draft: boolean): string {
  return draft ? `${protectiveMarking} | ${DRAFT_LABEL}` : protectiveMarking;
}

function header(frame: DocumentFrame): Header {
  return new Header({
    children: [
      new Paragraph({
        style: STYLE.header,
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: headerText(frame.protectiveMarking, frame.draft), bold: true })],
      }),
    ],
  });
}

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });
}

/** Builds the Word document (docx's object model) for the frame. */
export function buildDocument(frame: DocumentFrame): Document {
  const headers = { default: header(frame) };
  const footers = { default: footer() };
  return new Document({
    title: xmlSafe(frame.title),
    subject: xmlSafe(frame.subject),
    creator: xmlSafe(frame.creator) || APP_NAME,
    lastModifiedBy: APP_NAME,
    description: frame.description ? xmlSafe(frame.description) : undefined,
    keywords: frame.keywords,
    // Without computed page numbers Word fills the contents when the file opens (it asks first).
    features: { updateFields: !frame.pageNumbers },
    ...(frame.pageNumbers ? { pageNumbers: estimatePageNumbers(frame.style) } : {}),
    styles: docxStyles(frame.style),
    numbering: docxNumbering(),
    ...(frame.comments ? { comments: frame.comments } : {}),
    sections: frame.parts.map((part) => ({
      properties: { page: pageProperties(frame.style, part.orientation) },
      headers,
      footers,
      children: part.children,
    })),
  });
}

export async function packDocument(frame: DocumentFrame): Promise<Buffer> {
  return Packer.toBuffer(buildDocument(frame));
}
