// #16 a comparison as the page shows it: a summary, each changed section with a
// word-level diff in <ins>/<del> (each also carrying the words "Added:" or
// "Removed:" for screen readers, and a visible text legend, so the change is
// not told by colour alone), and the commitments field by field.
import { useEffect, useId, useRef } from 'react';
import type { SectionChange, VersionComparison } from '../../shared/versions';

function changeLines(s: SectionChange): string[] {
  const out: string[] = [];
  if (s.changes.includes('added')) out.push('New section.');
  if (s.changes.includes('removed')) out.push('Removed.');
  if (s.changes.includes('moved')) out.push(`Moved ${s.movedFrom} ${s.movedTo}.`);
  if (s.changes.includes('renamed')) out.push(`Renamed from “${s.oldTitle}”.`);
  if (s.changes.includes('status')) out.push(`Status: ${s.statusFrom} → ${s.statusTo}.`);
  if (s.changes.includes('text')) out.push(`Text changed: ${s.wordsAdded} words added, ${s.wordsRemoved} removed.`);
  return out;
}

export function ComparisonView({ comparison, onExport }: { comparison: VersionComparison; onExport: () => void }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [comparison]);
  const s = comparison.summary;
  return (
    <section className="versions-comparison" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        What changed since {comparison.from.label}
      </h3>
      <p>
        Comparing “{comparison.from.label}” with “{comparison.to.label}”. Sections: {s.sectionsAdded} added, {s.sectionsRemoved} removed, {s.sectionsMoved} moved,{' '}
        {s.sectionsRenamed} renamed, {s.sectionsChanged} with changed text. Commitments: {s.commitmentsAdded} added, {s.commitmentsRemoved} removed,{' '}
        {s.commitmentsChanged} changed.
      </p>
      <p className="versions-legend">
        Legend: <ins>added words are underlined</ins> and <del>removed words are struck through</del>.
      </p>
      <button type="button" className="button-secondary" onClick={onExport}>
        Export “What changed” as Word
      </button>
      {comparison.planFields.length > 0 && (
        <ul>
          {comparison.planFields.map((f) => (
            <li key={f.field}>
              {f.field}: “{f.from}” → “{f.to}”
            </li>
          ))}
        </ul>
      )}
      {comparison.sections.length === 0 && comparison.commitments.length === 0 && <p>No differences.</p>}
      {comparison.sections.map((section) => (
        <article key={section.id} className="versions-change" aria-label={section.title}>
          <h4>{section.title}</h4>
          {changeLines(section).map((line) => (
            <p key={line} className="versions-change-kind">
              {line}
            </p>
          ))}
          {section.diff.length > 0 && (
            <p className="versions-diff">
              {section.diff.map((part, i) =>
                part.kind === 'added' ? (
                  <ins key={i}>
                    <span className="visually-hidden">Added: </span>
                    {part.text}
                  </ins>
                ) : part.kind === 'removed' ? (
                  <del key={i}>
                    <span className="visually-hidden">Removed: </span>
                    {part.text}
                  </del>
                ) : (
                  <span key={i}>{part.text}</span>
                ),
              )}
            </p>
          )}
        </article>
      ))}
      {comparison.commitments.length > 0 && (
        <table className="versions-table">
          <caption>Delivery commitments</caption>
          <thead>
            <tr>
              <th scope="col">Commitment</th>
              <th scope="col">Change</th>
              <th scope="col">Was</th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody>
            {comparison.commitments.flatMap((c) =>
              c.change !== 'changed'
                ? [
                    <tr key={c.id}>
                      <th scope="row">{c.title}</th>
                      <td>{c.change === 'added' ? 'Added' : 'Removed'}</td>
                      <td />
                      <td />
                    </tr>,
                  ]
                : c.fields.map((f) => (
                    <tr key={`${c.id}-${f.field}`}>
                      <th scope="row">{c.title}</th>
                      <td>{f.field}</td>
                      <td>{f.from || '(empty)'}</td>
                      <td>{f.to || '(empty)'}</td>
                    </tr>
                  )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
