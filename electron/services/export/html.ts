// The plan (or a board paper) as one accessible, self-contained HTML file:
// lang="en-GB", inline CSS with print rules for A4, no scripts (and a content
// security policy that forbids them), a contents nav linking to each section's
// id, semantic headings, lists and tables with th scope. PDF is printed from it
// (Chromium: Playwright's page.pdf in tests, webContents.printToPDF in the app),
// with pdfPrintOptions giving the running header and page numbers.
import { formatPeriod } from '../../../shared/domain';
import type { BoardPaperTemplate, ExportOptions, ExportResult, ExportWarning, HouseStyle, PlanExportData } from '../../../shared/export';
import { COMMITMENT_COLUMNS, COMMITMENTS_TITLE, HWB_INTRO, HWB_OUTSTANDING, HWB_TITLE, properAccountSentence } from './appendices-docx';
import { fallbackParagraphs, readContent, UnsupportedContentError } from './content-nodes';
import { coverSheet, DEFAULT_BOARD_PAPER_TEMPLATE, type CoverSheet } from './cover-sheet';
import { headerText } from './docx-document';
import { formatLongDate, todayIso } from './house-style';
import { contentToHtml, escapeHtml, htmlHeadingLevel } from './lexical-to-html';
import { headingText, planOutline, type OutlineEntry } from './outline';
import { CONTENTS_TITLE, planSubject, versionLabel } from './plan-docx';

const hex = (colour: string) => `#${colour}`;

function stylesheet(style: HouseStyle): string {
  const font = style.font === 'Arial' ? 'Arial, "Liberation Sans", Helvetica, sans-serif' : `"${style.font}", Arial, "Liberation Sans", sans-serif`;
  return `
@page { size: A4; margin: ${style.page.marginCm}cm; }
html { font-family: ${font}; font-size: ${style.bodySizePt}pt; line-height: 1.45; color: ${hex(style.textColour)}; background: #fff; }
body { margin: 0 auto; max-width: 46em; padding: 1.5em; }
h1, h2, h3, h4, h5, h6 { color: ${hex(style.headingColour)}; line-height: 1.2; margin: 1.2em 0 0.5em; break-after: avoid; page-break-after: avoid; }
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
td p, th p { margin: 0; }
.logo { display: block; margin: 0 0 1em; }
@media print {
  body { max-width: none; padding: 0; }
  .marking { display: none; }
  .chapter { break-before: page; page-break-before: always; }
  tr, blockquote, .guidance { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: ${hex(style.textColour)}; }
}`;
}

interface Page {
  title: string;
  description: string;
  marking: string;
  body: string[];
}

function page(doc: Page, style: HouseStyle): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${escapeHtml(doc.description)}">
<meta name="generator" content="JFP Studio">
<title>${escapeHtml(doc.title)}</title>
<style>${stylesheet(style)}</style>
</head>
<body>
<p class="marking">${escapeHtml(doc.marking)}</p>
<main>
${doc.body.join('\n')}
</main>
</body>
</html>
`;
}

function logo(style: HouseStyle): string {
  if (!style.logo) return '';
  const widthPx = Math.round((style.logo.widthCm / 2.54) * 96);
  return `<img class="logo" src="data:image/png;base64,${style.logo.pngBase64}" alt="${escapeHtml(style.logo.altText)}" width="${widthPx}">`;
}

function paragraphsHtml(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');
}

function sectionHtml(entry: OutlineEntry, index: number, options: ExportOptions, warnings: ExportWarning[], chapters: boolean): string {
  const { section } = entry;
  const warn = (message: string) => warnings.push({ sectionId: section.id, sectionTitle: section.title, message });
  const h = htmlHeadingLevel(entry.level);
  const chapter = chapters ? entry.level === 1 : index === 0;
  const parts = [`<h${h} id="${entry.anchor}"${chapter ? ' class="chapter"' : ''}>${escapeHtml(headingText(entry))}</h${h}>`];
  if (options.includeGuidance && section.guidance.trim()) {
    parts.push(`<aside class="guidance" aria-label="Guidance"><p><strong>Guidance:</strong> ${escapeHtml(section.guidance.trim())}</p></aside>`);
  }
  const read = readContent(section.content);
  let body: string | null = null;
  let reason = read.ok ? '' : read.reason;
  if (read.ok) {
    try {
      body = contentToHtml(read.root, { sectionLevel: entry.level, warn });
    } catch (error) {
      if (!(error instanceof UnsupportedContentError)) throw error;
      reason = error.reason;
    }
  }
  if (body === null) {
    const paragraphs = fallbackParagraphs(read.ok ? read.root : read.value);
    if (paragraphs.length) {
      warn(`This section was exported as plain text, without its formatting, because ${reason}.`);
      body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
    } else {
      warn(`This section's text could not be exported because ${reason}; only its title is included. Open the section in JFP Studio to check it.`);
      body = '<p class="note">The text of this section could not be included in this export.</p>';
    }
  }
  parts.push(body);
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
    html += `<li><a href="#${entry.anchor}">${escapeHtml(entry.text)}</a>`;
  });
  html += '</li>';
  for (; depth > 1; depth--) html += '</ol></li>';
  return `${html}</ol>\n</nav>`;
}

function commitmentsHtml(data: PlanExportData, title: string): string {
  const head = COMMITMENT_COLUMNS.map((c) => `<th scope="col">${escapeHtml(c.heading)}</th>`).join('');
  const rows = data.commitments
    .map((commitment) => `<tr>${COMMITMENT_COLUMNS.map((c) => `<td>${escapeHtml(c.text(commitment))}</td>`).join('')}</tr>`)
    .join('\n');
  const table = data.commitments.length
    ? `<table>\n<caption>${escapeHtml(COMMITMENTS_TITLE)}: what we will deliver, how we will measure it, and who leads it</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`
    : '<p>No delivery commitments have been recorded for this plan yet.</p>';
  return `<h2 id="delivery-commitments" class="chapter">${escapeHtml(title)}</h2>\n${table}`;
}

function hwbHtml(data: PlanExportData, title: string): string {
  const parts = [
    `<h2 id="hwb-opinions" class="chapter">${escapeHtml(title)}</h2>`,
    `<p>${escapeHtml(HWB_INTRO)}</p>`,
  ];
  if (!data.hwbOpinions.length) parts.push('<p>No Health and Wellbeing Board opinions have been recorded yet.</p>');
  for (const opinion of data.hwbOpinions) {
    parts.push(`<h3>${escapeHtml(opinion.board)}</h3>`);
    if (opinion.receivedOn) parts.push(`<p class="note">Opinion received ${escapeHtml(formatLongDate(opinion.receivedOn))}.</p>`);
    const view = properAccountSentence(opinion.takesProperAccount);
    if (view) parts.push(`<p><strong>${escapeHtml(view)}</strong></p>`);
    parts.push(paragraphsHtml(opinion.opinion) || (view ? '' : `<p>${escapeHtml(HWB_OUTSTANDING)}</p>`));
  }
  return parts.join('\n');
}

interface Appendix {
  anchor: string;
  title: string;
  html: string;
}

function appendices(data: PlanExportData, options: ExportOptions, numbered: boolean): Appendix[] {
  const out: Appendix[] = [];
  const name = (title: string) => (numbered ? `Appendix ${String.fromCharCode(65 + out.length)}: ${title}` : title);
  if (options.includeCommitments) {
    const title = name(COMMITMENTS_TITLE);
    out.push({ anchor: 'delivery-commitments', title, html: commitmentsHtml(data, title) });
  }
  if (options.includeHwbOpinions) {
    const title = name(HWB_TITLE);
    out.push({ anchor: 'hwb-opinions', title, html: hwbHtml(data, title) });
  }
  return out;
}

function bodyParts(data: PlanExportData, options: ExportOptions, warnings: ExportWarning[], chapters: boolean, numberedAppendices: boolean) {
  const outline = planOutline(data.sections, options.sections, options.numberHeadings);
  if (!outline.length) warnings.push({ sectionId: null, sectionTitle: '', message: 'No sections matched the export filter, so the document has no plan sections.' });
  const extra = appendices(data, options, numberedAppendices);
  const nav = contentsNav([
    ...outline.filter((e) => e.level <= 3).map((e) => ({ level: e.level, anchor: e.anchor, text: headingText(e) })),
    ...extra.map((a) => ({ level: 1, anchor: a.anchor, text: a.title })),
  ]);
  const sections = outline.map((entry, i) => sectionHtml(entry, i, options, warnings, chapters));
  return { outline, nav, sections, appendices: extra.map((a) => a.html) };
}

function commentsNotInHtml(warnings: ExportWarning[]): void {
  warnings.push({ sectionId: null, sectionTitle: '', message: 'Reviewers’ comments are only included in Word exports; this web page has none.' });
}

export function planToHtml(data: PlanExportData, options: ExportOptions, style: HouseStyle): ExportResult<string> {
  const { plan } = data;
  const warnings: ExportWarning[] = [];
  if (options.includeComments) commentsNotInHtml(warnings);
  const { outline, nav, sections, appendices: extra } = bodyParts(data, options, warnings, true, options.numberHeadings);
  const titlePage = `<section class="title-page" aria-labelledby="plan-title">
${logo(style)}
<p class="organisation">${escapeHtml(style.organisationName || plan.icbName)}</p>
<h1 id="plan-title">${escapeHtml(plan.title)}</h1>
${plan.title.includes(formatPeriod(plan.startYear, plan.endYear)) ? '' : `<p class="period">${escapeHtml(formatPeriod(plan.startYear, plan.endYear))}</p>`}
<dl>
<dt>Version</dt><dd>${escapeHtml(versionLabel(plan, options))}</dd>
<dt>Date</dt><dd>${escapeHtml(formatLongDate(options.issueDate ?? todayIso()))}</dd>
<dt>Protective marking</dt><dd>${escapeHtml(plan.protectiveMarking)}</dd>
<dt>Status</dt><dd>${plan.isFinal ? 'Final' : 'Draft for consultation'}</dd>
</dl>
</section>`;
  const content = page(
    {
      title: plan.title,
      description: `${planSubject(plan)} for ${plan.icbName}`,
      marking: headerText(plan.protectiveMarking, !plan.isFinal),
      body: [titlePage, nav, ...sections, ...extra],
    },
    style,
  );
  return { content, summary: { kind: 'plan', format: 'html', sectionCount: outline.length, commentCount: 0, warnings } };
}

function coverHtml(sheet: CoverSheet): string {
  const rows = sheet.rows
    .map((row) => {
      const value = row.missing
        ? `<p class="note">${escapeHtml(row.lines[0]!)}</p>`
        : row.field.kind === 'list'
          ? `<ul>${row.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
          : row.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('');
      return `<tr><th scope="row">${escapeHtml(row.field.label)}</th><td>${value}</td></tr>`;
    })
    .join('\n');
  return `<h2 id="cover-sheet">${escapeHtml(sheet.heading)}</h2>
<table class="cover">
<thead><tr><th scope="col">${escapeHtml(sheet.columnHeadings[0])}</th><th scope="col">${escapeHtml(sheet.columnHeadings[1])}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

export function boardPaperToHtml(input: { data: PlanExportData; options: ExportOptions; style: HouseStyle; cover: unknown; template?: BoardPaperTemplate }): ExportResult<string> {
  const { data, options, style } = input;
  const { plan } = data;
  const sheet = coverSheet(input.template ?? DEFAULT_BOARD_PAPER_TEMPLATE, input.cover, plan);
  const warnings: ExportWarning[] = sheet.missingRequired.map((message) => ({ sectionId: null, sectionTitle: sheet.heading, message }));
  if (options.includeComments) commentsNotInHtml(warnings);
  const { outline, sections, appendices: extra } = bodyParts(data, options, warnings, false, false);
  const content = page(
    {
      title: sheet.title,
      description: `${sheet.heading}: ${sheet.title}`,
      marking: headerText(plan.protectiveMarking, !plan.isFinal),
      body: [
        logo(style),
        `<p class="organisation">${escapeHtml(style.organisationName || plan.icbName)}</p>`,
        `<h1>${escapeHtml(sheet.title)}</h1>`,
        coverHtml(sheet),
        ...sections,
        ...extra,
      ],
    },
    style,
  );
  return { content, summary: { kind: 'board_paper', format: 'html', sectionCount: outline.length, commentCount: 0, warnings } };
}

/**
 * Print settings for turning the HTML into PDF in Chromium: A4, the house
 * margins, the protective marking (and DRAFT) at the top of every page and
 * "Page X of Y" at the foot. Shaped for Playwright's page.pdf; Electron's
 * printToPDF takes the same templates (margins in inches there).
 */
export function pdfPrintOptions(data: PlanExportData, style: HouseStyle) {
  const marking = escapeHtml(headerText(data.plan.protectiveMarking, !data.plan.isFinal));
  const small = `font-family: Arial, sans-serif; font-size: 10pt; width: 100%; text-align: center; color: #${style.textColour};`;
  const margin = `${style.page.marginCm}cm`;
  return {
    format: 'A4' as const,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: `<div style="${small} font-weight: bold;">${marking}</div>`,
    footerTemplate: `<div style="${small}">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
    margin: { top: margin, bottom: margin, left: margin, right: margin },
  };
}
