// PLACEHOLDER owned by A2 (#11 Excel in and out): replaced before anything lands.
// The handlers call these three functions; until A2's work is merged they refuse.
import type { MethodResult, ParsedInput } from '../../../shared/contract';
import { JfpError } from '../../../shared/errors';
import type { ExportPorts } from '../ports';
import type { Store } from '../store';

const NOT_BUILT = 'Importing and exporting the delivery table is not built yet.';

export interface ExcelServiceContext {
  store: Store;
  ports?: ExportPorts;
}

export async function exportCommitments(_context: ExcelServiceContext, _input: ParsedInput<'exportCommitments'>): Promise<MethodResult<'exportCommitments'>> {
  throw new JfpError('invalid_input', NOT_BUILT);
}

export async function previewCommitmentImport(
  _context: ExcelServiceContext,
  _input: ParsedInput<'previewCommitmentImport'>,
): Promise<MethodResult<'previewCommitmentImport'>> {
  throw new JfpError('invalid_input', NOT_BUILT);
}

export async function confirmCommitmentImport(
  _context: ExcelServiceContext,
  _input: ParsedInput<'confirmCommitmentImport'>,
): Promise<MethodResult<'confirmCommitmentImport'>> {
  throw new JfpError('invalid_input', NOT_BUILT);
}
