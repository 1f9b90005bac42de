// What a `jfp` command is: one entry in the command table (name, arguments,
// options, help text and a run function). The runner in ../cli.ts parses the
// command line against the entry, so a new command is one new entry.
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract';
import type { PlanSummary } from '../../shared/domain';
import type { ExportJobResult } from '../services/export/export-job';
import type { PortAnswers } from './cli-ports';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be given more than once; the values arrive as a list. */
  multiple?: boolean;
  short?: string;
  /** Placeholder shown in help, e.g. `--title TITLE`. */
  placeholder?: string;
  description: string;
  /** Refused as a usage error when missing, before anything is opened. */
  required?: boolean;
  /** Allowed values (matched without regard to case, passed on as written here). */
  choices?: readonly string[];
}

export interface ArgumentSpec {
  name: string;
  description: string;
  /** Takes every remaining word, joined by spaces (e.g. a search query). */
  rest?: boolean;
  /** May be left out; arg() then gives "". */
  optional?: boolean;
}

/** The parsed command line handed to a command. */
export interface CommandLine {
  /** A positional argument by its name in `args` ("" when an optional one is left out). */
  arg(name: string): string;
  string(option: string): string | undefined;
  /** Whether a boolean option was given. */
  flag(option: string): boolean;
  strings(option: string): string[];
}

/** What a command prints: `json` with --json, otherwise `text`. */
export interface CommandOutput {
  json: unknown;
  text: string;
  /** Non-zero when the command ran but found problems (e.g. `jfp a11y`); 0 when omitted. */
  exitCode?: number;
}

/** The services a command may use; every action, reads, writes, exports and imports, goes through dispatch. */
export interface CommandContext {
  /**
   * Calls a contract method; a refusal is thrown as a CliError carrying the app's sentence.
   * `answers` stands for the person's choice where the method asks one (the --out file, the file to import).
   */
  call<M extends MethodName>(method: M, input: MethodInput<M>, answers?: PortAnswers): Promise<MethodResult<M>>;
  /** Waits for an export started with startExport: what it found once saved, or its failure as a CliError. */
  exportFinished(jobId: string): Promise<ExportJobResult>;
  /** Finds a plan by its id or a unique start of it. */
  resolvePlan(reference: string): Promise<PlanSummary>;
  /** Whether highlighted text may use ANSI styling (stdout is a terminal). */
  color: boolean;
  now(): Date;
  dbPath: string;
}

export interface CliCommand {
  name: string;
  /** One line for the command list in `jfp --help`. */
  summary: string;
  args?: ArgumentSpec[];
  options?: Record<string, OptionSpec>;
  /** Paragraphs shown in `jfp help NAME` after the usage line. */
  details?: string[];
  examples?: string[];
  /**
   * Whether the command may create the database file when it does not exist.
   * Commands that only read refuse a missing file instead, so a mistyped --db
   * path never leaves an empty database behind.
   */
  createsDatabase?: boolean;
  /**
   * The command only reads: the database is opened read-only and never
   * migrated, so looking at a plan can never change the file.
   */
  readsOnly?: boolean;
  run(context: CommandContext, line: CommandLine): Promise<CommandOutput>;
}

/** A failure reported as one sentence. Exit code 2 means the command line was not valid. */
export class CliError extends Error {
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export const usageError = (message: string) => new CliError(message, 2);
