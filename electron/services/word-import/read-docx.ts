// #16 Word import: reading a .docx someone chose, without trusting it. The
// file's size is checked before it is read; what it really is (a PDF renamed,
// a password-protected file, an old .doc, an OOXML Strict document) is told
// from its first bytes and its parts; every part is inflated once through the
// zip reader the export uses (zip-reader.ts: sizes held to what the package
// declares, inside a budget), so a zip bomb is refused before mammoth's own
// unzip sees it. Then mammoth maps Word's styles to HTML.
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { JfpError } from '../../../shared/errors';
import { formatBytes, ZipReader, type ZipBudget } from '../export/zip-reader';

/** The largest .docx imported (a 540-page plan with charts is about 10 MB). */
export const MAX_DOCX_BYTES = 60 * 1024 * 1024;

const BUDGET: ZipBudget = { maxEntries: 5000, maxEntryBytes: 300 * 1024 * 1024, maxTotalBytes: 600 * 1024 * 1024 };

/** Word's styles to the HTML the converter reads; underline is not mapped by mammoth unless asked. */
const STYLE_MAP = [
  'u => u',
  'strike => s',
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
];

export interface ReadDocx {
  html: string;
  /** mammoth's warnings worth telling a person, one sentence each. */
  notCarried: string[];
}

const refuse = (message: string) => new JfpError('invalid_input', message);

function checkWhatItIs(bytes: Buffer, name: string): void {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-')
    throw refuse(`${name} is a PDF, not a Word document; nothing was imported. Open it in Word and save it as a .docx first.`);
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw refuse(
      `${name} is password-protected or is an older Word file (.doc); nothing was imported. Remove the password, or save it as a Word document (.docx), and try again.`,
    );
  }
  if (bytes.subarray(0, 2).toString('latin1') !== 'PK') throw refuse(`${name} is not a Word document (.docx); nothing was imported.`);
}

function checkPackage(bytes: Buffer, name: string): void {
  const zip = ZipReader.open(bytes, BUDGET);
  if (zip.has('EncryptedPackage') || zip.has('EncryptionInfo'))
    throw refuse(`${name} is password-protected; nothing was imported. Remove the password in Word and try again.`);
  if (!zip.has('word/document.xml') && !zip.names().some((n) => /^word\/document\d*\.xml$/.test(n))) {
    throw refuse(`${name} is a zip file but not a Word document (it has no document part); nothing was imported.`);
  }
  // Every part once, within the budget: what mammoth unzips next has been held to its declared size.
  for (const part of zip.names()) if (!part.endsWith('/')) zip.read(part);
  const head = Buffer.from(zip.read('[Content_Types].xml')).toString('utf8') + Buffer.from(zip.read('word/document.xml').subarray(0, 4096)).toString('utf8');
  if (head.includes('http://purl.oclc.org/ooxml/wordprocessingml/main')) {
    throw refuse(
      `${name} is saved in the “Strict Open XML” format, which this app cannot read; nothing was imported. In Word, use Save As and choose “Word Document (*.docx)”, then import that copy.`,
    );
  }
}

export async function readDocx(file: string): Promise<ReadDocx> {
  const name = path.basename(file);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new JfpError('not_found', `${name} could not be found; nothing was imported.`);
  }
  if (size > MAX_DOCX_BYTES) {
    throw refuse(
      `${name} is ${formatBytes(size)}, over the ${formatBytes(MAX_DOCX_BYTES)} a Word document to import may be; nothing was imported. Remove large images from it first.`,
    );
  }
  if (size === 0) throw refuse(`${name} is empty; nothing was imported.`);
  const bytes = fs.readFileSync(file);
  checkWhatItIs(bytes, name);
  checkPackage(bytes, name);
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.convertToHtml({ buffer: bytes }, { styleMap: STYLE_MAP, includeDefaultStyleMap: true });
  } catch (error) {
    throw refuse(`${name} could not be read as a Word document (${(error as Error).message.slice(0, 200)}); nothing was imported.`);
  }
  const notCarried = new Set<string>();
  for (const message of result.messages) {
    // Paragraph and character styles the map does not name are kept as ordinary text: nothing is lost.
    if (/^Unrecognised (paragraph|run) style/.test(message.message)) continue;
    notCarried.add(`Word said: ${message.message.slice(0, 300)}`);
  }
  return { html: result.value, notCarried: [...notCarried] };
}
