// The formatting toolbar. It reflects the selection (block type, bold, italic,
// link, table) and offers only the formats a published plan uses. It is one
// Tab stop (arrow keys inside), keeps to one row (what does not fit goes into
// "More"), and the table and link tools sit in a row that is always reserved,
// so the text never moves when the caret enters or leaves a table. The link
// form remembers the selection it was opened on and links exactly that.
import { $selectionOnPage } from './KeySelectionPlugin';
import { $createLinkNode, $isLinkNode, $toggleLink } from '@lexical/link';
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
  $createTextNode,
  $getNodeByKey,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $setSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  KEY_DOWN_COMMAND,
  KEY_ESCAPE_COMMAND,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  UNDO_COMMAND,
  type BaseSelection,
  type LexicalEditor,
  type LexicalNode,
  type TextFormatType,
} from 'lexical';
import { useLexicalEditable } from '@lexical/react/useLexicalEditable';
import { Fragment, useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { START_COMMENT_COMMAND } from './CommentMarksPlugin';
import { MenuButton, type MenuEntry } from './MenuButton';
import { isSafeUrl } from './nodes';
import { focusTabStop, onToolbarFocus, onToolbarKeyDown, useRovingTabStop } from './roving';

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

/** One control of the toolbar, and the same command(s) as menu entries when it does not fit. */
interface ToolItem {
  key: string;
  /** Items of different groups have a separator between them. */
  group: number;
  bar: ReactNode;
  menu: MenuEntry[];
}

/**
 * The selection each editor's link form was opened on: focus leaves the text for the form, the
 * selection must not be lost (kept outside React: it is not something to render).
 */
const savedSelections = new WeakMap<LexicalEditor, BaseSelection>();
/** The selection when Esc took focus from the text to the toolbar. */
const escapedSelections = new WeakMap<LexicalEditor, BaseSelection>();

/** Small drawn icons keep the row short; each button is named by its aria-label. */
const BLOCK_ICONS: Record<'bullet' | 'number' | 'quote', ReactNode> = {
  bullet: (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <circle cx="2.5" cy="3.5" r="1.5" fill="currentColor" />
      <circle cx="2.5" cy="8" r="1.5" fill="currentColor" />
      <circle cx="2.5" cy="12.5" r="1.5" fill="currentColor" />
      <path d="M6 3.5h9M6 8h9M6 12.5h9" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  ),
  number: (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {/* Numerals drawn as strokes, not text: the button's name is its label. */}
      <path d="M1.5 2.2l1-.7v3.6M1 10.2c.3-1.2 2.4-1.2 2.4 0 0 .9-2.4 1.7-2.4 2.3h2.6" fill="none" stroke="currentColor" strokeWidth="1" />
      <path d="M6 3.5h9M6 8h9M6 12.5h9" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  ),
  quote: (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M1 9.5C1 6 3 4 6 3.5v2C4.5 6 4 7 4 8h2.5v5H1zM9 9.5C9 6 11 4 14 3.5v2c-1.5.5-2 1.5-2 2.5h2.5v5H9z" fill="currentColor" />
    </svg>
  ),
};

/** The items in the toolbar's order: the ones at the end go into "More" first. */
const ITEM_KEYS = ['undo', 'redo', 'block', 'bold', 'italic', 'underline', 'strikethrough', 'bullet', 'number', 'quote', 'link', 'table', 'comment'];

/** Gap between the last item shown and "More". */
const MORE_GAP = 8;

function sameToolbarState(a: ToolbarState, b: ToolbarState): boolean {
  return a.block === b.block && a.link === b.link && a.inTable === b.inTable && FORMATS.every(({ format }) => !!a.formats[format] === !!b.formats[format]);
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

declare global {
  interface Window {
    /** Set to a number by a test that counts the toolbar's renders (typing should not render it); absent otherwise. */
    __jfpToolbarRenders?: number;
  }
}

export function ToolbarPlugin() {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>(INITIAL);
  // Counted by an effect (any build), as the delivery grid counts its renders.
  useEffect(() => {
    if (window.__jfpToolbarRenders !== undefined) window.__jfpToolbarRenders++;
  });
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [linkForm, setLinkForm] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const formId = useId();
  const editable = useLexicalEditable();
  const barRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  useRovingTabStop(barRef);
  useRovingTabStop(tableRef);
  const [visible, setVisible] = useState(Number.POSITIVE_INFINITY);
  const edges = useRef(new Map<string, number>());
  const moreWidth = useRef(80);

  const refresh = useCallback(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    const anchor = selection.anchor.getNode();
    const formats: Record<string, boolean> = {};
    for (const { format } of FORMATS) formats[format] = selection.hasFormat(format);
    const linkNode = $findMatchingParent(anchor, $isLinkNode);
    const next: ToolbarState = {
      block: blockTypeOf(anchor),
      formats,
      link: linkNode && $isLinkNode(linkNode) ? linkNode.getURL() : null,
      inTable: $findMatchingParent(anchor, $isTableCellNode) !== null,
    };
    // Every keystroke refreshes; keeping the same state object when nothing changed spares the toolbar a render per key.
    setState((prev) => (sameToolbarState(prev, next) ? prev : next));
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

  const insertTable = () => editor.dispatchCommand(INSERT_TABLE_COMMAND, { rows: '3', columns: '3', includeHeaders: { rows: true, columns: false } });

  /** Remembers the selection (focus is about to leave the text) and opens the link form on it. */
  const $openLink = useCallback(() => {
    const selection = $getSelection();
    if (selection) savedSelections.set(editor, selection.clone());
    else savedSelections.delete(editor);
    const linkNode = $isRangeSelection(selection) ? $findMatchingParent(selection.anchor.getNode(), $isLinkNode) : null;
    setLinkForm(linkNode && $isLinkNode(linkNode) ? linkNode.getURL() : '');
    setLinkError(null);
  }, [editor]);
  const openLink = useCallback(() => editor.getEditorState().read($openLink), [editor, $openLink]);

  /**
   * Esc in a toolbar goes back to the text, the caret where it was: the selection Esc left (read from
   * the page), else the editor's own.
   */
  const onBarKey = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.key !== 'Escape') return onToolbarKeyDown(event);
      event.preventDefault();
      const escaped = escapedSelections.get(editor);
      escapedSelections.delete(editor);
      editor.update(() => {
        if (!escaped || !$isRangeSelection(escaped)) return;
        // The selection Esc left (what the person saw), unless the text it was in has gone.
        if ($getNodeByKey(escaped.anchor.key) && $getNodeByKey(escaped.focus.key)) $setSelection(escaped.clone());
      });
      editor.focus();
    },
    [editor],
  );

  /** Back to the text, with the selection the link form was opened on. */
  const closeLink = useCallback(() => {
    setLinkForm(null);
    setLinkError(null);
    const saved = savedSelections.get(editor);
    savedSelections.delete(editor);
    editor.update(() => {
      if (saved) $setSelection(saved.clone());
    });
    editor.focus();
  }, [editor]);

  const applyLink = (event: FormEvent) => {
    event.preventDefault();
    const raw = (linkForm ?? '').trim();
    const url = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : raw.includes('@') ? `mailto:${raw}` : `https://${raw}`;
    if (!raw || !isSafeUrl(url)) {
      setLinkError('Links must start with https://, http:// or mailto:.');
      return;
    }
    const saved = savedSelections.get(editor);
    editor.update(() => {
      if (saved) $setSelection(saved.clone());
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      // Nothing selected and not in a link: the address itself becomes the linked words.
      if (selection.isCollapsed() && !$findMatchingParent(selection.anchor.getNode(), $isLinkNode)) {
        const link = $createLinkNode(url);
        link.append($createTextNode(url));
        selection.insertNodes([link]);
      } else $toggleLink(url);
    });
    savedSelections.delete(editor);
    setLinkForm(null);
    setLinkError(null);
    editor.focus();
  };

  const removeLink = () => {
    const saved = savedSelections.get(editor);
    editor.update(() => {
      if (saved) $setSelection(saved.clone());
      $toggleLink(null);
    });
    savedSelections.delete(editor);
    setLinkForm(null);
    editor.focus();
  };

  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k' && editor.isEditable()) {
              event.preventDefault();
              $openLink();
              return true;
            }
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          KEY_ESCAPE_COMMAND,
          (event) => {
            event.preventDefault();
            // Remembered so Esc in the toolbar can put the caret back where it was: the selection on the page, which
            // the editor may not have heard of yet (KeySelectionPlugin), else the editor's own.
            const current = $getSelection();
            const selection = $isRangeSelection(current) || current === null ? ($selectionOnPage(editor) ?? current) : current;
            if (selection) escapedSelections.set(editor, selection.clone());
            focusTabStop(barRef.current);
            return true;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor, $openLink],
  );

  // Which items fit on one row: the rest go into "More". Right edges are measured while an item is shown
  // and remembered, so hidden ones are known too (they sit in a fixed order, so their edges do not move).
  useLayoutEffect(() => {
    const bar = barRef.current;
    if (!bar) return;
    const fit = () => {
      const barLeft = bar.getBoundingClientRect().left + bar.clientLeft;
      for (const slot of bar.querySelectorAll<HTMLElement>('[data-slot]')) edges.current.set(slot.dataset.slot!, slot.getBoundingClientRect().right - barLeft);
      const more = bar.querySelector<HTMLElement>('[data-more]');
      if (more) moreWidth.current = more.getBoundingClientRect().width;
      const room = bar.clientWidth - parseFloat(getComputedStyle(bar).paddingRight);
      const keys = ITEM_KEYS;
      const last = edges.current.get(keys[keys.length - 1]!);
      if (last !== undefined && last <= room) return setVisible(keys.length);
      let count = 0;
      for (const key of keys) {
        const edge = edges.current.get(key);
        if (edge === undefined || edge + MORE_GAP + moreWidth.current > room) break;
        count++;
      }
      setVisible(count);
    };
    const observer = new ResizeObserver(fit);
    observer.observe(bar);
    return () => observer.disconnect();
  }, []);

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
    editor.focus();
  };

  const startComment = () => editor.dispatchCommand(START_COMMENT_COMMAND, undefined);
  // Named "Comment on selection", not "Comment": the comment form's own field is labelled "Comment".
  const commentButton = (
    <button
      type="button"
      className="tool tool-icon"
      onClick={startComment}
      aria-label="Comment on selection"
      title="Comment on the selected words (Ctrl+Alt+M)"
      aria-keyshortcuts="Control+Alt+M"
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <path d="M2 2.5h12v8H7l-3.5 3v-3H2z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
      </svg>
    </button>
  );

  if (!editable) {
    return (
      <div className="toolbar-wrap">
        <div className="toolbar" role="toolbar" aria-label="Formatting" ref={barRef} onKeyDown={onBarKey} onFocus={onToolbarFocus}>
          <span className="muted read-only-note">Read-only review copy: select words, then</span>
          <button type="button" className="tool" onClick={startComment} title="Comment on the selected words (Ctrl+Alt+M)" aria-keyshortcuts="Control+Alt+M">
            Comment
          </button>
        </div>
      </div>
    );
  }

  /** Runs a command chosen from a menu and gives the text its focus back. */
  const andFocus = (action: () => void) => () => {
    action();
    editor.focus();
  };

  const items: ToolItem[] = [
    {
      key: 'undo',
      group: 0,
      bar: (
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
      ),
      menu: [{ key: 'undo', label: 'Undo', disabled: !canUndo, onSelect: andFocus(() => editor.dispatchCommand(UNDO_COMMAND, undefined)) }],
    },
    {
      key: 'redo',
      group: 0,
      bar: (
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
      ),
      menu: [{ key: 'redo', label: 'Redo', disabled: !canRedo, onSelect: andFocus(() => editor.dispatchCommand(REDO_COMMAND, undefined)) }],
    },
    {
      key: 'block',
      group: 1,
      bar: (
        <>
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
        </>
      ),
      menu: (Object.keys(BLOCK_LABELS) as BlockType[]).map((b, i) => ({
        key: `block-${b}`,
        label: BLOCK_LABELS[b],
        radio: true,
        checked: state.block === b,
        groupStart: i === 0,
        onSelect: andFocus(() => setBlock(b)),
      })),
    },
    ...FORMATS.map(({ format, label, short, keys }, i) => ({
      key: format,
      group: 2,
      bar: (
        <button
          type="button"
          className={`tool tool-${format}`}
          aria-pressed={state.formats[format] === true}
          aria-label={label}
          title={keys ? `${label} (${keys.replace('Control', 'Ctrl')})` : label}
          aria-keyshortcuts={keys || undefined}
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, format)}
        >
          {short}
        </button>
      ),
      menu: [
        {
          key: format,
          label,
          checked: state.formats[format] === true,
          groupStart: i === 0,
          onSelect: andFocus(() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, format)),
        },
      ],
    })),
    ...(
      [
        ['bullet', 'Bulleted list', () => setBlock('bullet')],
        ['number', 'Numbered list', () => setBlock('number')],
        ['quote', 'Quote', () => setBlock(state.block === 'quote' ? 'paragraph' : 'quote')],
      ] as const
    ).map(([block, label, act], i) => ({
      key: block,
      group: 3,
      bar: (
        <button type="button" className="tool tool-icon" aria-pressed={state.block === block} aria-label={label} title={label} onClick={act}>
          {BLOCK_ICONS[block]}
        </button>
      ),
      menu: [{ key: block, label, checked: state.block === block, groupStart: i === 0, onSelect: andFocus(act) }],
    })),
    {
      key: 'link',
      group: 4,
      bar: (
        <button
          type="button"
          className="tool"
          aria-pressed={state.link !== null}
          aria-expanded={linkForm !== null}
          aria-keyshortcuts="Control+K"
          title="Link (Ctrl+K)"
          onClick={() => (linkForm === null ? openLink() : closeLink())}
        >
          Link
        </button>
      ),
      menu: [{ key: 'link', label: 'Link…', groupStart: true, onSelect: openLink }],
    },
    {
      key: 'table',
      group: 4,
      bar: (
        <button type="button" className="tool tool-icon" aria-label="Table" title="Insert a table" onClick={insertTable}>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M1.5 2.5h13v11h-13zM1.5 6.2h13M1.5 9.8h13M6 2.5v11M10.5 2.5v11" fill="none" stroke="currentColor" strokeWidth="1.4" />
          </svg>
        </button>
      ),
      menu: [{ key: 'table', label: 'Table', onSelect: andFocus(insertTable) }],
    },
    {
      key: 'comment',
      group: 5,
      bar: commentButton,
      menu: [{ key: 'comment', label: 'Comment on selection', groupStart: true, onSelect: startComment }],
    },
  ];
  const shown = items.slice(0, visible);
  const hidden = items.slice(visible);

  return (
    <div className="toolbar-wrap">
      <div className="toolbar" role="toolbar" aria-label="Formatting" ref={barRef} onKeyDown={onBarKey} onFocus={onToolbarFocus}>
        {shown.map((item, i) => (
          <Fragment key={item.key}>
            {i > 0 && item.group !== shown[i - 1]!.group && <span className="tool-sep" aria-hidden="true" />}
            <span className="tool-slot" data-slot={item.key}>
              {item.bar}
            </span>
          </Fragment>
        ))}
        {hidden.length > 0 && (
          <span className="tool-slot tool-more" data-more="">
            <MenuButton label="More" buttonLabel="More formatting" entries={hidden.flatMap((item) => item.menu)} />
          </span>
        )}
      </div>
      {/* Always there, always the same height: tools for a table or link appear here without moving the text. */}
      <div className="toolbar-context">
        {state.inTable ? (
          <div className="toolbar toolbar-table" role="toolbar" aria-label="Table" ref={tableRef} onKeyDown={onBarKey} onFocus={onToolbarFocus}>
            <span className="muted context-label">Table:</span>
            <MenuButton
              label="Rows"
              buttonLabel="Table rows"
              entries={[
                { key: 'rowAbove', label: 'Row above', onSelect: () => tableAction('rowAbove') },
                { key: 'rowBelow', label: 'Row below', onSelect: () => tableAction('rowBelow') },
                { key: 'deleteRow', label: 'Delete row', groupStart: true, onSelect: () => tableAction('deleteRow') },
              ]}
            />
            <MenuButton
              label="Columns"
              buttonLabel="Table columns"
              entries={[
                { key: 'colLeft', label: 'Column left', onSelect: () => tableAction('colLeft') },
                { key: 'colRight', label: 'Column right', onSelect: () => tableAction('colRight') },
                { key: 'deleteCol', label: 'Delete column', groupStart: true, onSelect: () => tableAction('deleteCol') },
              ]}
            />
            <button type="button" className="tool" onClick={() => tableAction('header')}>
              Header row
            </button>
          </div>
        ) : state.link !== null ? (
          <p className="context-link muted">
            Link to <span className="context-url">{state.link}</span>
          </p>
        ) : (
          <p className="context-hint muted" aria-hidden="true">
            Esc: toolbar · Ctrl+K: link · Markdown such as “- ” or “## ” works
          </p>
        )}
      </div>
      {linkForm !== null && (
        <form
          className="link-form"
          aria-label="Link"
          onSubmit={applyLink}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              closeLink();
            }
          }}
        >
          <label htmlFor={`${formId}-url`}>Link address</label>
          <input id={`${formId}-url`} value={linkForm} onChange={(e) => setLinkForm(e.target.value)} placeholder="https://…" autoFocus />
          <button type="submit" className="button-primary button-small">
            Apply link
          </button>
          {state.link !== null && (
            <button type="button" className="button-secondary button-small" onClick={removeLink}>
              Remove link
            </button>
          )}
          <button type="button" className="button-quiet button-small" onClick={closeLink}>
            Cancel
          </button>
          {linkError && (
            <p className="field-error" role="alert">
              {linkError}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
