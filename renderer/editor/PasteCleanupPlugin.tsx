// Keeps pasted and imported content within the plan's formats: headings only
// at levels 2-4, no inline styles (colours, fonts from Word or web pages), and
// links only to http, https or mailto addresses (others become plain text).
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isLinkNode, AutoLinkNode, LinkNode } from '@lexical/link';
import { $createHeadingNode, HeadingNode } from '@lexical/rich-text';
import { mergeRegister } from '@lexical/utils';
import { TextNode, type ElementNode } from 'lexical';
import { useEffect } from 'react';
import { isSafeUrl } from './nodes';

function unwrap(node: ElementNode): void {
  for (const child of node.getChildren()) node.insertBefore(child);
  node.remove();
}

export function PasteCleanupPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerNodeTransform(TextNode, (node) => {
          if (node.getStyle() !== '') node.setStyle('');
        }),
        editor.registerNodeTransform(HeadingNode, (node) => {
          const tag = node.getTag();
          if (tag === 'h2' || tag === 'h3' || tag === 'h4') return;
          const replacement = $createHeadingNode(tag === 'h1' ? 'h2' : 'h4');
          node.replace(replacement, true);
        }),
        editor.registerNodeTransform(LinkNode, (node) => {
          if ($isLinkNode(node) && !isSafeUrl(node.getURL())) unwrap(node);
        }),
        editor.registerNodeTransform(AutoLinkNode, (node) => {
          if (!isSafeUrl(node.getURL())) unwrap(node);
        }),
      ),
    [editor],
  );
  return null;
}
