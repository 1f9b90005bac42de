// #15 The plan's readiness: every provider's items put together, with the
// counts behind the "ready" figure and the current sign-off. Read in one read
// transaction so every provider sees the same moment.
import type { ReadinessItem, ReadinessReport } from '../../../shared/domain';
import type { Store } from '../store';
import type { TemplateCatalogue } from '../template-catalogue';
import type { AccessibilityCheck } from './accessibility-items';
import { readinessProviders } from './providers';
import { currentSignOff, signItem } from './sign-off';

export function readinessItems(store: Store, planId: string, templates: TemplateCatalogue | undefined, accessibility?: AccessibilityCheck): ReadinessItem[] {
  return readinessProviders(templates, accessibility).flatMap((provide) => provide(store, planId));
}

/** The report; with `accessibility`, its items are those of the check's last run (refresh it first). */
export function readinessReport(store: Store, planId: string, templates: TemplateCatalogue | undefined, accessibility?: AccessibilityCheck): ReadinessReport {
  return store.read(() => {
    store.plans.assertExists(planId);
    const signOff = currentSignOff(store, planId);
    // A blocking item left open with a reason recorded at sign-off no longer blocks while that sign-off stands.
    const accepted = new Map((signOff?.reasons ?? []).map((r) => [r.itemId, r.reason]));
    const items = [...readinessItems(store, planId, templates, accessibility), signItem(signOff, store.plans.get(planId).isFinal)].map((item) =>
      item.blocking && !item.done && accepted.has(item.id) ? { ...item, detail: `${item.detail} Accepted at sign-off: ${accepted.get(item.id)}` } : item,
    );
    const done = items.filter((i) => i.done).length;
    const blocking = items.filter((i) => i.blocking).length;
    const blockingOpen = items.filter((i) => i.blocking && !i.done && !accepted.has(i.id)).length;
    return {
      items,
      counts: { total: items.length, done, blocking, blockingOpen },
      percent: items.length === 0 ? 100 : Math.floor((done / items.length) * 100),
      ready: blockingOpen === 0,
      signOff,
    };
  });
}
