// Live word count, computed shortly after typing pauses so long sections stay
// responsive on every keystroke.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot } from 'lexical';
import { useEffect } from 'react';
import { countWords } from '../../shared/lexical-json';

export function WordCountPlugin({ onCount }: { onCount: (words: number) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const count = () => onCount(editor.getEditorState().read(() => countWords($getRoot().getTextContent())));
    count();
    const unregister = editor.registerTextContentListener(() => {
      clearTimeout(timer);
      timer = setTimeout(count, 150);
    });
    return () => {
      clearTimeout(timer);
      unregister();
    };
  }, [editor, onCount]);
  return null;
}
