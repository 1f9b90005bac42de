// #13: saving the consultation report ("you said, we did"): the published
// edition (organisations, people named only with their consent, no workflow
// states) or the team's internal one (names, replies, statuses), as a Word
// document or an accessible web page.
import { useId, useState } from 'react';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';

export function ConsultationReportBox({ planId }: { planId: string }) {
  const id = useId();
  const [edition, setEdition] = useState<'published' | 'internal'>('published');
  const [format, setFormat] = useState<'docx' | 'html'>('docx');
  const [report, setReport] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setError(null);
    setReport(null);
    try {
      const { fileName, accessibilityProblems } = await call('exportConsultationReport', { planId, edition, format });
      if (!fileName) return setReport('Not saved: no file was chosen.');
      // The web page is written accessible by construction; the Word file is checked after saving.
      const check = format === 'docx' ? (accessibilityProblems.length ? ` Accessibility check: ${accessibilityProblems.join(' ')}` : ' Accessibility check passed.') : '';
      setReport(`Saved ${fileName}.${check}`);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <div className="opinion">
      <h3>Consultation report</h3>
      <p className="muted">Whom we consulted, what they said and what we did (“you said, we did”), with the engagement record in its introduction.</p>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      <fieldset>
        <legend>Edition</legend>
        <div>
          <input type="radio" id={`${id}-published`} name={`${id}-edition`} checked={edition === 'published'} onChange={() => setEdition('published')} />{' '}
          <label htmlFor={`${id}-published`}>To publish: organisations only, people identified only with their consent, no statuses</label>
        </div>
        <div>
          <input type="radio" id={`${id}-internal`} name={`${id}-edition`} checked={edition === 'internal'} onChange={() => setEdition('internal')} />{' '}
          <label htmlFor={`${id}-internal`}>Internal: every person, reply and status</label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Format</legend>
        <div>
          <input type="radio" id={`${id}-docx`} name={`${id}-format`} checked={format === 'docx'} onChange={() => setFormat('docx')} />{' '}
          <label htmlFor={`${id}-docx`}>Word document</label>
        </div>
        <div>
          <input type="radio" id={`${id}-html`} name={`${id}-format`} checked={format === 'html'} onChange={() => setFormat('html')} />{' '}
          <label htmlFor={`${id}-html`}>Web page (HTML)</label>
        </div>
      </fieldset>
      <div>
        <button type="button" className="button-secondary" onClick={save}>
          Save the consultation report…
        </button>
      </div>
      {report && <p role="status">{report}</p>}
    </div>
  );
}
