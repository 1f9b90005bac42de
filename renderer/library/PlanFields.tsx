// The plan's own details as form fields, shared by "New plan" and "Plan details":
// ICB, five-year period, protective marking, title, partner trusts and places.
import { formatPeriod, PROTECTIVE_MARKINGS, type Plan, type ProtectiveMarking } from '../../shared/domain';

export interface PlanDraft {
  title: string;
  icbName: string;
  startYear: number;
  marking: ProtectiveMarking;
  /** One name per line. */
  trusts: string;
  places: string;
  /** False until the user types their own title: then the period no longer rewrites it. */
  titleEdited: boolean;
}

export const defaultTitle = (startYear: number) => `Joint Forward Plan ${formatPeriod(startYear, startYear + 4)}`;
export const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function draftFromPlan(plan: Plan): PlanDraft {
  return {
    title: plan.title,
    icbName: plan.icbName,
    startYear: plan.startYear,
    marking: plan.protectiveMarking,
    trusts: plan.partnerTrusts.join('\n'),
    places: plan.places.join('\n'),
    titleEdited: true,
  };
}

export function planInputFromDraft(draft: PlanDraft) {
  return {
    title: draft.title,
    icbName: draft.icbName,
    startYear: draft.startYear,
    protectiveMarking: draft.marking,
    partnerTrusts: lines(draft.trusts),
    places: lines(draft.places),
  };
}

export function PlanFields({ formId, draft, onChange, firstYear }: { formId: string; draft: PlanDraft; onChange: (draft: PlanDraft) => void; firstYear: number }) {
  const set = (change: Partial<PlanDraft>) => onChange({ ...draft, ...change });
  const years = Array.from({ length: 7 }, (_, i) => firstYear - 2 + i);
  if (!years.includes(draft.startYear)) years.unshift(draft.startYear);
  return (
    <>
      <div className="field">
        <label htmlFor={`${formId}-icb`}>Integrated Care Board</label>
        <input id={`${formId}-icb`} value={draft.icbName} onChange={(e) => set({ icbName: e.target.value })} placeholder="NHS … Integrated Care Board" required />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${formId}-year`}>Five-year period</label>
          <select
            id={`${formId}-year`}
            value={draft.startYear}
            onChange={(e) => {
              const startYear = Number(e.target.value);
              set(draft.titleEdited ? { startYear } : { startYear, title: defaultTitle(startYear) });
            }}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {formatPeriod(y, y + 4)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${formId}-marking`}>Protective marking</label>
          <select id={`${formId}-marking`} value={draft.marking} onChange={(e) => set({ marking: e.target.value as ProtectiveMarking })}>
            {PROTECTIVE_MARKINGS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${formId}-title-input`}>Plan title</label>
        <input id={`${formId}-title-input`} value={draft.title} onChange={(e) => set({ title: e.target.value, titleEdited: true })} required />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${formId}-trusts`}>Partner trusts</label>
          <textarea id={`${formId}-trusts`} rows={3} value={draft.trusts} onChange={(e) => set({ trusts: e.target.value })} aria-describedby={`${formId}-trusts-hint`} />
          <p className="hint" id={`${formId}-trusts-hint`}>
            One per line.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${formId}-places`}>Places and Health and Wellbeing Boards</label>
          <textarea id={`${formId}-places`} rows={3} value={draft.places} onChange={(e) => set({ places: e.target.value })} aria-describedby={`${formId}-places-hint`} />
          <p className="hint" id={`${formId}-places-hint`}>
            One per line.
          </p>
        </div>
      </div>
    </>
  );
}
