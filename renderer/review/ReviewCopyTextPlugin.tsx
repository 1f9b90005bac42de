// #13 point 6: a reviewer reads a review copy's text with the keyboard. Lexical's
// read-only mode turns the text into a non-editable element out of the Tab
// order, where there is no caret: Shift+arrows select nothing and Ctrl+Alt+M
// (which Lexical only hears while editable) did nothing. Here the text keeps
// a caret (the element is editable to the browser, aria-readonly to assistive
// technology) while Lexical itself stays read-only, so the toolbar stays the
// review copy's, and every way the browser would change the words is refused
// before it happens. The services refuse changed words too (saveSectionContent).
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot, KEY_ESCAPE_COMMAND, type EditorState } from 'lexical';
import { useEffect } from 'react';
import { START_COMMENT_COMMAND } from '../editor/CommentMarksPlugin';
import { $takeSelectionFromPage } from '../editor/KeySelectionPlugin';

/** Events by which the browser itself would change the words: refused before the browser or Lexical acts. */
const CHANGING_EVENTS = ['beforeinput', 'paste', 'cut', 'drop'] as const;

const textOf = (state: EditorState) => state.read(() => $getRoot().getTextContent());

export function ReviewCopyTextPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const refuse = (event: Event) => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing) return;
      if (event.ctrlKey && event.altKey && !event.metaKey && event.key.toLowerCase() === 'm') {
        event.preventDefault();
        // The words just selected with Shift+arrows, even if the editor has not yet heard of them (KeySelectionPlugin).
        editor.update(() => $takeSelectionFromPage(editor), { discrete: true });
        editor.dispatchCommand(START_COMMENT_COMMAND, undefined);
      } else if (event.key === 'Escape') {
        // As in the editable text: Esc goes to the toolbar (ToolbarPlugin's handler, which remembers the selection on the page).
        editor.dispatchCommand(KEY_ESCAPE_COMMAND, event);
      }
    };
    let detach = () => {};
    const unregisterRoot = editor.registerRootListener((root) => {
      detach();
      detach = () => {};
      if (!root) return;
      // A caret to move and extend; Lexical stays read-only (aria-readonly stays true).
      root.contentEditable = 'true';
      for (const name of CHANGING_EVENTS) root.addEventListener(name, refuse, true);
      root.addEventListener('keydown', onKey);
      // #13: an input method's text cannot be refused once it is composing (Chromium's beforeinput for
      // insertCompositionText is not cancellable), so the text stops being editable as a composition
      // starts, before its first character reaches the page, and the input method has nothing to write
      // into. It is editable again (caret and selection where they were) once the composition is over,
      // or at the reviewer's next key or click, whichever comes first; each update of a composition pauses it again.
      let paused: { range: Range | null } | null = null;
      let restore = 0;
      const resume = () => {
        window.clearTimeout(restore);
        if (!paused) return;
        const { range } = paused;
        paused = null;
        root.contentEditable = 'true';
        if (document.activeElement === document.body || document.activeElement === root) root.focus({ preventScroll: true });
        const selection = window.getSelection();
        if (range && selection) {
          selection.removeAllRanges();
          selection.addRange(range);
        }
      };
      const onCompositionStart = () => {
        const selection = window.getSelection();
        paused ??= { range: selection && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null };
        root.contentEditable = 'false';
      };
      // After the input method's own end-of-composition work, which is done by then.
      const onCompositionEnd = () => {
        window.clearTimeout(restore);
        restore = window.setTimeout(resume, 0);
      };
      const onUserAction = (event: Event) => {
        // Keys the input method itself takes ('Process') leave the text paused; any other key or click resumes it.
        if (event instanceof KeyboardEvent && event.key === 'Process') return;
        resume();
      };
      // Each step of a composition pauses again (a composition the browser still thinks open goes on with updates).
      root.addEventListener('compositionstart', onCompositionStart, true);
      root.addEventListener('compositionupdate', onCompositionStart, true);
      root.addEventListener('compositionend', onCompositionEnd, true);
      window.addEventListener('keydown', onUserAction, true);
      window.addEventListener('mousedown', onUserAction, true);
      detach = () => {
        for (const name of CHANGING_EVENTS) root.removeEventListener(name, refuse, true);
        root.removeEventListener('keydown', onKey);
        root.removeEventListener('compositionstart', onCompositionStart, true);
        root.removeEventListener('compositionupdate', onCompositionStart, true);
        root.removeEventListener('compositionend', onCompositionEnd, true);
        window.removeEventListener('keydown', onUserAction, true);
        window.removeEventListener('mousedown', onUserAction, true);
        window.clearTimeout(restore);
      };
    });
    // Whatever still got past: the words go back as they were.
    // Comment marks wrap words without changing them, so they stay.
    const unregisterUpdate = editor.registerUpdateListener(({ editorState, prevEditorState }) => {
      if (textOf(editorState) !== textOf(prevEditorState)) editor.setEditorState(prevEditorState);
    });
    return () => {
      unregisterRoot();
      unregisterUpdate();
      detach();
    };
  }, [editor]);
  return null;
}
