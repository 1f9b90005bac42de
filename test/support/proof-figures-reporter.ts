// A vitest reporter that prints the proofs' figures (proof-figures.ts) after the
// usual summary, so `npm test` ends with what was proven: kills, writes checked,
// fuzzed calls by outcome, Electron findings allowed.
import type { Reporter } from 'vitest/reporters';
import { clearProofFigures, proofFiguresTable, readProofFigures } from './proof-figures';

export default class ProofFiguresReporter implements Reporter {
  onInit(): void {
    clearProofFigures();
  }

  onTestRunEnd(): void {
    const table = proofFiguresTable(readProofFigures());
    if (table) process.stdout.write(`${table}\n`);
  }
}
