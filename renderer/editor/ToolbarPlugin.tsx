// The formatting toolbar. It reflects the selection (block type, bold, italic,
// link, table) and offers only the formats a published plan uses.
import { $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import { $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListNode, REMOVE_LIST_COMMAND } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $deleteTableColumnAtSelection,
  $deleteTableRowAtSelection,
  $findTableNode,
  $insertTableColumnAtSelection,
  $insertTableRowAtSelection,
  $isTableCellNode,
  $setTableRowIsHeader,
  INSERT_TABLE_COMMAND,
  TableCellHeaderStates,
} from '@lexical/table';
import { $findMatchingParent, $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  KEY_DOWN_COMMAND,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  UNDO_COMMAND,
  type LexicalNode,
  type TextFormatType,
} from 'lexical';
import { useLexicalEditable } from '@lexical/react/useLexicalEditable';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { START_COMMENT_COMMAND } from './CommentMarksPlugin';
import { isSafeUrl } from './nodes';

type BlockType = 'paragraph' | 'h2' | 'h3' | 'h4' | 'quote' | 'bullet' | 'number';

const BLOCK_LABELS: Record<BlockType, string> = {
  paragraph: 'Normal text',
  h2: 'Heading 2',
  h3: 'Heading 3',
  h4: 'Heading 4',
  quote: 'Quote',
  bullet: 'Bulleted list',
  number: 'Numbered list',
};

const FORMATS: Array<{ format: TextFormatType; label: string; short: string; keys: string }> = [
  { format: 'bold', label: 'Bold', short: 'B', keys: 'Control+B' },
  { format: 'italic', label: 'Italic', short: 'I', keys: 'Control+I' },
  { format: 'underline', label: 'Underline', short: 'U', keys: 'Control+U' },
  { format: 'strikethrough', label: 'Strikethrough', short: 'S', keys: '' },
];

interface ToolbarState {
  block: BlockType;
  formats: Record<string, boolean>;
  link: string | null;
  inTable: boolean;
}

const INITIAL: ToolbarState = { block: 'paragraph', formats: {}, link: null, inTable: false };

function blockTypeOf(anchor: LexicalNode): BlockType {
  const list = $getNearestNodeOfType(anchor, ListNode);
  if (list) return list.getListType() === 'number' ? 'number' : 'bullet';
  const top = anchor.getKey() === 'root' ? anchor : anchor.getTopLevelElementOrThrow();
  if ($isHeadingNode(top)) {
    const tag = top.getTag();
    return tag === 'h3' || tag === 'h4' ? tag : 'h2';
  }
  if ($isQuoteNode(top)) return 'quote';
  return 'paragraph';
}

export function ToolbarPlugin() {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>(INITIAL);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [linkForm, setLinkForm] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const formId = useId();
  const editable = useLexicalEditable();

  const refresh = useCallback(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    const anchor = selection.anchor.getNode();
    const formats: Record<string, boolean> = {};
    for (const { format } of FORMATS) formats[format] = selection.hasFormat(format);
    const linkNode = $findMatchingParent(anchor, $isLinkNode);
    setState({
      block: blockTypeOf(anchor),
      formats,
      link: linkNode && $isLinkNode(linkNode) ? linkNode.getURL() : null,
      inTable: $findMatchingParent(anchor, $isTableCellNode) !== null,
    });
  }, []);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => editorState.read(refresh)),
        editor.registerCommand(
          SELECTION_CHANGE_COMMAND,
          () => {
            refresh();
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            if (event.ctrlKey && event.altKey && event.key.toLowerCase() === 'm') {
              event.preventDefault();
              editor.dispatchCommand(START_COMMENT_COMMAND, undefined);
              return true;
            }
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(CAN_UNDO_COMMAND, (v) => (setCanUndo(v), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(CAN_REDO_COMMAND, (v) => (setCanRedo(v), false), COMMAND_PRIORITY_LOW),
      ),
    [editor, refresh],
  );

  const setBlock = (block: BlockType) => {
    if (block === 'bullet') {
      editor.dispatchCommand(state.block === 'bullet' ? REMOVE_LIST_COMMAND : INSERT_UNORDERED_LIST_COMMAND, undefined);
      return;
    }
    if (block === 'number') {
      editor.dispatchCommand(state.block === 'number' ? REMOVE_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
      return;
    }
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      if (state.block === 'bullet' || state.block === 'number') {
        const list = $findMatchingParent(selection.anchor.getNode(), $isListNode);
        if (list) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
      }
      $setBlocksType(selection, () => (block === 'paragraph' ? $createParagraphNode() : block === 'quote' ? $createQuoteNode() : $createHeadingNode(block)));
    });
  };

  const applyLink = (event: FormEvent) => {
    event.preventDefault();
    const raw = (linkForm ?? '').trim();
    const url = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : raw.includes('@') ? `mailto:${raw}` : `https://${raw}`;
    if (!isSafeUrl(url)) {
      setLinkError('Links must start with https://, http:// or mailto:.');
      return;
    }
    editor.dispatchCommand(TOGGLE_LINK_COMMAND, url);
    setLinkForm(null);
    setLinkError(null);
  };

  const tableAction = (action: 'rowAbove' | 'rowBelow' | 'colLeft' | 'colRight' | 'deleteRow' | 'deleteCol' | 'header') => {
    editor.update(() => {
      if (action === 'rowAbove') $insertTableRowAtSelection(false);
      else if (action === 'rowBelow') $insertTableRowAtSelection(true);
      else if (action === 'colLeft') $insertTableColumnAtSelection(false);
      else if (action === 'colRight') $insertTableColumnAtSelection(true);
      else if (action === 'deleteRow') $deleteTableRowAtSelection();
      else if (action === 'deleteCol') $deleteTableColumnAtSelection();
      else {
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) return;
        const table = $findTableNode(selection.anchor.getNode());
        if (!table) return;
        const firstRow = table.getFirstChild();
        const firstCell = $isElementNode(firstRow) ? firstRow.getFirstChild() : null;
        const isHeader = $isTableCellNode(firstCell) && (firstCell.getHeaderStyles() & TableCellHeaderStates.ROW) !== 0;
        $setTableRowIsHeader(table, 0, !isHeader);
      }
    });
  };

  const commentButton = (
    <button
      type="button"
      className="tool"
      onClick={() => editor.dispatchCommand(START_COMMENT_COMMAND, undefined)}
      title="Comment on the selected words (Ctrl+Alt+M)"
      aria-keyshortcuts="Control+Alt+M"
    >
      Comment
    </button>
  );

  if (!editable) {
    return (
      <div className="toolbar-wrap">
        <div className="toolbar" role="toolbar" aria-label="Formatting">
          <span className="muted read-only-note">Read-only review copy: select words, then</span>
          {commentButton}
        </div>
      </div>
    );
  }

  return (
    <div className="toolbar-wrap">
      <div className="toolbar" role="toolbar" aria-label="Formatting">
        <button
          type="button"
          className="tool"
          onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}
          disabled={!canUndo}
          aria-label="Undo"
          title="Undo (Ctrl+Z)"
        >
          ↶
        </button>
        <button
          type="button"
          className="tool"
          onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}
          disabled={!canRedo}
          aria-label="Redo"
          title="Redo (Ctrl+Y)"
        >
          ↷
        </button>
        <span className="tool-sep" aria-hidden="true" />
        <label className="visually-hidden" htmlFor={`${formId}-block`}>
          Text style
        </label>
        <select id={`${formId}-block`} className="tool-select" value={state.block} onChange={(e) => setBlock(e.target.value as BlockType)}>
          {(Object.keys(BLOCK_LABELS) as BlockType[]).map((b) => (
            <option key={b} value={b}>
              {BLOCK_LABELS[b]}
            </option>
          ))}
        </select>
        <span className="tool-sep" aria-hidden="true" />
        {FORMATS.map(({ format, label, short, keys }) => (
          <button
            key={format}
            type="button"
            className={`tool tool-${format}`}
            aria-pressed={state.formats[format] === true}
            aria-label={label}
            title={keys ? `${label} (${keys.replace('Control', 'Ctrl')})` : label}
            onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, format)}
          >
            {short}
          </button>
        ))}
        <span className="tool-sep" aria-hidden="true" />
        <button type="button" className="tool" aria-pressed={state.block === 'bullet'} onClick={() => setBlock('bullet')}>
          Bulleted list
        </button>
        <button type="button" className="tool" aria-pressed={state.block === 'number'} onClick={() => setBlock('number')}>
          Numbered list
        </button>
        <button type="button" className="tool" aria-pressed={state.block === 'quote'} onClick={() => setBlock(state.block === 'quote' ? 'paragraph' : 'quote')}>
          Quote
        </button>
        <span className="tool-sep" aria-hidden="true" />
        <button
          type="button"
          className="tool"
          aria-pressed={state.link !== null}
          aria-expanded={linkForm !== null}
          onClick={() => setLinkForm(linkForm === null ? (state.link ?? '') : null)}
        >
          Link
        </button>
        <button
          type="button"
          className="tool"
          onClick={() => editor.dispatchCommand(INSERT_TABLE_COMMAND, { rows: '3', columns: '3', includeHeaders: { rows: true, columns: false } })}
        >
          Table
        </button>
        <span className="tool-sep" aria-hidden="true" />
        {commentButton}
      </div>
      {linkForm !== null && (
        <form className="link-form" onSubmit={applyLink}>
          <label htmlFor={`${formId}-url`}>Link address</label>
          <input id={`${formId}-url`} value={linkForm} onChange={(e) => setLinkForm(e.target.value)} placeholder="https://…" autoFocus />
          <button type="submit" className="button-primary button-small">
            Apply link
          </button>
          {state.link !== null && (
            <button
              type="button"
              className="button-secondary button-small"
              onClick={() => {
                editor.dispatchCommand(TOGGLE_LINK_COMMAND, null);
                setLinkForm(null);
              }}
            >
              Remove link
            </button>
          )}
          <button type="button" className="button-quiet button-small" onClick={() => (setLinkForm(null), setLinkError(null))}>
            Cancel
          </button>
          {linkError && (
            <p className="field-error" role="alert">
              {linkError}
            </p>
          )}
        </form>
      )}
      {state.inTable && (
        <div className="toolbar toolbar-table" role="toolbar" aria-label="Table">
          <button type="button" className="tool" onClick={() => tableAction('rowAbove')}>
            Row above
          </button>
          <button type="button" className="tool" onClick={() => tableAction('rowBelow')}>
            Row below
          </button>
          <button type="button" className="tool" onClick={() => tableAction('colLeft')}>
            Column left
          </button>
          <button type="button" className="tool" onClick={() => tableAction('colRight')}>
            Column right
          </button>
          <button type="button" className="tool" onClick={() => tableAction('deleteRow')}>
            Delete row
          </button>
          <button type="button" className="tool" onClick={() => tableAction('deleteCol')}>
            Delete column
          </button>
          <button type="button" className="tool" onClick={() => tableAction('header')}>
            Header row
          </button>
        </div>
      )}
    </div>
  );
}
