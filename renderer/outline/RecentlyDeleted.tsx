// "Recently deleted": the plan's deleted sections, read from the store, so a
// deletion can be undone after the undo offer has gone, even after a restart.
import { useEffect, useState } from 'react';
import type { DeletedSection } from '../../shared/contract';
import { call } from '../app/api';
import { useJfpEvent } from '../app/events';

const when = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function RecentlyDeleted({
  planId,
  version,
  onRestore,
}: {
  planId: string;
  /** Changes when the outline deleted or restored something. */
  version: number;
  onRestore: (id: string, title: string) => Promise<void>;
}) {
  const [deleted, setDeleted] = useState<DeletedSection[]>([]);
  const [reloads, setReloads] = useState(0);
  useJfpEvent('plansChanged', () => setReloads((n) => n + 1));

  useEffect(() => {
    let cancelled = false;
    call('listDeletedSections', { planId }).then(
      (list) => !cancelled && setDeleted(list),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [planId, version, reloads]);

  if (deleted.length === 0) return null;
  return (
    <details className="recently-deleted">
      <summary>Recently deleted ({deleted.length})</summary>
      <ul aria-label="Recently deleted sections">
        {deleted.map((d) => (
          <li key={d.id}>
            <span className="recently-deleted-title">{d.title}</span>
            <span className="muted">
              {d.subsectionCount > 0 ? `with ${d.subsectionCount} subsection${d.subsectionCount > 1 ? 's' : ''}, ` : ''}deleted {when.format(new Date(d.deletedAt))}
            </span>
            <button type="button" className="button-secondary button-small" aria-label={`Restore “${d.title}”`} onClick={() => void onRestore(d.id, d.title)}>
              Restore
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
