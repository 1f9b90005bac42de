// Comment threads beside the text: who is commenting, new comments on the
// selected words or the whole section, replies, resolve and reopen, the
// author's response ("you said, we did"), and filters.
import { useId, useState, type FormEvent } from 'react';
import {
  ORGANISATION_TYPES,
  ORGANISATION_TYPE_LABELS,
  type CommentThread,
  type OrganisationType,
  type SectionSummary,
  type Stakeholder,
} from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { StakeholderForm } from './StakeholderForm';
import type { Review } from './useReview';

const timeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "Name, Organisation" options for choosing a stakeholder. */
export function stakeholderOptions(people: readonly Stakeholder[]) {
  return people.map((p) => (
    <option key={p.id} value={p.id}>
      {p.name}
      {p.organisation ? `, ${p.organisation}` : ''}
    </option>
  ));
}

export interface CommentDraft {
  quote: string;
}

export function CommentsPanel({
  planId,
  sectionId,
  sections,
  review,
  draft,
  onDraftDone,
  onCreated,
  activeThreadId,
  onActivate,
}: {
  planId: string;
  sectionId: string;
  sections: SectionSummary[];
  review: Review;
  draft: CommentDraft | null;
  onDraftDone: () => void;
  /** Called with the new thread's id, before it is saved, so the text can be marked. */
  onCreated: (threadId: string, anchored: boolean) => void;
  activeThreadId: string | null;
  onActivate: (thread: CommentThread) => void;
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [scope, setScope] = useState<'section' | 'plan'>('section');
  const [status, setStatus] = useState<'' | 'open' | 'resolved'>('');
  const [who, setWho] = useState('');
  const [orgType, setOrgType] = useState<'' | OrganisationType>('');
  const [body, setBody] = useState('');
  const [sectionComment, setSectionComment] = useState(false);
  const { reviewer } = review;

  const visible = review.threads.filter(
    (t) =>
      (scope === 'plan' || t.sectionId === sectionId) &&
      (!status || t.status === status) &&
      (!who || t.comments.some((c) => c.stakeholderId === who)) &&
      (!orgType || t.comments[0]?.orgType === orgType),
  );

  const submitNew = async (event: FormEvent) => {
    event.preventDefault();
    if (!reviewer) return;
    const threadId = crypto.randomUUID();
    try {
      setError(null);
      const thread = await call('createThread', { planId, sectionId, threadId, stakeholderId: reviewer.id, body, quote: sectionComment ? '' : (draft?.quote ?? '') });
      onCreated(threadId, !sectionComment);
      review.replaceThread(thread);
      setBody('');
      setSectionComment(false);
      onDraftDone();
      onActivate(thread);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const composing = draft !== null || sectionComment;

  return (
    <div className="comments-panel">
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      {review.fixedReviewer ? (
        <p className="muted">
          Commenting as <strong>{review.reviewer?.name}</strong>
          {review.reviewer?.organisation ? `, ${review.reviewer.organisation}` : ''}.
        </p>
      ) : (
        <ReviewerPicker planId={planId} review={review} />
      )}
      {!composing && (
        <button type="button" className="button-secondary button-small" onClick={() => setSectionComment(true)} disabled={!reviewer}>
          Comment on the whole section
        </button>
      )}
      {composing && (
        <form className="new-comment" onSubmit={submitNew}>
          <h3>New comment</h3>
          {draft && !sectionComment ? <blockquote className="quote">“{draft.quote}”</blockquote> : <p className="muted">On the whole section.</p>}
          {!reviewer && <p className="field-error">Choose who you are commenting as first.</p>}
          <label htmlFor={`${id}-body`}>Comment</label>
          <textarea id={`${id}-body`} rows={4} value={body} onChange={(e) => setBody(e.target.value)} autoFocus />
          <div className="rename-actions">
            <button type="submit" className="button-primary button-small" disabled={!reviewer}>
              Add comment
            </button>
            <button
              type="button"
              className="button-quiet button-small"
              onClick={() => {
                setSectionComment(false);
                setBody('');
                onDraftDone();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}

      <details className="filters-box">
        <summary>Filter comments</summary>
        <div className="field">
          <label htmlFor={`${id}-scope`}>Show</label>
          <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value as 'section' | 'plan')}>
            <option value="section">This section</option>
            <option value="plan">All sections</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as '' | 'open' | 'resolved')}>
            <option value="">Open and resolved</option>
            <option value="open">Open</option>
            <option value="resolved">Resolved</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-who`}>Stakeholder</label>
          <select id={`${id}-who`} value={who} onChange={(e) => setWho(e.target.value)}>
            <option value="">Everyone</option>
            {stakeholderOptions(review.stakeholders)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>Organisation type</label>
          <select id={`${id}-type`} value={orgType} onChange={(e) => setOrgType(e.target.value as '' | OrganisationType)}>
            <option value="">All types</option>
            {ORGANISATION_TYPES.map((t) => (
              <option key={t} value={t}>
                {ORGANISATION_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
      </details>

      <p className="muted thread-count" role="status">
        {visible.length} {visible.length === 1 ? 'thread' : 'threads'}
      </p>
      <ol className="threads" aria-label="Comment threads">
        {visible.map((thread) => (
          <ThreadCard
            key={thread.id}
            thread={thread}
            sections={sections}
            review={review}
            active={thread.id === activeThreadId}
            onActivate={() => onActivate(thread)}
            onError={setError}
          />
        ))}
      </ol>
    </div>
  );
}

function ThreadCard({
  thread,
  sections,
  review,
  active,
  onActivate,
  onError,
}: {
  thread: CommentThread;
  sections: SectionSummary[];
  review: Review;
  active: boolean;
  onActivate: () => void;
  onError: (message: string) => void;
}) {
  const id = useId();
  const [reply, setReply] = useState('');
  const [response, setResponse] = useState(thread.response);
  const first = thread.comments[0];
  const act = async (action: () => Promise<CommentThread>) => {
    try {
      review.replaceThread(await action());
      return true;
    } catch (e) {
      onError(messageOf(e));
      return false;
    }
  };
  const sectionTitle = sections.find((s) => s.id === thread.sectionId)?.title ?? thread.sectionTitle;

  return (
    <li className={`thread${active ? ' thread-active' : ''}${thread.status === 'resolved' ? ' thread-resolved' : ''}`} data-thread-id={thread.id}>
      <article aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`} className="thread-title">
          <button type="button" className="thread-open" onClick={onActivate}>
            {first ? `${first.authorName}${first.organisation ? `, ${first.organisation}` : ''}` : 'Comment'}
          </button>
          <span className={`thread-status status-${thread.status}`}>{thread.status === 'open' ? 'Open' : 'Resolved'}</span>
        </h3>
        <p className="thread-anchor muted">
          {sectionTitle && <span>{sectionTitle} · </span>}
          {thread.anchor === 'section' && 'Whole section'}
          {thread.anchor === 'text' && <q>{thread.quote}</q>}
          {thread.anchor === 'text_removed' && (
            <>
              Text removed: <q>{thread.quote}</q>
            </>
          )}
        </p>
        {thread.comments.map((comment) => (
          <div key={comment.id} className="comment">
            <p className="comment-meta">
              <strong>{comment.authorName}</strong> {comment.organisation && <span>({comment.organisation})</span>} ·{' '}
              <time dateTime={comment.createdAt}>{timeFormat.format(new Date(comment.createdAt))}</time>
            </p>
            <p className="comment-body">{comment.body}</p>
          </div>
        ))}
        <form
          className="thread-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!review.reviewer) return onError('Choose who you are commenting as first.');
            if (await act(() => call('replyToThread', { threadId: thread.id, stakeholderId: review.reviewer!.id, body: reply }))) setReply('');
          }}
        >
          <label htmlFor={`${id}-reply`}>Reply</label>
          <textarea id={`${id}-reply`} rows={2} value={reply} onChange={(e) => setReply(e.target.value)} />
          <button type="submit" className="button-secondary button-small">
            Reply
          </button>
        </form>
        <form
          className="thread-form"
          onSubmit={async (e) => {
            e.preventDefault();
            await act(() => call('respondToThread', { threadId: thread.id, response }));
          }}
        >
          <label htmlFor={`${id}-response`}>You said, we did</label>
          <textarea id={`${id}-response`} rows={2} value={response} onChange={(e) => setResponse(e.target.value)} placeholder="How the plan responds to this comment" />
          <button type="submit" className="button-secondary button-small">
            Save response
          </button>
        </form>
        <button
          type="button"
          className="button-quiet button-small"
          onClick={() => act(() => call('setThreadStatus', { threadId: thread.id, status: thread.status === 'open' ? 'resolved' : 'open' }))}
        >
          {thread.status === 'open' ? 'Resolve' : 'Reopen'}
        </button>
      </article>
    </li>
  );
}

function ReviewerPicker({ planId, review }: { planId: string; review: Review }) {
  const id = useId();
  const [adding, setAdding] = useState(false);
  return (
    <div className="reviewer">
      <div className="field">
        <label htmlFor={`${id}-as`}>Commenting as</label>
        <select id={`${id}-as`} value={review.reviewer?.id ?? ''} onChange={(e) => review.setReviewerId(e.target.value || null)}>
          <option value="">Choose a reviewer</option>
          {stakeholderOptions(review.stakeholders)}
        </select>
      </div>
      {!adding ? (
        <button type="button" className="button-quiet button-small" onClick={() => setAdding(true)}>
          Add a reviewer
        </button>
      ) : (
        <StakeholderForm
          planId={planId}
          onSaved={(person) => {
            review.setStakeholders((list) => [...list, person].sort((a, b) => a.name.localeCompare(b.name)));
            review.setReviewerId(person.id);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
    </div>
  );
}
