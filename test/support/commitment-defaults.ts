// The #11 fields of a commitment built by hand in a test or benchmark (no
// priority link, no trajectory values, no actuals, status from `rag` as an override).
import type { Commitment, RagStatus } from '../../shared/domain';
import { planYears } from '../../shared/financial-year';
import { computeRag } from '../../shared/rag';

export type CommitmentExtras = Omit<
  Commitment,
  | 'id'
  | 'planId'
  | 'sectionId'
  | 'position'
  | 'priority'
  | 'commitment'
  | 'metric'
  | 'baseline'
  | 'target'
  | 'targetYear'
  | 'guidanceYear'
  | 'leadOrg'
  | 'rag'
  | 'revision'
  | 'updatedAt'
>;

export function commitmentExtras(rag: RagStatus, startYear = 2026): CommitmentExtras {
  const trajectory = planYears(startYear).map((year) => ({ year, planned: null }));
  return {
    priorityId: null,
    universalArea: '',
    place: '',
    governanceGroup: '',
    direction: 'higher',
    baselineValue: null,
    baselineDate: null,
    baselineSource: '',
    trajectory,
    actuals: [],
    ragComputed: computeRag({ direction: 'higher', trajectory, actuals: [] }),
    ragOverride: rag === 'not_set' ? null : rag,
    ragOverrideReason: rag === 'not_set' ? '' : 'Set in the test fixture.',
    ragOverrideBy: rag === 'not_set' ? '' : 'You',
    ragOverrideAt: rag === 'not_set' ? null : '2026-01-10T10:00:00.000Z',
  };
}
