// `jfp import-commitments PLAN FILE [--dry-run]`: the app's import of the
// delivery table from a terminal. The same previewCommitmentImport (the named
// file answering its "which file?" dialog) prints which column is read as
// which field, how many rows would be added and updated, and every refused row
// with its reason; then, unless --dry-run or a row is refused, the same
// confirmCommitmentImport saves it all in one transaction.
import fs from 'node:fs';
import path from 'node:path';
import type { CommitmentImportPreview } from '../../shared/domain';
import { formatFinancialYear } from '../../shared/financial-year';
import { actualsSummary, fieldLabel } from '../../shared/import-fields';
import { CliError, type CliCommand } from './command';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** The preview as lines a person reads in a terminal. */
export function describeCommitmentImport(preview: CommitmentImportPreview): string {
  const mapped = preview.columns.filter((c) => c.field !== null);
  const ignored = preview.columns.filter((c) => c.field === null);
  const lines = [
    `${preview.fileName}${preview.sheet ? `, sheet “${preview.sheet}”` : ''}: ${plural(preview.rowCount, 'row', 'rows')} under the header row.`,
    'Columns:',
    ...mapped.map((c) => `  ${c.header} -> ${fieldLabel(c.field!, formatFinancialYear)}`),
    ...(ignored.length ? [`  Ignored: ${ignored.map((c) => c.header).join(', ')}`] : []),
    `To add: ${preview.toAdd.toLocaleString('en-GB')}. To update: ${preview.toUpdate.toLocaleString('en-GB')}. Refused: ${plural(new Set(preview.refused.map((r) => `${r.message.startsWith('Sheet ') ? 'actuals' : 'commitments'}:${r.row}`)).size, 'row', 'rows')}.`,
    ...(preview.actualsSheet !== null ? [`Sheet “${preview.actualsSheet}”: ${actualsSummary(preview)}.`] : []),
  ];
  for (const refused of preview.refused) lines.push(`  Refused: ${refused.message}`);
  for (const warning of preview.warnings) lines.push(`  Note: ${warning.message}`);
  return lines.join('\n');
}

export const importCommitmentsCommand: CliCommand = {
  name: 'import-commitments',
  summary: "Import a plan's delivery commitments from an .xlsx or .csv file",
  args: [
    { name: 'PLAN', description: 'Plan id, or a unique start of it' },
    { name: 'FILE', description: 'An .xlsx workbook or a .csv file, with a header row' },
  ],
  options: {
    'dry-run': { type: 'boolean', description: 'Only show what would be imported; save nothing' },
  },
  details: [
    'Columns are matched by their headers (this app’s own export matches exactly; “Lead”, “Target year” and “2027/28” are understood too).',
    'A row whose Id matches a commitment of the plan updates it; other rows are added. If any row is refused, nothing is imported and the exit code is 1.',
  ],
  examples: ['jfp import-commitments 3f2a delivery.xlsx --dry-run', 'jfp import-commitments 3f2a delivery.csv'],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const file = path.resolve(line.arg('FILE'));
    if (!fs.existsSync(file)) throw new CliError(`${file} does not exist.`);
    const preview = await context.call('previewCommitmentImport', { planId: plan.id }, { open: file });
    if (!preview) throw new CliError(`${file} was not read.`);
    const summary = describeCommitmentImport(preview);
    if (preview.refused.length > 0) {
      return { json: { preview, imported: null }, text: `${summary}\nNothing was imported: correct the refused rows and run the command again.`, exitCode: 1 };
    }
    if (line.flag('dry-run')) return { json: { preview, imported: null }, text: `${summary}\nDry run: nothing was saved.` };
    const imported = await context.call('confirmCommitmentImport', { importId: preview.importId, mapping: preview.mapping });
    return {
      json: { preview, imported },
      text: `${summary}\nImported into “${plan.title}”: ${plural(imported.added, 'commitment', 'commitments')} added, ${imported.updated.toLocaleString('en-GB')} updated, ${plural(imported.actualsAdded, 'actual', 'actuals')} added.`,
    };
  },
};
