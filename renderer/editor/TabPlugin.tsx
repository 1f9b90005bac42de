// Tab as in a desktop editor that does not trap the keyboard: in a list it
// indents (Shift+Tab outdents), in a table it moves between cells (the table
// plugin does that), and anywhere else it does what Tab does on a page: moves
// focus on. So a paragraph or heading is never indented by Tab, and one Tab
// pressed to reach the editor and past it changes nothing.
import { $isListItemNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isTableCellNode } from '@lexical/table';
import { $findMatchingParent } from '@lexical/utils';
import { $getSelection, $isRangeSelection, COMMAND_PRIORITY_EDITOR, INDENT_CONTENT_COMMAND, KEY_TAB_COMMAND, OUTDENT_CONTENT_COMMAND } from 'lexical';
import { useEffect } from 'react';

export function TabPlugin({ maxDepth }: { maxDepth: number }) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        KEY_TAB_COMMAND,
        (event) => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection)) return false;
          const anchor = selection.anchor.getNode();
          // A selection across cells: Tab stays in the table rather than leaving mid-table.
          if ($findMatchingParent(anchor, $isTableCellNode)) {
            event.preventDefault();
            return true;
          }
          const item = $findMatchingParent(anchor, $isListItemNode);
          if (!$isListItemNode(item)) return false;
          if (event.shiftKey) {
            // At the list's top level Shift+Tab leaves the editor, as it would elsewhere.
            if (item.getIndent() === 0) return false;
            event.preventDefault();
            editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined);
            return true;
          }
          event.preventDefault();
          if (item.getIndent() < maxDepth) editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined);
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
    [editor, maxDepth],
  );
  return null;
}
