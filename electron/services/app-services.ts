// Wires a database file to the dispatcher: what the Electron main process, the
// e2e harness and the CLI each start from.
import { createDispatcher, type Dispatch } from '../../shared/dispatch';
import { createHandlers, type TemplateCatalogue } from './handlers';
import { openStore, type Store } from './store';
import type { OpenOptions } from './store/database';

export interface AppServices {
  store: Store;
  dispatch: Dispatch;
  close(): void;
}

export function startServices(dbPath: string, options: OpenOptions & { templates?: TemplateCatalogue; log?: (message: string) => void } = {}): AppServices {
  const store = openStore(dbPath, options);
  const dispatch = createDispatcher(createHandlers(store, options.templates), {
    onUnexpected: (method, error) =>
      (options.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(`jfp: ${method} failed: ${(error as Error)?.stack ?? String(error)}`),
  });
  return { store, dispatch, close: () => store.close() };
}
