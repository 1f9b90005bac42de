// Keeps pasted and imported content within the plan's formats: headings only
// at levels 2-4, no inline styles (colours, fonts from Word or web pages), and
// links only to http, https or mailto addresses (others become plain text).
// Plain text that reads as Markdown (a list, headings, **bold**) is pasted as
// the formats it spells; it then passes through the same transforms.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isLinkNode, AutoLinkNode, LinkNode } from '@lexical/link';
import { $generateNodesFromMarkdownString } from '@lexical/markdown';
import { $createHeadingNode, HeadingNode } from '@lexical/rich-text';
import { mergeRegister } from '@lexical/utils';
import { $getSelection, $isRangeSelection, COMMAND_PRIORITY_LOW, PASTE_COMMAND, TextNode, type ElementNode } from 'lexical';
import { useEffect } from 'react';
import { looksLikeMarkdown, MARKDOWN_TRANSFORMERS } from './markdown';
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
        editor.registerCommand(
          PASTE_COMMAND,
          (event) => {
            const data = 'clipboardData' in event ? event.clipboardData : null;
            // Formatted copies (Word, web pages, this editor) keep their own formats.
            if (!data || data.types.includes('text/html') || data.types.includes('application/x-lexical-editor')) return false;
            const text = data.getData('text/plain');
            if (!text || !looksLikeMarkdown(text)) return false;
            event.preventDefault();
            editor.update(() => {
              const selection = $getSelection();
              if ($isRangeSelection(selection)) selection.insertNodes($generateNodesFromMarkdownString(text.replace(/\r\n?/g, '\n'), MARKDOWN_TRANSFORMERS));
            });
            return true;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor],
  );
  return null;
}
