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
import { TabIndentationPlugin } from '@lexical/react/LexicalTabIndentationPlugin';
import { useMemo } from 'react';
import type { SavedSection, Section } from '../../shared/domain';
import { parseContent } from '../../shared/lexical-json';
import { AutosavePlugin, type AutosaveHandle } from './AutosavePlugin';
import { CommentMarksPlugin, type CommentMarksHandle } from './CommentMarksPlugin';
import { editorTheme, EDITOR_NODES, isSafeUrl } from './nodes';
import { PasteCleanupPlugin } from './PasteCleanupPlugin';
import { RevealMatchPlugin, type Reveal } from './RevealMatchPlugin';
import { ToolbarPlugin } from './ToolbarPlugin';
import { WordCountPlugin } from './WordCountPlugin';

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

  return (
    <LexicalComposer initialConfig={initialConfig}>
      <ToolbarPlugin />
      <div className="editor-surface">
        <RichTextPlugin
          contentEditable={<ContentEditable className="editor-content" aria-label={`Text of ${section.title}`} aria-multiline="true" spellCheck />}
          placeholder={<div className="editor-placeholder">Start writing this section…</div>}
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <HistoryPlugin />
      <ListPlugin />
      <LinkPlugin validateUrl={isSafeUrl} />
      <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} hasTabHandler />
      <TabIndentationPlugin maxIndent={5} />
      <PasteCleanupPlugin />
      <WordCountPlugin onCount={onWordCount} />
      <RevealMatchPlugin reveal={reveal} />
      <CommentMarksPlugin {...comments} />
      <AutosavePlugin sectionId={section.id} revision={section.revision} onSaved={onSaved} handleRef={autosaveRef} />
    </LexicalComposer>
  );
}
