// #15 The plan's engagement record: each activity (dates, method, who took
// part, how many, partners, what was heard), summarised as the export prints it
// after "How we developed this plan". One form adds an activity or edits one.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { EngagementActivity } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { DateField } from '../common/DateField';
import { dateOrNull, longDate } from '../common/dates';
import { FormMessage, type FormMessageValue } from '../common/FormMessage';

type Draft = { startsOn: string; endsOn: string; method: string; audience: string; reach: string; partners: string; heard: string };
const EMPTY: Draft = { startsOn: '', endsOn: '', method: '', audience: '', reach: '', partners: '', heard: '' };

const toDraft = (a: EngagementActivity): Draft => ({
  startsOn: a.startsOn ?? '',
  endsOn: a.endsOn ?? '',
  method: a.method,
  audience: a.audience,
  reach: a.reach === null ? '' : String(a.reach),
  partners: a.partners,
  heard: a.heard,
});

function when(a: EngagementActivity): string {
  if (!a.startsOn) return 'No date';
  return a.endsOn && a.endsOn !== a.startsOn ? `${longDate(a.startsOn)} to ${longDate(a.endsOn)}` : longDate(a.startsOn);
}

/** The summary line: how many activities and how many people, in English. */
export function engagementLine(activities: readonly EngagementActivity[]): string {
  if (activities.length === 0) return 'No engagement activities are recorded yet.';
  const reach = activities.reduce((sum, a) => sum + (a.reach ?? 0), 0);
  const count = activities.length === 1 ? '1 activity' : `${activities.length} activities`;
  return `${count} recorded, reaching ${reach.toLocaleString('en-GB')} ${reach === 1 ? 'person' : 'people'}${activities.some((a) => a.reach === null) ? ' (where counted)' : ''}.`;
}

export function EngagementRecord({ planId }: { planId: string }) {
  const id = useId();
  const [activities, setActivities] = useState<EngagementActivity[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [message, setMessage] = useState<FormMessageValue>(null);

  const load = useCallback(() => call('listEngagement', { planId }).then(setActivities, (e: unknown) => setError(messageOf(e))), [planId]);
  useEffect(() => {
    void load();
  }, [load]);

  const set = (field: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const reachText = draft.reach.replace(/,/g, '').trim();
    const reach = reachText === '' ? null : Number(reachText);
    if (reach !== null && (!Number.isInteger(reach) || reach < 0)) {
      setMessage({ error: true, text: 'The reach must be a whole number of people, like 1,412.' });
      return;
    }
    try {
      const saved = await call('saveEngagementActivity', {
        planId,
        ...(editing ? { activityId: editing } : {}),
        startsOn: dateOrNull(draft.startsOn),
        endsOn: dateOrNull(draft.endsOn),
        method: draft.method,
        audience: draft.audience,
        reach,
        partners: draft.partners,
        heard: draft.heard,
      });
      setActivities((list) => (editing ? (list ?? []).map((a) => (a.id === saved.id ? saved : a)) : [...(list ?? []), saved]));
      setMessage({ error: false, text: editing ? 'Activity saved.' : 'Activity added.' });
      setEditing(null);
      setDraft(EMPTY);
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  };

  const remove = async (activity: EngagementActivity) => {
    try {
      await call('deleteEngagementActivity', { activityId: activity.id });
      setActivities((list) => (list ?? []).filter((a) => a.id !== activity.id));
      if (editing === activity.id) {
        setEditing(null);
        setDraft(EMPTY);
      }
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const list = activities ?? [];
  return (
    <section className="opinions" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Engagement</h2>
      <p className="muted">
        Record how you engaged people on the plan. The export summarises these activities after “How we developed this plan”, and the consultation report uses them too.
      </p>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      {activities && (
        <p className="opinions-summary" role="status">
          {engagementLine(list)}
        </p>
      )}
      {list.length > 0 && (
        <table className="records-table">
          <caption className="visually-hidden">Engagement activities</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Method</th>
              <th scope="col">Who took part</th>
              <th scope="col">Reach</th>
              <th scope="col">What we heard</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id}>
                <td>{when(a)}</td>
                <th scope="row">{a.method}</th>
                <td>{a.audience}</td>
                <td>{a.reach === null ? 'Not counted' : a.reach.toLocaleString('en-GB')}</td>
                <td>{a.heard}</td>
                <td>
                  <button
                    type="button"
                    className="button-quiet button-small"
                    aria-label={`Edit ${a.method}`}
                    onClick={() => {
                      setEditing(a.id);
                      setDraft(toDraft(a));
                      setMessage(null);
                    }}
                  >
                    Edit
                  </button>
                  <button type="button" className="button-quiet button-small" aria-label={`Delete ${a.method}`} onClick={() => void remove(a)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="opinion" onSubmit={save} aria-labelledby={`${id}-form`}>
        <h3 id={`${id}-form`}>{editing ? 'Edit the activity' : 'Add an activity'}</h3>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-starts`}>Start date</label>
            <DateField id={`${id}-starts`} value={draft.startsOn || null} onChange={(iso) => set('startsOn')(iso ?? '')} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-ends`}>End date (leave empty for one day)</label>
            <DateField id={`${id}-ends`} value={draft.endsOn || null} onChange={(iso) => set('endsOn')(iso ?? '')} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-method`}>Method</label>
          <input id={`${id}-method`} value={draft.method} onChange={(e) => set('method')(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-audience`}>Who took part</label>
          <input id={`${id}-audience`} value={draft.audience} onChange={(e) => set('audience')(e.target.value)} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-reach`}>Reach (number of people)</label>
            <input id={`${id}-reach`} inputMode="numeric" value={draft.reach} onChange={(e) => set('reach')(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-partners`}>Partners</label>
            <input id={`${id}-partners`} value={draft.partners} onChange={(e) => set('partners')(e.target.value)} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-heard`}>What we heard</label>
          <textarea id={`${id}-heard`} rows={4} value={draft.heard} onChange={(e) => set('heard')(e.target.value)} />
        </div>
        <div className="rename-actions">
          <button type="submit" className="button-primary button-small">
            {editing ? 'Save activity' : 'Add activity'}
          </button>
          {editing && (
            <button
              type="button"
              className="button-quiet button-small"
              onClick={() => {
                setEditing(null);
                setDraft(EMPTY);
              }}
            >
              Cancel
            </button>
          )}
          <FormMessage message={message} />
        </div>
      </form>
    </section>
  );
}
