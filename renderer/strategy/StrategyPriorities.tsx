// #15 The integrated care strategy as an input: the Integrated Care
// Partnership's strategy priorities (title, short description, source document
// and its date), and for each one the sections of the plan that deliver it
// (ticked here) and the commitments linked to it in the delivery table.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { SectionSummary, StrategyPriority } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { DateField } from '../common/DateField';
import { dateOrNull, longDate } from '../common/dates';
import { FormMessage, type FormMessageValue } from '../common/FormMessage';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function StrategyPriorities({ planId, sections }: { planId: string; sections: readonly SectionSummary[] }) {
  const id = useId();
  const [priorities, setPriorities] = useState<StrategyPriority[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => call('listStrategy', { planId }).then(setPriorities, (e: unknown) => setError(messageOf(e))), [planId]);
  useEffect(() => {
    void load();
  }, [load]);

  // A new strategy priority may adopt one of the plan's own priorities (same title), already in the list.
  const replace = (saved: StrategyPriority) =>
    setPriorities((list) => ((list ?? []).some((p) => p.id === saved.id) ? (list ?? []).map((p) => (p.id === saved.id ? saved : p)) : [...(list ?? []), saved]));
  const strategy = (priorities ?? []).filter((p) => p.fromStrategy);
  const undelivered = strategy.filter((p) => p.sectionIds.length + p.commitmentIds.length === 0);

  return (
    <section className="opinions" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Integrated care strategy</h2>
      <p className="muted">
        Enter the priorities of the Integrated Care Partnership's strategy, then tick the sections that deliver each one. Commitments deliver a priority when the delivery
        table links them to it. The Word export can include a table of what delivers each priority.
      </p>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      {priorities && (
        <p className="opinions-summary" role="status">
          {strategy.length === 0
            ? 'No strategy priorities are recorded yet.'
            : undelivered.length === 0
              ? strategy.length === 1
                ? 'The strategy priority is delivered by the plan.'
                : `All ${strategy.length} strategy priorities are delivered by the plan.`
              : `${plural(undelivered.length, 'strategy priority is', 'strategy priorities are')} not delivered by any section or commitment: ${undelivered.map((p) => p.title).join(', ')}.`}
        </p>
      )}
      <div className="opinion-list">
        {strategy.map((p) => (
          <PriorityCard key={p.id} planId={planId} priority={p} sections={sections} onSaved={replace} />
        ))}
      </div>
      {priorities && <PriorityForm planId={planId} onSaved={replace} />}
    </section>
  );
}

function PriorityCard({
  planId,
  priority,
  sections,
  onSaved,
}: {
  planId: string;
  priority: StrategyPriority;
  sections: readonly SectionSummary[];
  onSaved: (p: StrategyPriority) => void;
}) {
  const id = useId();
  const [message, setMessage] = useState<string | null>(null);
  const toggle = async (sectionId: string, delivers: boolean) => {
    try {
      const { priorityIds } = await call('setSectionPriority', { sectionId, priorityId: priority.id, delivers });
      const others = priority.sectionIds.filter((s) => s !== sectionId);
      onSaved({ ...priority, sectionIds: priorityIds.includes(priority.id) ? [...others, sectionId] : others });
    } catch (e) {
      setMessage(messageOf(e));
    }
  };
  const source = [priority.source, priority.sourceDate ? longDate(priority.sourceDate) : ''].filter(Boolean).join(', ');
  return (
    <section className="opinion" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {priority.title}{' '}
        <span className={`opinion-state ${priority.sectionIds.length + priority.commitmentIds.length ? 'received' : 'outstanding'}`}>
          {`${plural(priority.sectionIds.length, 'section', 'sections')}, ${plural(priority.commitmentIds.length, 'commitment', 'commitments')}`}
        </span>
      </h3>
      {priority.description && <p>{priority.description}</p>}
      {source && <p className="muted">{`Source: ${source}`}</p>}
      <details>
        <summary>Sections that deliver this priority</summary>
        <fieldset className="field checkbox-field">
          <legend className="visually-hidden">{`Sections that deliver ${priority.title}`}</legend>
          {sections.map((s) => (
            <label key={s.id} style={{ paddingLeft: `${(s.depth - 1) * 1.25}rem` }}>
              <input type="checkbox" checked={priority.sectionIds.includes(s.id)} onChange={(e) => void toggle(s.id, e.target.checked)} /> {s.title}
            </label>
          ))}
        </fieldset>
      </details>
      <details>
        <summary>Edit the priority</summary>
        <PriorityForm planId={planId} priority={priority} onSaved={onSaved} />
      </details>
      {message && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
    </section>
  );
}

function PriorityForm({ planId, priority, onSaved }: { planId: string; priority?: StrategyPriority; onSaved: (p: StrategyPriority) => void }) {
  const id = useId();
  const [title, setTitle] = useState(priority?.title ?? '');
  const [description, setDescription] = useState(priority?.description ?? '');
  const [source, setSource] = useState(priority?.source ?? '');
  const [sourceDate, setSourceDate] = useState(priority?.sourceDate ?? '');
  const [message, setMessage] = useState<FormMessageValue>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const saved = await call('saveStrategyPriority', {
        planId,
        ...(priority ? { priorityId: priority.id, revision: priority.revision } : {}),
        title,
        description,
        source,
        sourceDate: dateOrNull(sourceDate),
        fromStrategy: true,
      });
      onSaved(priority ? { ...saved, sectionIds: priority.sectionIds, commitmentIds: priority.commitmentIds } : saved);
      if (!priority) {
        setTitle('');
        setDescription('');
      }
      setMessage({ error: false, text: priority ? 'Priority saved.' : `${saved.title} added.` });
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  };

  return (
    <form className={priority ? '' : 'opinion'} onSubmit={save} aria-labelledby={`${id}-form`}>
      <h3 id={`${id}-form`} className={priority ? 'visually-hidden' : undefined}>
        {priority ? `Edit ${priority.title}` : 'Add a strategy priority'}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Short description</label>
        <textarea id={`${id}-description`} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-source`}>Source document</label>
          <input id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-source-date`}>Date of the source document</label>
          <DateField id={`${id}-source-date`} value={sourceDate || null} onChange={(iso) => setSourceDate(iso ?? '')} />
        </div>
      </div>
      <div className="rename-actions">
        <button type="submit" className={priority ? 'button-secondary button-small' : 'button-primary button-small'}>
          {priority ? 'Save priority' : 'Add priority'}
        </button>
        <FormMessage message={message} />
      </div>
    </form>
  );
}
