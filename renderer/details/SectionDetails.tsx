// The side panel for the open section: status, owner, words, and the
// template's guidance on what the section should cover.
import { useId, useState } from 'react';
import { useLiveWords } from '../workspace/open-plan';
import { SECTION_STATUSES, SECTION_STATUS_LABELS, type Section, type SectionStatus } from '../../shared/domain';

export function SectionDetails({
  section,
  onMeta,
  readOnly = false,
}: {
  section: Section;
  readOnly?: boolean;
  onMeta: (change: { status?: SectionStatus; owner?: string }) => void;
}) {
  const id = useId();
  const liveWords = useLiveWords();
  const [owner, setOwner] = useState(section.owner);
  // Another section, or a new saved owner, replaces what is in the box.
  const ownerSource = `${section.id}\n${section.owner}`;
  const [shownSource, setShownSource] = useState(ownerSource);
  if (ownerSource !== shownSource) {
    setShownSource(ownerSource);
    setOwner(section.owner);
  }

  const commitOwner = () => {
    if (owner.trim() !== section.owner) onMeta({ owner: owner.trim() });
  };

  return (
    <section className="details" aria-labelledby={`${id}-heading`}>
      <div className="pane-heading">
        <h2 id={`${id}-heading`}>Section details</h2>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} disabled={readOnly} value={section.status} onChange={(e) => onMeta({ status: e.target.value as SectionStatus })}>
          {SECTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {SECTION_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-owner`}>Owner</label>
        <input
          id={`${id}-owner`}
          value={owner}
          readOnly={readOnly}
          onChange={(e) => setOwner(e.target.value)}
          onBlur={commitOwner}
          onKeyDown={(e) => e.key === 'Enter' && commitOwner()}
          placeholder="Who writes this section"
        />
      </div>
      <p className="detail-line">
        <span className="detail-label">Words</span> <span data-testid="live-word-count">{liveWords.toLocaleString('en-GB')}</span>
      </p>
      <p className="detail-line">
        <span className="detail-label">Open comments</span> {section.openCommentCount}
      </p>
      {section.guidance && (
        <section className="guidance" aria-labelledby={`${id}-guidance`}>
          <h3 id={`${id}-guidance`}>Guidance</h3>
          <p>{section.guidance}</p>
          {section.expectedContent.length > 0 && (
            <>
              <h4>This section should cover</h4>
              <ul>
                {section.expectedContent.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </>
          )}
          {section.checklistItems.length > 0 && (
            <>
              <h4>Helps meet</h4>
              <ul className="checklist-refs">
                {section.checklistItems.map((item) => (
                  <li key={item.id}>
                    {item.label}
                    {item.reference && <span className="checklist-reference"> ({item.reference})</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </section>
  );
}
