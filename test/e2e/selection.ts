// Selecting words on the page as a person would with the mouse: the first run
// of text inside the section editor that contains them.
import type { Page } from 'playwright-core';

export async function selectWords(page: Page, words: string): Promise<void> {
  await page.evaluate(async (target) => {
    const root = document.querySelector('[data-lexical-editor]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(target);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + target.length);
      if (root.getAttribute('contenteditable') === 'true') (root as HTMLElement).focus();
      // The editor learns of a new selection from the page's selectionchange event: wait until the page
      // has sent it (Lexical listens first) and the frame after it is painted, as after a person's drag.
      const told = new Promise((resolve) => document.addEventListener('selectionchange', resolve, { once: true }));
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      await told;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return;
    }
    throw new Error(`"${target}" is not in the editor`);
  }, words);
}
