// The section editor as a strategy lead uses it: formats from the toolbar and
// keyboard, autosave that survives a reload and a failed save, and hostile
// pastes that are cleaned and never execute.
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SerializedNode } from '../../shared/lexical-json';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;

function savedContent(title: string): { json: SerializedNode; text: string } {
  const db = new Database(app.dbPath, { readonly: true });
  const row = db.prepare('SELECT content, plain_text FROM sections WHERE title = ?').get(title) as { content: string; plain_text: string };
  db.close();
  return { json: (JSON.parse(row.content) as { root: SerializedNode }).root, text: row.plain_text };
}

function nodesOfType(node: SerializedNode, type: string, found: SerializedNode[] = []): SerializedNode[] {
  if (node.type === type) found.push(node);
  for (const child of node.children ?? []) nodesOfType(child, type, found);
  return found;
}

async function openSection(title: string): Promise<Page> {
  const section = await app.call('addSection', { planId, parentId: null, title });
  await app.open(`#/plan/${planId}/section/${section.id}`);
  const editor = app.page.getByRole('textbox', { name: `Text of ${title}` });
  await editor.click();
  return app.page;
}

const waitSaved = () => app.page.locator('[data-save-state="saved"]').waitFor();

beforeAll(async () => {
  app = await launchApp();
  planId = (await app.call('createPlan', { title: 'Editor plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
});
afterAll(async () => {
  await app?.close();
});

describe('the section editor', () => {
  it('writes headings, bold, italic, underline, strikethrough, lists, quotes and tables into the saved JSON', async () => {
    const page = await openSection('Formats');
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    await toolbar.getByLabel('Text style').selectOption('h2');
    await page.keyboard.type('Why this matters');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Bold');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' then ');
    await toolbar.getByRole('button', { name: 'Italic' }).click();
    await page.keyboard.type('italic');
    await expect(toolbar.getByRole('button', { name: 'Italic' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await toolbar.getByRole('button', { name: 'Italic' }).click();
    await page.keyboard.type(' ');
    await page.keyboard.press('Control+u');
    await page.keyboard.type('under');
    await page.keyboard.press('Control+u');
    await page.keyboard.type(' ');
    await toolbar.getByRole('button', { name: 'Strikethrough' }).click();
    await page.keyboard.type('gone');
    await toolbar.getByRole('button', { name: 'Strikethrough' }).click();
    await page.keyboard.press('Enter');
    await toolbar.getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.type('First point');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Nested point');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await toolbar.getByRole('button', { name: 'Numbered list' }).click();
    await page.keyboard.type('Step one');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await toolbar.getByRole('button', { name: 'Quote' }).click();
    await page.keyboard.type('What local people told us');
    await page.keyboard.press('Enter');
    await toolbar.getByRole('button', { name: 'Table' }).click();
    await page.keyboard.type('Metric');
    await expect(page.getByRole('toolbar', { name: 'Table' }).isVisible()).resolves.toBe(true);
    await page.getByRole('toolbar', { name: 'Table' }).getByRole('button', { name: 'Table rows' }).click();
    await page.getByRole('menu', { name: 'Table rows' }).getByRole('menuitem', { name: 'Row below' }).click();
    await waitSaved();

    const { json, text } = savedContent('Formats');
    expect(nodesOfType(json, 'heading').map((h) => h.tag)).toEqual(['h2']);
    const texts = nodesOfType(json, 'text');
    const format = (t: string) => texts.find((n) => n.text === t)?.format;
    expect(format('Bold')).toBe(1);
    expect(format('italic')).toBe(2);
    expect(format('under')).toBe(8);
    expect(format('gone')).toBe(4);
    const lists = nodesOfType(json, 'list');
    expect(lists.map((l) => l.listType)).toEqual(expect.arrayContaining(['bullet', 'number']));
    expect(lists.length).toBeGreaterThanOrEqual(3); // bullet list, its nested list, numbered list
    expect(nodesOfType(json, 'quote')).toHaveLength(1);
    const [table] = nodesOfType(json, 'table');
    expect(table).toBeDefined();
    const rows = nodesOfType(table!, 'tablerow');
    expect(rows).toHaveLength(4);
    expect(nodesOfType(rows[0]!, 'tablecell').every((c) => ((c.headerState as number) & 1) === 1)).toBe(true);
    expect(text).toContain('Nested point');
    expect(text).toContain('Metric');
    expect(await app.checkA11y()).toEqual([]);
  });

  it('adds web and email links but refuses a javascript: address with a sentence', async () => {
    const page = await openSection('Links');
    await page.keyboard.type('NHS England guidance');
    await page.keyboard.press('Shift+Home');
    await page.getByRole('button', { name: 'Link' }).click();
    await page.getByLabel('Link address').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Apply link' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Links must start with' }).textContent()).resolves.toBe('Links must start with https://, http:// or mailto:.');
    await page.getByLabel('Link address').fill('https://www.england.nhs.uk/');
    await page.getByRole('button', { name: 'Apply link' }).click();
    await waitSaved();
    expect(nodesOfType(savedContent('Links').json, 'link').map((l) => l.url)).toEqual(['https://www.england.nhs.uk/']);
  });

  it('cleans pasted HTML from Word and web pages: no scripts run, no styles, unsafe links dropped', async () => {
    const page = await openSection('Pasted');
    const html = `
      <style>p { color: red }</style>
      <script>window.__pwned = true</script>
      <h1 style="color:#ff0000;font-family:Comic Sans MS">Pasted heading</h1>
      <p><span style="font-weight:bold;color:green">Strong words</span> and <a href="javascript:window.__pwned=true">a bad link</a>
      and <a href="https://example.org/">a good link</a> <img src="x" onerror="window.__pwned=true"></p>
      <p dir="rtl">مرحبا بالعالم 👩🏽‍⚕️🏥</p>`;
    await page.evaluate((content) => {
      const data = new DataTransfer();
      data.setData('text/html', content);
      data.setData('text/plain', 'fallback');
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
    await waitSaved();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    const { json, text } = savedContent('Pasted');
    expect(text).toContain('Pasted heading');
    expect(text).toContain('مرحبا بالعالم 👩🏽‍⚕️🏥');
    expect(nodesOfType(json, 'heading').map((h) => h.tag)).toEqual(['h2']);
    expect(nodesOfType(json, 'link').map((l) => l.url)).toEqual(['https://example.org/']);
    expect(nodesOfType(json, 'text').every((t) => !t.style)).toBe(true);
    expect(text).toContain('a bad link');
    // The Content-Security-Policy is the second line of defence: anything it had to block is reported, nothing else.
    expect(app.pageErrors.filter((e) => !e.includes('violates the following Content Security Policy directive'))).toEqual([]);
  });

  it('keeps working after pasting a 5 MB web page', async () => {
    const page = await openSection('Huge paste');
    const size = await page.evaluate(() => {
      // Like a saved news page: mostly scripts, styles and attributes around a few thousand paragraphs.
      const script = `<script>${'window.__pwned = true; var tracking = { id: 123456789, consent: false };'.repeat(25_000)}</script>`;
      const style = `<style>${'.article p { font-family: Georgia; color: #333; margin: 0 0 1em; } '.repeat(16_000)}</style>`;
      const attrs = 'class="article-body__paragraph js-track typography--serif" data-component="text-block" style="font-size:17px;line-height:1.6;color:#222"';
      const paragraph = `<div class="wrapper"><p ${attrs}>Our system will <b>reduce waiting times</b> and improve access to <a href="https://example.org/x">community services</a>.</p></div>`;
      const html = `<html><head>${script}${style}</head><body>${paragraph.repeat(Math.ceil((5 * 1024 * 1024 - script.length - style.length) / paragraph.length))}</body></html>`;
      const data = new DataTransfer();
      data.setData('text/html', html);
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      return html.length;
    });
    expect(size).toBeGreaterThan(5 * 1024 * 1024);
    await page.keyboard.type(' The end.');
    await waitSaved();
    const { text } = savedContent('Huge paste');
    expect(text.length).toBeGreaterThan(100_000);
    expect(text.endsWith('The end.')).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  });

  it('keeps the text and says so loudly when a save fails, then saves once the problem clears', async () => {
    const page = await openSection('Fragile');
    app.failCalls('saveSectionContent', { code: 'io_error', message: 'The disk is full.' });
    await page.keyboard.type('Words that must not be lost.');
    const banner = page.getByRole('alert').filter({ hasText: 'Not saved.' });
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toContain('The disk is full.');
    await expect(page.locator('[data-save-state="failed"]').textContent()).resolves.toBe('Not saved');
    await expect(page.getByRole('textbox', { name: 'Text of Fragile' }).textContent()).resolves.toBe('Words that must not be lost.');
    expect(savedContent('Fragile').text).toBe('');

    app.failCalls('saveSectionContent', null);
    await banner.getByRole('button', { name: 'Try again' }).click();
    await waitSaved();
    expect(savedContent('Fragile').text).toBe('Words that must not be lost.');
  });

  it('saves when the window is about to close, before the autosave delay', async () => {
    const page = await openSection('Closing');
    await page.keyboard.type('Typed just before closing');
    // What the preload does when the main process asks before closing the window.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          window.addEventListener('jfp:flushed', () => resolve(), { once: true });
          window.dispatchEvent(new Event('jfp:flush'));
        }),
    );
    expect(savedContent('Closing').text).toBe('Typed just before closing');
  });

  it('saves on leaving the section, before the autosave delay', async () => {
    const page = await openSection('Quick exit');
    await page.keyboard.type('Typed then left at once');
    await page.getByRole('button', { name: '← All plans' }).click();
    await page.getByRole('heading', { name: 'Your plans' }).waitFor();
    await expect.poll(() => savedContent('Quick exit').text).toBe('Typed then left at once');
  });
});
