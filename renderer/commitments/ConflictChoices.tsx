// A commitment changed elsewhere (the jfp command line, an import) while the
// author was typing in it: both values side by side, per field, and the author
// chooses. What they typed stays until they do.
import { useId, useState } from 'react';
import type { CommitmentListItem } from '../../shared/commitment-list';
import { COLUMNS, type ColumnContext } from './columns';
import type { FieldName, RowSaver } from './row-saver';

const FIELD_LABELS: Partial<Record<FieldName, string>> = Object.fromEntries(COLUMNS.map((c) => [c.id, c.label]));

function shown(field: FieldName, value: unknown, ctx: ColumnContext): string {
  const column = COLUMNS.find((c) => c.id === field);
  if (column) {
    // Show a value as its cell would.
    const fake = { value: () => value } as unknown as RowSaver;
    return column.display(fake, ctx) || '(empty)';
  }
  if (value === null || value === undefined || value === '') return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function ConflictChoices({ row, ctx }: { row: RowSaver; ctx: ColumnContext }) {
  const id = useId();
  const conflict = row.conflict!;
  const [choices, setChoices] = useState<Partial<Record<FieldName, 'mine' | 'theirs'>>>(() => Object.fromEntries(conflict.fields.map((f) => [f, 'mine'])));
  const theirs: CommitmentListItem = conflict.theirs;
  const title = theirs.commitment || 'A commitment';
  return (
    <div className="notice notice-error dgrid-conflict" role="alert" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>
        <strong>“{title}” was changed elsewhere while you were editing it.</strong> Choose which value to keep for each field.
      </p>
      {conflict.fields.map((field) => (
        <fieldset key={field} className="dgrid-conflict-field">
          <legend>{FIELD_LABELS[field] ?? field}</legend>
          <label>
            <input type="radio" name={`${id}-${field}`} checked={choices[field] === 'mine'} onChange={() => setChoices({ ...choices, [field]: 'mine' })} /> Keep mine:{' '}
            {shown(field, row.pending[field], ctx)}
          </label>
          <label>
            <input type="radio" name={`${id}-${field}`} checked={choices[field] === 'theirs'} onChange={() => setChoices({ ...choices, [field]: 'theirs' })} /> Take
            theirs: {shown(field, theirs[field], ctx)}
          </label>
        </fieldset>
      ))}
      <button type="button" className="button-primary button-small" onClick={() => void row.resolve(choices)}>
        Save my choices
      </button>
    </div>
  );
}
