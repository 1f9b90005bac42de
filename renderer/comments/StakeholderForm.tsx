// Adding a reviewer to the plan's stakeholder register, or correcting one:
// name, organisation, its type, an optional email, and (#13) whether they
// agreed to be named in the published consultation report.
import { useId, useState, type FormEvent } from 'react';
import { ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS, type OrganisationType, type Stakeholder } from '../../shared/domain';
import { call, messageOf } from '../app/api';

export function StakeholderForm({
  planId,
  person,
  onSaved,
  onCancel,
}: {
  planId: string;
  /** The reviewer being corrected; a new one when omitted. */
  person?: Stakeholder;
  onSaved: (person: Stakeholder) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(person?.name ?? '');
  const [organisation, setOrganisation] = useState(person?.organisation ?? '');
  const [orgType, setOrgType] = useState<OrganisationType>(person?.orgType ?? 'icb');
  const [email, setEmail] = useState(person?.email ?? '');
  const [namedConsent, setNamedConsent] = useState(person?.namedConsent ?? false);
  const [error, setError] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const fields = { name, organisation, orgType, email, namedConsent };
      onSaved(person ? await call('updateStakeholder', { stakeholderId: person.id, ...fields }) : await call('addStakeholder', { planId, ...fields }));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <form className="add-reviewer" onSubmit={save} noValidate aria-label={person ? `Edit ${person.name}` : 'Add a reviewer'}>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </div>
      <div className="field">
        <label htmlFor={`${id}-org`}>Organisation</label>
        <input id={`${id}-org`} value={organisation} onChange={(e) => setOrganisation(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`}>Type of organisation</label>
        <select id={`${id}-type`} value={orgType} onChange={(e) => setOrgType(e.target.value as OrganisationType)}>
          {ORGANISATION_TYPES.map((t) => (
            <option key={t} value={t}>
              {ORGANISATION_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>Email (optional)</label>
        <input id={`${id}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div>
        <label>
          <input type="checkbox" checked={namedConsent} onChange={(e) => setNamedConsent(e.target.checked)} /> Agreed to be identified in the published consultation
          report
        </label>
      </div>
      <div className="rename-actions">
        <button type="submit" className="button-primary button-small">
          {person ? 'Save reviewer' : 'Add reviewer'}
        </button>
        <button type="button" className="button-quiet button-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
