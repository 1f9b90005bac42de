// The frame every Word export shares: styles and numbering from the house
// style, the header (protective marking, and DRAFT until the plan is final),
// the "Page X of Y" footer, core properties (title, creator, last modified by),
// fields updated when Word opens the file, and the logo as an image with alt
// text. Parts of the body may be landscape (wide delivery tables).
import { AlignmentType, Document, Footer, Header, ImageRun, Packer, PageNumber, Paragraph, TextRun, type FileChild, type ICommentOptions } from 'docx';
import type { HouseStyle } from '../../../shared/export';
import { docxNumbering, docxStyles, pageProperties, STYLE } from './docx-styles';
import { xmlSafe } from './content-nodes';

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
    features: { updateFields: true },
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

/** Pixel size of a PNG from its header, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 && width < 100_000 && height < 100_000 ? { width, height } : null;
}

/** The house-style logo as a paragraph, or null when there is none (or it is not a readable PNG). */
export function logoParagraph(style: HouseStyle, onProblem: (message: string) => void): Paragraph | null {
  if (!style.logo) return null;
  const bytes = Buffer.from(style.logo.pngBase64, 'base64');
  const size = pngSize(bytes);
  if (!size) {
    onProblem('The logo in the house style is not a readable PNG image, so it was left out.');
    return null;
  }
  const width = Math.round((style.logo.widthCm / 2.54) * 96);
  const height = Math.max(1, Math.round((width * size.height) / size.width));
  const alt = xmlSafe(style.logo.altText);
  return new Paragraph({
    children: [new ImageRun({ type: 'png', data: bytes, transformation: { width, height }, altText: { name: 'Logo', title: alt, description: alt } })],
    spacing: { after: 240 },
  });
}
