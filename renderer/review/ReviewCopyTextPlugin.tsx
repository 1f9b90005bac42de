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
      detach = () => {
        for (const name of CHANGING_EVENTS) root.removeEventListener(name, refuse, true);
        root.removeEventListener('keydown', onKey);
      };
    });
    // Whatever got past (text an input method composes cannot be cancelled): the words go back as they were.
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
