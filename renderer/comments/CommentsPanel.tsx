// Comment threads beside the text: who is commenting, new comments on the
// selected words or the whole section, replies, resolve and reopen, the
// author's response ("you said, we did"), and filters.
// #13: a panel that scales to hundreds of threads from many reviewers: each
// thread is collapsed to its first lines until opened, and only the open one
// has reply, response and theme boxes; arrow keys move between threads; counts
// by state and by type of organisation; the filter is remembered per plan.
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS, type CommentThread, type OrganisationType, type Stakeholder } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { CommitRegion } from '../app/commit-regions';
import { ErrorNotice } from '../app/Notice';
import { StakeholderForm } from './StakeholderForm';
import { useOpenPlan, useReviewer, useReviewState, useSections } from '../workspace/open-plan';
import { ProfileForm, useProfile, youLabel } from '../profile/ProfileForm';

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

/** #13: the panel's filter, remembered per plan in this window's storage. */
interface ThreadFilter {
  scope: 'section' | 'plan';
  status: '' | 'open' | 'resolved';
  who: string;
  orgType: '' | OrganisationType;
  theme: string;
}

const NO_FILTER: ThreadFilter = { scope: 'section', status: '', who: '', orgType: '', theme: '' };
const filterKey = (planId: string) => `jfp:comment-filter:${planId}`;
/** Characters of a collapsed thread's first comment shown before "…". */
export const PREVIEW_CHARS = 180;

/** The stored filter, each field checked (storage is not trusted): anything unknown falls back to showing all. */
export function readThreadFilter(stored: string | null): ThreadFilter {
  let value: unknown;
  try {
    value = JSON.parse(stored ?? 'null');
  } catch {
    return NO_FILTER;
  }
  if (typeof value !== 'object' || value === null) return NO_FILTER;
  const v = value as Record<string, unknown>;
  const short = (x: unknown, max: number) => (typeof x === 'string' && x.length <= max ? x : '');
  return {
    scope: v.scope === 'plan' ? 'plan' : 'section',
    status: v.status === 'open' || v.status === 'resolved' ? v.status : '',
    who: short(v.who, 64),
    orgType: (ORGANISATION_TYPES as readonly unknown[]).includes(v.orgType) ? (v.orgType as OrganisationType) : '',
    theme: short(v.theme, 60),
  };
}

function preview(body: string): string {
  return body.length > PREVIEW_CHARS ? `${body.slice(0, PREVIEW_CHARS).trimEnd()}…` : body;
}

/** Arrow keys, Home and End move between the threads' headings. */
function moveBetweenThreads(event: KeyboardEvent<HTMLOListElement>) {
  const target = event.target as HTMLElement;
  if (!target.classList.contains('thread-open')) return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.thread-open')];
  const at = buttons.indexOf(target as HTMLButtonElement);
  const to = ({ ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 } as Record<string, number>)[event.key];
  if (to === undefined || at < 0) return;
  event.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, to))]?.focus();
}

export function CommentsPanel({
  sectionId,
  draft,
  onDraftDone,
  onCreated,
  activeThreadId,
  onActivate,
}: {
  sectionId: string;
  draft: CommentDraft | null;
  onDraftDone: () => void;
  /** Called with the new thread's id, before it is saved, so the text can be marked. */
  onCreated: (threadId: string, anchored: boolean) => void;
  activeThreadId: string | null;
  onActivate: (thread: CommentThread) => void;
}) {
  const id = useId();
  const open = useOpenPlan();
  const { stakeholders, threads } = useReviewState();
  const sections = useSections();
  const { reviewer, fixed } = useReviewer();
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilterState] = useState(() => readThreadFilter(window.localStorage.getItem(filterKey(open.planId))));
  const setFilter = (change: Partial<ThreadFilter>) => {
    const next = { ...filter, ...change };
    setFilterState(next);
    window.localStorage.setItem(filterKey(open.planId), JSON.stringify(next));
  };
  const { scope, status, orgType } = filter;
  // A remembered reviewer or theme that is no longer in the plan filters nothing.
  const who = stakeholders.some((s) => s.id === filter.who) ? filter.who : '';
  const themes = useMemo(() => [...new Set(threads.flatMap((t) => t.themes))].sort((a, b) => a.localeCompare(b, 'en-GB')), [threads]);
  const theme = themes.includes(filter.theme) ? filter.theme : '';
  const [sectionComment, setSectionComment] = useState(false);
  // The open thread: the one activated (from the text or a new comment), or opened or closed here.
  const [openId, setOpenId] = useState<string | null>(activeThreadId);
  const [seenActive, setSeenActive] = useState(activeThreadId);
  if (activeThreadId !== seenActive) {
    setSeenActive(activeThreadId);
    setOpenId(activeThreadId);
  }
  const toggle = useCallback(
    (thread: CommentThread, opening: boolean) => {
      setOpenId(opening ? thread.id : null);
      // Either way its words are selected in the text (closing it does not move the reader away).
      onActivate(thread);
    },
    [onActivate],
  );

  // Comments kept unplaced show in every section, where they can be placed.
  const inScope = threads.filter((t) => scope === 'plan' || t.sectionId === sectionId || t.anchor === 'unplaced');
  const visible = inScope.filter(
    (t) =>
      (!status || t.status === status) &&
      (!who || t.comments.some((c) => c.stakeholderId === who)) &&
      (!orgType || t.comments[0]?.orgType === orgType) &&
      (!theme || t.themes.includes(theme)),
  );
  const openCount = inScope.filter((t) => t.status === 'open').length;
  const byType = ORGANISATION_TYPES.map((type) => ({ type, n: inScope.filter((t) => t.comments[0]?.orgType === type).length })).filter((c) => c.n > 0);
  const activeFilters = [status, who, orgType, theme].filter(Boolean).length;
  const titles = useMemo(() => new Map(sections.map((s) => [s.id, s.title])), [sections]);

  const finishComposing = useCallback(() => {
    setSectionComment(false);
    onDraftDone();
  }, [onDraftDone]);

  const composing = draft !== null || sectionComment;

  return (
    <div className="comments-panel">
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      {fixed ? (
        <p className="muted">
          Commenting as <strong>{reviewer?.name}</strong>
          {reviewer?.organisation ? `, ${reviewer.organisation}` : ''}.
        </p>
      ) : (
        <ReviewerPicker planId={open.planId} stakeholders={stakeholders} reviewer={reviewer} />
      )}
      {!composing && (
        <button type="button" className="button-secondary button-small" onClick={() => setSectionComment(true)} disabled={fixed && !reviewer}>
          Comment on the whole section
        </button>
      )}
      {composing && (
        <NewCommentForm
          sectionId={sectionId}
          quote={draft && !sectionComment ? draft.quote : null}
          reviewer={reviewer}
          fixed={fixed}
          unplaced={threads.filter((t) => t.anchor === 'unplaced')}
          onCreated={onCreated}
          onDone={finishComposing}
          onActivate={onActivate}
          onError={setError}
        />
      )}

      <p className="muted thread-counts">
        {openCount} open · {inScope.length - openCount} resolved
        {byType.length > 0 && <> · {byType.map((c) => `${ORGANISATION_TYPE_LABELS[c.type]} ${c.n}`).join(', ')}</>}
      </p>
      <details className="filters-box">
        <summary>Filter comments{activeFilters ? ` (${activeFilters} on)` : ''}</summary>
        <div className="field">
          <label htmlFor={`${id}-scope`}>Show</label>
          <select id={`${id}-scope`} value={scope} onChange={(e) => setFilter({ scope: e.target.value as 'section' | 'plan' })}>
            <option value="section">This section</option>
            <option value="plan">All sections</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setFilter({ status: e.target.value as '' | 'open' | 'resolved' })}>
            <option value="">Open and resolved</option>
            <option value="open">Open ({openCount})</option>
            <option value="resolved">Resolved ({inScope.length - openCount})</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-who`}>Stakeholder</label>
          <select id={`${id}-who`} value={who} onChange={(e) => setFilter({ who: e.target.value })}>
            <option value="">Everyone</option>
            {stakeholderOptions(stakeholders)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>Organisation type</label>
          <select id={`${id}-type`} value={orgType} onChange={(e) => setFilter({ orgType: e.target.value as '' | OrganisationType })}>
            <option value="">All types</option>
            {ORGANISATION_TYPES.map((t) => (
              <option key={t} value={t}>
                {ORGANISATION_TYPE_LABELS[t]} ({byType.find((c) => c.type === t)?.n ?? 0})
              </option>
            ))}
          </select>
        </div>
        {themes.length > 0 && (
          <div className="field">
            <label htmlFor={`${id}-theme`}>Theme</label>
            <select id={`${id}-theme`} value={theme} onChange={(e) => setFilter({ theme: e.target.value })}>
              <option value="">All themes</option>
              {themes.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
        )}
        {activeFilters > 0 && (
          <button type="button" className="button-quiet button-small" onClick={() => setFilter({ ...NO_FILTER, scope })}>
            Clear the filter
          </button>
        )}
      </details>

      <p className="muted thread-count" role="status">
        {visible.length === inScope.length ? `${visible.length} ${visible.length === 1 ? 'thread' : 'threads'}` : `${visible.length} of ${inScope.length} threads`}
      </p>
      <CommitRegion id="threads">
        {/* Arrow keys, Home and End move between the threads' headings (each a button that opens its thread). */}
        <ol className="threads" aria-label="Comment threads" onKeyDown={moveBetweenThreads}>
          {visible.map((thread) => (
            <ThreadCard
              key={thread.id}
              thread={thread}
              sectionTitle={(thread.sectionId ? titles.get(thread.sectionId) : undefined) ?? thread.sectionTitle}
              active={thread.id === activeThreadId}
              expanded={thread.id === openId}
              onToggle={toggle}
              asReviewer={fixed ? reviewer : null}
              reviewCopy={fixed}
              onError={setError}
            />
          ))}
        </ol>
      </CommitRegion>
    </div>
  );
}

/** The new comment's box: its text is its own state, so typing in it re-renders only this form. */
function NewCommentForm({
  sectionId,
  quote,
  reviewer,
  fixed,
  unplaced,
  onCreated,
  onDone,
  onActivate,
  onError,
}: {
  sectionId: string;
  /** The selected words, or null for a comment on the whole section. */
  quote: string | null;
  /** The reviewer a received comment is entered for; null: the user's own comment. */
  reviewer: Stakeholder | null;
  /** A review copy: the reviewer is the one the pack was sent to. */
  fixed: boolean;
  /** Comments kept on the plan but not placed on any words, to place on the selected words. */
  unplaced: readonly CommentThread[];
  onCreated: (threadId: string, anchored: boolean) => void;
  onDone: () => void;
  onActivate: (thread: CommentThread) => void;
  onError: (message: string | null) => void;
}) {
  const id = useId();
  const open = useOpenPlan();
  const [body, setBody] = useState('');
  const profile = useProfile();
  const [placing, setPlacing] = useState('');
  // The user's own comment needs their profile first (skipped on the first run, asked here).
  const needsProfile = !fixed && !reviewer && profile === null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (fixed && !reviewer) return;
    const threadId = crypto.randomUUID();
    try {
      onError(null);
      const thread = await call('createThread', {
        planId: open.planId,
        sectionId,
        threadId,
        ...(reviewer ? { stakeholderId: reviewer.id } : {}),
        body,
        quote: quote ?? '',
      });
      onCreated(threadId, quote !== null);
      // The words are marked now (the section saves them a moment later): not "text removed".
      open.replaceThread(quote !== null ? { ...thread, anchor: 'text' } : thread);
      setBody('');
      onDone();
      onActivate(thread);
    } catch (e) {
      onError(messageOf(e));
    }
  };

  return (
    <form className="new-comment" onSubmit={submit}>
      <h3>New comment</h3>
      {quote !== null ? <blockquote className="quote">“{quote}”</blockquote> : <p className="muted">On the whole section.</p>}
      {fixed && !reviewer && <p className="field-error">Choose who you are commenting as first.</p>}
      {needsProfile && <ProfileForm heading="Before your first comment" intro="Your comments are credited to you: say who you are." />}
      <label htmlFor={`${id}-body`}>Comment</label>
      <textarea id={`${id}-body`} rows={4} value={body} onChange={(e) => setBody(e.target.value)} autoFocus />
      <div className="rename-actions">
        <button type="submit" className="button-primary button-small" disabled={(fixed && !reviewer) || needsProfile}>
          Add comment
        </button>
        <button
          type="button"
          className="button-quiet button-small"
          onClick={() => {
            setBody('');
            onDone();
          }}
        >
          Cancel
        </button>
      </div>
      {quote !== null && unplaced.length > 0 && (
        <div className="place-kept">
          <label htmlFor={`${id}-place`}>Or place a kept comment on these words</label>
          <select id={`${id}-place`} value={placing} onChange={(e) => setPlacing(e.target.value)}>
            <option value="">Choose a comment not yet placed</option>
            {unplaced.map((t) => (
              <option key={t.id} value={t.id}>
                {t.comments[0]?.authorName}: {t.comments[0]?.body.slice(0, 60)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button-secondary button-small"
            disabled={!placing}
            onClick={async () => {
              try {
                onError(null);
                const thread = await call('placeThread', { threadId: placing, sectionId, quote });
                onCreated(placing, true);
                open.replaceThread({ ...thread, anchor: 'text' });
                setPlacing('');
                onDone();
                onActivate(thread);
              } catch (e) {
                onError(messageOf(e));
              }
            }}
          >
            Place this comment
          </button>
        </div>
      )}
    </form>
  );
}

/**
 * One thread; memoised, so a change to another thread or to the new-comment box does not re-render it.
 * Collapsed, it shows who, the state, the words it is on and the first lines of the first comment;
 * open, every comment and the boxes to reply, respond and give themes (their text is kept while closed).
 */
const ThreadCard = memo(function ThreadCard({
  thread,
  sectionTitle,
  active,
  expanded,
  onToggle,
  asReviewer,
  reviewCopy,
  onError,
}: {
  thread: CommentThread;
  sectionTitle: string | null;
  active: boolean;
  expanded: boolean;
  onToggle: (thread: CommentThread, opening: boolean) => void;
  /** In a review copy, replies are the reviewer's; elsewhere the user's own. */
  asReviewer: Stakeholder | null;
  reviewCopy: boolean;
  onError: (message: string) => void;
}) {
  const id = useId();
  const open = useOpenPlan();
  const first = thread.comments[0];
  const [reply, setReply] = useState('');
  const [responseSaved, setResponseSaved] = useState(false);
  const [themeText, setThemeText] = useState(thread.themes.join(', '));
  const [shownThemes, setShownThemes] = useState(thread.themes);
  if (thread.themes !== shownThemes) {
    setShownThemes(thread.themes);
    if (themeText === shownThemes.join(', ')) setThemeText(thread.themes.join(', '));
  }
  const who = (c: CommentThread['comments'][number]) => (c.byYou ? youLabel(c.authorName) : c.authorName);
  // A comment the author entered for a reviewer (received by letter or e-mail) says so.
  const entered = !reviewCopy && thread.source === 'app' && first !== undefined && !first.byYou;
  const [response, setResponse] = useState(thread.response);
  // A response saved elsewhere (another process, another window) replaces what the box shows,
  // unless the author has typed something else in it meanwhile.
  const [shownResponse, setShownResponse] = useState(thread.response);
  if (thread.response !== shownResponse) {
    setShownResponse(thread.response);
    if (response === shownResponse) setResponse(thread.response);
  }
  const act = async (action: () => Promise<CommentThread>) => {
    try {
      open.replaceThread(await action());
      return true;
    } catch (e) {
      onError(messageOf(e));
      return false;
    }
  };
  const replies = thread.comments.length - 1;

  return (
    <li
      className={`thread${active ? ' thread-active' : ''}${expanded ? ' thread-expanded' : ''}${thread.status === 'resolved' ? ' thread-resolved' : ''}`}
      data-thread-id={thread.id}
    >
      <article aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`} className="thread-title">
          <button type="button" className="thread-open" aria-expanded={expanded} onClick={() => onToggle(thread, !expanded)}>
            {first ? `${who(first)}${first.organisation && !first.byYou ? `, ${first.organisation}` : ''}` : 'Comment'}
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
          {thread.anchor === 'text_changed' && (
            <>
              Text changed; it said: <q>{thread.quote}</q>
            </>
          )}
          {thread.anchor === 'unplaced' && (
            <>
              Not placed
              {thread.quote ? (
                <>
                  {' '}
                  (on <q>{thread.quote}</q>)
                </>
              ) : null}
              : {thread.unplacedReason} To place it, select the words in a section, choose Comment, then Place this comment.
            </>
          )}
        </p>
        {thread.themes.length > 0 && <p className="muted thread-themes">Themes: {thread.themes.join(', ')}</p>}
        {!expanded && first && (
          <p className="comment-body thread-preview">
            {preview(first.body)}
            {replies > 0 && <span className="muted"> · {replies === 1 ? '1 reply' : `${replies} replies`}</span>}
          </p>
        )}
        {expanded && (
          <>
            {entered && <p className="muted thread-entered">Received by letter or e-mail; entered for the reviewer.</p>}
            {thread.comments.map((comment) => (
              <div key={comment.id} className="comment">
                <p className="comment-meta">
                  <strong>{who(comment)}</strong> {comment.organisation && !comment.byYou && <span>({comment.organisation})</span>} ·{' '}
                  <time dateTime={comment.createdAt}>{timeFormat.format(new Date(comment.createdAt))}</time>
                </p>
                <p className="comment-body">{comment.body}</p>
              </div>
            ))}
            <form
              className="thread-form"
              onSubmit={async (e) => {
                e.preventDefault();
                if (reviewCopy && !asReviewer) return onError('Choose who you are commenting as first.');
                const as = asReviewer ? { stakeholderId: asReviewer.id } : {};
                if (await act(() => call('replyToThread', { threadId: thread.id, ...as, body: reply }))) setReply('');
              }}
            >
              <label htmlFor={`${id}-reply`}>Reply</label>
              <textarea id={`${id}-reply`} rows={2} value={reply} onChange={(e) => setReply(e.target.value)} />
              <button type="submit" className="button-secondary button-small">
                Reply
              </button>
            </form>
            {/* The author's own controls: a reviewer's copy does not return them, so it does not show them. */}
            {!reviewCopy && (
              <>
                <form
                  className="thread-form"
                  onSubmit={async (e) => {
                    e.preventDefault();
                    setResponseSaved(false);
                    if (await act(() => call('respondToThread', { threadId: thread.id, response }))) setResponseSaved(true);
                  }}
                >
                  <label htmlFor={`${id}-response`}>You said, we did</label>
                  <textarea
                    id={`${id}-response`}
                    rows={2}
                    value={response}
                    onChange={(e) => setResponse(e.target.value)}
                    placeholder="How the plan responds to this comment"
                  />
                  <button type="submit" className="button-secondary button-small">
                    Save response
                  </button>
                  {responseSaved && (
                    <span className="muted" role="status">
                      Response saved{thread.respondedBy ? ` by ${thread.respondedBy}` : ''}.
                    </span>
                  )}
                </form>
                <form
                  className="thread-form"
                  onSubmit={async (e) => {
                    e.preventDefault();
                    const themes = themeText
                      .split(',')
                      .map((t) => t.trim())
                      .filter(Boolean);
                    await act(() => call('setThreadThemes', { threadId: thread.id, themes }));
                  }}
                >
                  <label htmlFor={`${id}-themes`}>Themes (separate with commas)</label>
                  <input id={`${id}-themes`} value={themeText} onChange={(e) => setThemeText(e.target.value)} placeholder="For example: Access, Workforce" />
                  <button type="submit" className="button-secondary button-small">
                    Save themes
                  </button>
                </form>
                <button
                  type="button"
                  className="button-quiet button-small"
                  onClick={() => act(() => call('setThreadStatus', { threadId: thread.id, status: thread.status === 'open' ? 'resolved' : 'open' }))}
                >
                  {thread.status === 'open' ? 'Resolve' : 'Reopen'}
                </button>
              </>
            )}
          </>
        )}
      </article>
    </li>
  );
});

function ReviewerPicker({ planId, stakeholders, reviewer }: { planId: string; stakeholders: readonly Stakeholder[]; reviewer: Stakeholder | null }) {
  const id = useId();
  const open = useOpenPlan();
  const [adding, setAdding] = useState(false);
  const profile = useProfile();
  const [problem, setProblem] = useState<string | null>(null);
  // #12: the form goes when it is done, so focus goes to the reviewer choice (saved) or back to "Add a reviewer" (cancelled), not to the page.
  const chooser = useRef<HTMLSelectElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const focusAfter = useRef<'chooser' | 'add' | null>(null);
  useEffect(() => {
    if (adding || !focusAfter.current) return;
    (focusAfter.current === 'chooser' ? chooser : addButton).current?.focus();
    focusAfter.current = null;
  }, [adding]);
  return (
    <div className="reviewer">
      <div className="field">
        <label htmlFor={`${id}-as`}>Commenting as</label>
        <select ref={chooser} id={`${id}-as`} value={reviewer?.id ?? ''} onChange={(e) => open.setReviewerId(e.target.value || null)}>
          <option value="">{profile ? `Yourself (${profile.name})` : 'Yourself'}</option>
          <optgroup label="A reviewer (a comment received by letter or e-mail)">{stakeholderOptions(stakeholders)}</optgroup>
        </select>
      </div>
      {reviewer && <p className="muted">Entering a comment received from {reviewer.name} by letter or e-mail.</p>}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {reviewer && (
        <button
          type="button"
          className="button-quiet button-small"
          onClick={async () => {
            try {
              await call('removeStakeholder', { stakeholderId: reviewer.id });
              open.setReviewerId(null);
              setProblem(null);
              await open.refreshReview();
            } catch (e) {
              setProblem(messageOf(e));
            }
          }}
        >
          Remove {reviewer.name} from the register
        </button>
      )}
      {!adding ? (
        <button ref={addButton} type="button" className="button-quiet button-small" onClick={() => setAdding(true)}>
          Add a reviewer
        </button>
      ) : (
        <StakeholderForm
          planId={planId}
          onSaved={(person) => {
            open.addStakeholder(person);
            open.setReviewerId(person.id);
            focusAfter.current = 'chooser';
            setAdding(false);
          }}
          onCancel={() => {
            focusAfter.current = 'add';
            setAdding(false);
          }}
        />
      )}
    </div>
  );
}
