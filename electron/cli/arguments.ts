// Reads a `jfp` command line with node:util's parseArgs (strict): the global
// options, which command was asked for, and that command's own arguments and
// options. Every mistake becomes a usage error of one sentence.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError, type CliCommand, type CommandLine, type OptionSpec } from './command';

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  db: { type: 'string', placeholder: 'PATH', description: "Plan database file (default: $JFP_DB, else the app's own)" },
  json: { type: 'boolean', description: 'Print machine-readable JSON on stdout' },
  help: { type: 'boolean', short: 'h', description: 'Show help (overall, or for the command)' },
  version: { type: 'boolean', description: 'Show the version' },
};

export interface GlobalOptions {
  db?: string;
  json: boolean;
  help: boolean;
  version: boolean;
}

type ParsedValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

const parseArgsOptions = (specs: Record<string, OptionSpec>): NonNullable<ParseArgsConfig['options']> =>
  Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) }]),
  );

const globalsFrom = (values: ParsedValues): GlobalOptions => ({
  ...(typeof values.db === 'string' ? { db: values.db } : {}),
  json: values.json === true,
  help: values.help === true,
  version: values.version === true,
});

/**
 * Finds the command word (the first word that is not an option or an option's
 * value), without judging the rest of the line.
 */
export function splitCommand(argv: readonly string[]): { name?: string; rest: string[] } {
  const { tokens } = parseArgs({
    args: [...argv],
    options: parseArgsOptions(GLOBAL_OPTIONS),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const word = tokens.find((token) => token.kind === 'positional' || token.kind === 'option-terminator');
  if (!word || word.kind !== 'positional') return { rest: [...argv] };
  return { name: word.value, rest: argv.filter((_, i) => i !== word.index) };
}

function sentenceFor(error: unknown, command: CliCommand | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? 'an option';
  const where = command?.name ? `jfp ${command.name}` : 'jfp';
  const helpHint = command?.name ? `jfp help ${command.name}` : 'jfp --help';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `${where} has no option ${option}; run ${helpHint} to see its options.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/ambiguous/.test(message)) return `The value for ${option} starts with "-"; write it as ${option}=VALUE.`;
    if (/does not take an argument/.test(message)) return `${option} does not take a value.`;
    return `${option} needs a value.`;
  }
  return `The command line could not be read (${message.split('\n')[0]}); run ${helpHint}.`;
}

/** Parses the words after the command word strictly against the command's entry. */
export function parseCommandLine(command: CliCommand, rest: readonly string[]): { line: CommandLine; globals: GlobalOptions } {
  const specs = { ...GLOBAL_OPTIONS, ...command.options };
  let parsed: { values: ParsedValues; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...rest], options: parseArgsOptions(specs), strict: true, allowPositionals: true }) as typeof parsed;
  } catch (error) {
    throw usageError(sentenceFor(error, command));
  }
  const globals = globalsFrom(parsed.values);
  const values = parsed.values;

  const line: CommandLine = {
    arg(name) {
      const i = (command.args ?? []).findIndex((arg) => arg.name === name);
      const spec = command.args?.[i];
      if (!spec) throw new Error(`jfp ${command.name} declares no argument ${name}`);
      return spec.rest ? parsed.positionals.slice(i).join(' ') : (parsed.positionals[i] ?? '');
    },
    string(option) {
      const value = values[option];
      return typeof value === 'string' ? value : undefined;
    },
    flag(option) {
      return values[option] === true;
    },
    strings(option) {
      const value = values[option];
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    },
  };
  // With --help the command is not run, so its arguments need not be complete.
  if (!globals.help) checkComplete(command, parsed.positionals, values);
  return { line, globals };
}

function checkComplete(command: CliCommand, positionals: string[], values: ParsedValues): void {
  const args = command.args ?? [];
  const takesRest = args.some((arg) => arg.rest);
  const missing = args.find((arg, i) => !arg.optional && (positionals[i] === undefined || (positionals[i]!.trim() === '' && !arg.rest)));
  if (missing) throw usageError(`jfp ${command.name} needs ${missing.name}: ${usageLine(command)}.`);
  if (!takesRest && positionals.length > args.length) {
    throw usageError(`jfp ${command.name} does not take "${positionals[args.length]}"; run jfp help ${command.name}.`);
  }
  for (const [name, spec] of Object.entries(command.options ?? {})) {
    const value = values[name];
    if (spec.required && value === undefined) throw usageError(`jfp ${command.name} needs --${name} ${spec.placeholder ?? ''}`.trimEnd() + '.');
    if (spec.choices && typeof value === 'string') {
      const chosen = spec.choices.find((choice) => choice.toLowerCase() === value.trim().toLowerCase());
      if (!chosen) throw usageError(`--${name} must be ${spec.choices.join(' or ')}, not "${value}".`);
      values[name] = chosen;
    }
  }
}

/** "jfp search PLAN QUERY... [options]" */
export function usageLine(command: CliCommand): string {
  const args = (command.args ?? []).map((arg) => `${arg.optional ? '[' : ''}${arg.name}${arg.rest ? '...' : ''}${arg.optional ? ']' : ''}`);
  const required = Object.entries(command.options ?? {})
    .filter(([, spec]) => spec.required)
    .map(([name, spec]) => `--${name} ${spec.placeholder ?? ''}`.trimEnd());
  return ['jfp', command.name, ...args, ...required, '[options]'].join(' ');
}
