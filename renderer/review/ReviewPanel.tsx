// Review by people outside the app's author: "Send for review" writes a review
// pack for one reviewer (they open it in their own copy of the app), and
// "Import comments" takes their returned comments file, or a Word document
// reviewers commented on, and says what it added and what it could not place.
import { useEffect, useId, useState } from 'react';
import type { CommentImportSummary, Stakeholder } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { stakeholderOptions } from '../comments/CommentsPanel';
import { StakeholderForm } from '../comments/StakeholderForm';
import { ConsultationReportBox } from '../comments/ConsultationReportBox'; // #13 consultation report
import { ORGANISATION_TYPE_LABELS } from '../../shared/domain';

export function ReviewPanel({ planId, onImported }: { planId: string; onImported: () => void }) {
  const id = useId();
  const [people, setPeople] = useState<Stakeholder[]>([]);
  const [who, setWho] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [imported, setImported] = useState<{ source: string; summary: CommentImportSummary } | null>(null);
  const [editing, setEditing] = useState<Stakeholder | 'new' | null>(null);
  const saved = (person: Stakeholder) => {
    setPeople((list) => [...list.filter((p) => p.id !== person.id), person].sort((a, b) => a.name.localeCompare(b.name)));
    setWho((current) => current || person.id);
    setEditing(null);
  };

  useEffect(() => {
    call('listStakeholders', { planId })
      .then((list) => {
        setPeople(list);
        setWho((current) => current || list[0]?.id || '');
      })
      .catch((e) => setError(messageOf(e)));
  }, [planId]);

  const send = async () => {
    setError(null);
    setSent(null);
    try {
      const { fileName } = await call('sendForReview', { planId, stakeholderId: who });
      setSent(fileName ? `Saved the review pack ${fileName}. Send it to the reviewer; they open it with JFP Studio.` : 'Not saved: no file was chosen.');
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const importFile = async () => {
    setError(null);
    setImported(null);
    try {
      const { imported: result } = await call('importComments', { planId });
      if (result) {
        setImported(result);
        onImported();
      }
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const s = imported?.summary;
  return (
    <section className="opinions" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Review</h2>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      <div className="opinion">
        <h3>Stakeholder register</h3>
        {people.length > 0 && (
          <table className="register">
            <caption className="visually-hidden">Reviewers of this plan</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Organisation</th>
                <th scope="col">Type</th>
                <th scope="col">Email</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{p.organisation}</td>
                  <td>{ORGANISATION_TYPE_LABELS[p.orgType]}</td>
                  <td>{p.email}</td>
                  <td>
                    <button type="button" className="button-quiet button-small" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {editing ? (
          <StakeholderForm planId={planId} {...(editing === 'new' ? {} : { person: editing })} onSaved={saved} onCancel={() => setEditing(null)} />
        ) : (
          <div>
            <button type="button" className="button-secondary button-small" onClick={() => setEditing('new')}>
              Add a reviewer
            </button>
          </div>
        )}
      </div>
      <div className="opinion">
        <h3>Send for review</h3>
        <p className="muted">
          A review pack holds the plan, read-only, and who the reviewer is. Reviewers with JFP Studio open it, comment, and send back a small comments file. Reviewers
          with only Word can be sent a Word export with comments included instead (see Export).
        </p>
        {people.length === 0 ? (
          <p>Add a reviewer to the register first.</p>
        ) : (
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-who`}>Reviewer</label>
              <select id={`${id}-who`} value={who} onChange={(e) => setWho(e.target.value)}>
                {stakeholderOptions(people)}
              </select>
            </div>
            <div className="field field-button">
              <button type="button" className="button-primary" onClick={send} disabled={!who}>
                Send for review…
              </button>
            </div>
          </div>
        )}
        {sent && <p role="status">{sent}</p>}
      </div>
      <div className="opinion">
        <h3>Import comments</h3>
        <p className="muted">A comments file returned by a reviewer, or a Word document exported from this plan that reviewers commented on.</p>
        <div>
          <button type="button" className="button-secondary" onClick={importFile}>
            Import comments…
          </button>
        </div>
        {s && (
          <div role="status" className="import-summary">
            <p>
              From the {imported.source}: <strong>{s.newThreads}</strong> new {s.newThreads === 1 ? 'comment' : 'comments'}, <strong>{s.newReplies}</strong>{' '}
              {s.newReplies === 1 ? 'reply' : 'replies'}, {s.alreadyImported} already imported, {s.notPlaced.length} could not be placed.
            </p>
            {s.notPlaced.length > 0 && (
              <ul>
                {s.notPlaced.map((n, i) => (
                  <li key={i}>
                    “{n.comment}”: {n.reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      {/* #13 consultation report */}
      <ConsultationReportBox planId={planId} />
    </section>
  );
}
