// #14 The PDF, written straight from the document model (pdfkit, Arimo), read
// back as a person and a checker would: tagged (MarkInfo, a structure tree with
// the HTML's headings, lists, tables, figures, links and contents), bookmarks
// that are the headings, the language and title set, fonts embedded with
// ToUnicode, the marking and "Page X of Y" on every page, the contents' page
// numbers right, landscape pages for the wide appendix only, table header rows
// repeated, and characters the font cannot draw reported rather than lost.
// One plan PDF is built for the file; no browser is needed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportDocument, parseExportOptions } from '../../electron/services/export';
import { resolveHouseStyle } from '../../electron/services/export/house-style';
import { planDocument } from '../../electron/services/export/model/build';
import type { Block, DocumentModel } from '../../electron/services/export/model/document';
import type { ExportOptionsInput, ExportSummary, PlanExportData } from '../../shared/export';
import { fixtureData } from '../support/export-fixture';
import { content, paragraph, table, text } from '../support/lexical-builder';
import { htmlText } from '../support/html-text';
import { readPdf, readPdfAccess, readPdfStructure, type PdfAccessFacts, type PdfContent, type PdfStructure } from '../support/pdf-reader';
import { solidPng } from '../support/png';

const LOGO = { pngBase64: solidPng(120, 40, [0, 94, 184]).toString('base64'), altText: 'NHS North Fell Integrated Care Board logo', widthCm: 4 };
const MARKING = 'OFFICIAL | DRAFT - for consultation';

const plain = htmlText;
const squash = (s: string) => s.replace(/\s+/g, '');

/** Every heading of the web page export (h1 to h6), in order: what the PDF's headings and bookmarks must be. */
function htmlHeadings(html: string): { level: number; text: string }[] {
  return [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => ({ level: Number(m[1]), text: plain(m[2]!) }));
}

/** A section added to the fixture: two characters Arimo has no glyph for, and a table long enough to run over pages. */
const LONG_ROWS = 70;
function withLongTable(): PlanExportData {
  const data = fixtureData();
  const rows = [['Measure name', 'Where it stands'], ...Array.from({ length: LONG_ROWS }, (_, i) => [`Measure ${i + 1}`, `Standing ${i + 1} of the long table`])];
  data.sections = [
    ...data.sections,
    {
      id: 'long-table',
      parentId: null,
      title: 'Measures in full',
      depth: 1,
      status: 'approved',
      content: content(paragraph(text('A smile \u{1F600} and a double-struck \u{1D538} the font cannot draw.')), table(rows, { headerRow: true })),
      guidance: '',
    },
  ];
  return data;
}

const OPTIONS: ExportOptionsInput = { kind: 'plan', issueDate: '2026-03-04' };

let data: PlanExportData;
let bytes: Uint8Array;
let summary: ExportSummary;
let html: string;
let model: DocumentModel;
let pdf: PdfContent;
let structure: PdfStructure;
let access: PdfAccessFacts;

beforeAll(async () => {
  data = withLongTable();
  const houseStyle = { logo: LOGO };
  const result = await exportDocument({ data, options: { ...OPTIONS, format: 'pdf' }, houseStyle });
  bytes = result.content as Uint8Array;
  summary = result.summary;
  html = (await exportDocument({ data, options: { ...OPTIONS, format: 'html' }, houseStyle })).content as string;
  model = planDocument(data, parseExportOptions({ ...OPTIONS, format: 'pdf' }), resolveHouseStyle(houseStyle));
  [pdf, structure, access] = await Promise.all([readPdf(bytes), readPdfStructure(bytes), readPdfAccess(bytes)]);
});

/** The body text of each page: the running header and footer taken out. */
const bodyLines = (page: { text: string }) => page.text.split('\n').filter((line) => line.trim() && line !== MARKING && !/^Page \d+ of \d+$/.test(line));

describe('the PDF is accessible (PDF/UA-minded)', () => {
  it('is tagged, with a structure tree, the language, the title shown, and one bookmark per heading, nested as the headings', () => {
    expect(structure.marked).toBe(true);
    for (const role of [
      'Document',
      'H1',
      'H2',
      'H3',
      'P',
      'L',
      'LI',
      'Lbl',
      'LBody',
      'Table',
      'TR',
      'TH',
      'TD',
      'Caption',
      'Figure',
      'Link',
      'BlockQuote',
      'TOC',
      'TOCI',
    ])
      expect(structure.structureRoles, role).toContain(role);
    expect(structure.language).toBe('en-GB');
    expect(structure.title).toBe(model.properties.title);
    expect(access.displayDocTitle).toBe(true);
    expect(access.pdfUa).toBe(true);
    // The bookmarks are the headings of the web page: same text, same order, nested by heading level.
    const headings = htmlHeadings(html);
    expect(headings.length).toBeGreaterThan(15);
    expect(structure.outline.map((o) => o.title)).toEqual(headings.map((h) => h.text));
    expect(structure.outline.map((o) => o.level)).toEqual(headings.map((h) => h.level));
    // And so are the structure's headings, at the web page's levels.
    const tagged = access.tags.filter((t) => /^H[1-6]$/.test(t.role)).map((t) => Number(t.role.slice(1)));
    expect(tagged).toEqual(headings.map((h) => h.level));
    const pages = structure.outline.map((o) => o.page);
    expect(pages.every((p, i) => p >= 1 && (i === 0 || p >= pages[i - 1]!))).toBe(true);
  });

  it('has the document as the root, tables with header cells scoped, links in the structure, tab order by structure', () => {
    expect(access.tags[0]!.role).toBe('Document');
    expect(access.tags[0]!.depth).toBe(0);
    const ths = access.tags.filter((t) => t.role === 'TH');
    expect(ths.length).toBeGreaterThan(10);
    for (const th of ths) expect(['Column', 'Row']).toContain(th.scope);
    for (const table of access.tags.filter((t) => t.role === 'Table')) expect(table.children).toContain('TR');
    // Every link element holds its annotation, and every link annotation is in the structure.
    const links = access.tags.filter((t) => t.role === 'Link');
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(link.annotations).toBeGreaterThan(0);
    expect(access.links.every((l) => l.structParent)).toBe(true);
    expect(access.tabs.every((t) => t === 'S')).toBe(true);
    // The contents is a TOC of TOCI, one per entry.
    const toc = access.tags.find((t) => t.role === 'TOC')!;
    expect(toc.children.every((c) => c === 'TOCI')).toBe(true);
  });

  it('embeds its fonts with ToUnicode maps, so copying text gives the words', () => {
    expect(access.fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of access.fonts) expect(font, font.name).toMatchObject({ toUnicode: true, embedded: true });
    expect(access.fonts.map((f) => f.name).join(' ')).toMatch(/Arimo/);
  });

  it('gives every figure the alt text of the model (the logo, charts)', () => {
    const alts: string[] = [];
    const visit = (blocks: readonly Block[]) => {
      for (const b of blocks) {
        if (b.kind === 'image') alts.push(b.altText);
        if (b.kind === 'figure') alts.push(b.image.altText);
      }
    };
    if (model.titlePage.logo) alts.push(model.titlePage.logo.altText);
    for (const s of model.sections) visit(s.blocks);
    for (const a of model.appendices) visit(a.blocks);
    expect(alts).toContain(LOGO.altText);
    expect(structure.figureAlts).toEqual(alts);
  });

  it('makes links annotations: web and email links as URI actions, the contents as links to the headings', () => {
    const uris = access.links.map((l) => l.uri).filter(Boolean);
    expect(uris).toContain('mailto:digital@northfell.example.nhs.uk');
    expect(uris.some((u) => u!.startsWith('https://'))).toBe(true);
    const anchors = new Set(model.sections.map((s) => s.anchor));
    const dests = access.links.map((l) => l.dest).filter(Boolean);
    expect(dests.length).toBeGreaterThan(10);
    for (const dest of dests) expect(anchors.has(dest!) || model.appendices.some((a) => a.anchor === dest)).toBe(true);
  });
});

describe('the pages', () => {
  it('are A4 with the marking at the top and "Page X of Y" at the foot of every page', () => {
    expect(pdf.pageCount).toBeGreaterThan(8);
    pdf.pages.forEach((page, i) => {
      const lines = page.text.split('\n');
      expect(lines[0]).toBe(MARKING);
      expect(lines).toContain(`Page ${i + 1} of ${pdf.pageCount}`);
      expect([Math.round(Math.min(page.width, page.height)), Math.round(Math.max(page.width, page.height))]).toEqual([595, 842]);
    });
  });

  it('hold every heading and every paragraph and list item of the web page, in order', () => {
    const text = squash(pdf.pages.flatMap(bodyLines).join('\n'));
    let at = 0;
    for (const heading of htmlHeadings(html)) {
      const found = text.indexOf(squash(heading.text), at);
      expect(found, heading.text).toBeGreaterThanOrEqual(at);
      at = found;
    }
    const words = [...html.replace(/<table\b[\s\S]*?<\/table>/g, '').matchAll(/<(p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)]
      .map((m) => plain(m[2]!.split(/<[ou]l\b/)[0]!))
      .filter((t) => t.length > 20 && t !== MARKING && !/[\u{1F600}\u{1D538}]/u.test(t));
    expect(words.length).toBeGreaterThan(20);
    for (const t of words) expect(text).toContain(squash(t));
  });

  it('carry the spaces between words where lines wrap, in the text a screen reader reads (no "to2030/31")', (context) => {
    // What assistive technology reads is the structure tree's text. PDF.js drops a space at a line's end when it
    // extracts text, so poppler's pdfinfo reads the tree (CI installs it; skipped where it is missing).
    const probe = spawnSync('pdfinfo', ['-v'], { encoding: 'utf8' });
    if (probe.error) context.skip('pdfinfo (poppler-utils) is not installed');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-pdf-words-'));
    try {
      const file = path.join(dir, 'plan.pdf');
      fs.writeFileSync(file, bytes);
      const tree = spawnSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(tree.status).toBe(0);
      const spoken = [...tree.stdout.matchAll(/^\s*"(.*)"$/gm)].map((m) => m[1]!.replace(/\s+/g, ' ')).join('\n');
      const paragraphs = [...html.replace(/<table\b[\s\S]*?<\/table>/g, '').matchAll(/<(p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)]
        .map((m) => plain(m[2]!.split(/<[ou]l\b/)[0]!))
        .filter((t) => t.length > 100 && !/[\u{1F600}\u{1D538}]/u.test(t));
      // Long enough to wrap: each has at least one line end inside it.
      expect(paragraphs.length).toBeGreaterThanOrEqual(5);
      for (const t of paragraphs) expect(spoken).toContain(t);
      // A label and its value, and a contents entry and its page number, are read apart too.
      expect(spoken).toMatch(/Date: \d/);
      expect(spoken).toMatch(/^1 [A-Z][a-z]+ \d+$/m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('number the contents with the page each heading is really on', () => {
    const contentsPage = structure.outline.find((o) => o.title === 'Contents')!.page;
    const contents = pdf.pages[contentsPage - 1]!.text.split('\n');
    const entries = [...model.sections.filter((s) => s.level <= 3).map((s) => (s.number ? `${s.number} ${s.title}` : s.title)), ...model.appendices.map((a) => a.title)];
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      const page = structure.outline.find((o) => o.title === entry)!.page;
      expect(page).toBeGreaterThan(contentsPage);
      expect(contents, entry).toContain(`${entry} ${page}`);
    }
  });

  it('are landscape exactly for the wide appendix (the commitments table), portrait before and after', () => {
    const appendix = model.appendices.find((a) => a.landscape)!;
    const start = structure.outline.find((o) => o.title === appendix.title)!.page;
    const next = model.appendices[model.appendices.indexOf(appendix) + 1]!;
    const end = structure.outline.find((o) => o.title === next.title)!.page;
    structure.pageSizes.forEach((size, i) => {
      const landscape = i + 1 >= start && i + 1 < end;
      expect(size.width > size.height, `page ${i + 1}`).toBe(landscape);
    });
    expect(pdf.pages[start - 1]!.text).toContain('Lead organisation');
  });

  it('repeat a long table’s header row at the top of every page it runs on', () => {
    const pages = pdf.pages.map((p, i) => ({ i, lines: bodyLines(p) })).filter((p) => p.lines.some((l) => /^Measure \d+ /.test(l)));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages.slice(1)) expect(page.lines[0], `page ${page.i + 1}`).toBe('Measure name Where it stands');
    // Every row is there once.
    const rows = pages.flatMap((p) => p.lines.filter((l) => /^Measure \d+ /.test(l)));
    expect(rows).toHaveLength(LONG_ROWS);
    // The repeated header rows are artifacts: the structure has the header cells once.
    const table = access.tags.filter((t) => t.role === 'TH' && t.scope === 'Column');
    expect(table.length).toBeLessThan(60);
  });

  it('draws a character the font cannot draw as a visible mark and says so once in the summary', () => {
    expect(pdf.text).toContain('A smile \uFFFD and a double-struck \uFFFD the font cannot draw.');
    const warnings = summary.warnings.filter((w) => w.message.includes('cannot draw'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ sectionId: 'long-table', sectionTitle: expect.stringContaining('Measures in full') });
    expect(warnings[0]!.message).toMatch(/^2 characters .*U\+1F600, U\+1D538/);
  });
});

describe('a house style in Frutiger', () => {
  it('is set in Arimo in the PDF, and the summary says so (Frutiger cannot be embedded)', async () => {
    const result = await exportDocument({ data: fixtureData(), options: { ...OPTIONS, format: 'pdf' }, houseStyle: { font: 'Frutiger' } });
    expect(result.summary.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/set in Arimo.*Frutiger is licensed/));
    const fonts = (await readPdfAccess(result.content as Uint8Array)).fonts;
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font.name).toMatch(/Arimo/);
    // The plan's own house style (Arial) needs no such note.
    expect(summary.warnings.map((w) => w.message).join(' ')).not.toMatch(/set in Arimo/);
  });
});

describe('long content', () => {
  it('paginates a 1 MB paragraph and a table cell taller than a page, losing no words', async () => {
    const big = fixtureData();
    const words = Array.from({ length: 150_000 }, (_, i) => (i % 997 === 0 ? `marker${i}` : 'integrated')).join(' ');
    expect(words.length).toBeGreaterThan(1_000_000);
    const cell = Array.from({ length: 1500 }, (_, i) => `cell${i}`).join(' ');
    big.sections = [
      {
        id: 'huge',
        parentId: null,
        title: 'A very long section',
        depth: 1,
        status: 'approved',
        content: content(
          paragraph(text(words)),
          table([
            ['Heading one', 'Heading two'],
            ['Short', cell],
          ]),
        ),
        guidance: '',
      },
    ];
    const result = await exportDocument({ data: big, options: { kind: 'plan', format: 'pdf', includeCommitments: false, includeHwbOpinions: false } });
    const bytes = result.content as Uint8Array;
    const count = (await readPdf(bytes, [1])).pageCount;
    expect(count).toBeGreaterThan(200);
    // The first pages of the section and the last ones (reading all of them would make the test slow).
    const wanted = [3, 4, ...Array.from({ length: 14 }, (_, i) => count - 13 + i)];
    const read = await readPdf(bytes, wanted);
    expect(read.pages[2]!.text).toContain('marker0');
    expect(read.pages[3]!.text).toContain('integrated integrated');
    for (const marker of ['marker149550', 'cell0', 'cell700', 'cell1499']) expect(read.text).toContain(marker);
    // The tall row is split between its lines over pages, the header row at the top of each page after the first.
    const cellPages = read.pages.filter((p) => /cell\d/.test(p.text));
    expect(cellPages.length).toBeGreaterThan(3);
    for (const page of cellPages.slice(1)) expect(bodyLines(page)[0]).toBe('Heading one Heading two');
  }, 60_000);
});
