// "Plan details": change the plan's title, ICB, period, marking, partner trusts
// and places. A plan becomes final only by signing it off on the Readiness tab
// (#15); a final plan can be returned to draft here.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { MARK_FINAL_THROUGH_SIGN_OFF, nextFinancialYear, type Plan } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { navigate } from '../app/route';
import { draftFromPlan, PlanFields, planInputFromDraft } from '../library/PlanFields';

export function PlanDetailsDialog({ plan, onClose, onSaved }: { plan: Plan; onClose: () => void; onSaved: (plan: Plan) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const formId = useId();
  const [draft, setDraft] = useState(() => draftFromPlan(plan));
  const [isFinal, setIsFinal] = useState(plan.isFinal);
  // The revision the form was filled from. The plan shown behind the dialog may be loaded again
  // while it is open (another process changed it): saving then meets the conflict rather than
  // writing the form's older values over the other change.
  const [revision] = useState(plan.revision);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => dialog.current?.showModal(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      // Only a final plan's box can change anything: unticked, the plan returns to draft.
      onSaved(await call('updatePlan', { planId: plan.id, revision, ...planInputFromDraft(draft), ...(plan.isFinal ? { isFinal } : {}) }));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${formId}-title`} onClose={onClose} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${formId}-title`}>Plan details</h2>
        <ErrorNotice message={error} />
        <PlanFields formId={formId} draft={draft} onChange={setDraft} firstYear={nextFinancialYear(new Date())} />
        {plan.isFinal ? (
          <div className="field checkbox-field">
            <label>
              <input type="checkbox" checked={isFinal} onChange={(e) => setIsFinal(e.target.checked)} /> This is the final plan (untick it to return the plan to draft)
            </label>
          </div>
        ) : (
          // #15 sign-off: marking final checks readiness and records who, so it is done on the Readiness tab.
          <div className="field">
            <p>{MARK_FINAL_THROUGH_SIGN_OFF}</p>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                onClose();
                navigate({ view: 'plan', planId: plan.id, tab: 'readiness' });
              }}
            >
              Go to sign-off on the Readiness tab
            </button>
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button-primary">
            Save details
          </button>
        </div>
      </form>
    </dialog>
  );
}
