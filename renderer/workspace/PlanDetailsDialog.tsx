// "Plan details": change the plan's title, ICB, period, marking, partner trusts
// and places, and mark it final (the exports then drop "DRAFT").
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { nextFinancialYear, type Plan } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
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
      onSaved(await call('updatePlan', { planId: plan.id, revision, ...planInputFromDraft(draft), isFinal }));
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
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={isFinal} onChange={(e) => setIsFinal(e.target.checked)} /> This is the final plan (exports no longer say "DRAFT - for
            consultation")
          </label>
        </div>
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
