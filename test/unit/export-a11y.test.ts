// The accessibility checker reads any Word document, not just ours: a badly
// made one (built here) has each of its problems reported with a place a
// person can find, and unsafe or unreadable files are refused with a sentence.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkAccessibility } from '../../electron/services/export/a11y-check';
import { DocxPackage } from '../../electron/services/export/docx-package';
import { exportDocument } from '../../electron/services/export';
import { JfpError } from '../../shared/errors';
import { fixtureData } from '../support/export-fixture';
import { needsLibreOffice } from '../support/libreoffice';
import { solidPng } from '../support/png';

/** A document with every problem the checker knows about. */
async function badDocument(): Promise<Buffer> {
  const doc = new Document({
    // No title in the properties.
    creator: 'Someone',
    styles: {
      default: { document: { run: { font: 'Times New Roman', size: 20, language: { value: 'en-US' } } } },
      paragraphStyles: [{ id: 'BigBold', name: 'Big Bold', basedOn: 'Normal', paragraph: { outlineLevel: 0 }, run: { bold: true, size: 32 } }],
    },
    sections: [
      {
        children: [
          new Paragraph({ style: 'BigBold', children: [new TextRun('Looks like a heading')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Introduction')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun('Skipped a level')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [] }),
          new Paragraph({ children: [new TextRun('Small body text at the default size.')] }),
          new Paragraph({ children: [new TextRun({ text: 'Readable text.', size: 24 })] }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: 'Place', size: 24 })] })] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: 'Fellside', size: 24 })] })] })] }),
            ],
          }),
          new Paragraph({ children: [new ImageRun({ type: 'png', data: solidPng(10, 10, [255, 0, 0]), transformation: { width: 40, height: 40 } })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe('accessibility checker', () => {
  it('reports every problem in a badly made document, with where it is', async () => {
    const report = checkAccessibility(await badDocument());
    expect(report.ok).toBe(false);
    const byRule = (rule: string) => report.problems.filter((p) => p.rule === rule);
    expect(byRule('document-title')).toHaveLength(1);
    expect(byRule('language')[0]?.message).toMatch(/en-US/);
    expect(byRule('heading-style')).toEqual([
      { rule: 'heading-style', message: expect.stringMatching(/"Big Bold" instead of the built-in Heading 1/), location: 'paragraph 1 ("Looks like a heading")' },
    ]);
    expect(byRule('heading-order')).toEqual([
      { rule: 'heading-order', message: 'A level 3 heading follows a level 1 heading, skipping a level.', location: 'paragraph 3 ("Skipped a level")' },
    ]);
    expect(byRule('empty-heading')).toEqual([{ rule: 'empty-heading', message: expect.stringMatching(/empty Heading 2/), location: 'paragraph 4' }]);
    expect(byRule('font-size')).toEqual([
      { rule: 'font-size', message: 'Text is 10 pt; body text should be at least 12 pt.', location: 'paragraph 5 ("Small body text at the default size.")' },
    ]);
    expect(byRule('table-header')).toEqual([{ rule: 'table-header', message: expect.stringMatching(/no header row/), location: 'table 1 (first row "Place")' }]);
    expect(byRule('image-alt-text')).toHaveLength(1);
    expect(report.problems.every((p) => p.location && p.message)).toBe(true);
  });

  it('accepts the app’s own plan and board paper exports', async () => {
    for (const kind of ['plan', 'board_paper'] as const) {
      const { content } = await exportDocument({ data: fixtureData(), options: { kind } });
      expect(checkAccessibility(content as Buffer)).toEqual({ ok: true, problems: [] });
    }
  });

  it('counts the rest of a widespread problem in one line instead of listing hundreds', async () => {
    const doc = new Document({
      title: 'Many tables',
      styles: { default: { document: { run: { size: 24, language: { value: 'en-GB' } } } } },
      sections: [{ children: Array.from({ length: 40 }, () => new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('x')] })] })] })) }],
    });
    const report = checkAccessibility(await Packer.toBuffer(doc));
    expect(report.problems).toHaveLength(26);
    expect(report.problems[25]).toEqual({ rule: 'table-header', message: expect.stringMatching(/^15 more places/), location: 'throughout the document' });
  });

  it('reads a document written by another program (LibreOffice)', async (context) => {
    const soffice = needsLibreOffice(context);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-a11y-'));
    try {
      const { content } = await exportDocument({ data: fixtureData(), options: { format: 'html' } });
      fs.writeFileSync(path.join(dir, 'plan.html'), content as string);
      spawnSync(
        soffice,
        [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, path.join(dir, 'plan.html')],
        { timeout: 120_000 },
      );
      const report = checkAccessibility(fs.readFileSync(path.join(dir, 'plan.docx')));
      // LibreOffice keeps the HTML's h1-h6 as built-in headings in order.
      expect(report.problems.filter((p) => p.rule === 'heading-order' || p.rule === 'heading-style')).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reading a .docx safely', () => {
  const refusal = (fn: () => unknown): JfpError => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(JfpError);
      expect((error as JfpError).code).toBe('invalid_input');
      return error as JfpError;
    }
    throw new Error('expected a refusal');
  };

  it('refuses a file that is not a zip', () => {
    expect(refusal(() => checkAccessibility(Buffer.from('%PDF-1.7 not a Word file'))).message).toMatch(/not a Word document/);
  });

  it('refuses an entry whose declared size is over the limit, before inflating it', async () => {
    const docx = await badDocument();
    const error = refusal(() => DocxPackage.open(docx, { maxEntries: 100, maxEntryBytes: 1000, maxTotalBytes: 10_000_000 }));
    expect(error.message).toMatch(/^The part word\/\S+ says it is [\d.]+ KB uncompressed, over the 1000 bytes limit; the file was not read\.$/);
  });

  it('stops inflating an entry that lies about its size, at the size it declared', () => {
    const xml = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'<w:p/>'.repeat(200_000)}</w:body></w:document>`;
    const zip = zipSync({ 'word/document.xml': strToU8(xml) });
    // Rewrite the central directory's uncompressed size to claim 100 bytes.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let i = zip.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 100, true);
        break;
      }
    }
    const pkg = DocxPackage.open(zip);
    expect(refusal(() => pkg.bytes('word/document.xml')).message).toBe(
      'The part word/document.xml inflates to more than the 100 bytes it says it is; the file was not read.',
    );
  });

  it('refuses XML with a DTD, so no entity is ever expanded', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>`;
    const zip = zipSync({ 'word/document.xml': strToU8(bomb) });
    expect(refusal(() => checkAccessibility(zip)).message).toMatch(/DTD/);
  });
});
