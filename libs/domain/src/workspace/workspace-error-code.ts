/** The stable codes of workspace and API key refusals (see `DomainError`). */
export const WorkspaceErrorCode = {
  AlreadyExists: 'WORKSPACE_ALREADY_EXISTS',
  NotFound: 'WORKSPACE_NOT_FOUND',
  Invalid: 'WORKSPACE_INVALID',
  ApiKeyNotFound: 'API_KEY_NOT_FOUND',
  ApiKeyAlreadyExists: 'API_KEY_ALREADY_EXISTS',
} as const;

export type WorkspaceErrorCode = (typeof WorkspaceErrorCode)[keyof typeof WorkspaceErrorCode];
