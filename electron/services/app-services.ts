// Wires a database file to the dispatcher: what the Electron main process, the
// e2e harness and the CLI each start from. The plan templates shipped with the
// app are used unless a catalogue is given; they are read on first use.
import { createDispatcher, type Dispatch } from '../../shared/dispatch';
import type { ExportPorts } from './export-service';
import { createHandlers, type TemplateCatalogue } from './handlers';
import { openStore, type Store } from './store';
import type { OpenOptions } from './store/database';
import { lazyTemplates } from './templates';

export interface AppServices {
  store: Store;
  dispatch: Dispatch;
  close(): void;
}

export interface ServiceOptions extends OpenOptions {
  /** Plan templates; the app's own templates/ folder (or JFP_TEMPLATES_DIR) when omitted. */
  templates?: TemplateCatalogue;
  log?: (message: string) => void;
  /** Save dialog, PDF printing, opening files: what exporting needs from the app around the services. */
  exportPorts?: ExportPorts;
  /** The bundled export worker (dist/main/export-worker.cjs); exports run in this thread without it. */
  exportWorkerScript?: string;
}

export function startServices(dbPath: string, options: ServiceOptions = {}): AppServices {
  const store = openStore(dbPath, options);
  const dispatch = createDispatcher(createHandlers(store, options.templates ?? lazyTemplates(), {
      ...(options.exportPorts ? { ports: options.exportPorts } : {}),
      ...(options.exportWorkerScript ? { workerScript: options.exportWorkerScript } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    }), {
    onUnexpected: (method, error) =>
      (options.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(`jfp: ${method} failed: ${(error as Error)?.stack ?? String(error)}`),
  });
  return { store, dispatch, close: () => store.close() };
}
