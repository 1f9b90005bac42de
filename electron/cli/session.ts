// One run's connection to the plan database: opens the services on first use,
// sends every call through the contract's dispatcher (with the command line's
// ports where the app has dialogs), and finds plans by a start of their id.
// Refusals come back as CliErrors carrying the app's sentence.
import fs from 'node:fs';
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract';
import type { PlanSummary } from '../../shared/domain';
import { JfpError } from '../../shared/errors';
import { startServices, type AppServices } from '../services/app-services';
import { cliPorts, type PortAnswers } from './cli-ports';
import { CliError, usageError, type CommandContext } from './command';

export interface SessionOptions {
  dbPath: string;
  /** Create the database file if it is missing or empty (commands that add plans). */
  createsDatabase: boolean;
  /** Open the database read-only, never migrating it (commands that only read). */
  readsOnly?: boolean;
  /** The path is the app's own default: its folder is made when missing, as the app would. */
  defaultLocation?: boolean;
  /** Where a problem that did not stop the command is told (a checkpoint that failed on close). */
  warn?: (message: string) => void;
  color: boolean;
  now: () => Date;
  /** Where unexpected failures are described in full (JFP_DEBUG); otherwise they are not shown. */
  debug?: (message: string) => void;
}

function missing(file: string): boolean {
  try {
    fs.statSync(file);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

export interface Session extends CommandContext {
  close(): void;
}

export function openSession(options: SessionOptions): Session {
  let services: AppServices | undefined;
  const ports = cliPorts();

  function open(): AppServices {
    if (services) return services;
    // Only a file that is simply not there gets this hint; a path through a file or a closed folder is the store's to name.
    if (!options.createsDatabase && missing(options.dbPath)) {
      throw new CliError(`There is no plan database at ${options.dbPath}; create a plan with jfp new or jfp sample, or give the file with --db.`);
    }
    try {
      services = startServices(options.dbPath, {
        log: options.debug ?? (() => {}),
        readonly: options.readsOnly ?? false,
        create: options.createsDatabase ? 'missing-or-empty' : 'never',
        makeFolder: options.defaultLocation ?? false,
        exportPorts: ports,
        ...(options.warn ? { warn: options.warn } : {}),
      });
    } catch (error) {
      if (error instanceof JfpError) throw new CliError(error.message);
      throw error;
    }
    return services;
  }

  async function call<M extends MethodName>(method: M, input: MethodInput<M>, answers: PortAnswers = {}): Promise<MethodResult<M>> {
    const { dispatch } = open();
    const outcome = await ports.answering(answers, () => dispatch(method, input));
    if (outcome.ok) return outcome.value as MethodResult<M>;
    // The dispatcher's sentence for a failure it did not expect is the app's ("try again"); a terminal can show the failure itself.
    if (outcome.error.code === 'internal') {
      throw new CliError(
        options.debug
          ? 'The unexpected error shown above stopped the command; nothing was changed.'
          : 'An unexpected error stopped the command and nothing was changed; set JFP_DEBUG=1 to see it.',
      );
    }
    // Everything a command sends comes from its command line, so input the app refuses is a usage error.
    throw new CliError(outcome.error.message, outcome.error.code === 'invalid_input' ? 2 : 1);
  }

  async function exportFinished(jobId: string) {
    try {
      return await ports.exportSettled(jobId);
    } catch {
      // The job's status carries the sentence the app shows for the same failure.
      const status = await call('exportStatus', { jobId });
      throw new CliError(status.message);
    }
  }

  async function resolvePlan(reference: string): Promise<PlanSummary> {
    const wanted = reference.trim().toLowerCase();
    if (!wanted) throw usageError('Give a plan id (see jfp plans).');
    const plans = await call('listPlans', {});
    const exact = plans.find((plan) => plan.id.toLowerCase() === wanted);
    if (exact) return exact;
    const matches = plans.filter((plan) => plan.id.toLowerCase().startsWith(wanted));
    if (matches.length === 1) return matches[0]!;
    if (matches.length === 0) throw new CliError(`No plan has an id starting with "${reference}"; run jfp plans to see them.`);
    throw new CliError(`"${reference}" is the start of ${matches.length} plans' ids; give more of the id.`);
  }

  return {
    call,
    exportFinished,
    resolvePlan,
    color: options.color,
    now: options.now,
    dbPath: options.dbPath,
    close() {
      services?.close();
      services = undefined;
    },
  };
}
