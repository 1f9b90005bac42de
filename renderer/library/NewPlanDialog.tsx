// "New plan": template, title, ICB, partners, places, period, protective marking.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { formatPeriod, nextFinancialYear, PROTECTIVE_MARKINGS, type Plan, type ProtectiveMarking, type TemplateSummary } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

export function NewPlanDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (plan: Plan) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const formId = useId();
  const firstYear = nextFinancialYear(new Date());
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [startYear, setStartYear] = useState(firstYear);
  const [title, setTitle] = useState(`Joint Forward Plan ${formatPeriod(firstYear, firstYear + 4)}`);
  const [titleEdited, setTitleEdited] = useState(false);
  const [icbName, setIcbName] = useState('');
  const [marking, setMarking] = useState<ProtectiveMarking>('OFFICIAL');
  const [trusts, setTrusts] = useState('');
  const [places, setPlaces] = useState('');
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

  const changeYear = (year: number) => {
    setStartYear(year);
    if (!titleEdited) setTitle(`Joint Forward Plan ${formatPeriod(year, year + 4)}`);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const plan = await call('createPlan', {
        title,
        icbName,
        startYear,
        protectiveMarking: marking,
        partnerTrusts: lines(trusts),
        places: lines(places),
        ...(templateId ? { templateId } : {}),
      });
      onCreated(plan);
    } catch (e) {
      setError(messageOf(e));
      setSaving(false);
    }
  };

  const years = Array.from({ length: 7 }, (_, i) => firstYear - 2 + i);

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
          {templates.find((t) => t.id === templateId)?.description && (
            <p className="hint">{templates.find((t) => t.id === templateId)?.description}</p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${formId}-icb`}>Integrated Care Board</label>
          <input id={`${formId}-icb`} value={icbName} onChange={(e) => setIcbName(e.target.value)} placeholder="NHS … Integrated Care Board" required autoFocus />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${formId}-year`}>Five-year period</label>
            <select id={`${formId}-year`} value={startYear} onChange={(e) => changeYear(Number(e.target.value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {formatPeriod(y, y + 4)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${formId}-marking`}>Protective marking</label>
            <select id={`${formId}-marking`} value={marking} onChange={(e) => setMarking(e.target.value as ProtectiveMarking)}>
              {PROTECTIVE_MARKINGS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${formId}-title-input`}>Plan title</label>
          <input
            id={`${formId}-title-input`}
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              setTitleEdited(true);
            }}
            required
          />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${formId}-trusts`}>Partner trusts</label>
            <textarea id={`${formId}-trusts`} rows={3} value={trusts} onChange={(e) => setTrusts(e.target.value)} aria-describedby={`${formId}-trusts-hint`} />
            <p className="hint" id={`${formId}-trusts-hint`}>One per line.</p>
          </div>
          <div className="field">
            <label htmlFor={`${formId}-places`}>Places and Health and Wellbeing Boards</label>
            <textarea id={`${formId}-places`} rows={3} value={places} onChange={(e) => setPlaces(e.target.value)} aria-describedby={`${formId}-places-hint`} />
            <p className="hint" id={`${formId}-places-hint`}>One per line.</p>
          </div>
        </div>
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
