// "New plan": the template, then the plan's details (see PlanFields).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { nextFinancialYear, type Plan, type TemplateSummary } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { defaultTitle, PlanFields, planInputFromDraft, type PlanDraft } from './PlanFields';

export function NewPlanDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (plan: Plan) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const formId = useId();
  const firstYear = nextFinancialYear(new Date());
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [draft, setDraft] = useState<PlanDraft>({
    title: defaultTitle(firstYear),
    icbName: '',
    startYear: firstYear,
    marking: 'OFFICIAL',
    trusts: '',
    places: '',
    titleEdited: false,
  });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
    call('listTemplates', {})
      .then((list) => {
        setTemplates(list);
        setTemplateId((current) => current || (list.find((t) => t.id !== 'blank') ?? list[0])?.id || '');
      })
      .catch(() => setTemplates([]));
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const plan = await call('createPlan', { ...planInputFromDraft(draft), ...(templateId ? { templateId } : {}) });
      onCreated(plan);
    } catch (e) {
      setError(messageOf(e));
      setSaving(false);
    }
  };

  const template = templates.find((t) => t.id === templateId);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${formId}-title`} onClose={onClose} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${formId}-title`}>New plan</h2>
        <ErrorNotice message={error} />
        <div className="field">
          <label htmlFor={`${formId}-template`}>Template</label>
          <select id={`${formId}-template`} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            {templates.length === 0 && <option value="">Blank plan</option>}
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          {template?.description && <p className="hint">{template.description}</p>}
        </div>
        <PlanFields formId={formId} draft={draft} onChange={setDraft} firstYear={firstYear} />
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={saving}>
            {saving ? 'Creating…' : 'Create plan'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
