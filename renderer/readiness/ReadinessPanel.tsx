// #15 Is it ready for the Board? Every readiness item, grouped, each with a
// link to where it is fixed; the "ready" figure with its counts; and the
// sign-off form: who (prefilled from the profile), and a reason for each
// blocking item still open. Below it, the plan's history.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { ReadinessItem, ReadinessReport } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { HistoryPanel } from '../history/HistoryPanel';

const GROUPS: Array<{ group: ReadinessItem['group']; heading: string }> = [
  { group: 'statutory', heading: 'What the law and guidance require' },
  { group: 'sections', heading: 'Sections not approved' },
  { group: 'hwb', heading: 'Health and Wellbeing Boards' },
  { group: 'strategy', heading: 'Integrated care strategy' },
  { group: 'engagement', heading: 'Engagement' },
  { group: 'threads', heading: 'Open comments' },
  { group: 'commitments', heading: 'Delivery commitments' },
  { group: 'board-paper', heading: 'Board paper' },
  { group: 'accessibility', heading: 'Accessibility' },
  { group: 'publication', heading: 'Sign-off and publication' },
];

/** The item the service shows while it checks the Word export for accessibility (electron/services/readiness/accessibility-items.ts). */
const CHECKING_ID = 'accessibility:checking';
const CHECK_AGAIN_MS = 500;

function fixHref(planId: string, item: ReadinessItem): string {
  const base = `#/plan/${encodeURIComponent(planId)}`;
  if (item.fix.tab === 'sections') return item.fix.sectionId ? `${base}/section/${encodeURIComponent(item.fix.sectionId)}` : base;
  return `${base}/${item.fix.tab}`;
}

export function ReadinessPanel({ planId, onSignedOff }: { planId: string; onSignedOff: () => void }) {
  const id = useId();
  const [report, setReport] = useState<ReadinessReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(() => call('getReadiness', { planId }).then(setReport, (e: unknown) => setError(messageOf(e))), [planId]);
  useEffect(() => {
    void load();
    call('getProfile', {}).then(
      (profile) => {
        if (!profile) return;
        setName((n) => n || profile.name);
        setRole((r) => r || profile.role);
      },
      () => undefined,
    );
  }, [load]);

  // While the accessibility check of the Word export runs, ask again until its result is in.
  const checking = report?.items.some((i) => i.id === CHECKING_ID) ?? false;
  useEffect(() => {
    if (!checking) return;
    const timer = setTimeout(() => void load(), CHECK_AGAIN_MS);
    return () => clearTimeout(timer);
  }, [checking, report, load]);

  const accepted = new Set((report?.signOff?.reasons ?? []).map((r) => r.itemId));
  const open = (report?.items ?? []).filter((i) => i.blocking && !i.done && !accepted.has(i.id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const next = await call('signOffPlan', {
        planId,
        name,
        role,
        reasons: Object.entries(reasons)
          .filter(([itemId, reason]) => reason.trim() && open.some((i) => i.id === itemId))
          .map(([itemId, reason]) => ({ itemId, reason })),
      });
      setReport(next);
      setDone(`Signed off as final by ${name} (${role}).`);
      setVersion((v) => v + 1);
      onSignedOff();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="readiness" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Is it ready for the Board?</h2>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      {report && (
        <p className="readiness-figure" role="status">
          <strong>{report.ready ? 'Ready' : 'Not ready'}</strong>: {report.counts.done} of {report.counts.total} items done ({report.percent}%);{' '}
          {report.counts.blockingOpen === 0 ? 'no blocking items open' : `${report.counts.blockingOpen} blocking item${report.counts.blockingOpen === 1 ? '' : 's'} open`}
          .
        </p>
      )}
      {report?.signOff && (
        <p className="notice notice-info">
          Signed off by {report.signOff.name} ({report.signOff.role}) on{' '}
          {new Date(report.signOff.at).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}.
        </p>
      )}
      {done && <p className="notice notice-info">{done}</p>}
      {report &&
        GROUPS.map(({ group, heading }) => {
          const items = report.items.filter((i) => i.group === group);
          if (items.length === 0) return null;
          const left = items.filter((i) => !i.done).length;
          return (
            <section key={group} className="readiness-group" aria-label={heading}>
              <h3>
                {heading} <span className="muted">({left === 0 ? 'all done' : `${left} to do`})</span>
              </h3>
              <ul>
                {items.map((item) => (
                  <li key={item.id} data-item={item.id} className={item.done ? 'done' : item.blocking ? 'blocking' : 'todo'}>
                    <span className="readiness-mark">{item.done ? 'Done' : item.blocking ? 'Blocks sign-off' : 'To do'}</span> <span>{item.label}</span>
                    {item.reference && <span className="muted"> ({item.reference})</span>}
                    <div className="muted">
                      {item.detail} {!item.done && item.id !== CHECKING_ID && <a href={fixHref(planId, item)}>Go to fix it</a>}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      {report && !report.signOff && (
        <form className="sign-off" onSubmit={(e) => void submit(e)} aria-label="Sign off">
          <h3>Mark final and sign off</h3>
          <p className="muted">
            {open.length === 0
              ? 'Nothing blocks sign-off.'
              : `${open.length} blocking item${open.length === 1 ? ' is' : 's are'} not done. To sign off anyway, record a reason for each; the reasons are kept in the plan's history.`}
          </p>
          <label>
            Name <input value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
          <label>
            Role <input value={role} onChange={(e) => setRole(e.target.value)} required />
          </label>
          {open.map((item) => (
            <label key={item.id} className="sign-off-reason">
              Reason for “{item.label}”
              <textarea value={reasons[item.id] ?? ''} onChange={(e) => setReasons((r) => ({ ...r, [item.id]: e.target.value }))} rows={2} />
            </label>
          ))}
          <button type="submit" disabled={busy}>
            Sign off as final
          </button>
        </form>
      )}
      <HistoryPanel planId={planId} version={version} />
    </section>
  );
}
