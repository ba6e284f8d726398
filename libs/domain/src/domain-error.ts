/**
 * Machine-readable facts about a refusal beyond its code (e.g. the job a refresh ran into), so
 * that callers can answer with them without parsing the message. Plain values, so they survive
 * serialisation across services.
 */
export type DomainErrorDetails = Readonly<Record<string, string | number | boolean>>;

/**
 * A refusal by the domain: the command is understood but breaks a rule. The `code` is stable
 * (callers map it to HTTP statuses and clients may branch on it); the `message` is for humans.
 */
export class DomainError<Code extends string = string> extends Error {
  override readonly name = 'DomainError';
  readonly details?: DomainErrorDetails;

  constructor(
    readonly code: Code,
    message: string,
    details?: DomainErrorDetails,
  ) {
    super(message);
    // Absent rather than present as undefined, like every optional field of the domain.
    if (details !== undefined) this.details = details;
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
