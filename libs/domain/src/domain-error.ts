/**
 * A refusal by the domain: the command is understood but breaks a rule. The `code` is stable
 * (callers map it to HTTP statuses and clients may branch on it); the `message` is for humans.
 */
export class DomainError<Code extends string = string> extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks the shape rather than relying on `instanceof` alone, so a refusal still counts as one
 * when two copies of this module end up loaded (tests, bundles).
 */
export function isDomainError(error: unknown): error is DomainError {
  return (
    error instanceof DomainError ||
    (error instanceof Error &&
      error.name === 'DomainError' &&
      typeof (error as { code?: unknown }).code === 'string')
  );
}
