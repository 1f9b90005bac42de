// The accessible HTML export: one self-contained file (inline CSS, no scripts)
// in en-GB with a contents nav, semantic headings, lists and tables, content
// always escaped and links limited to web and email. Printed to PDF by
// Chromium as the app does, it keeps every heading, the marking and page numbers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../electron/services/browser';
import { exportDocument } from '../../electron/services/export';
import type { ExportOptionsInput, PlanExportData } from '../../shared/export';
import { fixtureData, FIXTURE_COVER } from '../support/export-fixture';
import { content, link, paragraph, table, text } from '../support/lexical-builder';
import { readPdf } from '../support/pdf-reader';

async function html(options: ExportOptionsInput = {}, data: PlanExportData = fixtureData()) {
  const result = await exportDocument({ data, options: { format: 'html', issueDate: '2026-03-04', ...options }, cover: FIXTURE_COVER });
  return { ...result, html: result.content as string };
}

describe('HTML export', () => {
  it('is one self-contained en-GB page with no scripts', async () => {
    const { html: page } = await html();
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(page).toContain('<title>North Fell Joint Forward Plan</title>');
    expect(page).not.toMatch(/<script|<link|src="http|url\(http|\son\w+=/i);
    expect(page).toContain("default-src 'none'");
    expect(page).toMatch(/@page \{ size: A4; margin: 2.5cm; \}/);
  });

  it('has a contents nav linking to an id on every section heading', async () => {
    const { html: page } = await html();
    const nav = /<nav aria-labelledby="contents-heading">([\s\S]*?)<\/nav>/.exec(page)![1]!;
    const targets = [...nav.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(targets.length).toBe(12 + 2); // sections at levels 1-3, and the two appendices
    for (const id of targets) expect(page).toContain(`id="${id}"`);
    expect(nav).toContain('<a href="#section-s6">3.1 Start well</a><ol><li><a href="#section-s7">3.1.1 Children and young people</a></li></ol>');
  });

  it('uses semantic headings, nested lists and tables with header cells', async () => {
    const { html: page } = await html();
    expect(page).toContain('<h1 id="plan-title">North Fell Joint Forward Plan</h1>');
    expect(page).toContain('<h3 id="section-s6">3.1 Start well</h3>');
    expect(page).toContain('<h4>Why this matters for our population</h4>');
    expect(page).toContain('<h5 id="section-s8">3.1.1.1 Care leavers</h5>');
    expect(page).toContain('<li>two NHS trusts:<ul><li>North Fell Teaching Hospitals</li><li>Fellside Community and Mental Health</li></ul></li>');
    expect(page).toContain('<thead><tr><th scope="col"><p>Place</p></th>');
    expect(page).toContain('<th scope="col">Lead organisation</th>');
    expect(page).toContain('<strong>Bold</strong>');
    expect(page).toContain('<blockquote><p>We want every child in North Fell to have the best start in life.</p></blockquote>');
  });

  it('escapes everything from the content and keeps only web and email links', async () => {
    const data = fixtureData();
    data.sections[0]!.title = 'Foreword <img src=x onerror=alert(1)>';
    data.sections[0]!.content = content(
      paragraph(text('<script>alert("x")</script> & "quotes"')),
      paragraph(link('javascript:alert(1)', 'bad link'), ' ', link('https://example.org/?a=1&b="2"', 'good link'), ' ', link('data:text/html,hi', 'data link')),
      table([['<b>head</b>'], ['<i>cell</i>']]),
    );
    const { html: page, summary } = await html({}, data);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(page).toContain('Foreword &lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('<a href="https://example.org/?a=1&amp;b=%222%22">good link</a>');
    expect(page).toContain('bad link');
    expect(page).not.toMatch(/href="(javascript|data):/);
    expect(page).toContain('<p>&lt;b&gt;head&lt;/b&gt;</p>');
    expect(page).not.toMatch(/<script|<img src=x|<b>|<i>/);
    expect(summary.warnings.filter((w) => /plain text/.test(w.message))).toHaveLength(3);
  });

  it('makes a board paper with its cover sheet as a table with row headers', async () => {
    const { html: page } = await html({ kind: 'board_paper' });
    expect(page).toContain('<h2 id="cover-sheet">Report to the Integrated Care Board</h2>');
    expect(page).toMatch(/<th scope="row">Purpose of the paper<\/th><td( colspan="3")?><p>Approval<\/p><\/td>/);
    expect(page).toContain('<ul><li>BAF 1: Urgent and emergency care capacity</li><li>BAF 4: Workforce supply</li></ul>');
  });
});

describe('HTML export in Chromium', () => {
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-html-'));
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has no accessibility violations found by axe (WCAG 2.2 AA)', async () => {
    const { html: page } = await html({ kind: 'plan', includeGuidance: true });
    // The file forbids scripts; the test context bypasses that only to run axe.
    const context = await browser.newContext({ bypassCSP: true });
    const tab = await context.newPage();
    await tab.setContent(page);
    await tab.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = await tab.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    await context.close();
    expect(violations).toEqual([]);
  });

  it('prints to an A4 PDF with every heading, the marking and page numbers', async () => {
    const data = fixtureData();
    const { html: page } = await html({}, data);
    const tab = await browser.newPage();
    await tab.setContent(page);
    const file = path.join(dir, 'plan.pdf');
    // As a browser's "Print to PDF" does with the page: its own CSS gives the page size (A4, landscape for @page wide),
    // the margins, the marking at the top and "Page X of Y" at the foot.
    await tab.pdf({ path: file, printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });
    await tab.close();
    const pdf = await readPdf(fs.readFileSync(file));
    // A4 is 595.3 x 841.9 points; Chromium rounds the page to whole CSS pixels.
    // #14: the delivery commitments print on landscape A4 (@page wide), every other page on portrait A4.
    for (const page of pdf.pages) {
      const landscape = page.width > page.height;
      expect(landscape).toBe(/Lead organisation/.test(page.text));
      expect(Math.min(page.width, page.height)).toBeCloseTo(595.3, -1);
      expect(Math.max(page.width, page.height)).toBeCloseTo(841.9, -1);
    }
    expect(pdf.pageCount).toBeGreaterThanOrEqual(6);
    const pdfText = pdf.text;
    for (const section of data.sections) expect(pdfText).toContain(section.title);
    expect(pdfText).toContain('Appendix A: Delivery commitments');
    expect(pdfText).toContain('OFFICIAL | DRAFT - for consultation');
    expect(pdfText).toMatch(/Page 1 of \d+/);
  });
});
