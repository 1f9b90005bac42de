// #15 The plan's history: the audit trail (status changes, sign-off, versions,
// exports), newest first, each with who and when.
import { useEffect, useId, useState } from 'react';
import type { PlanEvent } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function HistoryPanel({ planId, version }: { planId: string; version: number }) {
  const id = useId();
  const [events, setEvents] = useState<PlanEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('listPlanEvents', { planId }).then(
      (list) => live && setEvents(list),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [planId, version]);
  return (
    <section className="history" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>History</h2>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      {events && events.length === 0 && <p className="muted">Nothing has been recorded for this plan yet.</p>}
      {events && events.length > 0 && (
        <ol className="history-list">
          {events.map((event) => (
            <li key={event.id}>
              <time dateTime={event.at}>{when(event.at)}</time> <span>{event.summary}</span>
              {event.actor && <span className="muted"> ({event.actor})</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
