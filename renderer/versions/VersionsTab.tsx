// #16 the Versions tab: the plan's named versions (who, when, why), saving one
// (or a mid-year revision), opening one read-only, comparing two (or one with
// the current draft), restoring one after a confirmation that says a safety
// version is taken first, the "What changed" Word paper, and starting next
// year's plan from this one.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { MAX_VERSION_LABEL, VERSION_KIND_LABELS, type VersionComparison, type VersionList, type VersionSummary, type VersionView } from '../../shared/versions';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { TableHead } from '../common/TableHead';
import { navigate } from '../app/route';
import { useOpenPlan } from '../workspace/open-plan';
import { ComparisonView } from './ComparisonView';
import './versions.css';

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function VersionsTab({ newVersion }: { newVersion: boolean }) {
  const open = useOpenPlan();
  const { planId } = open;
  const id = useId();
  const [list, setList] = useState<VersionList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);
  const [viewing, setViewing] = useState<VersionView | null>(null);
  const [comparison, setComparison] = useState<VersionComparison | null>(null);
  const [confirming, setConfirming] = useState<VersionSummary | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('current');

  const load = useCallback(
    () =>
      call('listVersions', { planId }).then(
        (l) => {
          setList(l);
          setFrom((f) => f || l.versions[0]?.id || (l.previousPlan ? 'previous' : ''));
        },
        (e: unknown) => setError(messageOf(e)),
      ),
    [planId],
  );
  useEffect(() => {
    void load();
  }, [load]);
  // Ctrl/Cmd+S lands here with ?new=1: the form is open (it focuses its label) until saved or cancelled, which leave ?new=1.
  const formOpen = saving || newVersion;

  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const compare = (a: string, b: string) =>
    act(async () => {
      setViewing(null);
      setComparison(await call('compareVersions', { planId, from: a, to: b }));
    });

  const restore = (version: VersionSummary) =>
    act(async () => {
      setConfirming(null);
      const result = await call('restoreVersion', { planId, versionId: version.id });
      await Promise.all([open.loadPlan(), open.reloadSections(), load()]);
      setComparison(null);
      setViewing(null);
      setStatus(`Restored “${result.restored.label}”. The plan as it was is saved as “${result.safety.label}”: restore that to undo.`);
    });

  const nextYear = () =>
    act(async () => {
      const next = await call('startNextYearPlan', { planId });
      navigate({ view: 'plan', planId: next.id, tab: 'sections' });
    });

  const sides = [
    ...(list?.previousPlan ? [{ value: 'previous', label: `Last year’s plan: ${list.previousPlan.title}` }] : []),
    ...(list?.versions ?? []).map((v) => ({ value: v.id, label: `${v.label} (${when(v.createdAt)})` })),
    { value: 'current', label: 'Current draft' },
  ];

  return (
    <main className="commitments-pane versions" aria-labelledby={`${id}-heading`}>
      <div className="versions-head">
        <h2 id={`${id}-heading`}>Versions</h2>
        <div className="versions-actions">
          <button type="button" className="button-primary" onClick={() => setSaving(true)} aria-expanded={formOpen}>
            Save version
          </button>
          <button type="button" className="button-secondary" onClick={() => void nextYear()}>
            Start next year’s plan
          </button>
        </div>
      </div>
      {list?.previousPlan && (
        <p className="versions-link">
          Continues <a href={`#/plan/${encodeURIComponent(list.previousPlan.id)}/versions`}>{list.previousPlan.title}</a>
        </p>
      )}
      {(list?.nextPlans ?? []).map((p) => (
        <p key={p.id} className="versions-link">
          Continued by <a href={`#/plan/${encodeURIComponent(p.id)}/versions`}>{p.title}</a>
        </p>
      ))}
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      <p role="status" className="versions-status">
        {status}
      </p>
      {formOpen && (
        <SaveVersionForm
          planId={planId}
          onCancel={() => {
            setSaving(false);
            if (newVersion) navigate({ view: 'plan', planId, tab: 'versions' });
          }}
          onSaved={(saved) => {
            setSaving(false);
            setStatus(`Saved the version “${saved.label}”.`);
            if (newVersion) navigate({ view: 'plan', planId, tab: 'versions' });
            void load();
          }}
        />
      )}

      {list && list.versions.length === 0 && <p className="muted">No versions yet. Save one before sending the plan out, so you can see later what changed.</p>}
      {list && list.versions.length > 0 && (
        <table className="versions-table">
          <caption className="visually-hidden">The plan’s versions, newest first</caption>
          <TableHead columns={['Label', 'Kind', 'Saved by', 'When', 'Note']} />
          <tbody>
            {list.versions.map((v) => (
              <tr key={v.id}>
                <th scope="row">{v.label}</th>
                <td>{VERSION_KIND_LABELS[v.kind]}</td>
                <td>{v.actor || '-'}</td>
                <td>
                  <time dateTime={v.createdAt}>{when(v.createdAt)}</time>
                </td>
                <td>{v.kind === 'revision' ? `Reason: ${v.reason}` : v.note}</td>
                <td className="versions-row-actions">
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => void act(async () => (setComparison(null), setViewing(await call('getVersion', { planId, versionId: v.id }))))}
                  >
                    Open<span className="visually-hidden"> {v.label}</span>
                  </button>
                  <button type="button" className="button-secondary" onClick={() => void compare(v.id, 'current')}>
                    Compare with current draft<span className="visually-hidden">: {v.label}</span>
                  </button>
                  <button type="button" className="button-secondary" onClick={() => setConfirming(v)}>
                    Restore<span className="visually-hidden"> {v.label}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {sides.length > 1 && (
        <form
          className="versions-compare"
          onSubmit={(e) => {
            e.preventDefault();
            void compare(from, to);
          }}
        >
          <h3>Compare</h3>
          <SideSelect label="From" sides={sides} value={from} onChange={setFrom} /> <SideSelect label="to" sides={sides} value={to} onChange={setTo} />{' '}
          <button type="submit" className="button-secondary" disabled={!from}>
            Compare
          </button>
        </form>
      )}

      {viewing && <VersionReader planId={planId} view={viewing} onClose={() => setViewing(null)} />}
      {comparison && (
        <ComparisonView
          comparison={comparison}
          onExport={() =>
            act(async () => {
              const { fileName } = await call('exportWhatChanged', { planId, from: comparison.from.ref, to: comparison.to.ref });
              if (fileName) setStatus(`Saved “${fileName}”.`);
            })
          }
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={`Restore “${confirming.label}”?`}
          confirmLabel="Restore this version"
          onCancel={() => setConfirming(null)}
          onConfirm={() => void restore(confirming)}
        >
          <p>
            The plan will be put back as it was in this version. First, the plan as it is now is saved as a version called “Before restoring {confirming.label}”, so you
            can undo this by restoring that. Sections added since go to Recently deleted. Comments are not changed.
          </p>
        </ConfirmDialog>
      )}
    </main>
  );
}

function SaveVersionForm({ planId, onSaved, onCancel }: { planId: string; onSaved: (v: VersionSummary) => void; onCancel: () => void }) {
  const id = useId();
  const label = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [revision, setRevision] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => label.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onSaved(await call('saveVersion', { planId, label: text, note, ...(revision ? { kind: 'revision' as const, reason } : {}) }));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <form className="versions-save" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Save a version</h3>
      <ErrorNotice message={error} />
      <div className="field">
        <label htmlFor={`${id}-label`}>Label</label>
        <input
          ref={label}
          id={`${id}-label`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Draft sent to HWBs, 14 Jan"
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="muted">
          Up to {MAX_VERSION_LABEL} characters.
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>Note (optional)</label>
        <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      </div>
      <div className="field checkbox-field">
        <label>
          <input type="checkbox" checked={revision} onChange={(e) => setRevision(e.target.checked)} /> This is a mid-year revision of the plan
        </label>
      </div>
      {revision && (
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason for the revision</label>
          <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button-primary">
          Save version
        </button>
      </div>
    </form>
  );
}

/** A version opened read-only: its outline, and the text of the section chosen from it. */
function VersionReader({ planId, view, onClose }: { planId: string; view: VersionView; onClose: () => void }) {
  const id = useId();
  const [section, setSection] = useState<{ title: string; plainText: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [view]);
  const show = (sectionId: string) =>
    call('getVersionSection', { planId, versionId: view.version.id, sectionId }).then(setSection, (e: unknown) => setError(messageOf(e)));
  return (
    <section className="versions-reader" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        Version “{view.version.label}” (read-only)
      </h3>
      <p className="muted">
        {view.plan.title}. {view.outline.length} sections, {view.commitmentCount} delivery commitments. Saved {when(view.version.createdAt)}
        {view.version.actor ? ` by ${view.version.actor}` : ''}.
      </p>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      <div className="versions-reader-body">
        <nav aria-label="Outline of this version">
          <ul>
            {view.outline.map((entry) => (
              <li key={entry.id} style={{ paddingInlineStart: `${(entry.depth - 1) * 1.25}rem` }}>
                <button type="button" className="link-button" onClick={() => void show(entry.id)}>
                  {entry.title}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {section && (
          <article aria-label={`${section.title}, as saved in this version`} className="versions-text" aria-readonly="true">
            <h4>{section.title}</h4>
            {section.plainText.split('\n').map((line, i) => (line.trim() ? <p key={i}>{line}</p> : null))}
          </article>
        )}
      </div>
      <button type="button" className="button-secondary" onClick={onClose}>
        Close this version
      </button>
    </section>
  );
}

/** One end of a comparison: a version, the current draft or last year's plan. */
function SideSelect({ label, sides, value, onChange }: { label: string; sides: { value: string; label: string }[]; value: string; onChange: (value: string) => void }) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {sides.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
    </label>
  );
}
