/**
 * Keys that act on the selection use the selection the person sees.
 *
 * The browser moves the caret at once (End, Shift+arrows, a click), but tells the editor only
 * later, in a `selectionchange` task. Key presses are handled ahead of ordinary tasks, so a fast
 * typist, a keyboard macro or a busy machine can press Enter or Ctrl+K before the editor has heard
 * of the new selection: Enter then replaced words that were no longer selected, and Ctrl+K found
 * nothing selected. Before such a key is handled, the editor's selection is taken from the page.
 *
 * The late news must not take focus either. After a click, Lexical sets the selection it reads from
 * that selectionchange and writes it back to the page, and writing a selection into the text focuses
 * the text (Lexical calls focus() when the page already shows it; Chromium moves focus itself when it
 * does not). When Esc came first and moved focus to the toolbar, focus went back into the text.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createRangeSelectionFromDom,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  $addUpdateTag,
  COMMAND_PRIORITY_CRITICAL,
  KEY_DOWN_COMMAND,
  SELECTION_CHANGE_COMMAND,
  SKIP_DOM_SELECTION_TAG,
  type LexicalEditor,
  type RangeSelection,
} from 'lexical';
import { mergeRegister } from '@lexical/utils';
import { useEffect } from 'react';

// Not Esc: it moves focus to the toolbar, and remembers the selection on the page itself ($selectionOnPage in ToolbarPlugin).
const EDITING_KEYS = new Set(['Enter', 'Backspace', 'Delete', 'Tab']);
const SHORTCUT_LETTERS = new Set(['k', 'b', 'i', 'u']);

/** Whether the key changes the text at the selection or acts on the selected words. */
export function actsOnSelection(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'isComposing'>): boolean {
  if (event.isComposing) return false;
  if (EDITING_KEYS.has(event.key)) return true;
  if (!event.ctrlKey && !event.metaKey) return false;
  const letter = event.key.toLowerCase();
  // Ctrl+Alt+M comments on the selected words.
  return event.altKey ? letter === 'm' : SHORTCUT_LETTERS.has(letter);
}

/** The selection on the page inside this editor, as the editor's kind of selection, without setting it; null when there is none. */
export function $selectionOnPage(editor: LexicalEditor): RangeSelection | null {
  const root = editor.getRootElement();
  const dom = root?.ownerDocument.defaultView?.getSelection() ?? null;
  if (!root || !dom || !dom.anchorNode || !dom.focusNode || !root.contains(dom.anchorNode) || !root.contains(dom.focusNode)) return null;
  return $createRangeSelectionFromDom(dom, editor);
}

/**
 * Makes the editor's selection the one on the page when they differ. Call inside an update. A selection of
 * table cells or of a whole node is the editor's own and is left as it is.
 */
export function $takeSelectionFromPage(editor: LexicalEditor): void {
  const current = $getSelection();
  if (current !== null && !$isRangeSelection(current)) return;
  const seen = $selectionOnPage(editor);
  if (!seen) return;
  if (current && current.anchor.is(seen.anchor) && current.focus.is(seen.focus)) return;
  $setSelection(seen);
  // It is already the page's selection: nothing to write back (writing it back would pull focus
  // into the text after Esc has moved it to the toolbar).
  seen.dirty = false;
}

/** Whether focus is on something other than the text (a toolbar button, a form's field), not merely nowhere. */
function focusIsElsewhere(root: HTMLElement | null): boolean {
  const active = root?.ownerDocument.activeElement ?? null;
  return !!root && !!active && active !== root.ownerDocument.body && !root.contains(active);
}

export function KeySelectionPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            if (actsOnSelection(event)) $takeSelectionFromPage(editor);
            return false;
          },
          COMMAND_PRIORITY_CRITICAL,
        ),
        editor.registerCommand(
          SELECTION_CHANGE_COMMAND,
          () => {
            // Read from the page's selectionchange while focus is elsewhere: the page already shows this selection, so
            // it is not written back (which would take focus back into the text).
            if (window.event?.type === 'selectionchange' && focusIsElsewhere(editor.getRootElement())) $addUpdateTag(SKIP_DOM_SELECTION_TAG);
            return false;
          },
          COMMAND_PRIORITY_CRITICAL,
        ),
      ),
    [editor],
  );
  return null;
}
