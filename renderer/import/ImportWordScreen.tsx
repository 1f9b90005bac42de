// #16 Word import: the "Import a Word plan" screen (#/import-word). Choose the
// .docx (the app's open dialog), the split level, see the sections that will
// be made (title, matched template section, words) and what is not carried,
// then Import opens the new plan.
import { useState } from 'react';
import type { WordImportPreview } from '../../shared/backups-import';
import { call, messageOf } from '../app/api';
import { navigate } from '../app/route';

export function ImportWordScreen() {
  const [preview, setPreview] = useState<WordImportPreview | null>(null);
  const [splitLevel, setSplitLevel] = useState<1 | 2>(1);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const read = async (level: 1 | 2, importId?: string) => {
    setBusy(true);
    setMessage('');
    try {
      const result = await call('previewWordImport', { splitLevel: level, ...(importId ? { importId } : {}) });
      if (result) setPreview(result);
    } catch (error) {
      setMessage(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const importPlan = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const { plan } = await call('importWordPlan', { importId: preview.importId, splitLevel });
      navigate({ view: 'plan', planId: plan.id, tab: 'sections' });
    } catch (error) {
      setMessage(messageOf(error));
      setBusy(false);
    }
  };

  return (
    <main className="library-main" aria-labelledby="import-title">
      <p>
        <a href="#/">Back to the plans</a>
      </p>
      <h1 id="import-title">Import a Word plan</h1>
      <fieldset>
        <legend>Start a new section at</legend>
        <label>
          <input
            type="radio"
            name="split"
            checked={splitLevel === 1}
            onChange={() => {
              setSplitLevel(1);
              if (preview) void read(1, preview.importId);
            }}
          />{' '}
          Each Heading 1
        </label>{' '}
        <label>
          <input
            type="radio"
            name="split"
            checked={splitLevel === 2}
            onChange={() => {
              setSplitLevel(2);
              if (preview) void read(2, preview.importId);
            }}
          />{' '}
          Each Heading 1 and Heading 2
        </label>
      </fieldset>
      <p>
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void read(splitLevel)}>
          Choose a Word document…
        </button>
      </p>
      <p role="status" aria-live="polite">
        {message}
      </p>
      {preview && (
        <section aria-labelledby="import-preview-title">
          <h2 id="import-preview-title">{preview.fileName}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Section</th>
                <th scope="col">Template section</th>
                <th scope="col">Words</th>
              </tr>
            </thead>
            <tbody>
              {preview.sections.map((s, i) => (
                <tr key={i}>
                  <td>{s.title}</td>
                  <td>{s.templateSection ?? 'None (a plain section)'}</td>
                  <td>{s.words.toLocaleString('en-GB')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Not carried</h3>
          {preview.notCarried.length === 0 ? (
            <p>Everything will be carried.</p>
          ) : (
            <ul>
              {preview.notCarried.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
          <button type="button" className="button-primary" disabled={busy} onClick={() => void importPlan()}>
            Import
          </button>
        </section>
      )}
    </main>
  );
}
