// #16 backups: what backup and restore need to know of a store the services
// opened, registered by startServices (app-services.ts): the SQLite addon to
// open other files with (Electron's own build in the app), and how to close
// the store, replace its file and open the services afresh on it. A restore
// never reuses the connection it replaced: every handler, prepared statement
// and watcher belonged to the old one.
import type { Store } from '../store';

export interface LiveStore {
  nativeBinding?: string;
  /**
   * Closes the store (checkpointing its WAL into the file), runs `replace`
   * on the closed file, then opens the services again on it, whether or not
   * `replace` succeeded. Calls that arrive meanwhile wait for the new store.
   */
  reopen(replace: () => Promise<void>): Promise<void>;
}

const live = new WeakMap<Store, LiveStore>();

export function registerLiveStore(store: Store, info: LiveStore): void {
  live.set(store, info);
}

export function liveStore(store: Store): LiveStore | undefined {
  return live.get(store);
}

/** The addon option for opening another SQLite file beside this store (empty outside Electron). */
export function bindingOf(store: Store, nativeBinding?: string): { nativeBinding?: string } {
  const binding = nativeBinding ?? live.get(store)?.nativeBinding;
  return binding ? { nativeBinding: binding } : {};
}
