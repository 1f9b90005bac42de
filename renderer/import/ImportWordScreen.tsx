// #16 Word import: the "Import a Word plan" screen (#/import-word). Choose the
// .docx (the app's open dialog), the split level, see the sections that will
// be made (title, matched template section, words) and what is not carried,
// then Import opens the new plan. The ICB's name comes from the document's
// first pages or the profile's organisation, shown to change; when neither
// gives it the person is asked, and no placeholder is ever saved.
import { useRef, useState } from 'react';
import type { WordImportPreview } from '../../shared/backups-import';
import { call, messageOf } from '../app/api';
import { navigate } from '../app/route';

export function ImportWordScreen() {
  const [preview, setPreview] = useState<WordImportPreview | null>(null);
  const [splitLevel, setSplitLevel] = useState<1 | 2>(1);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [icbName, setIcbName] = useState('');
  const icbField = useRef<HTMLInputElement>(null);

  const read = async (level: 1 | 2, importId?: string) => {
    setBusy(true);
    setMessage('');
    try {
      const result = await call('previewWordImport', { splitLevel: level, ...(importId ? { importId } : {}) });
      if (result) {
        setPreview(result);
        // Another split level of the same file keeps what the person typed; a new file starts from its own name.
        if (!importId) setIcbName(result.icbName ?? '');
      }
    } catch (error) {
      setMessage(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const importPlan = async () => {
    if (!preview) return;
    if (!icbName.trim()) {
      setMessage('Enter the ICB’s name: the document does not give it.');
      icbField.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const { plan } = await call('importWordPlan', { importId: preview.importId, splitLevel, icbName: icbName.trim() });
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
          <p>
            <label htmlFor="import-icb-name">ICB name</label>
            <br />
            <input
              id="import-icb-name"
              ref={icbField}
              type="text"
              value={icbName}
              maxLength={200}
              aria-describedby="import-icb-source"
              onChange={(e) => setIcbName(e.target.value)}
            />
            <br />
            <span id="import-icb-source" className="hint">
              {preview.icbNameFrom === 'document'
                ? 'As the document names it.'
                : preview.icbNameFrom === 'profile'
                  ? 'Your organisation, from your profile: the document does not name the ICB.'
                  : 'The document does not name the ICB: enter it, for example NHS Northshire Integrated Care Board.'}
            </span>
          </p>
          <button type="button" className="button-primary" disabled={busy} onClick={() => void importPlan()}>
            Import
          </button>
        </section>
      )}
    </main>
  );
}
