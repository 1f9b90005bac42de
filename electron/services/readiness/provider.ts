// A readiness provider: one feature's contribution to the plan's readiness view
// (#15). Each provider reads the store (inside the caller's read transaction)
// and returns its items, done or not; the readiness service puts them together.
import type { ReadinessItem } from '../../../shared/domain';
import type { Store } from '../store';

export type ReadinessProvider = (store: Store, planId: string) => ReadinessItem[];
