// Help text for `jfp --help` and `jfp help COMMAND`, written from the command
// table so a new command documents itself.
import { GLOBAL_OPTIONS, usageLine } from './arguments';
import type { CliCommand, OptionSpec } from './command';

function optionRows(specs: Record<string, OptionSpec>): string[][] {
  return Object.entries(specs).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.placeholder ? ` ${spec.placeholder}` : ''}`;
    return [flag, spec.description + (spec.multiple ? ' (repeatable)' : '')];
  });
}

function twoColumns(rows: string[][]): string {
  const width = Math.max(...rows.map(([left]) => left!.length));
  return rows.map(([left, right]) => `  ${left!.padEnd(width)}  ${right}`).join('\n');
}

const EXIT_STATUS = 'Exit status: 0 done; 1 the action failed (e.g. plan not found, database problem); 2 the command line or a value in it was not valid.';

export function overallHelp(commands: readonly CliCommand[], defaultDbPath: string): string {
  return [
    'jfp: JFP Studio on the command line, for scripting, automation and support.',
    'It works on the same plan database as the app, through the same checks.',
    '',
    'Usage: jfp COMMAND [ARGUMENTS] [options]',
    '',
    'Commands:',
    twoColumns([...commands.map((command) => [command.name, command.summary]), ['help COMMAND', 'Show the help for a command']]),
    '',
    'Options for every command:',
    twoColumns(optionRows(GLOBAL_OPTIONS)),
    '',
    `The app's own database here: ${defaultDbPath}`,
    'PLAN is a plan id, or any start of one that no other plan shares (see jfp plans).',
    EXIT_STATUS,
    'Run jfp help COMMAND (or jfp COMMAND --help) for its arguments and options.',
  ].join('\n');
}

export function commandHelp(command: CliCommand): string {
  const parts = [`Usage: ${usageLine(command)}`, '', `${command.summary}.`];
  for (const paragraph of command.details ?? []) parts.push('', paragraph);
  if (command.args?.length) parts.push('', 'Arguments:', twoColumns(command.args.map((arg) => [arg.name, arg.description])));
  if (command.options && Object.keys(command.options).length > 0) {
    parts.push('', 'Options:', twoColumns(optionRows(command.options)));
  }
  parts.push('', 'Also: --db PATH, --json (JSON on stdout), -h/--help. See jfp --help.');
  if (command.examples?.length) parts.push('', 'Example:', ...command.examples.map((example) => `  ${example}`));
  return parts.join('\n');
}
