// #15 "Add section from template": the plan template's optional sections
// (principles, maternity and neonatal, wider determinants, the green plan, the
// Armed Forces Covenant...), offered from the outline's tools once the plan exists.
import { useContext, useState } from 'react';
import { call, messageOf } from '../app/api';
import { navigate } from '../app/route';
import { OpenPlanContext } from '../workspace/open-plan';

export function AddFromTemplate() {
  const open = useContext(OpenPlanContext);
  const [choices, setChoices] = useState<Array<{ key: string; title: string; guidance: string }> | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (!open) return null;
  const load = () => {
    if (choices === null) call('listOptionalSections', { planId: open.planId }).then(setChoices, (e: unknown) => setMessage(messageOf(e)));
  };
  const add = async (key: string) => {
    try {
      const added = await call('addTemplateSection', { planId: open.planId, key });
      await open.reloadSections();
      setMessage(`Added “${added.title}”.`);
      navigate({ view: 'plan', planId: open.planId, tab: 'sections', sectionId: added.id });
    } catch (e) {
      setMessage(messageOf(e));
    }
  };
  return (
    <details className="add-from-template" onToggle={load}>
      <summary className="button-small button-secondary">Add section from template</summary>
      {choices && choices.length === 0 && <p className="muted">This plan's template has no optional sections.</p>}
      {choices && choices.length > 0 && (
        <ul>
          {choices.map((choice) => (
            <li key={choice.key}>
              <button type="button" className="button-small button-secondary" title={choice.guidance} onClick={() => void add(choice.key)}>
                {choice.title}
              </button>
            </li>
          ))}
        </ul>
      )}
      {message && <p role="status">{message}</p>}
    </details>
  );
}
