// #15 Sign-off: marking the plan final records who (name and role) and when,
// in the plan's audit trail (kind "signed_off"), with the reason recorded for
// each blocking readiness item still open. It is refused while a blocking item
// has no reason. The latest sign-off counts until the plan returns to draft.
import type { ReadinessItem, SignOff } from '../../../shared/domain';
import type { SignOffInput } from '../../../shared/contract';
import { JfpError } from '../../../shared/errors';
import type { Store } from '../store';

/** The plan's current sign-off, read from its audit trail; null when it is a draft or was never signed off. */
export function currentSignOff(store: Pick<Store, 'plans' | 'events'>, planId: string): SignOff | null {
  if (!store.plans.get(planId).isFinal) return null;
  const latest = store.events.list(planId).find((e) => e.kind === 'signed_off' || e.kind === 'final_withdrawn');
  if (!latest || latest.kind !== 'signed_off') return null;
  const d = latest.detail as { name?: unknown; role?: unknown; reasons?: unknown };
  const reasons = Array.isArray(d.reasons)
    ? d.reasons.filter((r): r is SignOff['reasons'][number] => typeof r === 'object' && r !== null && typeof (r as { reason?: unknown }).reason === 'string')
    : [];
  return { name: String(d.name ?? ''), role: String(d.role ?? ''), at: latest.at, reasons };
}

export function signItem(signOff: SignOff | null, isFinal: boolean): ReadinessItem {
  return {
    id: 'sign-off',
    group: 'publication',
    label: 'The plan is signed off as final',
    detail: signOff
      ? `Signed off by ${signOff.name} (${signOff.role}) on ${signOff.at.slice(0, 10)}${signOff.reasons.length ? `, with reasons for ${signOff.reasons.length} open item${signOff.reasons.length === 1 ? '' : 's'}` : ''}.`
      : isFinal
        ? 'Marked final without a recorded sign-off. Sign it off to record who and when.'
        : 'Not signed off yet.',
    done: signOff !== null,
    blocking: false,
    fix: { tab: 'readiness' },
  };
}

/** Checks the reasons against the open blocking items and records the sign-off. Call inside a write. */
export function signOff(store: Store, input: SignOffInput, items: readonly ReadinessItem[]): void {
  const plan = store.plans.get(input.planId);
  store.plans.assertEditable(plan.id);
  const open = items.filter((item) => item.blocking && !item.done);
  const given = new Map<string, string>();
  for (const { itemId, reason } of input.reasons ?? []) {
    if (!items.some((item) => item.id === itemId)) throw new JfpError('invalid_input', `There is no readiness item "${itemId}" on this plan.`);
    if (reason.trim()) given.set(itemId, reason.trim());
  }
  const unexplained = open.filter((item) => !given.has(item.id));
  if (unexplained.length > 0) {
    const first = unexplained[0]!;
    throw new JfpError(
      'invalid_input',
      `The plan cannot be signed off: ${unexplained.length} blocking item${unexplained.length === 1 ? ' is' : 's are'} not done and ${unexplained.length === 1 ? 'has' : 'have'} no reason recorded (first: “${first.label}”). Finish ${unexplained.length === 1 ? 'it' : 'them'} or give a reason for each.`,
    );
  }
  const reasons = open.map((item) => ({ itemId: item.id, label: item.label, reason: given.get(item.id)! }));
  if (!plan.isFinal) store.plans.update({ planId: plan.id, revision: plan.revision, isFinal: true });
  store.events.record(
    plan.id,
    'signed_off',
    `The plan was signed off as final by ${input.name} (${input.role})${reasons.length ? `, with reasons recorded for ${reasons.length} item${reasons.length === 1 ? '' : 's'} not done` : ''}.`,
    { name: input.name, role: input.role, reasons },
  );
}
