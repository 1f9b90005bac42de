// Markdown as other editors know it: typing "- ", "1. ", "## ", "> ", **bold**
// or *italic* formats as you go, and pasted Markdown text arrives formatted.
// Only the formats a section may hold: headings are levels 2-4 (the section's
// own title is the level above), so "#" and "##" both make a level 2 heading.
import {
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  HEADING,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  LINK,
  ORDERED_LIST,
  QUOTE,
  STRIKETHROUGH,
  UNORDERED_LIST,
  type ElementTransformer,
  type Transformer,
} from '@lexical/markdown';
import { $createHeadingNode, $isQuoteNode, type HeadingTagType } from '@lexical/rich-text';

/** Markdown heading level (1-6) to the heading a section allows. */
export function sectionHeadingTag(level: number): HeadingTagType {
  return level <= 2 ? 'h2' : level === 3 ? 'h3' : 'h4';
}

const SECTION_HEADING: ElementTransformer = {
  ...HEADING,
  replace: (parentNode, children, match, isImport) => {
    // As Lexical's own: a quote is not turned into a heading while typing.
    if (!isImport && $isQuoteNode(parentNode)) return false;
    const heading = $createHeadingNode(sectionHeadingTag(match[1]!.length));
    heading.append(...children);
    parentNode.replace(heading);
    if (!isImport) heading.select(0, 0);
  },
};

/** Longer markers first: "**" must be tried before "*". */
export const MARKDOWN_TRANSFORMERS: Transformer[] = [
  SECTION_HEADING,
  QUOTE,
  UNORDERED_LIST,
  ORDERED_LIST,
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  STRIKETHROUGH,
  LINK,
];

const BLOCK_MARK = /^[ \t]*(#{1,6}[ \t]|[-*+][ \t]|\d{1,3}[.)][ \t]|>[ \t]?)/m;
const INLINE_MARK = /\*\*[^*\n]+\*\*|__[^_\n]+__|(^|[^*\w])\*[^*\s][^*\n]*\*(?!\*)|~~[^~\n]+~~|\[[^\]\n]+\]\([^)\s]+\)/m;

/** Whether plain text reads as Markdown (worth turning into formats) rather than ordinary prose. */
export function looksLikeMarkdown(text: string): boolean {
  return BLOCK_MARK.test(text) || INLINE_MARK.test(text);
}
