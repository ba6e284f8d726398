import { parseArgs } from 'node:util';
import { CliError, errorMessage } from './cli-error.js';
import type { CliCommand, CommandFlags } from './command.js';

type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

/** A command's arguments and flags, checked against its definition; every mistake is a usage error. */
export class CommandLine {
  private constructor(
    private readonly command: CliCommand,
    private readonly positionals: readonly string[],
    private readonly values: FlagValues,
    private readonly help: string,
  ) {}

  /** `help` is what a usage error shows after its message. */
  static parse(command: CliCommand, args: readonly string[], help: string): CommandLine {
    let parsed: { values: FlagValues; positionals: string[] };
    try {
      parsed = parseArgs({ args: [...args], options: parseOptions(command.flags), allowPositionals: true, strict: true });
    } catch (error) {
      // Node's messages go on with hints about `--`; the first sentence says what is wrong.
      throw CliError.usage(firstSentence(errorMessage(error)), help);
    }
    const missing = command.arguments.slice(parsed.positionals.length);
    if (missing.length) throw CliError.usage(`missing ${missing.join(' ')}`, help);
    const extra = parsed.positionals.slice(command.arguments.length + (command.optionalArguments?.length ?? 0));
    if (extra.length) throw CliError.usage(`unexpected argument '${extra[0]}'`, help);
    for (const [name, flag] of Object.entries(command.flags)) {
      if (flag.required && parsed.values[name] === undefined) throw CliError.usage(`--${name} is required`, help);
    }
    return new CommandLine(command, parsed.positionals, parsed.values, help);
  }

  /** A positional argument by its name in the command's definition. */
  argument(name: string): string {
    const index = this.command.arguments.indexOf(name);
    const value = this.positionals[index];
    if (index < 0 || value === undefined) throw new Error(`${this.command.name} has no argument ${name}`);
    return value;
  }

  /** An optional positional argument by its name; undefined when it was left out. */
  optionalArgument(name: string): string | undefined {
    const index = this.command.optionalArguments?.indexOf(name) ?? -1;
    if (index < 0) throw new Error(`${this.command.name} has no optional argument ${name}`);
    return this.positionals[this.command.arguments.length + index];
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    return typeof value === 'string' ? value : undefined;
  }

  flag(name: string): boolean {
    return this.values[name] === true;
  }

  /** A string flag converted by `parse`; a value it refuses is a usage error naming the flag. */
  converted<T>(name: string, parse: (text: string) => T | undefined, expected: string): T | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    const value = parse(text);
    if (value === undefined) throw this.usageError(`--${name}: expected ${expected}, got '${text}'`);
    return value;
  }

  /** A mistake in this command line that only the command can see (e.g. an argument's value), with its help. */
  usageError(message: string): CliError {
    return CliError.usage(message, this.help);
  }
}

/** `--help` anywhere asks for help, even on a command line that is otherwise incomplete. */
export function asksForHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

function parseOptions(flags: CommandFlags): Record<string, { type: 'string' | 'boolean' }> {
  return Object.fromEntries(Object.entries(flags).map(([name, flag]) => [name, { type: flag.type }]));
}

function firstSentence(message: string): string {
  const sentence = message.split(/\.\s|\n/)[0] ?? message;
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}
