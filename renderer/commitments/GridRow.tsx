// One row of the delivery grid, and its cells, as memoised components. Their
// props hold nothing that depends on the row's place in the table: a sort or a
// filter moves rows (the grid's own <div role="row"> carries aria-rowindex and
// the row's position) without rendering any row whose commitment, editing or
// selection did not change. The row number in each cell's data-label and in the
// action buttons' names is written by the grid after it renders (stampRowNumbers).
//
// A row that moves keeps its element, so its focused cell or open editor: React
// holds back events while it changes the page and gives the focus (and an input's
// selection) back to the element that had it (tested in commitments-grid e2e).
import { memo, useEffect } from 'react';
import { StatusEditor } from './StatusEditor';
import { CellEditor, type Move } from './CellEditor';
import { COLUMNS, type ColumnContext } from './columns';
import type { RowSaver } from './row-saver';

/** The cell being edited, with the row number its editor's label names. */
export interface EditingCell {
  key: string;
  col: number;
  initial: string;
  original: string;
  rowNumber: number;
}

/** The grid's handlers, one stable object: passing it never makes a row render (clicks are handled by the grid, for every cell). */
export interface RowActions {
  save(editing: EditingCell, text: string, close: Move | null, reason?: string): string | null;
  cancel(editing: EditingCell, original: string, saved: boolean): void;
  setDirty(dirty: boolean): void;
  registerTake(take: (() => void) | null): void;
  openDetail(key: string): void;
  askDelete(key: string | null): void;
  remove(key: string): void;
}

declare global {
  interface Window {
    /** Set by a test that counts renders of the grid's row components; absent otherwise. */
    __jfpGridRowRenders?: string[];
  }
}

/** Writes each rendered row's number into its cells' data-label and its buttons' names (only where it changed). */
export function stampRowNumbers(body: HTMLElement | null): void {
  if (!body) return;
  for (const rowElement of body.children) {
    const n = Number(rowElement.getAttribute('aria-rowindex')) - 1;
    if (!(n > 0)) continue;
    const cells = rowElement.children;
    for (let c = 0; c < COLUMNS.length; c++) {
      const cell = cells[c];
      const label = `${COLUMNS[c]!.label}, row ${n}`;
      if (cell && cell.getAttribute('data-label') !== label) cell.setAttribute('data-label', label);
    }
    for (const button of rowElement.querySelectorAll('[data-row-action]')) {
      const label = `${button.getAttribute('data-row-action')}, row ${n}`;
      if (button.getAttribute('aria-label') !== label) button.setAttribute('aria-label', label);
    }
  }
}

interface CellProps {
  row: RowSaver;
  version: number;
  col: number;
  ctx: ColumnContext;
  width: number;
  isTab: boolean;
  selected: boolean;
  editing: EditingCell | null;
  actions: RowActions;
}

const GridCell = memo(function GridCell({ row, col, ctx, width, isTab, selected, editing, actions }: CellProps) {
  const column = COLUMNS[col]!;
  const label = editing ? `${column.label}, row ${editing.rowNumber}` : '';
  return (
    <div
      role="gridcell"
      aria-colindex={col + 1}
      aria-selected={selected}
      tabIndex={isTab && !editing ? 0 : -1}
      data-cell={`${row.key}:${col}`}
      className={`dgrid-cell dgrid-col-${column.id}${isTab ? ' dgrid-active' : ''}${selected ? ' dgrid-selected' : ''}${editing ? ' dgrid-editing' : ''}`}
      style={{ width }}
    >
      {editing && column.id === 'rag' ? (
        <StatusEditor
          column={column}
          ctx={ctx}
          label={label}
          initial={editing.initial}
          original={editing.original}
          savedReason={row.saved?.ragOverride ? row.saved.ragOverrideReason : ''}
          onSave={(text, close, reason) => actions.save(editing, text, close, reason)}
          onCancel={(original, saved) => actions.cancel(editing, original, saved)}
          onDirty={actions.setDirty}
          registerTake={actions.registerTake}
        />
      ) : editing ? (
        <CellEditor
          column={column}
          ctx={ctx}
          label={label}
          initial={editing.initial}
          original={editing.original}
          onSave={(text, close) => actions.save(editing, text, close)}
          onCancel={(original, saved) => actions.cancel(editing, original, saved)}
          onDirty={actions.setDirty}
          registerTake={actions.registerTake}
        />
      ) : (
        <span className={`dgrid-text${column.id === 'rag' ? ` rag-chip rag-${String(row.value('rag') ?? 'not_set')}` : ''}`}>{column.display(row, ctx)}</span>
      )}
    </div>
  );
});

export interface RowCellsProps {
  row: RowSaver;
  /** The row's version: a new one (a typed value, a save) renders the row; a new place in the table does not. */
  version: number;
  ctx: ColumnContext;
  /** Widths of COLUMNS and then of the actions column. */
  widths: readonly number[];
  /** The column of the grid's one tab stop when it is in this row, else -1. */
  tabCol: number;
  /** The selected block's columns in this row, else -1 and -1. */
  selLeft: number;
  selRight: number;
  editing: EditingCell | null;
  confirmDelete: boolean;
  actions: RowActions;
}

/** The cells of one row (the grid renders the row element around them). */
export const RowCells = memo(function RowCells({ row, version, ctx, widths, tabCol, selLeft, selRight, editing, confirmDelete, actions }: RowCellsProps) {
  // Counted when a test asks: a sort must render no row whose commitment did not change.
  useEffect(() => {
    window.__jfpGridRowRenders?.push(row.key);
  });
  const actionsCol = COLUMNS.length;
  return (
    <>
      {COLUMNS.map((column, c) => (
        <GridCell
          key={column.id}
          row={row}
          version={version}
          col={c}
          ctx={ctx}
          width={widths[c]!}
          isTab={tabCol === c}
          selected={c >= selLeft && c <= selRight}
          editing={editing?.col === c ? editing : null}
          actions={actions}
        />
      ))}
      <div
        role="gridcell"
        aria-colindex={actionsCol + 1}
        tabIndex={tabCol === actionsCol ? 0 : -1}
        data-cell={`${row.key}:${actionsCol}`}
        className={`dgrid-cell dgrid-actions${tabCol === actionsCol ? ' dgrid-active' : ''}`}
        style={{ width: widths[actionsCol] }}
      >
        {confirmDelete ? (
          <>
            <button type="button" tabIndex={-1} className="button-secondary button-small" onClick={() => actions.remove(row.key)}>
              Confirm delete
            </button>
            <button type="button" tabIndex={-1} className="button-quiet button-small" onClick={() => actions.askDelete(null)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button type="button" tabIndex={-1} className="button-quiet button-small" data-row-action="Details of commitment" onClick={() => actions.openDetail(row.key)}>
              Details
            </button>
            <button type="button" tabIndex={-1} className="tool tool-danger" data-row-action="Delete commitment" onClick={() => actions.askDelete(row.key)}>
              Delete
            </button>
          </>
        )}
      </div>
    </>
  );
});
