// The plan's delivery commitments as an editable grid: priority, commitment,
// metric, baseline, target, target year, lead organisation, RAG status and the
// section that discusses it. Sort by any column; filter by priority, lead, year.
import { useCallback, useEffect, useEffectEvent, useId, useMemo, useRef, useState } from 'react';
import { RAG_LABELS, RAG_STATUSES, type Commitment, type CommitmentFields, type SectionSummary } from '../../shared/domain';
import { TARGET_YEARS } from '../../shared/limits';
import { call, messageOf } from '../app/api';
import { useJfpEvent } from '../app/events';
import { registerSaver } from '../app/flush';
import { ErrorNotice } from '../app/Notice';

type TextColumn = 'priority' | 'commitment' | 'metric' | 'baseline' | 'target' | 'leadOrg';
type SortKey = TextColumn | 'targetYear' | 'rag';

const TEXT_COLUMNS: Array<{ key: TextColumn; label: string; wide?: boolean }> = [
  { key: 'priority', label: 'Priority or programme' },
  { key: 'commitment', label: 'Commitment', wide: true },
  { key: 'metric', label: 'Metric' },
  { key: 'baseline', label: 'Baseline' },
  { key: 'target', label: 'Target' },
];

const distinct = (values: string[]) => [...new Set(values.filter(Boolean))].sort((a, b) => a.localeCompare(b));

function compare(a: Commitment, b: Commitment, key: SortKey): number {
  if (key === 'targetYear') return (a.targetYear ?? 9999) - (b.targetYear ?? 9999);
  if (key === 'rag') return RAG_STATUSES.indexOf(a.rag) - RAG_STATUSES.indexOf(b.rag);
  return a[key].localeCompare(b[key]);
}

export function CommitmentsGrid({ planId, sections, onOpenSection }: { planId: string; sections: SectionSummary[]; onOpenSection: (id: string) => void }) {
  const id = useId();
  const [rows, setRows] = useState<Commitment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 } | null>(null);
  const [filter, setFilter] = useState({ priority: '', lead: '', year: '' });
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  const load = useCallback(
    () =>
      call('listCommitments', { planId }).then(setRows, (e: unknown) => {
        setError(messageOf(e));
        setRows([]);
      }),
    [planId],
  );
  useEffect(() => {
    void load();
  }, [load]);
  // The jfp command line or another window changed the database: show its rows too.
  useJfpEvent('plansChanged', () => void load());

  const visible = useMemo(() => {
    let list = (rows ?? []).filter(
      (r) =>
        (!filter.priority || r.priority === filter.priority) &&
        (!filter.lead || r.leadOrg === filter.lead) &&
        (!filter.year || String(r.targetYear ?? '') === filter.year),
    );
    if (sort) list = [...list].sort((a, b) => compare(a, b, sort.key) * sort.dir);
    return list;
  }, [rows, filter, sort]);

  const update = async (row: Commitment, fields: Partial<CommitmentFields>) => {
    try {
      setError(null);
      const saved = await call('updateCommitment', { commitmentId: row.id, revision: row.revision, fields });
      setRows((list) => list?.map((r) => (r.id === saved.id ? saved : r)) ?? null);
    } catch (e) {
      setError(messageOf(e));
      await load();
    }
  };

  const add = async () => {
    try {
      const fields = { ...(filter.priority ? { priority: filter.priority } : {}), ...(filter.lead ? { leadOrg: filter.lead } : {}) };
      const created = await call('addCommitment', { planId, fields });
      setRows((list) => [...(list ?? []), created]);
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-commitment-id="${created.id}"] textarea`)?.focus());
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const remove = async (commitmentId: string) => {
    try {
      await call('deleteCommitment', { commitmentId });
      setRows((list) => list?.filter((r) => r.id !== commitmentId) ?? null);
    } catch (e) {
      setError(messageOf(e));
    }
    setConfirmDelete(null);
  };

  const sortButton = (key: SortKey, label: string) => {
    const active = sort?.key === key;
    return (
      <button type="button" className="sort-button" onClick={() => setSort(active && sort?.dir === 1 ? { key, dir: -1 } : { key, dir: 1 })}>
        {label}
        <span aria-hidden="true">{active ? (sort?.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
      </button>
    );
  };
  const ariaSort = (key: SortKey) => (sort?.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined);

  const all = rows ?? [];
  // "Start well › What we will do": sub-headings repeat under each priority, so show the parent too.
  const sectionPaths = useMemo(() => {
    const byId = new Map(sections.map((s) => [s.id, s]));
    const paths = new Map<string, string>();
    for (const s of sections) {
      const parts: string[] = [];
      for (let cursor: SectionSummary | undefined = s; cursor; cursor = cursor.parentId ? byId.get(cursor.parentId) : undefined) parts.unshift(cursor.title);
      paths.set(s.id, parts.slice(-2).join(' › '));
    }
    return paths;
  }, [sections]);
  return (
    <section className="commitments" aria-labelledby={`${id}-heading`}>
      <div className="commitments-heading">
        <h2 id={`${id}-heading`}>Delivery commitments</h2>
        <button type="button" className="button-primary" onClick={add}>
          Add commitment
        </button>
      </div>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      <div className="filters" role="group" aria-label="Filter commitments">
        <div className="field">
          <label htmlFor={`${id}-f-priority`}>Priority</label>
          <select id={`${id}-f-priority`} value={filter.priority} onChange={(e) => setFilter({ ...filter, priority: e.target.value })}>
            <option value="">All priorities</option>
            {distinct(all.map((r) => r.priority)).map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-f-lead`}>Lead organisation</label>
          <select id={`${id}-f-lead`} value={filter.lead} onChange={(e) => setFilter({ ...filter, lead: e.target.value })}>
            <option value="">All leads</option>
            {distinct(all.map((r) => r.leadOrg)).map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-f-year`}>Target year</label>
          <select id={`${id}-f-year`} value={filter.year} onChange={(e) => setFilter({ ...filter, year: e.target.value })}>
            <option value="">All years</option>
            {distinct(all.map((r) => (r.targetYear ? String(r.targetYear) : ''))).map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </div>
        <p className="muted filter-count" role="status">
          Showing {visible.length} of {all.length} commitments
        </p>
      </div>
      {rows === null ? (
        <p className="muted">Loading commitments…</p>
      ) : (
        <div className="grid-scroll">
          <table className="grid">
            <caption className="visually-hidden">Delivery commitments</caption>
            <thead>
              <tr>
                {TEXT_COLUMNS.map((c) => (
                  <th key={c.key} scope="col" aria-sort={ariaSort(c.key)} className={c.wide ? 'wide' : undefined}>
                    {sortButton(c.key, c.label)}
                  </th>
                ))}
                <th scope="col" aria-sort={ariaSort('targetYear')}>
                  {sortButton('targetYear', 'Target year')}
                </th>
                <th scope="col" aria-sort={ariaSort('leadOrg')}>
                  {sortButton('leadOrg', 'Lead organisation')}
                </th>
                <th scope="col" aria-sort={ariaSort('rag')}>
                  {sortButton('rag', 'Status')}
                </th>
                <th scope="col">Section</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map((row, i) => (
                <tr key={row.id} data-commitment-id={row.id}>
                  {TEXT_COLUMNS.map((c) => (
                    <td key={c.key}>
                      <CellText label={`${c.label}, row ${i + 1}`} value={row[c.key]} onCommit={(value) => update(row, { [c.key]: value })} />
                    </td>
                  ))}
                  <td>
                    <CellYear label={`Target year, row ${i + 1}`} value={row.targetYear} onCommit={(targetYear) => update(row, { targetYear })} />
                  </td>
                  <td>
                    <CellText label={`Lead organisation, row ${i + 1}`} value={row.leadOrg} onCommit={(leadOrg) => update(row, { leadOrg })} />
                  </td>
                  <td>
                    <select
                      aria-label={`Status, row ${i + 1}`}
                      className={`rag rag-${row.rag}`}
                      value={row.rag}
                      onChange={(e) => update(row, { rag: e.target.value as Commitment['rag'] })}
                    >
                      {RAG_STATUSES.map((r) => (
                        <option key={r} value={r}>
                          {RAG_LABELS[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={`Section, row ${i + 1}`} value={row.sectionId ?? ''} onChange={(e) => update(row, { sectionId: e.target.value || null })}>
                      <option value="">Not linked</option>
                      {sections.map((s) => (
                        <option key={s.id} value={s.id}>
                          {sectionPaths.get(s.id)}
                        </option>
                      ))}
                    </select>
                    {row.sectionId && (
                      <button type="button" className="button-quiet button-small" onClick={() => onOpenSection(row.sectionId!)}>
                        Open section
                      </button>
                    )}
                  </td>
                  <td>
                    {confirmDelete === row.id ? (
                      <span className="confirm">
                        <button type="button" className="button-secondary button-small" onClick={() => remove(row.id)}>
                          Confirm delete
                        </button>
                        <button type="button" className="button-quiet button-small" onClick={() => setConfirmDelete(null)}>
                          Keep
                        </button>
                      </span>
                    ) : (
                      <button type="button" className="tool tool-danger" aria-label={`Delete commitment, row ${i + 1}`} onClick={() => setConfirmDelete(row.id)}>
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {visible.length === 0 && <p className="muted grid-empty">No commitments match. Use "Add commitment" to add one.</p>}
        </div>
      )}
    </section>
  );
}

function CellText({ label, value, onCommit }: { label: string; value: string; onCommit: (value: string) => Promise<void> }) {
  const [draft, setDraft] = useState(value);
  // A new saved value (this edit, or another process's) replaces the draft, unless
  // the author has typed something else meanwhile: their words stay until they leave the cell.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (draft === shown || draft.trim() === value) setDraft(value);
  }
  /** The text being saved, so leaving the cell twice (blur, then the window closing) saves it once. */
  const sending = useRef<string | null>(null);
  const commit = async () => {
    const text = draft.trim();
    if (text === value || text === sending.current) return;
    sending.current = text;
    try {
      await onCommit(text);
    } finally {
      sending.current = null;
    }
  };
  useSaveOnLeave(draft.trim() !== value, commit);
  return <textarea aria-label={label} rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={() => void commit()} />;
}

/**
 * Saves a cell's unsaved edit when the author leaves without moving the focus:
 * the window closing (the main process's "save now") or the page going away on
 * a reload, neither of which blurs the cell.
 */
function useSaveOnLeave(unsaved: boolean, commit: () => Promise<void>): void {
  const save = useEffectEvent(commit);
  useEffect(() => {
    if (!unsaved) return;
    const unregister = registerSaver(() => save());
    // As the editor's autosave: beforeunload comes first on a reload, pagehide also when the page is discarded.
    const onLeave = () => void save();
    window.addEventListener('beforeunload', onLeave);
    window.addEventListener('pagehide', onLeave);
    return () => {
      unregister();
      window.removeEventListener('beforeunload', onLeave);
      window.removeEventListener('pagehide', onLeave);
    };
  }, [unsaved]);
}

function CellYear({ label, value, onCommit }: { label: string; value: number | null; onCommit: (value: number | null) => Promise<void> }) {
  const asText = (year: number | null) => (year ? String(year) : '');
  const [draft, setDraft] = useState(asText(value));
  const [invalid, setInvalid] = useState(false);
  const errorId = useId();
  // As in CellText: a new saved value replaces the draft unless the author has typed another.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (draft.trim() === asText(shown) || draft.trim() === asText(value)) setDraft(asText(value));
  }
  const sending = useRef<number | null | undefined>(undefined);
  /** A valid year is saved; anything else is marked and kept in the cell, unsaved. */
  const commit = async () => {
    const text = draft.trim();
    const next = text === '' ? null : Number(text);
    const ok = next === null || (Number.isInteger(next) && next >= TARGET_YEARS.min && next <= TARGET_YEARS.max);
    setInvalid(!ok);
    if (!ok || next === value || next === sending.current) return;
    sending.current = next;
    try {
      await onCommit(next);
    } finally {
      sending.current = undefined;
    }
  };
  useSaveOnLeave(draft.trim() !== asText(value), commit);
  return (
    <>
      <input
        aria-label={label}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        inputMode="numeric"
        size={5}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void commit()}
      />
      {invalid && (
        <span id={errorId} className="field-error cell-error">
          Enter a year such as 2028.
        </span>
      )}
    </>
  );
}
