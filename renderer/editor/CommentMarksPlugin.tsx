// Anchored comments in the text: starts a comment on the selected words,
// wraps them in a mark carrying the thread id once the thread exists, opens a
// thread when its highlight is clicked, and shows which thread is active.
import { $isMarkNode, $wrapSelectionInMarkNode, MarkNode } from '@lexical/mark';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $createRangeSelectionFromDom,
  $getNearestNodeFromDOMNode,
  $getNodeByKey,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_EDITOR,
  createCommand,
  type NodeKey,
  type RangeSelection,
} from 'lexical';
import { useEffect, useRef } from 'react';

export const START_COMMENT_COMMAND = createCommand<void>('START_COMMENT_COMMAND');

export interface CommentMarksHandle {
  /** Wraps the words chosen when the comment was started in a mark for `threadId`. */
  applyMark(threadId: string): boolean;
  /** Selects and scrolls to the text of a thread; false when its text is not in this section. */
  reveal(threadId: string): boolean;
}

export function CommentMarksPlugin({
  onStart,
  onOpenThread,
  activeThreadId,
  handleRef,
}: {
  onStart: (start: { quote: string } | { error: string }) => void;
  onOpenThread: (threadId: string) => void;
  activeThreadId: string | null;
  handleRef: React.MutableRefObject<CommentMarksHandle | null>;
}) {
  const [editor] = useLexicalComposerContext();
  const pending = useRef<RangeSelection | null>(null);
  const marks = useRef(new Map<NodeKey, string[]>());
  const callbacks = useRef({ onStart, onOpenThread });
  useEffect(() => {
    callbacks.current = { onStart, onOpenThread };
  }, [onStart, onOpenThread]);

  useEffect(() => {
    handleRef.current = {
      applyMark(threadId) {
        const selection = pending.current;
        if (!selection) return false;
        let applied = false;
        editor.update(() => {
          const restored = selection.clone();
          $setSelection(restored);
          $wrapSelectionInMarkNode(restored, restored.isBackward(), threadId);
          applied = true;
        });
        pending.current = null;
        return applied;
      },
      reveal(threadId) {
        const key = [...marks.current].find(([, ids]) => ids.includes(threadId))?.[0];
        if (!key) return false;
        editor.update(
          () => {
            const node = $getNearestNodeFromDOMNode(editor.getElementByKey(key)!);
            if ($isMarkNode(node)) node.select(0, node.getChildrenSize());
          },
          { tag: 'skip-autosave' },
        );
        editor.getElementByKey(key)?.scrollIntoView({ block: 'center' });
        return true;
      },
    };
  }, [editor, handleRef]);

  useEffect(() => {
    const openClickedThread = (event: MouseEvent) => {
      const target = (event.target as HTMLElement | null)?.closest('mark');
      if (!target) return;
      editor.read(() => {
        const node = $getNearestNodeFromDOMNode(target);
        const mark = $isMarkNode(node) ? node : (node?.getParents().find((p) => $isMarkNode(p)) ?? null);
        const id = $isMarkNode(mark) ? mark.getIDs()[0] : undefined;
        if (id) callbacks.current.onOpenThread(id);
      });
    };
    return mergeRegister(
      editor.registerCommand(
        START_COMMENT_COMMAND,
        () => {
          // In a read-only copy Lexical does not track the selection: take the page's.
          const tracked = $getSelection();
          const selection = $isRangeSelection(tracked) && !tracked.isCollapsed() ? tracked : $createRangeSelectionFromDom(window.getSelection(), editor);
          const quote = $isRangeSelection(selection) ? selection.getTextContent().trim() : '';
          if (!$isRangeSelection(selection) || selection.isCollapsed() || quote === '') {
            callbacks.current.onStart({ error: 'Select the words you want to comment on first, or comment on the whole section.' });
            return true;
          }
          pending.current = selection.clone();
          callbacks.current.onStart({ quote: quote.slice(0, 2000) });
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
      editor.registerMutationListener(MarkNode, (mutations) => {
        editor.getEditorState().read(() => {
          for (const [key, mutation] of mutations) {
            if (mutation === 'destroyed') marks.current.delete(key);
            else {
              const node = $getNodeByKey(key);
              if ($isMarkNode(node)) marks.current.set(key, node.getIDs());
            }
          }
        });
      }),
      editor.registerRootListener((root, previous) => {
        previous?.removeEventListener('click', openClickedThread);
        root?.addEventListener('click', openClickedThread);
      }),
    );
  }, [editor]);

  // Highlight the active thread's text.
  useEffect(() => {
    for (const [key, ids] of marks.current) {
      editor.getElementByKey(key)?.classList.toggle('ed-mark-active', activeThreadId !== null && ids.includes(activeThreadId));
    }
  }, [editor, activeThreadId]);

  return null;
}
