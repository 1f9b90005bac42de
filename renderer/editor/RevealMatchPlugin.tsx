// When a section is opened from a search result, selects the first match of
// the searched words in the text and scrolls it into view.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot } from 'lexical';
import { useEffect } from 'react';

export interface Reveal {
  term: string;
  /** Changes on every request, so the same term can be revealed twice. */
  nonce: number;
}

export function RevealMatchPlugin({ reveal }: { reveal: Reveal | null }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    if (!reveal) return;
    const words = reveal.term.toLocaleLowerCase('en-GB').split(/\s+/).filter(Boolean);
    if (words.length === 0) return;
    let key: string | null = null;
    editor.update(
      () => {
        for (const node of $getRoot().getAllTextNodes()) {
          const text = node.getTextContent().toLocaleLowerCase('en-GB');
          for (const word of words) {
            const at = text.indexOf(word);
            if (at >= 0) {
              node.select(at, at + word.length);
              key = node.getKey();
              return;
            }
          }
        }
      },
      { tag: 'skip-autosave' },
    );
    requestAnimationFrame(() => {
      if (key) editor.getElementByKey(key)?.scrollIntoView({ block: 'center' });
    });
  }, [editor, reveal]);
  return null;
}
