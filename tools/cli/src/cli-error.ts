import { types } from 'node:util';

export const ExitCode = {
  ok: 0,
  /** The command ran and failed: an API error, a failed build, an unreachable server. */
  failed: 1,
  /** The command line or the configuration is wrong: nothing was attempted. */
  usage: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the CLI reports as one message and an exit code, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Usage text shown after the message, when the command line was wrong. */
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }

  static failed(message: string): CliError {
    return new CliError(message, ExitCode.failed);
  }

  static usage(message: string, usage?: string): CliError {
    return new CliError(message, ExitCode.usage, usage);
  }
}

/** The message of anything thrown; `isNativeError` also knows errors made in another realm (a Jest VM). */
export function errorMessage(error: unknown): string {
  return types.isNativeError(error) ? error.message : String(error);
}
