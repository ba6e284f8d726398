import type { ExitCode } from './cli-error.js';
import type { CommandLine } from './command-line.js';

/** One flag of a command: what `util.parseArgs` needs plus what help shows. */
export interface CommandFlag {
  readonly type: 'string' | 'boolean';
  /** Placeholder for a string flag's value in help, e.g. `REF`. */
  readonly value?: string;
  readonly required?: boolean;
  readonly description: string;
}

export type CommandFlags = Readonly<Record<string, CommandFlag>>;

export interface CliCommand {
  readonly name: string;
  /** Positional arguments, all required, e.g. `['NAME']`. */
  readonly arguments: readonly string[];
  /** Positional arguments after the required ones that may be left out, e.g. `['PROJECTION']`. */
  readonly optionalArguments?: readonly string[];
  readonly summary: string;
  readonly flags: CommandFlags;
  run(line: CommandLine): Promise<ExitCode>;
}

/** `snapforge <group> <command>`: commands about one kind of thing. */
export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly CliCommand[];
}
