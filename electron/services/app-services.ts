// Wires a database file to the dispatcher: what the Electron main process, the
// e2e harness and the CLI each start from. The plan templates shipped with the
// app are used unless a catalogue is given; they are read on first use.
import { createDispatcher, type Dispatch, type Handlers } from '../../shared/dispatch';
import { backUpBeforeMigration, startBackupSchedule } from './backups/backup-service'; // #16
import { startServicesWithRecovery as startRecoverable, type RecoverableServices } from './backups/recovery'; // #16
import { registerLiveStore } from './backups/live-store'; // #16 restore reopens the store
import { createHandlers } from './handlers';
import type { ExportPorts } from './ports';
import { openStore, type Store } from './store';
import type { OpenOptions } from './store/database';
import { storeFault } from './store/faults';
import type { TemplateCatalogue } from './template-catalogue';
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
  /** Save dialog, opening files: what exporting needs from the app around the services. */
  exportPorts?: ExportPorts;
  /** The bundled export worker (dist/main/export-worker.cjs); exports run in this thread without it. */
  exportWorkerScript?: string;
  // #16 backups: back up at start and every `intervalMs` (default four hours) while running. Off unless
  // given: the app turns it on; the CLI and tests take backups only when asked (and before a migration,
  // a restore or an import, which always back up first).
  backupSchedule?: { intervalMs?: number };
}

/**
 * Every handler's disk and SQLite failures (a full disk, a locked or read-only
 * file) become the sentence that names them, rather than "Something went wrong";
 * after every call the store is told, so it checkpoints once calls pause.
 */
function namingStoreFaults(handlers: Handlers, dbPath: string, afterCall: () => void): Handlers {
  // Only SQLite's own errors are about the database file; a handler's other failures keep their meaning.
  const named = (error: unknown) => (String((error as { code?: unknown })?.code).startsWith('SQLITE_') ? (storeFault(error, dbPath, 'working') ?? error) : error);
  const wrapped: Record<string, (input: never) => unknown> = {};
  for (const [method, handler] of Object.entries(handlers) as [string, (input: never) => unknown][]) {
    wrapped[method] = (input) => {
      try {
        const result = handler(input);
        return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(named(error))).finally(afterCall) : result;
      } catch (error) {
        throw named(error);
      } finally {
        afterCall();
      }
    };
  }
  return wrapped as unknown as Handlers;
}

// #16 restore: the services a caller holds stay the same object while a restore closes the store, replaces
// its file and opens everything afresh on it (backups/live-store.ts); calls made meanwhile wait for the new store.
export function startServices(dbPath: string, options: ServiceOptions = {}): AppServices {
  let current: AppServices;
  let reopening: Promise<void> | null = null;
  const open = (reopened: boolean) => {
    current = openServices(dbPath, options, reopened);
    registerLiveStore(current.store, { ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), reopen });
  };
  async function reopen(replace: () => Promise<void>): Promise<void> {
    let finished = () => {};
    reopening = new Promise<void>((resolve) => (finished = resolve));
    try {
      current.close();
      try {
        await replace();
      } finally {
        open(true);
      }
    } finally {
      reopening = null;
      finished();
    }
  }
  open(false);
  return {
    get store() {
      return current.store;
    },
    dispatch: async (method, input) => {
      while (reopening) await reopening;
      return current.dispatch(method, input);
    },
    close: () => current.close(),
  };
}
// end #16

function openServices(dbPath: string, options: ServiceOptions, reopened: boolean): AppServices {
  // #16 backups: a backup of the file as it was before a migration changes it.
  const store = openStore(dbPath, { beforeMigration: backUpBeforeMigration(dbPath), ...options });
  const stopBackups = options.backupSchedule
    ? startBackupSchedule(store, {
        ...options.backupSchedule,
        atStart: !reopened, // #16: a reopening after a restore is not a start
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        log: options.log ?? ((m) => process.stderr.write(`${m}\n`)),
      })
    : () => {};
  const dispatch = createDispatcher(
    namingStoreFaults(
      createHandlers(store, options.templates ?? lazyTemplates(), {
        ...(options.exportPorts ? { ports: options.exportPorts } : {}),
        ...(options.exportWorkerScript ? { workerScript: options.exportWorkerScript } : {}),
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      }),
      dbPath,
      () => store.checkpointWhenIdle(),
    ),
    {
      onUnexpected: (method, error) =>
        (options.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(`jfp: ${method} failed: ${(error as Error)?.stack ?? String(error)}`),
    },
  );
  return {
    store,
    dispatch,
    close: () => {
      stopBackups(); // #16
      store.close();
    },
  };
}

// #16 recovery: the app's own database, which may be found damaged at start (backups/recovery.ts).
export const startServicesWithRecovery = (dbPath: string, options: ServiceOptions = {}): RecoverableServices => startRecoverable(dbPath, options, startServices);
