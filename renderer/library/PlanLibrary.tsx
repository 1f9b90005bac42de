// The plan library: every plan on this computer, "New plan", and the sample
// plan for a first look.
import { useCallback, useEffect, useState } from 'react';
import { formatPeriod, type PlanSummary } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { navigate } from '../app/route';
import { NewPlanDialog } from './NewPlanDialog';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function PlanLibrary() {
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);

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
      </header>
      <main className="library-main" aria-labelledby="library-title">
        <div className="library-heading">
          <h1 id="library-title">Your plans</h1>
          <div className="library-actions">
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
          <section className="empty-state" aria-labelledby="empty-title">
            <h2 id="empty-title">No plans yet</h2>
            <p>
              Start this year's Joint Forward Plan from the template, which sets out the sections the law and NHS England's guidance expect, or open the fictional sample
              plan to see a finished one.
            </p>
            <div className="library-actions">
              <button type="button" className="button-primary" onClick={() => setCreating(true)}>
                New plan
              </button>
              <button type="button" className="button-secondary" onClick={openSample} disabled={busy}>
                Open the sample plan
              </button>
            </div>
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
      {creating && <NewPlanDialog onClose={() => setCreating(false)} onCreated={(plan) => navigate({ view: 'plan', planId: plan.id, tab: 'sections' })} />}
    </div>
  );
}
