// The document model (a plan or a board paper) as one accessible, self-contained HTML file:
// lang="en-GB", inline CSS with print rules for A4, no scripts (and a content
// security policy that forbids them), a contents nav linking to each section's
// id, semantic headings, lists and tables with th scope; printed from a browser,
// its own CSS gives A4 pages with the marking and page numbers. (The PDF export
// is drawn from the same document model by pdf-writer.ts, not printed from this.)
import type { ExportResult, ExportWarning, HouseStyle } from '../../../shared/export';
import { headerText } from './docx-document';
import { blocksToHtml, escapeHtml, htmlHeadingLevel } from './html-blocks';
import { CONTENTS_TITLE } from './model/build';
import { sectionHeadingText, type DocumentModel, type DocumentSection } from './model/document';

const hex = (colour: string) => `#${colour}`;

/** A CSS string literal: quotes, backslashes, line breaks and angle brackets escaped, so no text can end the rule or the style element. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"\n\r<>]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;
}

/**
 * The running header and footer of every printed page, as CSS page-margin boxes: the protective marking (and DRAFT)
 * at the top, "Page X of Y" at the foot. Chromium lays these out with the page itself; the header and footer
 * templates of page.pdf / printToPDF cost a separate small document per page (about 40% of the printing time of
 * the 300,000-word plan, test/bench/export-bench.ts). The text printed is the same.
 */
function runningHeadStyle(marking: string, style: HouseStyle): string {
  const small = `font-family: Arial, "Liberation Sans", sans-serif; font-size: 10pt; color: ${hex(style.textColour)};`;
  return `@page {
  @top-center { content: ${cssString(marking)}; ${small} font-weight: bold; vertical-align: middle; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); ${small} vertical-align: middle; }
}`;
}

function stylesheet(style: HouseStyle, marking: string): string {
  const font = style.font === 'Arial' ? 'Arial, "Liberation Sans", Helvetica, sans-serif' : `"${style.font}", Arial, "Liberation Sans", sans-serif`;
  return `
@page { size: A4; margin: ${style.page.marginCm}cm; }
@page wide { size: A4 landscape; }
${runningHeadStyle(marking, style)}
html { font-family: ${font}; font-size: ${style.bodySizePt}pt; line-height: 1.45; color: ${hex(style.textColour)}; background: #fff; }
body { margin: 0 auto; max-width: 46em; padding: 1.5em; }
h1, h2, h3, h4, h5, h6 { color: ${hex(style.headingColour)}; line-height: 1.2; margin: 1.2em 0 0.5em; break-after: avoid; page-break-after: avoid; }
/* Chromium names a PDF bookmark from the heading's laid-out lines and drops a collapsed space where it wraps
   ("Boardopinions"); a preserved space (pre-wrap) stays in the bookmark, and the text wraps just the same. */
h1, h2, h3, h4, h5, h6 { white-space: pre-wrap; }
h1 { font-size: ${style.headingSizesPt.title}pt; }
h2 { font-size: ${style.headingSizesPt.h1}pt; }
h3 { font-size: ${style.headingSizesPt.h2}pt; }
h4 { font-size: ${style.headingSizesPt.h3}pt; }
h5, h6 { font-size: ${style.headingSizesPt.h4}pt; }
p, li { margin: 0 0 0.6em; }
a { color: ${hex(style.headingColour)}; }
a:focus { outline: 3px solid #FFB81C; background: #FFB81C; color: #212B32; }
.underline { text-decoration: underline; }
.centre { text-align: center; }
.right { text-align: right; }
blockquote { margin: 1em 0; padding: 0.2em 1em; border-left: 6px solid ${hex(style.accentColour)}; font-style: italic; }
.marking { text-align: center; font-weight: bold; margin: 0 0 1em; }
.title-page .organisation, .title-page .period { font-size: ${style.headingSizesPt.h2}pt; margin: 0.3em 0; }
.title-page dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
.title-page dt { font-weight: bold; }
.title-page dd { margin: 0; }
nav ol { list-style: none; padding-left: 1.2em; margin: 0; }
nav li { margin: 0.3em 0 0; }
nav > ol { padding-left: 0; }
.guidance { background: ${hex(style.shadingColour)}; border: 1px solid ${hex(style.borderColour)}; padding: 0.5em 0.8em; margin: 0 0 1em; }
.note { font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1em; }
th, td { border: 1px solid ${hex(style.borderColour)}; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
thead th { background: ${hex(style.accentColour)}; color: #fff; }
tbody th { background: ${hex(style.shadingColour)}; }
caption { text-align: left; font-weight: bold; padding: 0 0 0.4em; }
caption.heading-caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; padding: 0; }
table.compact { table-layout: fixed; }
table.compact th, table.compact td { padding: 0.15em 0.35em; overflow-wrap: anywhere; }
td p, th p { margin: 0; }
.logo { display: block; margin: 0 0 1em; }
/* On screen, a part of the page out of view is not laid out until it scrolls near: loading the 300,000-word plan
   (to read it, or to print it, which lays it out again at the page's width anyway) takes about 40% less work.
   Printing ignores it: every part is printed. The estimate keeps the scroll bar near right until a part is seen. */
@media screen {
  main > * { content-visibility: auto; contain-intrinsic-size: auto 8em; }
}
@media print {
  body { max-width: none; padding: 0; }
  .marking { display: none; }
  .chapter { break-before: page; page-break-before: always; }
  .wide { page: wide; }
  tr, blockquote, .guidance { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: ${hex(style.textColour)}; }
  /* A board paper's cover sheet fits page 1 as Word's does: the paper's title above it a little smaller, the table
     single-spaced at 10pt, lists in its cells without the space between items. Long values continue on page 2. */
  .title-page.above-cover h1 { font-size: ${Math.min(style.headingSizesPt.title, 24)}pt; margin-top: 0; }
  .cover-sheet h2 { margin-top: 0.6em; }
  .cover-sheet table { font-size: 10pt; line-height: 1.25; }
  .cover-sheet ul, .cover-sheet ol { margin: 0; padding-left: 1.2em; }
  .cover-sheet li { margin: 0; }
}`;
}

export interface Page {
  title: string;
  description: string;
  marking: string;
  body: string[];
}

/** One self-contained page in the export's style (#13: the consultation report uses it too). */
export function standalonePage(doc: Page, style: HouseStyle): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${escapeHtml(doc.description)}">
<meta name="generator" content="JFP Studio">
<title>${escapeHtml(doc.title)}</title>
<style>${stylesheet(style, doc.marking)}</style>
</head>
<body>
<header><p class="marking">${escapeHtml(doc.marking)}</p></header>
<main>
${doc.body.join('\n')}
</main>
</body>
</html>
`;
}

function sectionHtml(section: DocumentSection): string {
  const h = htmlHeadingLevel(section.level);
  const parts = [`<h${h} id="${escapeHtml(section.anchor)}"${section.startsPage ? ' class="chapter"' : ''}>${escapeHtml(sectionHeadingText(section))}</h${h}>`];
  if (section.guidance.length) {
    parts.push(`<aside class="guidance" aria-label="Guidance"><p><strong>Guidance:</strong> ${section.guidance.map(escapeHtml).join('<br>')}</p></aside>`);
  }
  parts.push(blocksToHtml(section.blocks));
  return parts.join('\n');
}

/** Nested ordered lists following the outline levels (which never skip). */
function contentsNav(entries: readonly { level: number; anchor: string; text: string }[]): string {
  if (!entries.length) return '';
  let html = `<nav aria-labelledby="contents-heading">\n<h2 id="contents-heading">${CONTENTS_TITLE}</h2>\n<ol>`;
  let depth = 1;
  entries.forEach((entry, i) => {
    if (i > 0) {
      if (entry.level > depth) html += '<ol>';
      else {
        html += '</li>';
        for (; depth > entry.level; depth--) html += '</ol></li>';
      }
    }
    depth = entry.level;
    html += `<li><a href="#${escapeHtml(entry.anchor)}">${escapeHtml(entry.text)}</a>`;
  });
  html += '</li>';
  for (; depth > 1; depth--) html += '</ol></li>';
  return `${html}</ol>\n</nav>`;
}

function titlePageHtml(model: DocumentModel): string {
  const page = model.titlePage;
  const details = page.details.length ? `<dl>\n${page.details.map((d) => `<dt>${escapeHtml(d.label)}</dt><dd>${escapeHtml(d.value)}</dd>`).join('\n')}\n</dl>` : '';
  return [
    `<section class="title-page${model.cover ? ' above-cover' : ''}" aria-labelledby="plan-title">`,
    page.logo ? blocksToHtml([page.logo]) : '',
    page.organisation ? `<p class="organisation">${escapeHtml(page.organisation)}</p>` : '',
    `<h1 id="plan-title">${escapeHtml(page.title)}</h1>`,
    page.period ? `<p class="period">${escapeHtml(page.period)}</p>` : '',
    details,
    page.preparedBy ? `<p>${escapeHtml(page.preparedBy)}</p>` : '',
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The document model as one self-contained, accessible HTML page. */
export function documentToHtml(model: DocumentModel, style: HouseStyle): ExportResult<string> {
  const warnings: ExportWarning[] = [...model.warnings];
  if (model.threads) warnings.unshift({ sectionId: null, sectionTitle: '', message: 'Reviewers’ comments are only included in Word exports; this web page has none.' });
  const body = [titlePageHtml(model)];
  // #14 cover continuation: what of long values did not fit the cover sheet starts a new printed page under its
  // heading (the print rule of .chapter), as in Word, rather than running on below the table.
  if (model.cover) {
    // The cover sheet is a region of its own, named by its heading, so print can set it compactly (it fits page 1).
    body.push(
      `<section class="cover-sheet" aria-labelledby="${escapeHtml(model.cover.anchor)}">`,
      `<h2 id="${escapeHtml(model.cover.anchor)}">${escapeHtml(model.cover.heading)}</h2>`,
      blocksToHtml([model.cover.table]),
      '</section>',
    );
    if (model.cover.continuation.length) body.push(`<div class="chapter cover-continuation">\n${blocksToHtml(model.cover.continuation)}\n</div>`);
  }
  if (model.contents) {
    body.push(
      contentsNav([
        ...model.sections.filter((s) => s.level <= 3).map((s) => ({ level: s.level, anchor: s.anchor, text: sectionHeadingText(s) })),
        ...model.appendices.map((a) => ({ level: 1, anchor: a.anchor, text: a.title })),
      ]),
    );
  }
  if (model.noSectionsNote) body.push(`<p class="note">${escapeHtml(model.noSectionsNote)}</p>`);
  for (const section of model.sections) body.push(sectionHtml(section));
  // Each appendix starts a page when printed.
  // Wide appendices (the commitments table) print on landscape pages, as in Word.
  for (const appendix of model.appendices)
    body.push(
      `<section class="chapter${appendix.landscape ? ' wide' : ''}" aria-labelledby="${escapeHtml(appendix.anchor)}">`,
      `<h2 id="${escapeHtml(appendix.anchor)}">${escapeHtml(appendix.title)}</h2>`,
      blocksToHtml(appendix.blocks),
      '</section>',
    );
  const content = standalonePage(
    {
      title: model.properties.title,
      description: model.properties.description,
      marking: headerText(model.marking.protectiveMarking, model.marking.draft),
      body,
    },
    style,
  );
  return { content, summary: { kind: model.kind, format: 'html', sectionCount: model.sections.length, commentCount: 0, warnings } };
}
