// One Lexical editor per open section (update cost grows with node count, so a
// plan is never one giant editor). Loads the section's saved JSON, autosaves.
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { TablePlugin } from '@lexical/react/LexicalTablePlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { useCallback, useContext, useId, useMemo } from 'react';
import type { SavedSection, Section } from '../../shared/domain';
import { parseContent } from '../../shared/lexical-json';
import { OpenPlanContext } from '../workspace/open-plan';
import { AutosavePlugin, type AutosaveHandle } from './AutosavePlugin';
import { CommentMarksPlugin, type CommentMarksHandle } from './CommentMarksPlugin';
import { MARKDOWN_TRANSFORMERS } from './markdown';
import { editorTheme, EDITOR_NODES, isSafeUrl } from './nodes';
import { PasteCleanupPlugin } from './PasteCleanupPlugin';
import { RevealMatchPlugin, type Reveal } from './RevealMatchPlugin';
import { KeySelectionPlugin } from './KeySelectionPlugin';
import { TabPlugin } from './TabPlugin';
import { ToolbarPlugin } from './ToolbarPlugin';
import { WordCountPlugin } from './WordCountPlugin';
import { ReviewCopyTextPlugin } from '../review/ReviewCopyTextPlugin'; // #13 review copy

export function SectionEditor({
  section,
  onSaved,
  onWordCount,
  autosaveRef,
  reveal,
  comments,
  readOnly = false,
}: {
  section: Section;
  onSaved: (saved: SavedSection) => void;
  onWordCount: (words: number) => void;
  autosaveRef: React.MutableRefObject<AutosaveHandle | null>;
  reveal: Reveal | null;
  /** A review copy: the words cannot change, comments can be added. */
  readOnly?: boolean;
  comments: {
    onStart: (start: { quote: string } | { error: string }) => void;
    onOpenThread: (threadId: string) => void;
    activeThreadId: string | null;
    handleRef: React.MutableRefObject<CommentMarksHandle | null>;
  };
}) {
  const initialConfig = useMemo(
    () => ({
      namespace: 'jfp-section',
      editable: !readOnly,
      nodes: [...EDITOR_NODES],
      theme: editorTheme,
      // Content the store accepted is always parseable; anything else opens empty rather than crashing.
      editorState: parseContent(section.content).ok ? section.content : undefined,
      onError(error: Error) {
        console.error('Editor error:', error.message);
      },
    }),
    // Only the first content matters: later saves come from this editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [section.id],
  );
  const hintId = useId();
  // The outline's count for this section follows the editor while typing, not only after a save.
  const open = useContext(OpenPlanContext);
  const sectionId = section.id;
  const countWords = useCallback(
    (words: number) => {
      onWordCount(words);
      if (open && open.sections.get().find((s) => s.id === sectionId)?.wordCount !== words) open.patchSection(sectionId, { wordCount: words });
    },
    [onWordCount, open, sectionId],
  );

  return (
    <LexicalComposer initialConfig={initialConfig}>
      <ToolbarPlugin />
      <div className="editor-surface">
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              className="editor-content"
              aria-label={`Text of ${section.title}`}
              aria-multiline="true"
              aria-describedby={hintId}
              spellCheck={!readOnly}
              // #13 review copy: the read-only text stays in the Tab order, with a caret (ReviewCopyTextPlugin).
              tabIndex={readOnly ? 0 : undefined}
            />
          }
          placeholder={<div className="editor-placeholder">Start writing this section…</div>}
          ErrorBoundary={LexicalErrorBoundary}
        />
        <p id={hintId} className="visually-hidden">
          {readOnly
            ? 'Read-only. Move with the arrow keys, select words with Shift and the arrow keys, then press Ctrl+Alt+M to comment on them. Esc goes to the toolbar.'
            : 'Tab indents in a list and moves between table cells; elsewhere it moves on. Esc goes to the toolbar. Ctrl+K adds a link.'}
        </p>
      </div>
      <KeySelectionPlugin />
      <HistoryPlugin />
      <ListPlugin />
      <LinkPlugin validateUrl={isSafeUrl} />
      <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} hasTabHandler />
      <TabPlugin maxDepth={5} />
      <MarkdownShortcutPlugin transformers={MARKDOWN_TRANSFORMERS} />
      <PasteCleanupPlugin />
      <WordCountPlugin onCount={countWords} />
      <RevealMatchPlugin reveal={reveal} />
      <CommentMarksPlugin {...comments} />
      {readOnly && <ReviewCopyTextPlugin />}
      <AutosavePlugin sectionId={section.id} revision={section.revision} onSaved={onSaved} handleRef={autosaveRef} />
    </LexicalComposer>
  );
}
