// The `jfp` command line, "like `code` beside VS Code": scripting, automation
// and support over the same services and contract as the app. bin/jfp.cjs runs
// the bundle of this file (dist/cli/jfp.cjs); tests call runCli in-process.
import path from 'node:path';
import { version } from '../package.json';
import { parseCommandLine, splitCommand, type GlobalOptions } from './cli/arguments';
import { CliError, usageError, type CliCommand } from './cli/command';
import { COMMANDS, findCommand } from './cli/commands';
import { commandHelp, overallHelp } from './cli/help';
import { openSession } from './cli/session';
import { terminalSafe, terminalSafeJson } from './cli/text-layout';
import { defaultDbPath } from './services/paths';
import { SCHEMA_VERSION } from './services/store/migrations';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Mark search matches with ANSI bold rather than [brackets] (stdout is a terminal). */
  color?: boolean;
  /** The clock for defaults such as the next financial year. */
  now?: () => Date;
}

const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** Runs one `jfp` invocation and resolves to its exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  const out = (text: string) => io.stdout(line(text));
  try {
    const { name, rest } = splitCommand(argv);
    if (name === undefined) {
      const { globals } = parseGlobalsOnly(rest);
      if (globals.version) return printVersion(globals, out);
      out(overallHelp(COMMANDS, defaultDbPath(env)));
      return globals.help ? 0 : 2;
    }
    if (name === 'help') return printHelpFor(rest, env, out);
    const command = findCommand(name);
    if (!command) throw usageError(`"${name}" is not a jfp command; run jfp --help to see the commands.`);
    const { line: commandLine, globals } = parseCommandLine(command, rest);
    if (globals.help) {
      out(commandHelp(command));
      return 0;
    }
    if (globals.version) return printVersion(globals, out);
    return await runCommand(command, commandLine, globals, io, env, out);
  } catch (error) {
    io.stderr(line(terminalSafe(`jfp: ${sentence(error, env)}`)));
    return error instanceof CliError ? error.exitCode : 1;
  }
}

async function runCommand(
  command: CliCommand,
  commandLine: ReturnType<typeof parseCommandLine>['line'],
  globals: GlobalOptions,
  io: CliIo,
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
): Promise<number> {
  const dbPath = path.resolve(globals.db ?? (env.JFP_DB || defaultDbPath(env)));
  const session = openSession({
    dbPath,
    createsDatabase: command.createsDatabase ?? false,
    readsOnly: command.readsOnly ?? false,
    defaultLocation: dbPath === path.resolve(defaultDbPath(env)),
    warn: (message) => io.stderr(line(message)),
    color: io.color ?? false,
    now: io.now ?? (() => new Date()),
    ...(env.JFP_DEBUG ? { debug: (message: string) => io.stderr(line(message)) } : {}),
  });
  try {
    // Every command works through the dispatcher, which already names the store's faults in a sentence.
    const result = await command.run(session, commandLine);
    // Plan titles, names and comments are anyone's text: nothing in them may drive the terminal.
    out(globals.json ? terminalSafeJson(JSON.stringify(result.json, null, 2)) : terminalSafe(result.text, { keepStyles: io.color ?? false }));
    return result.exitCode ?? 0;
  } finally {
    // Never throws: what the command did is committed and reported above, whatever closing meets.
    session.close();
  }
}

/** `jfp help [COMMAND]`: handled here because it reads the command table. */
const helpCommand: CliCommand = {
  name: 'help',
  summary: 'Show the help for a command',
  args: [{ name: 'COMMAND', description: 'A command name', optional: true }],
  run: async () => ({ json: null, text: '' }),
};

/** The global options when no command word was given (jfp --version, jfp --help). */
function parseGlobalsOnly(rest: string[]): { globals: GlobalOptions } {
  return parseCommandLine({ ...helpCommand, name: '', args: [] }, rest);
}

function printVersion(globals: GlobalOptions, out: (text: string) => void): number {
  out(globals.json ? JSON.stringify({ version, schemaVersion: SCHEMA_VERSION }) : version);
  return 0;
}

function printHelpFor(rest: string[], env: NodeJS.ProcessEnv, out: (text: string) => void): number {
  const wanted = parseCommandLine(helpCommand, rest).line.arg('COMMAND');
  if (!wanted) {
    out(overallHelp(COMMANDS, defaultDbPath(env)));
    return 0;
  }
  const command = wanted === helpCommand.name ? helpCommand : findCommand(wanted);
  if (!command) throw usageError(`"${wanted}" is not a jfp command; run jfp --help to see the commands.`);
  out(commandHelp(command));
  return 0;
}

/** One sentence for any failure: ours and the app's as written, anything else summarised. */
function sentence(error: unknown, env: NodeJS.ProcessEnv): string {
  if (error instanceof CliError) return error.message;
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
  const detail = env.JFP_DEBUG && error instanceof Error ? `\n${error.stack}` : '';
  // Not knowing what failed, it cannot say whether anything was saved: it says how to find out.
  return `jfp stopped on an unexpected error (${first}); run jfp plans to see what is in the database. Set JFP_DEBUG=1 for details.${detail}`;
}

/**
 * Drops Node's DEP0005 warning ("Buffer() is deprecated") when, and only when, it
 * comes from archiver-utils' normalizeInputSource. exceljs's streaming .xlsx writer
 * zips its parts with archiver 5, whose archiver-utils 2 calls `new Buffer(string)`
 * (harmless: a copy of a string exceljs wrote). Node warns only for code outside
 * node_modules, which a bundled copy is, so `jfp commitments --xlsx` would print it
 * to users. archiver-utils 3 no longer does, but archiver 5 does not work with it.
 * Every other warning, DEP0005 from anywhere else included, still prints.
 */
export function quietArchiverBufferWarning(): void {
  const emitWarning = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const code = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { code?: string }).code : rest[1];
    if (code === 'DEP0005' && /\bnormalizeInputSource\b/.test(new Error().stack ?? '')) return;
    (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
  }) as typeof process.emitWarning;
}

/** The bundle's entry: run with the process's arguments and streams, then set the exit code. */
export async function main(): Promise<void> {
  quietArchiverBufferWarning();
  const stdout = process.stdout;
  // `jfp plans | head -1` closes the pipe early: that is the reader's choice, not a failure.
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (text) => stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    color: Boolean(stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
  });
}

// Run when the bundle is started directly (node dist/cli/jfp.cjs); bin/jfp.cjs calls main() itself.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) void main();
