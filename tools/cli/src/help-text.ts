import type { CliCommand, CommandFlag, CommandGroup } from './command.js';

const PROGRAM = 'snapforge';
const HELP_FLAG = '-h, --help';

export function programHelp(groups: readonly CommandGroup[]): string {
  const commands = groups.flatMap((group) => group.commands.map((command) => [commandSynopsis(group, command), command.summary] as const));
  return [
    `Usage: ${PROGRAM} <group> <command> [arguments] [options]`,
    '',
    'Commands:',
    ...columns(commands),
    '',
    `Run '${PROGRAM} <group> <command> --help' for a command's options.`,
    '',
  ].join('\n');
}

export function groupHelp(group: CommandGroup): string {
  return [
    `Usage: ${PROGRAM} ${group.name} <command> [arguments] [options]`,
    '',
    `${group.summary}.`,
    '',
    'Commands:',
    ...columns(group.commands.map((command) => [commandSynopsis(group, command), command.summary] as const)),
    '',
  ].join('\n');
}

export function commandHelp(group: CommandGroup, command: CliCommand): string {
  const flags = Object.entries(command.flags).map(([name, flag]) => [flagSynopsis(name, flag), flagDescription(flag)] as const);
  return [
    `Usage: ${PROGRAM} ${commandSynopsis(group, command)} [options]`,
    '',
    `${command.summary}.`,
    '',
    'Options:',
    ...columns([...flags, [HELP_FLAG, 'show this help']]),
    '',
  ].join('\n');
}

/** `snapshot create NAME --image REF`: the arguments (optional ones in brackets) and the required flags. */
function commandSynopsis(group: CommandGroup, command: CliCommand): string {
  const required = Object.entries(command.flags).filter(([, flag]) => flag.required);
  const optional = (command.optionalArguments ?? []).map((name) => `[${name}]`);
  return [group.name, command.name, ...command.arguments, ...optional, ...required.map(([name, flag]) => flagSynopsis(name, flag))].join(' ');
}

function flagSynopsis(name: string, flag: CommandFlag): string {
  return flag.type === 'string' ? `--${name} ${flag.value ?? 'VALUE'}` : `--${name}`;
}

function flagDescription(flag: CommandFlag): string {
  return flag.required ? `${flag.description} (required)` : flag.description;
}

function columns(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}   ${right}`);
}
