// The web page export, as a browser shows and prints it (kept from the file
// that tested Chromium's PDF before #14 wrote the PDF from the document model):
// every line inside a landmark (axe), and the page laid out lazily on screen
// yet printing every word. The PDF itself is tested in export-pdf.test.ts.
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../electron/services/browser';
import { exportDocument } from '../../electron/services/export';
import { fixtureData, FIXTURE_COVER } from '../support/export-fixture';
import { htmlText } from '../support/html-text';
import { readPdf } from '../support/pdf-reader';

const plain = htmlText;

describe('the web page in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function print(options: { kind: 'plan' | 'board_paper' }) {
    const html = (await exportDocument({ data: fixtureData(), options: { ...options, format: 'html', issueDate: '2026-03-04' }, cover: FIXTURE_COVER }))
      .content as string;
    return { html };
  }

  it.each(['plan', 'board_paper'] as const)('%s: every line of the page is inside a landmark (axe region rule), the marking in the header', async (kind) => {
    const { html } = await print({ kind });
    expect(html).toContain('<header><p class="marking">OFFICIAL | DRAFT - for consultation</p></header>');
    // The file forbids scripts; the test context bypasses that only to run axe.
    const context = await browser.newContext({ bypassCSP: true });
    try {
      const tab = await context.newPage();
      await tab.setContent(html);
      await tab.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
      const violations = await tab.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
        const result = await axe.run({ runOnly: { type: 'rule', values: ['region', 'landmark-one-main', 'landmark-unique', 'page-has-heading-one'] } });
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lays out on screen only what is in view, yet prints every word of every section', async () => {
    const data = fixtureData();
    const html = (await exportDocument({ data, options: { kind: 'plan', format: 'html' } })).content as string;
    const tab = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    try {
      await tab.setContent(html);
      // What is inside the last part of the page is out of view, so its layout is skipped until it scrolls near.
      const skipped = await tab.evaluate(async () => {
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const inside = [...document.querySelectorAll('main > * *')];
        return { first: inside[0]!.checkVisibility({ contentVisibilityAuto: true }), last: inside.at(-1)!.checkVisibility({ contentVisibilityAuto: true }) };
      });
      expect(skipped).toEqual({ first: true, last: false });
      const printed = await tab.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      // The body text alone: the running header and footer lines taken out, as a paragraph may run on over a page break.
      const text = (await readPdf(printed)).pages
        .flatMap((page) => page.text.split('\n'))
        .filter((line) => line !== 'OFFICIAL | DRAFT - for consultation' && !/^Page \d+ of \d+$/.test(line))
        .join('\n');
      const squash = (s: string) => s.replace(/\s+/g, '');
      // Every paragraph and list item of the page is in the PDF, the last ones included (table cells print side by side, line by line).
      const words = [...html.replace(/<table\b[\s\S]*?<\/table>/g, '').matchAll(/<(p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)]
        .map((m) => plain(m[2]!.split(/<[ou]l\b/)[0]!))
        // (a nested list's items are their own; the marking line above the page is for screens: in print it is the running header)
        .filter((t) => t.length > 20 && t !== 'OFFICIAL | DRAFT - for consultation');
      expect(words.length).toBeGreaterThan(20);
      for (const t of words) expect(squash(text)).toContain(squash(t));
    } finally {
      await tab.close();
    }
  });
});
