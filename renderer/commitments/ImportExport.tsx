// Excel in and out: export the table (.xlsx, .csv, the Word delivery appendix)
// and import a spreadsheet through a column-mapping preview. Nothing is saved
// until Confirm, which runs in one transaction and is refused while rows are refused.
import { useEffect, useId, useRef, useState } from 'react';
import type { CommitmentImportPreview, ImportField } from '../../shared/domain';
import { formatFinancialYear, planYears } from '../../shared/financial-year';
import { actualsSummary } from '../../shared/import-fields';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { usePlan } from '../workspace/open-plan';

const FIELD_LABELS: Array<[ImportField, string]> = [
  ['id', 'Commitment id (updates that row)'],
  ['priority', 'Priority'],
  ['commitment', 'Commitment'],
  ['metric', 'Metric'],
  ['baseline', 'Baseline (as printed)'],
  ['baselineValue', 'Baseline value'],
  ['baselineDate', 'Baseline date'],
  ['baselineSource', 'Baseline source'],
  ['target', 'Target'],
  ['targetYear', 'Target year'],
  ['guidanceYear', 'Guidance year'],
  ['leadOrg', 'Lead organisation'],
  ['place', 'Place'],
  ['governanceGroup', 'Governance group'],
  ['universalArea', 'NHS universal commitment area'],
  ['direction', 'Higher or lower is better'],
  ['section', 'Section'],
];

const FORMATS = [
  { format: 'xlsx', label: 'Export .xlsx' },
  { format: 'csv', label: 'Export .csv' },
  { format: 'docx', label: 'Export Word appendix' },
] as const;

export function ImportExport({ planId, onImported }: { planId: string; onImported: () => void }) {
  const plan = usePlan();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [preview, setPreview] = useState<CommitmentImportPreview | null>(null);

  const exportAs = async (format: 'xlsx' | 'csv' | 'docx') => {
    setBusy(true);
    setError(null);
    try {
      const { fileName } = await call('exportCommitments', { planId, format });
      setDone(fileName ? `Saved ${fileName}.` : '');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const startImport = async () => {
    setBusy(true);
    setError(null);
    try {
      const opened = await call('previewCommitmentImport', { planId });
      if (opened) setPreview(opened);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const fields: Array<[string, string]> = [
    ...FIELD_LABELS,
    ...(plan ? planYears(plan.startYear) : []).map((y): [string, string] => [`planned:${y}`, `Planned value ${formatFinancialYear(y)}`]),
  ];

  return (
    <>
      {FORMATS.map((f) => (
        <button key={f.format} type="button" className="button-secondary" disabled={busy} onClick={() => void exportAs(f.format)}>
          {f.label}
        </button>
      ))}
      <button type="button" className="button-secondary" disabled={busy} onClick={() => void startImport()}>
        Import…
      </button>
      <span className="muted" role="status">
        {done}
      </span>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      {preview && (
        <ImportDialog
          planId={planId}
          preview={preview}
          fields={fields}
          onPreview={setPreview}
          onClose={(summary) => {
            setPreview(null);
            if (summary) {
              setDone(summary);
              onImported();
            }
          }}
        />
      )}
    </>
  );
}

function ImportDialog({
  planId,
  preview,
  fields,
  onPreview,
  onClose,
}: {
  planId: string;
  preview: CommitmentImportPreview;
  fields: Array<[string, string]>;
  onPreview: (p: CommitmentImportPreview) => void;
  onClose: (summary: string | null) => void;
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('select, button')?.focus();
  }, []);

  const remap = async (index: number, field: string) => {
    const mapping = { ...preview.mapping, [index]: field === '' ? null : (field as ImportField) };
    setWorking(true);
    setError(null);
    try {
      const next = await call('previewCommitmentImport', { planId, importId: preview.importId, mapping });
      if (next) onPreview(next);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setWorking(false);
    }
  };

  const confirm = async () => {
    setWorking(true);
    setError(null);
    try {
      const { added, updated } = await call('confirmCommitmentImport', { importId: preview.importId, mapping: preview.mapping });
      onClose(`Imported: ${added} added, ${updated} updated.`);
    } catch (e) {
      setError(messageOf(e));
      setWorking(false);
    }
  };

  const refused = preview.refused.length;
  return (
    <div className="dgrid-dialog">
      <div
        className="dgrid-dialog-box"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        ref={box}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose(null);
        }}
      >
        <h3 id={`${id}-title`}>Import commitments from {preview.fileName}</h3>
        <p>
          Sheet “{preview.sheet}”, {preview.rowCount} rows. Choose which field each column fills.
        </p>
        <ErrorNotice message={error} />
        <table>
          <caption className="visually-hidden">Columns of the spreadsheet</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Fills</th>
              <th scope="col">First values</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((c) => (
              <tr key={c.index}>
                <td>{c.header || `Column ${c.index + 1}`}</td>
                <td>
                  <select
                    aria-label={`Field for column ${c.header || c.index + 1}`}
                    value={preview.mapping[c.index] ?? ''}
                    disabled={working}
                    onChange={(e) => void remap(c.index, e.target.value)}
                  >
                    <option value="">Ignore this column</option>
                    {fields.map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="muted">{c.sample.slice(0, 3).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p role="status">
          {preview.toAdd} to add, {preview.toUpdate} to update{refused ? `, ${refused} refused` : ''}.
          {preview.actualsSheet !== null && ` From the sheet “${preview.actualsSheet}”: ${actualsSummary(preview)}.`}
        </p>
        {refused > 0 && (
          <>
            <h4>Refused rows (fix the file or the mapping; nothing is imported while any row is refused)</h4>
            <ul className="dgrid-refused">
              {preview.refused.slice(0, 200).map((r, i) => (
                <li key={i}>
                  Row {r.row}, {r.column}: {r.message}
                </li>
              ))}
            </ul>
          </>
        )}
        {preview.warnings.length > 0 && (
          <>
            <h4>Notes</h4>
            <ul>
              {preview.warnings.slice(0, 200).map((w, i) => (
                <li key={i}>
                  Row {w.row}, {w.column}: {w.message}
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="dgrid-toolbar">
          <button type="button" className="button-primary" disabled={working || refused > 0} onClick={() => void confirm()}>
            Confirm import
          </button>
          <button type="button" className="button-secondary" onClick={() => onClose(null)}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
