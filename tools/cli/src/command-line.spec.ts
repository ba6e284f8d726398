import { CliError, ExitCode } from './cli-error.js';
import type { CliCommand } from './command.js';
import { CommandLine } from './command-line.js';
import { parseByteSize } from './byte-size.js';

const command: CliCommand = {
  name: 'create',
  arguments: ['NAME'],
  summary: 'test command',
  flags: {
    image: { type: 'string', required: true, description: 'image' },
    size: { type: 'string', description: 'size' },
    json: { type: 'boolean', description: 'json' },
  },
  run: async () => ExitCode.ok,
};

function usageError(args: string[]): CliError {
  try {
    CommandLine.parse(command, args, 'USAGE');
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error(`${args.join(' ')} was accepted`);
}

describe('CommandLine', () => {
  it('gives arguments by name and flags by type, in any order', () => {
    const line = CommandLine.parse(command, ['--json', 'box', '--image', 'busybox', '--size=2GiB'], 'USAGE');
    expect(line.argument('NAME')).toBe('box');
    expect(line.string('image')).toBe('busybox');
    expect(line.flag('json')).toBe(true);
    expect(line.converted('size', parseByteSize, 'a size')).toBe(2 * 1024 ** 3);
    expect(CommandLine.parse(command, ['box', '--image', 'busybox'], 'USAGE').converted('size', parseByteSize, 'a size')).toBeUndefined();
  });

  it.each([
    [['--image', 'busybox'], 'missing NAME'],
    [['a', 'b', '--image', 'busybox'], "unexpected argument 'b'"],
    [['box'], '--image is required'],
    [['box', '--image'], "option '--image <value>' argument missing"],
    [['box', '--image', 'busybox', '--bogus'], "unknown option '--bogus'"],
    [['box', '--image', 'busybox', '--json=yes'], "option '--json' does not take an argument"],
  ])('refuses %j with a usage error: %s', (args, message) => {
    const error = usageError(args);
    expect(error).toMatchObject({ message, exitCode: ExitCode.usage, usage: 'USAGE' });
  });

  it('names the flag whose value does not convert', () => {
    const line = CommandLine.parse(command, ['box', '--image', 'busybox', '--size', 'lots'], 'USAGE');
    expect(() => line.converted('size', parseByteSize, 'a size')).toThrow(
      expect.objectContaining({ message: "--size: expected a size, got 'lots'", exitCode: ExitCode.usage }),
    );
  });
});

describe('CommandLine with an optional argument', () => {
  const rebuild: CliCommand = { name: 'rebuild', arguments: [], optionalArguments: ['PROJECTION'], summary: 'test command', flags: {}, run: async () => ExitCode.ok };

  it('gives the optional argument when it is there, and undefined when it is left out', () => {
    expect(CommandLine.parse(rebuild, ['snapshots'], 'USAGE').optionalArgument('PROJECTION')).toBe('snapshots');
    expect(CommandLine.parse(rebuild, [], 'USAGE').optionalArgument('PROJECTION')).toBeUndefined();
  });

  it('still refuses an argument beyond it', () => {
    expect(() => CommandLine.parse(rebuild, ['snapshots', 'more'], 'USAGE')).toThrow("unexpected argument 'more'");
  });
});
