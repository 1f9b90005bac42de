// One commitment in full, beside the grid: its links to purpose (priority,
// NHS universal area, section, lead, place, governance group), the baseline,
// the planned value for each year of the plan, the actuals, and the RAG status
// computed from them with its rule and reason (or an override with a reason).
// Every change goes through the row's save queue, as the grid's cells do.
import { useEffect, useId, useState } from 'react';
import type { CommitmentListItem } from '../../shared/commitment-list';
import { COMMITMENT_DIRECTIONS, NHS_UNIVERSAL_AREAS, RAG_LABELS, SYSTEM_WIDE, type Actual, type Priority, type RagStatus } from '../../shared/domain';
import { formatFinancialYear, planYears, todayIso } from '../../shared/financial-year';
import { RAG_RULE } from '../../shared/rag';
import { TrajectoryChart } from '../../shared/trajectory-chart';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { DateField as UkDateField } from '../common/DateField';
import type { ColumnContext } from './columns';
import type { Fields, RowSaver } from './row-saver';

const SAVE_DELAY_MS = 700;
const OVERRIDES: RagStatus[] = ['red', 'amber', 'green', 'complete'];

/** A number as typed ("1,234.5", "71%"), null for empty, undefined when it is not a number. */
export function readNumber(text: string): number | null | undefined {
  const cleaned = text.trim().replace(/,/g, '').replace(/%$/, '');
  if (cleaned === '') return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The commitment's actuals, read when its details open and again whenever the row's revision moves on
 * (an actual added or deleted, here or elsewhere): the grid's rows carry only their count and the latest.
 * Until the first answer for this commitment arrives: null.
 */
function useActuals(saved: CommitmentListItem | null): Actual[] | null {
  const [read, setRead] = useState<{ id: string; revision: number; actuals: Actual[] } | null>(null);
  const id = saved?.id ?? null;
  const revision = saved?.revision ?? 0;
  const none = saved !== null && saved.actualsCount === 0;
  useEffect(() => {
    if (id === null || none) return;
    let live = true;
    call('getCommitment', { commitmentId: id }).then(
      (whole) => live && setRead({ id, revision: whole.revision, actuals: whole.actuals }),
      // The row's own error line says when the commitment went; keep what was shown.
      () => {},
    );
    return () => {
      live = false;
    };
  }, [id, revision, none]);
  if (saved === null) return null;
  if (none) return [];
  // While a newer revision is read, the actuals already shown stay (no flicker to "loading").
  return read && read.id === saved.id ? read.actuals : null;
}

interface DetailProps {
  row: RowSaver;
  ctx: ColumnContext;
  planId: string;
  onClose: () => void;
  onDelete: () => void;
  onOpenSection: (id: string) => void;
  onPrioritiesChanged: () => void;
}

export function CommitmentDetail({ row, ctx, planId, onClose, onDelete, onOpenSection, onPrioritiesChanged }: DetailProps) {
  const id = useId();
  const saved = row.saved;
  const [priorities, setPriorities] = useState<Priority[]>([]);
  const [error, setError] = useState<string | null>(null);
  const loadPriorities = () =>
    call('listPriorities', { planId }).then(setPriorities, (e: unknown) => {
      setError(messageOf(e));
    });
  useEffect(() => {
    let live = true;
    call('listPriorities', { planId }).then(
      (list) => live && setPriorities(list),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [planId]);

  const edit = (fields: Fields, delay = 0) => void row.edit(fields, delay);
  const title = String(row.value('commitment') ?? '') || 'New commitment';
  const years = ctx.period ? planYears(ctx.period.startYear) : [];
  const actuals = useActuals(saved);

  return (
    <aside className="dgrid-detail" aria-labelledby={`${id}-title`}>
      <div className="commitments-heading">
        <h3 id={`${id}-title`}>{title}</h3>
        <button type="button" className="button-quiet button-small" onClick={onClose}>
          Close details
        </button>
      </div>
      <ErrorNotice message={error ?? row.error} onDismiss={() => setError(null)} />
      {!saved ? (
        <p className="muted">Type something in the row first: the commitment is saved then, and its details can be filled in.</p>
      ) : (
        <>
          <h4>Links</h4>
          <div className="field">
            <label htmlFor={`${id}-priority`}>Priority</label>
            <select id={`${id}-priority`} value={saved.priorityId ?? ''} onChange={(e) => edit({ priorityId: e.target.value || null })}>
              <option value="">No priority</option>
              {priorities.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </div>
          <PriorityEditor
            planId={planId}
            priorities={priorities}
            onChanged={() => {
              void loadPriorities();
              onPrioritiesChanged();
            }}
          />
          <div className="field">
            <label htmlFor={`${id}-area`}>NHS universal commitment area</label>
            <select
              id={`${id}-area`}
              value={String(row.value('universalArea') ?? '')}
              onChange={(e) => edit({ universalArea: e.target.value as Fields['universalArea'] })}
            >
              <option value="">None</option>
              {NHS_UNIVERSAL_AREAS.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-section`}>Section</label>
            <div className="row-inline">
              <select id={`${id}-section`} value={String(row.value('sectionId') ?? '')} onChange={(e) => edit({ sectionId: e.target.value || null })}>
                <option value="">Not linked</option>
                {ctx.sections.map((s) => (
                  <option key={s.id} value={s.id}>
                    {ctx.sectionPaths.get(s.id)}
                  </option>
                ))}
              </select>
              {saved.sectionId && (
                <button type="button" className="button-quiet button-small" onClick={() => onOpenSection(saved.sectionId!)}>
                  Open section
                </button>
              )}
            </div>
          </div>
          <TextField
            label="Lead organisation"
            value={String(row.value('leadOrg') ?? '')}
            suggestions={ctx.partners}
            onSave={(leadOrg) => edit({ leadOrg }, SAVE_DELAY_MS)}
          />
          <div className="field">
            <label htmlFor={`${id}-place`}>Place</label>
            <select id={`${id}-place`} value={String(row.value('place') ?? '')} onChange={(e) => edit({ place: e.target.value })}>
              <option value="">Not given</option>
              {[...ctx.places, SYSTEM_WIDE].map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </div>
          <TextField label="Governance group" value={String(row.value('governanceGroup') ?? '')} onSave={(governanceGroup) => edit({ governanceGroup }, SAVE_DELAY_MS)} />

          <h4>Baseline and trajectory</h4>
          <div className="field">
            <label htmlFor={`${id}-direction`}>Which is better</label>
            <select
              id={`${id}-direction`}
              value={String(row.value('direction') ?? 'higher')}
              onChange={(e) => edit({ direction: e.target.value as Fields['direction'] })}
            >
              {COMMITMENT_DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {d === 'higher' ? 'A higher value is better' : 'A lower value is better'}
                </option>
              ))}
            </select>
          </div>
          <div className="row-inline">
            <NumberField label="Baseline value" value={saved.baselineValue} onSave={(baselineValue) => edit({ baselineValue }, SAVE_DELAY_MS)} />
            <DateField label="Baseline date" value={saved.baselineDate} onSave={(baselineDate) => edit({ baselineDate })} />
          </div>
          <TextField label="Baseline source" value={String(row.value('baselineSource') ?? '')} onSave={(baselineSource) => edit({ baselineSource }, SAVE_DELAY_MS)} />
          <table>
            <caption className="visually-hidden">Planned value for each year</caption>
            <thead>
              <tr>
                <th scope="col">Year</th>
                <th scope="col">Planned</th>
              </tr>
            </thead>
            <tbody>
              {years.map((year) => (
                <tr key={year}>
                  <th scope="row">{formatFinancialYear(year)}</th>
                  <td>
                    <NumberField
                      label={`Planned ${formatFinancialYear(year)}`}
                      hideLabel
                      value={(row.value('trajectory') ?? saved.trajectory).find((p) => p.year === year)?.planned ?? null}
                      onSave={(planned) => {
                        const current = row.value('trajectory') ?? saved.trajectory;
                        edit(
                          { trajectory: years.map((y) => ({ year: y, planned: y === year ? planned : (current.find((p) => p.year === y)?.planned ?? null) })) },
                          SAVE_DELAY_MS,
                        );
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <TrajectoryChart metric={saved.metric} trajectory={saved.trajectory} actuals={actuals ?? []} idPrefix={`${id}-chart`} width={360} height={200} />
          <h4>Actuals</h4>
          <Actuals row={row} actuals={actuals} />

          <h4>Status</h4>
          <StatusOverride row={row} commitment={saved} />

          <h4>Remove</h4>
          <button type="button" className="button-secondary button-small" onClick={onDelete}>
            Delete this commitment
          </button>
        </>
      )}
    </aside>
  );
}

function TextField({ label, value, suggestions, onSave }: { label: string; value: string; suggestions?: readonly string[]; onSave: (text: string) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        list={suggestions?.length ? `${id}-list` : undefined}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          onSave(e.target.value.trim());
        }}
      />
      {suggestions && suggestions.length > 0 && (
        <datalist id={`${id}-list`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </div>
  );
}

function NumberField({ label, value, hideLabel, onSave }: { label: string; value: number | null; hideLabel?: boolean; onSave: (value: number | null) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  const [bad, setBad] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input
        id={id}
        inputMode="decimal"
        aria-invalid={bad || undefined}
        aria-describedby={bad ? `${id}-error` : undefined}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          const parsed = readNumber(e.target.value);
          setBad(parsed === undefined);
          if (parsed !== undefined) onSave(parsed);
        }}
      />
      {bad && (
        <span id={`${id}-error`} className="field-error">
          Enter a number, such as 75 or 1,250.
        </span>
      )}
    </div>
  );
}

function DateField({ label, value, onSave }: { label: string; value: string | null; onSave: (value: string | null) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <UkDateField id={id} value={value} onChange={onSave} />
    </div>
  );
}

function Actuals({ row, actuals }: { row: RowSaver; actuals: Actual[] | null }) {
  const id = useId();
  const [date, setDate] = useState(todayIso());
  const [value, setValue] = useState('');
  const [source, setSource] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const number = readNumber(value);
    if (number === null || number === undefined) return setProblem('Enter the measured value as a number.');
    if (!date) return setProblem('Enter the date the value is for.');
    setProblem(null);
    void row
      .run((saved) => call('addActual', { commitmentId: saved.id, date, value: number, source: source.trim() }))
      .then(() => {
        if (!row.error) {
          setValue('');
          setSource('');
        }
      });
  };
  return (
    <>
      {actuals === null ? (
        <p className="muted">Reading the actuals…</p>
      ) : actuals.length === 0 ? (
        <p className="muted">No actuals yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Actuals</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Value</th>
              <th scope="col">Source</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {actuals.map((a) => (
              <tr key={a.id}>
                <td>{a.date}</td>
                <td>{a.value}</td>
                <td>{a.source}</td>
                <td>
                  <button
                    type="button"
                    className="tool tool-danger"
                    aria-label={`Delete actual of ${a.date}`}
                    onClick={() => void row.run(() => call('deleteActual', { actualId: a.id }))}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row-inline" role="group" aria-label="Add an actual">
        <div className="field">
          <label htmlFor={`${id}-date`}>Date</label>
          <UkDateField id={`${id}-date`} max={todayIso()} value={date || null} onChange={(iso) => setDate(iso ?? '')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-value`}>Value</label>
          <input id={`${id}-value`} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>Source</label>
          <input id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value)} />
        </div>
        <button type="button" className="button-secondary button-small" onClick={add}>
          Add actual
        </button>
      </div>
      {problem && <p className="field-error">{problem}</p>}
    </>
  );
}

function StatusOverride({ row, commitment }: { row: RowSaver; commitment: CommitmentListItem }) {
  const id = useId();
  const [override, setOverride] = useState<string>(commitment.ragOverride ?? '');
  const [reason, setReason] = useState(commitment.ragOverrideReason);
  const [problem, setProblem] = useState<string | null>(null);
  const computed = commitment.ragComputed;
  const save = () => {
    if (override && !reason.trim()) return setProblem('Give a reason for overriding the computed status.');
    setProblem(null);
    void row.edit({ ragOverride: (override || null) as RagStatus | null, ragOverrideReason: override ? reason.trim() : '' });
  };
  return (
    <>
      <p>
        Computed: <strong className={`rag-chip rag-${computed.status}`}>{RAG_LABELS[computed.status]}</strong>
      </p>
      <p className="muted">Rule: {RAG_RULE}</p>
      <p>{computed.reason}</p>
      {commitment.ragOverride && (
        <p>
          Overridden to <strong>{RAG_LABELS[commitment.ragOverride]}</strong> by {commitment.ragOverrideBy || 'You'}
          {commitment.ragOverrideAt ? ` on ${commitment.ragOverrideAt.slice(0, 10)}` : ''}: {commitment.ragOverrideReason}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-override`}>Override the status</label>
        <select id={`${id}-override`} value={override} onChange={(e) => setOverride(e.target.value)}>
          <option value="">No override (use the computed status)</option>
          {OVERRIDES.map((r) => (
            <option key={r} value={r}>
              {RAG_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason for the override</label>
        <textarea id={`${id}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {problem && <p className="field-error">{problem}</p>}
      <button type="button" className="button-secondary button-small" onClick={save}>
        Save status
      </button>
    </>
  );
}

function PriorityEditor({ planId, priorities, onChanged }: { planId: string; priorities: Priority[]; onChanged: () => void }) {
  const id = useId();
  const [newTitle, setNewTitle] = useState('');
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <details className="filters-box">
      <summary>Edit the plan’s priorities</summary>
      <ErrorNotice message={error} />
      {priorities.map((p) => (
        <div className="row-inline" key={p.id}>
          <div className="field">
            <label htmlFor={`${id}-${p.id}`}>Priority {p.position + 1}</label>
            <input id={`${id}-${p.id}`} value={names[p.id] ?? p.title} onChange={(e) => setNames({ ...names, [p.id]: e.target.value })} />
          </div>
          <button
            type="button"
            className="button-quiet button-small"
            disabled={(names[p.id] ?? p.title).trim() === p.title}
            onClick={() => void run(() => call('updatePriority', { priorityId: p.id, revision: p.revision, title: (names[p.id] ?? p.title).trim() }))}
          >
            Rename
          </button>
        </div>
      ))}
      <div className="row-inline">
        <div className="field">
          <label htmlFor={`${id}-new`}>New priority</label>
          <input id={`${id}-new`} value={newTitle} onChange={(e) => setNewTitle(e.target.value)} />
        </div>
        <button
          type="button"
          className="button-secondary button-small"
          disabled={!newTitle.trim()}
          onClick={() =>
            void run(async () => {
              await call('addPriority', { planId, title: newTitle.trim() });
              setNewTitle('');
            })
          }
        >
          Add priority
        </button>
      </div>
    </details>
  );
}
