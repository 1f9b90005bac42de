// Marking a plan final goes through sign-off (#15): this signs the plan off,
// giving a reason for every blocking readiness item still open.
import type { AppServices } from '../../electron/services/app-services';
import type { ReadinessReport } from '../../shared/domain';
import { callOk } from './call-ok';

export async function signOffWithReasons(
  services: Pick<AppServices, 'dispatch'>,
  planId: string,
  who: { name: string; role: string } = { name: 'Ada Byron', role: 'Chief Executive' },
  reason = 'Accepted by the Board; to follow in the refresh.',
): Promise<ReadinessReport> {
  const report = await callOk(services, 'getReadiness', { planId });
  const reasons = report.items.filter((i) => i.blocking && !i.done).map((i) => ({ itemId: i.id, reason: `${reason} (${i.id})` }));
  return callOk(services, 'signOffPlan', { planId, ...who, reasons });
}
