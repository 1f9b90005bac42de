// Figures the proofs in `npm test` record (kills survived, writes checked, fuzzed
// calls, findings allowed), one JSON file per proof under test-results/proofs/,
// so the end of the run can print them together (proof-figures-reporter.ts) and
// a reader of CI's output sees how much was proven, not only that it passed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROOF_FIGURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'proofs');

export interface ProofFigures {
  proof: string;
  /** In the order they should be printed; values are shown as given (numbers with thousands separators). */
  figures: Record<string, string | number>;
}

/** A count a proof can be asked to raise (JFP_CRASH_KILLS, JFP_FUZZ_CALLS) or a seed to replay, from the environment. */
export function proofSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a whole number of 1 or more, not "${raw}".`);
  return value;
}

const fileName = (proof: string) => `${proof.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.json`;

export function recordProofFigures(proof: string, figures: ProofFigures['figures']): void {
  fs.mkdirSync(PROOF_FIGURES_DIR, { recursive: true });
  const record: ProofFigures = { proof, figures };
  fs.writeFileSync(path.join(PROOF_FIGURES_DIR, fileName(proof)), `${JSON.stringify(record, null, 2)}\n`);
}

/** Forgets an earlier run's figures, so they are never shown as this run's. */
export function clearProofFigures(): void {
  fs.rmSync(PROOF_FIGURES_DIR, { recursive: true, force: true });
}

export function readProofFigures(): ProofFigures[] {
  if (!fs.existsSync(PROOF_FIGURES_DIR)) return [];
  return fs
    .readdirSync(PROOF_FIGURES_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(PROOF_FIGURES_DIR, name))
    .sort()
    .flatMap((file) => {
      try {
        return [JSON.parse(fs.readFileSync(file, 'utf8')) as ProofFigures];
      } catch {
        return [];
      }
    });
}

/** One line per proof: its name, then each figure as "name value". */
export function proofFiguresTable(records: ProofFigures[]): string {
  if (records.length === 0) return '';
  const width = Math.max(...records.map((r) => r.proof.length));
  const show = (value: string | number) => (typeof value === 'number' ? value.toLocaleString('en-GB') : value);
  const lines = records.map(
    (r) =>
      `  ${r.proof.padEnd(width)}  ${Object.entries(r.figures)
        .map(([name, value]) => `${name} ${show(value)}`)
        .join(' · ')}`,
  );
  return ['', ' Proofs (figures from this run, also in test-results/proofs/)', ...lines, ''].join('\n');
}
