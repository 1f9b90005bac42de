// An open plan: its header (title, search, save indicator), the tabs, and the
// chosen tab's own component. The plan's data lives in small stores
// (open-plan.ts) that the tabs read themselves, so the workspace re-renders only
// when the plan itself, the tab or an error changes. When another process
// changes the plan database, what is shown is loaded again.
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatPeriod, type SearchHit } from '../../shared/domain';
import { ApiFailure, call, messageOf } from '../app/api';
import { CommitRegion } from '../app/commit-regions';
import { useJfpEvent } from '../app/events';
import { ErrorNotice } from '../app/Notice';
import { navigate, type Route } from '../app/route';
import { SaveStatusContext } from '../editor/save-status';
import { PlanSearch } from '../search/PlanSearch';
import { createOpenPlan, OpenPlanContext, usePlan, useSaveStatus, type OpenPlan } from './open-plan';
import { PlanDetailsDialog } from './PlanDetailsDialog';
import { CommitmentsTab, ExportTab, OpinionsTab, ReviewTab } from './PlanTabs';
import { useRunAction } from './run-action';
import { SaveIndicator } from './SaveIndicator';
import { focusRegion } from './regions';
import { SectionsTab } from './SectionsTab';
import { VersionsTab } from '../versions/VersionsTab'; // #16 versions
import { RecordsTab } from './RecordsTab'; // #15 part 2 records tabs
import { ReadinessPanel } from '../readiness/ReadinessPanel'; // #15 readiness

type PlanRoute = Extract<Route, { view: 'plan' }>;

const TABS: Array<{ tab: PlanRoute['tab']; label: string; path: string; inReviewCopy: boolean }> = [
  { tab: 'sections', label: 'Sections', path: '', inReviewCopy: true },
  { tab: 'commitments', label: 'Delivery commitments', path: '/commitments', inReviewCopy: false },
  { tab: 'opinions', label: 'HWB opinions', path: '/opinions', inReviewCopy: false },
  // #15 part 2 records tabs
  { tab: 'engagement', label: 'Engagement', path: '/engagement', inReviewCopy: false },
  { tab: 'strategy', label: 'Strategy', path: '/strategy', inReviewCopy: false },
  { tab: 'publication', label: 'Publication', path: '/publication', inReviewCopy: false },
  // end #15 part 2 records tabs
  { tab: 'review', label: 'Review', path: '/review', inReviewCopy: false },
  { tab: 'export', label: 'Export', path: '/export', inReviewCopy: false },
  { tab: 'versions', label: 'Versions', path: '/versions', inReviewCopy: false }, // #16 versions
  { tab: 'readiness', label: 'Readiness', path: '/readiness', inReviewCopy: false }, // #15 readiness
];

const PLAN_DELETED =
  'This plan was deleted in another window or by the jfp command line, so nothing more can be saved to it. Copy any text you still need, then go back to all plans.';

export function PlanWorkspace({ route }: { route: PlanRoute }) {
  const { planId } = route;
  // One set of stores per open plan (App keys this component by plan).
  const [open] = useState(() => createOpenPlan(planId));
  const [fatal, setFatal] = useState<string | null>(null);
  /** Another process deleted the plan while it was open here. */
  const [deleted, setDeleted] = useState(false);

  useEffect(() => {
    Promise.all([open.loadPlan(), open.reloadSections()]).catch((e) => setFatal(messageOf(e)));
    open.refreshReview().catch(() => undefined);
  }, [open]);

  // The jfp command line or another window changed the database: load the plan, outline and threads again.
  // The editor keeps its text (SectionsTab decides whether it may show the new one).
  useJfpEvent('plansChanged', () => {
    Promise.all([open.loadPlan(), open.reloadSections(), open.refreshReview()]).catch((e: unknown) => {
      // The plan itself is gone: say so, and leave what is on screen (text can still be copied).
      if (e instanceof ApiFailure && e.code === 'not_found') setDeleted(true);
    });
  });

  if (fatal) {
    return (
      <main className="workspace-fatal">
        <ErrorNotice message={fatal} />
        <button type="button" className="button-secondary" onClick={() => navigate({ view: 'library' })}>
          Back to all plans
        </button>
      </main>
    );
  }

  return (
    <OpenPlanContext.Provider value={open}>
      <SaveStatusContext.Provider value={open.saveStatus.set}>
        <Workspace route={route} open={open} deleted={deleted} />
      </SaveStatusContext.Provider>
    </OpenPlanContext.Provider>
  );
}

function Workspace({ route, open, deleted }: { route: PlanRoute; open: OpenPlan; deleted: boolean }) {
  const { planId } = route;
  const plan = usePlan();
  const [error, setError] = useState<string | null>(null);
  const [editingDetails, setEditingDetails] = useState(false);
  const run = useRunAction(setError);
  const readOnly = plan?.reviewCopy != null;
  const title = useRef<HTMLHeadingElement>(null);
  const loaded = plan !== null;

  // A plan just created or opened: focus its title, not <body> (the link or dialog that opened it has gone).
  useEffect(() => {
    if (loaded && (document.activeElement === null || document.activeElement === document.body)) title.current?.focus();
  }, [loaded]);

  const openHit = useCallback(
    (hit: SearchHit, query: string) => {
      if (hit.sectionId) {
        open.reveal.set({ term: query, nonce: Date.now() });
        navigate({ view: 'plan', planId, tab: 'sections', sectionId: hit.sectionId });
      } else navigate({ view: 'plan', planId, tab: 'commitments' });
    },
    [open, planId],
  );

  return (
    // #13 review copy: marked, so controls only the plan's author uses are not shown (styles.css)
    <div className="workspace" data-review-copy={readOnly ? 'true' : undefined}>
      <header className="workspace-header">
        <button type="button" className="button-quiet back" onClick={() => navigate({ view: 'library' })}>
          ← All plans
        </button>
        <CommitRegion id="heading">
          <div className="plan-heading">
            <h1 ref={title} tabIndex={-1} title={plan?.title}>
              {plan?.title ?? 'Loading plan…'}
            </h1>
            {/* Right after the title, which has focus when a plan opens: the next Tab reaches them. */}
            {route.tab === 'sections' && (
              <div className="skip-links">
                <button type="button" className="skip-link" onClick={() => focusRegion('outline')}>
                  Skip to outline
                </button>
                <button type="button" className="skip-link" onClick={() => focusRegion('editor')}>
                  Skip to editor
                </button>
              </div>
            )}
            {plan && (
              <p className="plan-meta">
                {plan.icbName} · {formatPeriod(plan.startYear, plan.endYear)} · <span className="marking">{plan.protectiveMarking}</span>
                {plan.isFinal ? ' · Final' : ' · Draft'}
                {/* #13 review copy: the plan's details are the author's to change */}
                {!readOnly && (
                  <>
                    {' · '}
                    <button type="button" className="button-quiet header-link" onClick={() => setEditingDetails(true)}>
                      Plan details
                    </button>
                  </>
                )}
              </p>
            )}
          </div>
        </CommitRegion>
        <CommitRegion id="search">
          <PlanSearch planId={planId} onChoose={openHit} />
        </CommitRegion>
        <CommitRegion id="save-indicator">
          <SavedState />
        </CommitRegion>
      </header>
      {plan?.reviewCopy && <ReviewCopyBanner planId={planId} reviewer={plan.reviewCopy.reviewer} run={run} />}
      <CommitRegion id="tabs">
        <nav className="tabs" aria-label="Plan views">
          {TABS.filter((t) => !readOnly || t.inReviewCopy).map((t) => (
            <a key={t.tab} href={`#/plan/${encodeURIComponent(planId)}${t.path}`} aria-current={route.tab === t.tab ? 'page' : undefined}>
              {t.label}
            </a>
          ))}
        </nav>
      </CommitRegion>
      <ErrorNotice message={deleted ? PLAN_DELETED : null} />
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      {editingDetails && plan && !readOnly && (
        <PlanDetailsDialog
          plan={plan}
          onClose={() => setEditingDetails(false)}
          onSaved={(saved) => {
            open.plan.set(saved);
            setEditingDetails(false);
          }}
        />
      )}
      {route.tab === 'commitments' ? (
        <CommitmentsTab />
      ) : route.tab === 'opinions' ? (
        <OpinionsTab />
      ) : route.tab === 'engagement' || route.tab === 'strategy' || route.tab === 'publication' ? (
        <RecordsTab tab={route.tab} /> // #15 part 2 records tabs
      ) : route.tab === 'review' ? (
        <ReviewTab />
      ) : route.tab === 'export' ? (
        <ExportTab />
      ) : route.tab === 'versions' ? (
        <VersionsTab newVersion={route.newVersion === true} /> // #16 versions
      ) : route.tab === 'readiness' ? ( // #15 readiness
        <main className="commitments-pane">
          <ReadinessPanel planId={planId} onSignedOff={() => void open.loadPlan()} />
        </main>
      ) : (
        <SectionsTab sectionId={route.sectionId} readOnly={readOnly} run={run} setError={setError} />
      )}
    </div>
  );
}

/** The save indicator, reading the save status itself: the one thing outside the editor a keystroke may change. */
function SavedState() {
  return <SaveIndicator status={useSaveStatus()} />;
}

function ReviewCopyBanner({ planId, reviewer, run }: { planId: string; reviewer: { name: string; organisation: string }; run: ReturnType<typeof useRunAction> }) {
  const [returned, setReturned] = useState<string | null>(null);
  return (
    <div className="notice notice-info review-banner" role="region" aria-label="Review copy">
      <span>
        Review copy for <strong>{reviewer.name}</strong>
        {reviewer.organisation ? ` (${reviewer.organisation})` : ''}. The text is read-only: select words (with the mouse, or Shift and the arrow keys), then choose
        Comment or press Ctrl+Alt+M; or reply to the comments already made. When you have finished, return your comments to the plan's authors.
      </span>
      <button
        type="button"
        className="button-primary button-small"
        onClick={async () => {
          const result = await run(() => call('returnComments', { planId }));
          if (result)
            setReturned(
              result.fileName ? `Saved ${result.fileName} with ${result.count} comments and replies. Send it to the plan's authors.` : 'Not saved: no file was chosen.',
            );
        }}
      >
        Return comments…
      </button>
      {returned && <span role="status">{returned}</span>}
    </div>
  );
}
