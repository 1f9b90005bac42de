// The plan's delivery commitments as a spreadsheet-like grid.
//
// Library choice (#11): TanStack Table 8 (headless: column model, sorting,
// filtering, column sizing) with @tanstack/react-virtual for row virtualisation,
// both MIT. Chosen over AG Grid Community because it renders nothing itself: the
// ARIA grid (role=grid/row/gridcell, aria-rowcount/rowindex while virtualised,
// aria-colindex, one roving tabindex) and the Excel keyboard model are ours, so
// they are exactly what the tests check, with no licence-key or enterprise split,
// no theme CSS to fight, and React 19 support (plain hooks). Version 8 rather than
// the very new 9 for its settled API. TanStack Table offers no cell editing or
// keyboard model: those live in CellEditor.tsx and this file.
//
// Saving: grid-model.ts / row-saver.ts (one serialised queue per row).
import { getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { SectionSummary } from '../../shared/domain';
import { formatFinancialYear, planYears } from '../../shared/financial-year';
import { ApiFailure, call, messageOf } from '../app/api';
import { useJfpEvent } from '../app/events';
import { registerSaver } from '../app/flush';
import { ErrorNotice } from '../app/Notice';
import { useReportSaveStatus } from '../editor/save-status';
import { usePlan } from '../workspace/open-plan';
import type { Move } from './CellEditor';
import { GRID_RENDER_REGION } from '../app/commit-regions';
import { clearedFields, COLUMNS, type ColumnContext, type SectionRef } from './columns';
import { CommitmentDetail } from './CommitmentDetail';
import { ConflictChoices } from './ConflictChoices';
import { GridModel } from './grid-model';
import { RowCells, stampRowNumbers, type EditingCell, type RowActions } from './GridRow';
import { prepareRowKeys, rowKeys, searchMatches } from './row-keys';
import { ImportExport } from './ImportExport';
import type { Fields, RowSaver } from './row-saver';
import { parseTsv, toTsv } from './tsv';
import './grid.css';

const ROW_HEIGHT = 34;
/** Row index of the header in the keyboard model (data rows are 0..n-1). */
const HEADER = -1;
const ACTIONS_COL = COLUMNS.length;
const COLUMN_COUNT = COLUMNS.length + 1;

type FilterKey = 'priority' | 'leadOrg' | 'place' | 'governanceGroup' | 'targetYear' | 'rag';
const FILTERS: Array<{ key: FilterKey; label: string; all: string }> = [
  { key: 'priority', label: 'Priority', all: 'All priorities' },
  { key: 'leadOrg', label: 'Lead organisation', all: 'All leads' },
  { key: 'place', label: 'Place', all: 'All places' },
  { key: 'governanceGroup', label: 'Governance group', all: 'All groups' },
  { key: 'targetYear', label: 'Target year', all: 'All years' },
  { key: 'rag', label: 'Status', all: 'All statuses' },
];

interface Cell {
  key: string;
  col: number;
}
interface Editing extends Cell {
  initial: string;
  original: string;
}

const widthsKey = (planId: string) => `jfp:commitment-columns:${planId}`;
function loadWidths(planId: string): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(widthsKey(planId)) ?? '{}');
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter(([k, v]) => COLUMNS.some((c) => c.id === k) && typeof v === 'number' && v >= 40 && v <= 1200));
  } catch {
    return {};
  }
}

function sectionPathsOf(sections: readonly SectionRef[]): Map<string, string> {
  // "Start well › What we will do": sub-headings repeat under each priority, so show the parent too.
  const byId = new Map(sections.map((s) => [s.id, s]));
  const paths = new Map<string, string>();
  for (const s of sections) {
    const parts: string[] = [];
    for (let cursor: SectionRef | undefined = s; cursor; cursor = cursor.parentId ? byId.get(cursor.parentId) : undefined) parts.unshift(cursor.title);
    paths.set(s.id, parts.slice(-2).join(' › '));
  }
  return paths;
}

const distinct = (values: string[]) => [...new Set(values.filter(Boolean))].sort((a, b) => a.localeCompare(b, 'en-GB'));

export function CommitmentsGrid({ planId, sections, onOpenSection }: { planId: string; sections: SectionSummary[]; onOpenSection: (id: string) => void }) {
  const id = useId();
  const plan = usePlan();
  const reportStatus = useReportSaveStatus();
  const [model] = useState(
    () =>
      new GridModel(
        {
          add: (fields) => call('addCommitment', { planId, fields }),
          update: (commitmentId, revision, fields) => call('updateCommitment', { commitmentId, revision, fields }),
          get: (commitmentId) => call('getCommitment', { commitmentId }),
          codeOf: (error) => (error instanceof ApiFailure ? error.code : null),
          messageOf,
        },
        reportStatus,
      ),
  );
  const data = useSyncExternalStore(model.subscribe, model.getSnapshot) as RowSaver[];
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [priorities, setPriorities] = useState<string[]>([]);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filters, setFilters] = useState<Record<FilterKey, string>>({ priority: '', leadOrg: '', place: '', governanceGroup: '', targetYear: '', rag: '' });
  const [search, setSearch] = useState('');
  const [widths, setWidths] = useState<Record<string, number>>(() => loadWidths(planId));
  const [active, setActive] = useState<Cell | null>(null);
  const [anchor, setAnchor] = useState<Cell | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [detailKey, setDetailKey] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  /** Move the focus to the active cell after the next render (keyboard moves; not on load). */
  const [focusWanted, setFocusWanted] = useState(0);
  // Each render of the grid itself (not of the cell editor alone) is counted when a test or benchmark asks:
  // typing in a cell must touch only its editor.
  useEffect(() => {
    window.__jfpCommits?.push({ region: GRID_RENDER_REGION, commitTime: performance.now() });
  });

  const load = useCallback(async () => {
    try {
      const [list, prios] = await Promise.all([call('listCommitmentRows', { planId }), call('listPriorities', { planId })]);
      model.load(list);
      setPriorities(prios.map((p) => p.title));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoaded(true);
    }
  }, [planId, model]);
  useEffect(() => {
    void load();
  }, [load]);
  // The jfp command line, an import or another window changed the database.
  useJfpEvent('plansChanged', () => void load());

  // Save everything when the window closes, the page goes away or the author leaves this screen.
  useEffect(() => {
    const unregister = registerSaver(() => model.flushAll());
    const onLeave = () => void model.flushAll();
    window.addEventListener('beforeunload', onLeave);
    window.addEventListener('pagehide', onLeave);
    return () => {
      unregister();
      window.removeEventListener('beforeunload', onLeave);
      window.removeEventListener('pagehide', onLeave);
      void model.flushAll();
    };
  }, [model]);

  const keptInView = useCallback((key: string) => model.fresh.has(key) || key === model.editingKey, [model]);

  // The columns' context, as text: a reload (another window, the command line) brings new but equal plan, section and
  // priority objects, and a new context would render every row and work out every sort value again.
  const ctxText = JSON.stringify({
    period: plan ? { startYear: plan.startYear, endYear: plan.endYear } : null,
    sections: sections.map((s): SectionRef => ({ id: s.id, title: s.title, parentId: s.parentId })),
    priorities,
    partners: plan?.partnerTrusts ?? [],
    places: plan?.places ?? [],
  });
  const ctx: ColumnContext = useMemo(() => {
    const parsed = JSON.parse(ctxText) as Omit<ColumnContext, 'sectionPaths'>;
    return { ...parsed, sectionPaths: sectionPathsOf(parsed.sections) };
  }, [ctxText]);

  // Sort and filter values are worked out once per row change, after the rows are painted, not on the first click.
  useEffect(() => prepareRowKeys(data, ctx), [data, ctx]);

  const columns = useMemo<ColumnDef<RowSaver>[]>(
    () =>
      COLUMNS.map((c, i) => ({
        id: c.id,
        header: c.label,
        size: c.width,
        minSize: 50,
        maxSize: 1200,
        // Rows added here stay at the end whatever the sort, until the table is opened again.
        accessorFn: (row) => (model.fresh.has(row.key) ? undefined : rowKeys(row, ctx).sort[i]),
        sortUndefined: 'last',
        // Values are already lower-cased text or numbers: a plain comparison, not TanStack's slower alphanumeric one.
        sortingFn: 'basic',
        // A new row, and the row being edited, stay in view whatever the filters say (an edit must not hide its own editor).
        filterFn: (row, _columnId, wanted: string) => keptInView(row.original.key) || rowKeys(row.original, ctx).filter[i] === wanted,
      })),
    [ctx, model, keptInView],
  );

  const columnFilters = useMemo(
    () => (Object.entries(filters) as Array<[FilterKey, string]>).filter(([, value]) => value !== '').map(([key, value]) => ({ id: key, value })),
    [filters],
  );

  // The app is not built with the React Compiler, and nothing memoised receives the table's functions:
  // this component renders again whenever the rows, sort, filters or widths change.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: { sorting, columnFilters, globalFilter: search, columnSizing: widths },
    onSortingChange: setSorting,
    onColumnSizingChange: (change) =>
      setWidths((current) => {
        const next = typeof change === 'function' ? change(current) : change;
        window.localStorage.setItem(widthsKey(planId), JSON.stringify(next));
        return next;
      }),
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
    getRowId: (row) => row.key,
    globalFilterFn: (row, _columnId, wanted: string) => {
      if (keptInView(row.original.key)) return true;
      return searchMatches(rowKeys(row.original, ctx), wanted.trim().toLocaleLowerCase('en-GB'));
    },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const visible = table.getRowModel().rows.map((r) => r.original);
  const headers = table.getHeaderGroups()[0]!.headers;
  const widthOf = (col: number) => (col === ACTIONS_COL ? 150 : (headers[col]?.getSize() ?? 100));
  const totalWidth = headers.reduce((sum, h) => sum + h.getSize(), 0) + widthOf(ACTIONS_COL);
  // One array per set of widths (not per render), so the memoised rows see the same prop until a column is resized.
  const widthsText = [...COLUMNS.map((_, c) => widthOf(c)), widthOf(ACTIONS_COL)].join(',');
  const colWidths = useMemo(() => widthsText.split(',').map(Number), [widthsText]);

  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Rows beyond the view, each side: a sort or filter that brings new rows into view mounts these too.
    overscan: 6,
  });

  const indexOf = (key: string) => (key === 'header' ? HEADER : visible.findIndex((r) => r.key === key));
  const keyAt = (index: number) => (index === HEADER ? 'header' : visible[index]?.key);

  const activeIndex = active ? indexOf(active.key) : -2;
  /** The one cell Tab reaches: the active cell, else the first. */
  const tabStop: Cell = active && (active.key === 'header' || activeIndex >= 0) ? active : { key: visible[0]?.key ?? 'header', col: 0 };
  const block = (() => {
    if (!active || activeIndex < 0) return null;
    const a = anchor && indexOf(anchor.key) >= 0 ? anchor : active;
    const ai = indexOf(a.key);
    return {
      top: Math.min(ai, activeIndex),
      bottom: Math.max(ai, activeIndex),
      left: Math.min(a.col, active.col, ACTIONS_COL - 1),
      right: Math.min(Math.max(a.col, active.col), ACTIONS_COL - 1),
    };
  })();

  const editingRowNumber = editing ? indexOf(editing.key) + 1 : 0;
  const editingCell = useMemo<EditingCell | null>(() => (editing ? { ...editing, rowNumber: editingRowNumber } : null), [editing, editingRowNumber]);

  // Bring the active cell into view and give it the focus after a keyboard move.
  useEffect(() => {
    if (!focusWanted || !active) return;
    const index = indexOf(active.key);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    if (editing) return;
    const find = () => gridRef.current?.querySelector<HTMLElement>(`[data-cell="${CSS.escape(active.key)}:${active.col}"]`);
    // At once when the cell is rendered, so the next key already reaches it; else once it has scrolled in.
    const now = find();
    if (now) {
      now.focus();
      return;
    }
    const frame = requestAnimationFrame(() => find()?.focus());
    return () => cancelAnimationFrame(frame);
    // Only a new focus request moves the focus; rows changing underneath must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusWanted]);

  const moveTo = (index: number, col: number, extend = false) => {
    const clampedIndex = Math.max(HEADER, Math.min(visible.length - 1, index));
    const key = keyAt(clampedIndex);
    if (key === undefined) return;
    const cell = { key, col: Math.max(0, Math.min(COLUMN_COUNT - 1, col)) };
    // Leaving a row saves it at once (its queue may hold a debounced edit).
    if (active && active.key !== cell.key) void model.row(active.key)?.flush();
    setActive(cell);
    if (!extend) setAnchor(cell);
    setFocusWanted((n) => n + 1);
  };

  const startEdit = (cell: Cell, typed?: string) => {
    const row = model.row(cell.key);
    const column = COLUMNS[cell.col];
    if (!row || !column) return;
    const original = column.editText(row);
    const initial = typed !== undefined && column.editor === 'text' ? typed : original;
    model.setEditingKey(row.key, column.id);
    setEditing({ ...cell, initial, original });
    if (typed !== undefined && column.editor === 'text') model.setEditorDirty(true);
  };

  const saveCell = (cell: Cell, text: string, close: Move | null, reason?: string): string | null => {
    const row = model.row(cell.key);
    const column = COLUMNS[cell.col];
    if (!row || !column) return null;
    const parsed = column.parse(text, ctx, reason);
    if (!parsed.ok) return parsed.message;
    if (parsed.note) setMessage(parsed.note);
    // A draft with nothing typed stays a draft.
    const emptyDraft = !row.saved && text.trim() === '' && Object.keys(row.pending).length === 0;
    const newReason = reason !== undefined && text !== 'not_set' && reason !== (row.saved?.ragOverrideReason ?? '');
    if (!emptyDraft && (text !== column.editText(row) || newReason)) void row.edit(parsed.fields);
    if (close) finishEdit(cell, close);
    return null;
  };

  const finishEdit = (cell: Cell, move: Move) => {
    model.setEditingKey(null);
    setEditing(null);
    if (move === 'blur') return;
    const index = indexOf(cell.key);
    if (move === 'down') moveTo(index + 1, cell.col);
    else if (move === 'right') moveTo(index, cell.col + 1);
    else if (move === 'left') moveTo(index, cell.col - 1);
    else moveTo(index, cell.col);
  };

  const cancelEdit = (cell: Cell, original: string, saved: boolean) => {
    const row = model.row(cell.key);
    if (row && saved) {
      const parsed = COLUMNS[cell.col]!.parse(original, ctx);
      if (parsed.ok) void row.edit(parsed.fields);
    }
    finishEdit(cell, 'stay');
  };

  const addRow = () => {
    const draft = model.addDraft();
    const cell = { key: draft.key, col: 0 };
    setActive(cell);
    setAnchor(cell);
    setEditing({ ...cell, initial: '', original: '' });
    model.setEditingKey(draft.key);
    requestAnimationFrame(() => virtualizer.scrollToIndex(visible.length, { align: 'end' }));
  };

  const blockRows = () => (block ? visible.slice(block.top, block.bottom + 1) : []);

  const clearBlock = () => {
    if (!block) return;
    for (const row of blockRows()) {
      if (!row.saved && Object.keys(row.pending).length === 0) continue;
      const fields: Fields = {};
      for (let c = block.left; c <= block.right; c++) Object.assign(fields, clearedFields(COLUMNS[c]!, ctx));
      void row.edit(fields);
    }
  };

  const copyText = () => {
    if (!block) return '';
    return toTsv(blockRows().map((row) => COLUMNS.slice(block.left, block.right + 1).map((c) => c.display(row, ctx))));
  };

  const paste = (text: string) => {
    if (!active || activeIndex < 0 || active.col >= ACTIONS_COL) return;
    const cells = parseTsv(text);
    if (cells.length === 0) return;
    const refused: string[] = [];
    let applied = 0;
    const start = activeIndex;
    const targets = [...visible];
    cells.forEach((line, i) => {
      const fields: Fields = {};
      const problems: string[] = [];
      line.forEach((value, j) => {
        const column = COLUMNS[active.col + j];
        if (!column) return;
        const parsed = column.parse(value, ctx);
        if (parsed.ok) Object.assign(fields, parsed.fields);
        else problems.push(`${column.label}: ${parsed.message}`);
      });
      // Nothing of a row is applied unless all its cells are.
      if (problems.length) {
        refused.push(`row ${start + i + 1} (${problems.join(' ')})`);
        return;
      }
      const target = targets[start + i] ?? model.addDraft();
      void target.edit(fields);
      applied += 1;
    });
    const lastCol = Math.min(ACTIONS_COL - 1, active.col + Math.max(...cells.map((l) => l.length)) - 1);
    const lastKey = model.rows()[model.rows().length - 1]?.key;
    const endKey = targets[start + cells.length - 1]?.key ?? lastKey;
    if (endKey) setActive({ key: endKey, col: lastCol });
    setAnchor(active);
    setMessage(
      refused.length
        ? `Pasted ${applied} of ${cells.length} rows. Not pasted, nothing changed in: ${refused.join('; ')}.`
        : `Pasted ${cells.length} ${cells.length === 1 ? 'row' : 'rows'}.`,
    );
  };

  /** Ascending, then descending, then as loaded: the same for every column, text or number. */
  const toggleSort = (col: number) => {
    const column = headers[col]?.column;
    if (!column) return;
    const now = column.getIsSorted();
    setSorting(now === false ? [{ id: column.id, desc: false }] : now === 'asc' ? [{ id: column.id, desc: true }] : []);
  };

  const onGridKeyDown = (e: React.KeyboardEvent) => {
    if (editing) return;
    const active = tabStop;
    const index = indexOf(active.key);
    const ctrl = e.ctrlKey || e.metaKey;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const handled = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    switch (e.key) {
      case 'ArrowDown':
        handled();
        return moveTo(index + 1, active.col, e.shiftKey);
      case 'ArrowUp':
        handled();
        return moveTo(e.shiftKey ? Math.max(0, index - 1) : index - 1, active.col, e.shiftKey);
      case 'ArrowRight':
        handled();
        return moveTo(index, active.col + 1, e.shiftKey);
      case 'ArrowLeft':
        handled();
        return moveTo(index, active.col - 1, e.shiftKey);
      case 'Home':
        handled();
        return ctrl ? moveTo(0, 0) : moveTo(index, 0, e.shiftKey);
      case 'End':
        handled();
        return ctrl ? moveTo(visible.length - 1, COLUMN_COUNT - 1) : moveTo(index, COLUMN_COUNT - 1, e.shiftKey);
      case 'PageDown':
        handled();
        return moveTo(Math.max(0, index) + page, active.col, e.shiftKey);
      case 'PageUp':
        handled();
        return moveTo(Math.max(0, index - page), active.col, e.shiftKey);
      case 'Tab':
        // Tab moves right; at the row's end (or start, with Shift) it leaves the grid as usual.
        if (e.shiftKey ? active.col > 0 : active.col < COLUMN_COUNT - 1) {
          handled();
          moveTo(index, active.col + (e.shiftKey ? -1 : 1));
        }
        return;
      case 'Enter':
      case 'F2':
        handled();
        if (index === HEADER) return active.col < ACTIONS_COL ? toggleSort(active.col) : undefined;
        if (active.col === ACTIONS_COL) return setDetailKey(active.key);
        return startEdit(active);
      case 'Delete':
      case 'Backspace':
        if (index < 0) return;
        handled();
        return clearBlock();
      default:
        if (index >= 0 && !ctrl && !e.altKey && e.key.length === 1 && active.col < ACTIONS_COL) {
          handled();
          startEdit(active, e.key);
        }
    }
  };

  // Focus reaching a cell (Tab into the grid, a click) makes it the active one.
  // A click or double click on a cell, for every cell at once (the cells carry no handlers of their own).
  const cellOf = (target: EventTarget): Cell | null => {
    const where = target instanceof Element ? target.closest<HTMLElement>('[data-cell]')?.dataset.cell : undefined;
    if (!where) return null;
    const split = where.lastIndexOf(':');
    return { key: where.slice(0, split), col: Number(where.slice(split + 1)) };
  };
  const isEditingCell = (cell: Cell) => editing?.key === cell.key && editing.col === cell.col;
  const onGridMouseDown = (e: React.MouseEvent) => {
    const cell = cellOf(e.target);
    if (!cell || cell.key === 'header' || isEditingCell(cell)) return;
    if (cell.col === ACTIONS_COL) return setActive(cell);
    if (e.shiftKey && active) {
      e.preventDefault();
      return setActive(cell);
    }
    setActive(cell);
    setAnchor(cell);
  };
  const onGridDoubleClick = (e: React.MouseEvent) => {
    const cell = cellOf(e.target);
    if (!cell || cell.key === 'header' || cell.col === ACTIONS_COL || isEditingCell(cell)) return;
    startEdit(cell);
  };

  const onGridFocus = (e: React.FocusEvent) => {
    const where = (e.target as HTMLElement).dataset.cell;
    if (!where) return;
    const split = where.lastIndexOf(':');
    const cell = { key: where.slice(0, split), col: Number(where.slice(split + 1)) };
    if (active?.key !== cell.key || active.col !== cell.col) {
      setActive(cell);
      setAnchor(cell);
    }
  };

  const onCopy = (e: React.ClipboardEvent) => {
    if (editing || !block) return;
    e.preventDefault();
    e.clipboardData.setData('text/plain', copyText());
    setMessage(`Copied ${block.bottom - block.top + 1} × ${block.right - block.left + 1} cells.`);
  };
  const onPaste = (e: React.ClipboardEvent) => {
    if (editing) return;
    e.preventDefault();
    paste(e.clipboardData.getData('text/plain'));
  };

  const remove = async (key: string) => {
    const row = model.row(key);
    setConfirmDelete(null);
    if (!row) return;
    try {
      if (row.saved) await call('deleteCommitment', { commitmentId: row.saved.id });
      model.remove(key);
      if (detailKey === key) setDetailKey(null);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  // The grid's handlers for its memoised rows: one object for the grid's life, calling the latest closures.
  const handlers = useRef<RowActions | null>(null);
  useLayoutEffect(() => {
    handlers.current = {
      save: (cell, text, close, reason) => saveCell(cell, text, close, reason),
      cancel: (cell, original, saved) => cancelEdit(cell, original, saved),
      setDirty: (dirty) => model.setEditorDirty(dirty),
      registerTake: (take) => model.setEditorTake(take),
      openDetail: (key) => setDetailKey(key),
      askDelete: (key) => setConfirmDelete(key),
      remove: (key) => void remove(key),
    };
  });
  const [actions] = useState<RowActions>(() => ({
    save: (cell, text, close, reason) => handlers.current?.save(cell, text, close, reason) ?? null,
    cancel: (cell, original, saved) => handlers.current?.cancel(cell, original, saved),
    setDirty: (dirty) => handlers.current?.setDirty(dirty),
    registerTake: (take) => handlers.current?.registerTake(take),
    openDetail: (key) => handlers.current?.openDetail(key),
    askDelete: (key) => handlers.current?.askDelete(key),
    remove: (key) => handlers.current?.remove(key),
  }));

  // Each row's number in its cells' data-label and its buttons' names, written after every render (rows move without rendering).
  const bodyRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => stampRowNumbers(bodyRef.current));

  const all = data;
  // Worked out when the rows or the plan change, not on every sort or filter.
  const options = useMemo(() => {
    const byKey = {} as Record<FilterKey, string[]>;
    for (const { key } of FILTERS) {
      if (key === 'targetYear') {
        const years = new Set<number>(plan ? planYears(plan.startYear) : []);
        for (const r of all) {
          const y = r.value('targetYear');
          if (typeof y === 'number') years.add(y);
        }
        byKey[key] = [...years].sort((a, b) => a - b).map(formatFinancialYear);
        continue;
      }
      const column = COLUMNS.find((c) => c.id === key)!;
      byKey[key] = distinct(all.map((r) => column.filterValue?.(r, ctx) ?? ''));
    }
    return byKey;
  }, [all, ctx, plan]);

  const problems = all.filter((r) => r.state === 'failed');
  const conflicts = all.filter((r) => r.conflict);
  const detailRow = detailKey ? model.row(detailKey) : undefined;
  const items = virtualizer.getVirtualItems();

  return (
    <section className="commitments dgrid-section" aria-labelledby={`${id}-heading`}>
      <div className="commitments-heading">
        <h2 id={`${id}-heading`}>Delivery commitments</h2>
        <div className="dgrid-toolbar">
          <ImportExport planId={planId} onImported={() => void load()} />
          <button type="button" className="button-primary" onClick={addRow}>
            Add commitment
          </button>
        </div>
      </div>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      {problems.length > 0 && (
        <ErrorNotice message={`Not saved: ${problems[0]!.error}`}>
          <button type="button" className="button-secondary button-small" onClick={() => void model.flushAll()}>
            Try again
          </button>
        </ErrorNotice>
      )}
      {conflicts.map((row) => (
        <ConflictChoices key={row.key} row={row} ctx={ctx} />
      ))}
      <div className="filters" role="group" aria-label="Filter commitments">
        {FILTERS.map((f) => (
          <div className="field" key={f.key}>
            <label htmlFor={`${id}-f-${f.key}`}>{f.label}</label>
            <select id={`${id}-f-${f.key}`} value={filters[f.key]} onChange={(e) => setFilters({ ...filters, [f.key]: e.target.value })}>
              <option value="">{f.all}</option>
              {options[f.key].map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </div>
        ))}
        <div className="field">
          <label htmlFor={`${id}-search`}>Find in table</label>
          <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <p className="muted filter-count" role="status">
          Showing {visible.length} of {all.length} commitments
        </p>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {message}
      </p>
      {message && (
        <p className="muted dgrid-message" aria-hidden="true">
          {message}
        </p>
      )}
      {!loaded ? (
        <p className="muted">Loading commitments…</p>
      ) : (
        <div className="dgrid-layout">
          <div className="dgrid-scroll" ref={scrollRef}>
            <div
              ref={gridRef}
              role="grid"
              aria-labelledby={`${id}-heading`}
              aria-rowcount={visible.length + 1}
              aria-colcount={COLUMN_COUNT}
              aria-multiselectable="true"
              className="dgrid"
              style={{ width: totalWidth }}
              onKeyDown={onGridKeyDown}
              onFocus={onGridFocus}
              onMouseDown={onGridMouseDown}
              onDoubleClick={onGridDoubleClick}
              onCopy={onCopy}
              onPaste={onPaste}
            >
              <div role="rowgroup" className="dgrid-head">
                <div role="row" aria-rowindex={1} className="dgrid-row">
                  {headers.map((h, c) => {
                    const sorted = h.column.getIsSorted();
                    const isActive = tabStop.key === 'header' && tabStop.col === c;
                    return (
                      <div
                        key={h.id}
                        role="columnheader"
                        aria-colindex={c + 1}
                        aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                        className="dgrid-th"
                        style={{ width: h.getSize() }}
                        tabIndex={isActive ? 0 : -1}
                        data-cell={`header:${c}`}
                      >
                        <button type="button" tabIndex={-1} className="sort-button" onClick={() => toggleSort(c)}>
                          {String(h.column.columnDef.header)}
                          <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                        </button>
                        <div
                          className={`dgrid-resize${h.column.getIsResizing() ? ' dgrid-resizing' : ''}`}
                          aria-hidden="true"
                          onMouseDown={h.getResizeHandler()}
                          onDoubleClick={() => h.column.resetSize()}
                        />
                      </div>
                    );
                  })}
                  <div role="columnheader" aria-colindex={COLUMN_COUNT} className="dgrid-th" style={{ width: widthOf(ACTIONS_COL) }} data-cell={`header:${ACTIONS_COL}`}>
                    <span className="dgrid-th-text">Actions</span>
                  </div>
                </div>
              </div>
              <div role="rowgroup" className="dgrid-body" style={{ height: virtualizer.getTotalSize() }} ref={bodyRef}>
                {items.map((item) => {
                  const row = visible[item.index];
                  if (!row) return null;
                  const inBlock = !!block && item.index >= block.top && item.index <= block.bottom;
                  return (
                    <div
                      key={row.key}
                      role="row"
                      aria-rowindex={item.index + 2}
                      className={`dgrid-row${row.state !== 'saved' ? ` dgrid-row-${row.state}` : ''}${detailKey === row.key ? ' dgrid-row-open' : ''}`}
                      style={{ transform: `translateY(${item.start}px)` }}
                      data-commitment-key={row.key}
                      data-commitment-id={row.saved?.id}
                    >
                      <RowCells
                        row={row}
                        version={row.version}
                        ctx={ctx}
                        widths={colWidths}
                        tabCol={tabStop.key === row.key ? tabStop.col : -1}
                        selLeft={inBlock ? block.left : -1}
                        selRight={inBlock ? block.right : -1}
                        editing={editingCell?.key === row.key ? editingCell : null}
                        confirmDelete={confirmDelete === row.key}
                        actions={actions}
                      />
                    </div>
                  );
                })}
              </div>
            </div>
            {visible.length === 0 && <p className="muted grid-empty">No commitments match. Use &quot;Add commitment&quot; to add one.</p>}
          </div>
          {detailRow && (
            <CommitmentDetail
              key={detailRow.key}
              row={detailRow}
              ctx={ctx}
              planId={planId}
              onClose={() => {
                setDetailKey(null);
                if (active) setFocusWanted((n) => n + 1);
              }}
              onDelete={() => setConfirmDelete(detailRow.key)}
              onOpenSection={onOpenSection}
              onPrioritiesChanged={() => void load()}
            />
          )}
        </div>
      )}
    </section>
  );
}
