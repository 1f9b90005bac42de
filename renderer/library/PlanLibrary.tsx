// The plan library: every plan on this computer, "New plan", and the sample
// plan for a first look. With no plans yet (the first run) it welcomes the
// user, offers the template and the sample, and says where the plans are kept.
import { useCallback, useEffect, useState } from 'react';
import { formatPeriod, type PlanSummary } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { newPlanRequested, openMenuScreen } from '../app/menu-commands';
import { navigate } from '../app/route';
import { useValue } from '../app/value-store';
import { NewPlanDialog } from './NewPlanDialog';
import { ProfileForm, useProfile } from '../profile/ProfileForm'; // #13 profile

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function PlanLibrary() {
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [dataFile, setDataFile] = useState<string | null>(null);
  // #13 profile: "Your profile" from the header, and the welcome's first step until set or skipped
  const profile = useProfile();
  const [profileOpen, setProfileOpen] = useState(false);
  const [profileSkipped, setProfileSkipped] = useState(false);
  // File > New plan (Ctrl+N) asks for the dialog from anywhere in the app.
  const menuAsked = useValue(newPlanRequested);
  const dialogOpen = creating || menuAsked;
  const closeDialog = () => {
    setCreating(false);
    newPlanRequested.set(false);
  };

  const load = useCallback(
    () =>
      call('listPlans', {}).then(setPlans, (e: unknown) => {
        setError(messageOf(e));
        setPlans([]);
      }),
    [],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const firstRun = plans !== null && plans.length === 0;
  useEffect(() => {
    if (!firstRun) return;
    let cancelled = false;
    call('getDataLocation', {}).then(
      (where) => !cancelled && setDataFile(where.databasePath),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [firstRun]);

  const openSample = async () => {
    setBusy(true);
    try {
      const plan = await call('createSamplePlan', {});
      navigate({ view: 'plan', planId: plan.id, tab: 'sections' });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const openPack = async () => {
    setBusy(true);
    try {
      const { plan } = await call('openReviewPack', {});
      if (plan) navigate({ view: 'plan', planId: plan.id, tab: 'sections' });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="library">
      <header className="app-header">
        <span className="brand">JFP Studio</span>
        <span className="brand-sub">Joint Forward Plans</span>
        {/* #13 profile */}
        <button type="button" className="button-quiet button-small header-profile" aria-expanded={profileOpen} onClick={() => setProfileOpen(!profileOpen)}>
          {profile ? `Your profile (${profile.name})` : 'Your profile'}
        </button>
      </header>
      {profileOpen && (
        <section className="profile-screen" aria-label="Your profile">
          <ProfileForm heading="Your profile" intro="Your comments, replies and responses are credited to you by this name." onSaved={() => setProfileOpen(false)} />
        </section>
      )}
      <main className="library-main" aria-labelledby="library-title">
        <div className="library-heading">
          <h1 id="library-title">Your plans</h1>
          <div className="library-actions">
            {/* #16 backups and Word import */}
            <a className="button-secondary" href="#/import-word">
              Import a Word plan…
            </a>
            <a className="button-secondary" href="#/backups">
              Backups
            </a>
            <button type="button" className="button-secondary" onClick={openPack} disabled={busy}>
              Open a review pack…
            </button>
            <button type="button" className="button-secondary" onClick={openSample} disabled={busy}>
              Open the sample plan
            </button>
            <button type="button" className="button-primary" onClick={() => setCreating(true)}>
              New plan
            </button>
          </div>
        </div>
        <ErrorNotice message={error} onDismiss={() => setError(null)} />
        {plans === null ? (
          <p className="muted">Loading plans…</p>
        ) : plans.length === 0 ? (
          <section className="empty-state welcome" aria-labelledby="empty-title">
            <h2 id="empty-title">Welcome to JFP Studio</h2>
            {/* #13 profile: the first step */}
            {profile === null && !profileSkipped && (
              <ProfileForm
                heading="Your name, role and organisation"
                intro="Step 1: say who you are. Your comments and replies are credited to you. You can change this later in Your profile."
                onSkip={() => setProfileSkipped(true)}
              />
            )}
            <p>
              No plans yet. Start this year's Joint Forward Plan from the JFP template, which sets out the sections the law and NHS England's guidance expect, or open the
              fictional sample plan to see a finished one.
            </p>
            <div className="library-actions">
              <button type="button" className="button-primary" onClick={() => setCreating(true)}>
                New plan from the JFP template
              </button>
              <button type="button" className="button-secondary" onClick={openSample} disabled={busy}>
                Open the sample plan
              </button>
              {/* #12: the same screen as File > Import from Word (#16 builds it). */}
              <button type="button" className="button-secondary" onClick={() => openMenuScreen('importWord', '#/import-word')}>
                Import a Word plan…
              </button>
            </div>
            <h3>Where the plans are kept</h3>
            <p>
              Your plans stay on this computer, in one file{dataFile ? ':' : '.'} {dataFile && <code className="data-path">{dataFile}</code>} Nothing is sent anywhere.
            </p>
            <p>
              To keep a copy, close JFP Studio and copy that file to a safe place, such as your organisation's shared drive. Help &gt; Open data folder shows it. A Word
              or PDF export is also a copy of a plan's text.
            </p>
          </section>
        ) : (
          <ul className="plan-list" aria-label="Plans">
            {plans.map((plan) => (
              <li key={plan.id} className="plan-card">
                <a className="plan-card-title" href={`#/plan/${encodeURIComponent(plan.id)}`}>
                  {plan.title}
                </a>
                <p className="plan-card-meta">
                  {plan.isReviewCopy ? 'Review copy · ' : ''}
                  {plan.icbName} · {formatPeriod(plan.startYear, plan.endYear)} · {plan.protectiveMarking}
                </p>
                <p className="plan-card-stats">
                  {plan.sectionCount} {plan.sectionCount === 1 ? 'section' : 'sections'} · {plan.wordCount.toLocaleString('en-GB')} words · updated{' '}
                  {dateFormat.format(new Date(plan.updatedAt))}
                </p>
              </li>
            ))}
          </ul>
        )}
      </main>
      {dialogOpen && (
        <NewPlanDialog
          onClose={closeDialog}
          onCreated={(plan) => {
            newPlanRequested.set(false);
            navigate({ view: 'plan', planId: plan.id, tab: 'sections' });
          }}
        />
      )}
    </div>
  );
}
