/** The stable codes of registry refusals (see `DomainError`). */
export const RegistryErrorCode = {
  AlreadyExists: 'REGISTRY_ALREADY_EXISTS',
  NotFound: 'REGISTRY_NOT_FOUND',
  Invalid: 'REGISTRY_INVALID',
  NameTaken: 'REGISTRY_NAME_TAKEN',
} as const;

export type RegistryErrorCode = (typeof RegistryErrorCode)[keyof typeof RegistryErrorCode];
