/** The stable codes of sandbox refusals (see `DomainError`). */
export const SandboxErrorCode = {
  AlreadyExists: 'SANDBOX_ALREADY_EXISTS',
  NotFound: 'SANDBOX_NOT_FOUND',
  Invalid: 'SANDBOX_INVALID',
  NameTaken: 'SANDBOX_NAME_TAKEN',
  /** The operation needs a ready sandbox (stop). */
  NotReady: 'SANDBOX_NOT_READY',
  /** The operation needs a stopped sandbox (start). */
  NotStopped: 'SANDBOX_NOT_STOPPED',
  /** A launcher reports a container ready for a sandbox that no longer waits for one. */
  NotProvisioning: 'SANDBOX_NOT_PROVISIONING',
} as const;

export type SandboxErrorCode = (typeof SandboxErrorCode)[keyof typeof SandboxErrorCode];
