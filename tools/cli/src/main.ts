import { CliError, ExitCode } from './cli-error.js';
import type { CommandGroup } from './command.js';
import { asksForHelp, CommandLine } from './command-line.js';
import { commandHelp, groupHelp, programHelp } from './help-text.js';
import { replayCommands } from './replay.command.js';
import { snapshotCommands } from './snapshot.command.js';
import { workspaceCommands } from './workspace.command.js';

const GROUPS: readonly CommandGroup[] = [workspaceCommands, snapshotCommands, replayCommands];

/** `snapforge <group> <command> [arguments] [options]`: resolves the command, runs it, returns the exit code. */
async function run(args: readonly string[]): Promise<ExitCode> {
  const [groupName, commandName, ...rest] = args;
  const program = programHelp(GROUPS);
  if (groupName === undefined) throw CliError.usage('missing command', program);
  if (groupName === '--help' || groupName === '-h') {
    process.stdout.write(program);
    return ExitCode.ok;
  }
  const group = GROUPS.find(({ name }) => name === groupName);
  if (!group) throw CliError.usage(`unknown command '${groupName}'`, program);
  if (commandName === undefined) throw CliError.usage(`missing ${group.name} command`, groupHelp(group));
  if (commandName === '--help' || commandName === '-h') {
    process.stdout.write(groupHelp(group));
    return ExitCode.ok;
  }
  const command = group.commands.find(({ name }) => name === commandName);
  if (!command) throw CliError.usage(`unknown command '${group.name} ${commandName}'`, groupHelp(group));
  const help = commandHelp(group, command);
  if (asksForHelp(rest)) {
    process.stdout.write(help);
    return ExitCode.ok;
  }
  return command.run(CommandLine.parse(command, rest, help));
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliError) {
    process.stderr.write(`snapforge: ${error.message}\n${error.usage ? `\n${error.usage}` : ''}`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`snapforge: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = ExitCode.failed;
  }
}
